"""A one-line field for tags ("work, family") that completes tags already used.

The tags used in the last year are offered as the person types: Right (at the
end of the field) takes the completion. Tags are split at commas; a ``#`` in
front is fine too. The words are checked and tidied when the record is saved
(:func:`growth_tui.core.records.tag_words`).
"""

from __future__ import annotations

from collections.abc import Callable

from textual.suggester import Suggester

from ...core.tags import complete_tag, typed_tags
from ..textual_compat import SameCellsInput

PLACEHOLDER = "work, family… (→ completes a tag used before)"


class UsedTags(Suggester):
    """Completes the last tag in the field from the tags already used (read when first needed)."""

    def __init__(self, read: Callable[[], list[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self._read = read
        self._known: list[str] | None = None

    def forget(self) -> None:
        """Read the tags again next time (a record was saved)."""
        self._known = None

    async def get_suggestion(self, value: str) -> str | None:
        if self._known is None:
            try:
                self._known = self._read()
            except Exception:  # noqa: BLE001 - completion is a nicety; typing never stops for it
                self._known = []
        return complete_tag(value, self._known)


class TagsField(SameCellsInput):
    """The tags field: comma-separated words, completed from those already used."""

    def __init__(self, read_used: Callable[[], list[str]], placeholder: str = PLACEHOLDER, **kwargs: object) -> None:
        # Tab into the field puts the cursor after the tags there, so typing adds one (never replaces them all).
        kwargs.setdefault("select_on_focus", False)
        super().__init__(placeholder=placeholder, suggester=UsedTags(read_used), **kwargs)  # type: ignore[arg-type]

    @property
    def tags(self) -> list[str]:
        """The tags as typed (split at commas and ``#``, untidied)."""
        return typed_tags(self.value)

    @tags.setter
    def tags(self, tags: list[str]) -> None:
        self.value = ", ".join(tags)
        self.cursor_position = len(self.value)

    def forget_used(self) -> None:
        """Read the used tags again when next completing (something was saved)."""
        if isinstance(self.suggester, UsedTags):
            self.suggester.forget()
