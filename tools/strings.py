#!/usr/bin/env python3
"""Every string in growth_tui that a person can read, one per line, to review the words end to end.

    python tools/strings.py            # path:line: words, in file order
    python tools/strings.py --words    # the words only, sorted, once each

Found with ``ast``: string literals and f-strings (their holes shown as ``{…}``),
leaving out docstrings, CSS, keys and ids, action names, selectors, format
strings, file names and anything else that looks like code rather than words.
It errs towards listing too much: reading a stray id costs less than missing a
sentence. ``tests/test_words.py`` checks every string listed for "(s)"
plurals and a few phrases growth never says.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "growth_tui"

#: Keyword arguments whose value is code, not words.
CODE_KEYWORDS = {
    "id",
    "classes",
    "name",
    "group",
    "key_display",
    "action",
    "variant",
    "dest",
    "metavar",
    "type",
    "encoding",
    "errors",
    "mode",
    "severity",
    "style",
    "selector",
    "expect_type",
    "prog",
    "sep",
    "end",
    "newline",
    "format",
    "suffix",
    "prefix",
    "dir",
    "choices",
    "default",
    "const",
    "nargs",
}
#: Assignments whose value is code (CSS and the like).
CODE_NAMES = {
    "DEFAULT_CSS",
    "CSS",
    "_STYLE",
    "CSS_PATH",
    "SCOPED_CSS",
    "COMPONENT_CLASSES",
    "AUTO_FOCUS",
    "DEFAULT_MODE",
}
#: Calls whose string arguments are code.
CODE_CALLS = {
    "query",
    "query_one",
    "query_exactly_one",
    "query_children",
    "get_child_by_id",
    "set_class",
    "add_class",
    "remove_class",
    "has_class",
    "toggle_class",
    "set_styles",
    "run_action",
    "getattr",
    "setattr",
    "hasattr",
    "get",
    "pop",
    "setdefault",
    "startswith",
    "endswith",
    "split",
    "rsplit",
    "strip",
    "rstrip",
    "lstrip",
    "replace",
    "join",
    "encode",
    "decode",
    "compile",
    "match",
    "search",
    "fullmatch",
    "sub",
    "findall",
    "strftime",
    "strptime",
    "glob",
    "rglob",
    "with_suffix",
    "with_name",
    "open",
    "environ",
    "getenv",
    "Path",
    "isinstance",
    "Binding",
    "Signal",
    "TypeVar",
    "cast",
    "field",
    "run_worker",
    "work",
    "set_interval",
    "set_timer",
    "exec",
    "subprocess",
    "run",
    "Popen",
    "import_module",
    "switch_mode",
    "Color",
    "parse",
    "mount",
    "fromisoformat",
    "warn",
}
#: A string with no space that looks like this is a key, an id or a name, not words.
CODE_LIKE = re.compile(r"^[\w.\-/:+#%*?$<>=\[\]{}|,^~@!\\&;()']*$")


@dataclass(frozen=True)
class Found:
    path: Path
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.path.relative_to(ROOT.parent)}:{self.line}: {self.text}"


def _docstrings(tree: ast.AST) -> set[int]:
    """The ids of every docstring node (module, class, function)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
        # A string standing alone as a statement (an attribute's docstring) is not shown either.
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str):
            found.add(id(node.value))
    return found


def _call_name(call: ast.Call) -> str:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return ""


def _skipped(tree: ast.AST) -> set[int]:
    """Ids of nodes (and everything under them) whose strings are code."""
    skip: set[int] = set()

    def under(node: ast.AST) -> None:
        for child in ast.walk(node):
            skip.add(id(child))

    for node in ast.walk(tree):
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {t.id for t in targets if isinstance(t, ast.Name)} | {
                t.attr for t in targets if isinstance(t, ast.Attribute)
            }
            if names & CODE_NAMES and node.value is not None:
                under(node.value)
        elif isinstance(node, ast.Call):
            name = _call_name(node)
            if name in CODE_CALLS:
                if name == "Binding":
                    # The key and the action are code; the description and tooltip are words.
                    for arg in node.args[:2]:
                        under(arg)
                    for keyword in node.keywords:
                        if keyword.arg in ("key", "action", "id", "key_display", "group"):
                            under(keyword.value)
                elif name in ("get", "pop", "setdefault"):
                    for arg in node.args[:1]:
                        under(arg)
                else:
                    for arg in node.args:
                        under(arg)
            for keyword in node.keywords:
                if keyword.arg in CODE_KEYWORDS:
                    under(keyword.value)
        elif isinstance(node, ast.Subscript):
            under(node.slice)
        elif isinstance(node, ast.Compare):
            # `x == "done"`, `kind in ("a", "b")`: values compared against, not said.
            for part in [node.left, *node.comparators]:
                if isinstance(part, ast.Constant | ast.Tuple | ast.List | ast.Set):
                    under(part)
        elif isinstance(node, ast.Dict):
            for key in node.keys:
                if key is not None:
                    under(key)
        elif isinstance(node, ast.keyword) and node.arg in CODE_KEYWORDS:
            under(node.value)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for default in [*node.args.defaults, *node.args.kw_defaults]:
                if default is not None and isinstance(default, ast.Constant):
                    skip.add(id(default))
        elif isinstance(node, ast.Match | ast.match_case):
            pass
    return skip


def _f_string_text(node: ast.JoinedStr) -> str:
    parts: list[str] = []
    for value in node.values:
        if isinstance(value, ast.Constant) and isinstance(value.value, str):
            parts.append(value.value)
        else:
            parts.append("{…}")
    return "".join(parts)


def _is_words(text: str) -> bool:
    stripped = text.strip()
    if not stripped or not re.search(r"[A-Za-z]{2}", stripped):
        return False
    if " " not in stripped and (CODE_LIKE.match(stripped) and not stripped[:1].isupper()):
        return False  # an id, a key, a field name, a file name
    if re.fullmatch(r"[#.][\w\-{…}]+(, *[#.][\w\-{…}]+)*", stripped):
        return False  # a CSS selector, like "#draft-{…}, #draft-{…}"
    if stripped.startswith(("%", "^", "(?", "\\")) or re.fullmatch(r"[\w\- ]*\{…\}[\w\-. /]*", stripped):
        return False  # a format, a pattern, a name built from a value
    return True


def user_strings(root: Path = ROOT) -> Iterator[Found]:
    """Every string under ``root`` a person might read, in file order."""
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        skip = _skipped(tree) | _docstrings(tree)
        inside_f: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.JoinedStr):
                for child in ast.walk(node):
                    if child is not node:
                        inside_f.add(id(child))
        found: list[Found] = []
        for node in ast.walk(tree):
            if id(node) in skip or id(node) in inside_f:
                continue
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
            elif isinstance(node, ast.JoinedStr):
                text = _f_string_text(node)
            else:
                continue
            if _is_words(text):
                found.append(Found(path, node.lineno, " ".join(text.split())))
        yield from sorted(found, key=lambda item: item.line)


def main(argv: list[str]) -> int:
    found = list(user_strings())
    if "--words" in argv:
        for text in sorted({item.text for item in found}, key=str.lower):
            print(text)
    else:
        for item in found:
            print(item)
    print(f"{len(found)} strings", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
