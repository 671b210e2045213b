"""`growth show`: what was recorded on some days, as calm plain text.

Text is cleaned again on the way out: data written by another tool (or an older
version) must not be able to send escape sequences to the terminal.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from .dates import day_words
from .records import ENERGY, MOODS, WIN_KIND_LABELS, cadence_words, clean_text, meds_words, one_line, sleep_words

if TYPE_CHECKING:
    from .store import Store

KIND_TYPES = {"checkin": ("checkin",), "win": ("win",), "goal": ("goal", "completion"), "journal": ("journal",)}


def _time(record: dict[str, Any]) -> str:
    return record.get("at", "")[11:16]


def _safe(text: Any, width: int = 70) -> str:
    return one_line(clean_text(str(text or "")), width)


def describe(record: dict[str, Any], goal_titles: dict[str, str]) -> tuple[str, str]:
    """(label, description) of one record, in plain words."""
    kind = record["type"]
    if kind == "checkin":
        word, glyph = MOODS.get(record.get("mood") or 0, ("?", "?"))
        parts = [f"{glyph} {record.get('mood')} {word}"]
        if record.get("energy"):
            parts.append(f"energy {record['energy']} ({ENERGY.get(record['energy'], '')})")
        if record.get("weight") is not None:
            parts.append(f"load {record['weight']}/10")
        if record.get("feelings"):
            parts.append(", ".join(_safe(f, 40) for f in record["feelings"]))
        if record.get("note"):
            parts.append(f"“{_safe(record['note'], 60)}”")
        parts += [words for words in (sleep_words(record), meds_words(record)) if words]
        if record.get("meds_note"):
            parts.append(f"“{_safe(record['meds_note'], 60)}”")
        return "check-in", " · ".join(parts)
    if kind == "win":
        label, glyph = WIN_KIND_LABELS.get(record.get("kind", ""), (record.get("kind", ""), "·"))
        star = " ★" if record.get("starred") else ""
        by = f" — noticed by {_safe(record['by'], 30)}" if record.get("by") else ""
        return "win", f"{glyph} {_safe(record.get('text'))}{star} ({label}){by}"
    if kind == "goal":
        return "goal", f"added: {_safe(record.get('title'))} ({cadence_words(record)})"
    if kind == "completion":
        title = _safe(goal_titles.get(record.get("goal", ""), "a tiny goal"))
        if record.get("status") == "rest":
            return "goal", f"☾ rest day: {title}"
        return "goal", f"✓ done: {title}"
    heading = record.get("title")
    body = _safe(record.get("text"), 60)
    star = " ★" if record.get("starred") else ""
    return "journal", f"{_safe(heading, 40)} — {body}{star}" if heading else f"{body}{star}"


def render_days(store: Store, first: date, last: date, kind: str | None = None) -> list[str]:
    """Lines for every record from ``first`` to ``last``, grouped by day, oldest first."""
    types = KIND_TYPES[kind] if kind else ("checkin", "win", "goal", "completion", "journal")
    goals = store.goals(include_archived=True, include_deleted=True)
    titles = {g["id"]: g["title"] for g in goals}
    found: list[dict[str, Any]] = []
    for type_ in types:
        if type_ == "goal":
            found.extend(
                dict(g) for g in goals if not g.get("deleted_at") and first.isoformat() <= g["day"] <= last.isoformat()
            )
        else:
            found.extend(store.records(type_, first, last))
    found.sort(key=lambda r: (r["day"], r.get("at", ""), r.get("created_at", "")))
    lines: list[str] = []
    current = ""
    for record in found:
        if record["day"] != current:
            current = record["day"]
            if lines:
                lines.append("")
            lines.append(day_words(date.fromisoformat(current), year=True))
        label, text = describe(record, titles)
        lines.append(f"  {_time(record)}  {label:<9} {text}")
    return lines
