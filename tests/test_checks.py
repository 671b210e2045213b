"""The checkers, run as part of the suite so the README's one test command (and CI) enforces them.

- mypy (settings in pyproject.toml: ``check_untyped_defs``) over the package: zero errors.
- ruff's lint rules over the package and the tests: zero findings; `ruff format` changes nothing.
- import-linter's contracts: the core imports neither Textual, Rich, the app nor the command
  line; the app never imports the command line.

Each is skipped, saying why, only when the tool is not installed (``pip install -e ".[test]"``
installs all three).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(module: str, args: list[str]) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed; pip install -e '.[test]' installs it")
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "NO_COLOR": "1"},
    )


def _say(done: subprocess.CompletedProcess[str]) -> str:
    return f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"


def test_mypy_finds_no_errors(tmp_path):
    """Every module type-checks with the settings in pyproject.toml (the cache kept out of the tree)."""
    done = _run("mypy", ["--cache-dir", str(tmp_path / "mypy"), "--no-error-summary"])
    assert done.returncode == 0, _say(done)


def test_ruff_finds_nothing(tmp_path):
    """ruff's lint rules (pyproject.toml) pass over the package and the tests."""
    done = _run("ruff", ["check", "--no-cache", "growth_tui", "tests"])
    assert done.returncode == 0, _say(done)


def test_ruff_format_leaves_everything_as_it_is(tmp_path):
    """The package and the tests are laid out as `ruff format` would lay them out."""
    done = _run("ruff", ["format", "--check", "--no-cache", "growth_tui", "tests"])
    assert done.returncode == 0, _say(done)


def test_import_contracts_are_kept(tmp_path):
    """import-linter: the core stays free of Textual, Rich, the app and the command line."""
    if importlib.util.find_spec("importlinter") is None:
        pytest.skip("import-linter is not installed; pip install -e '.[test]' installs it")
    lint_imports = Path(sys.executable).with_name("lint-imports")
    command = [str(lint_imports)] if lint_imports.exists() else [shutil.which("lint-imports") or "lint-imports"]
    done = subprocess.run(
        [*command, "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        # The package is imported from this checkout, installed or not.
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_COLOR": "1"},
    )
    assert done.returncode == 0, _say(done)
