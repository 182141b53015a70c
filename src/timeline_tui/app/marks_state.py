"""The reader's marks while the app runs: read once, kept on disk at every `m`. No Textual.

The marks file (`timeline_tui.query.marks`) is the truth: a toggle reads it
again before writing, so marks made meanwhile by another window are kept.
"""

from __future__ import annotations

from pathlib import Path

from timeline_tui.query.marks import MarksError, load_marks, toggle_mark


class MarksState:
    """The marked event ids of one catalogue."""

    def __init__(self, catalogue_path: Path) -> None:
        self.catalogue_path = catalogue_path
        self.ids: frozenset[str] = frozenset()

    def load(self) -> str | None:
        """Read the kept marks; on failure, none, and the sentence to show."""
        try:
            self.ids = load_marks(self.catalogue_path)
        except MarksError as error:
            self.ids = frozenset()
            return str(error)
        return None

    def toggle(self, event_id: str) -> bool:
        """Mark the event, or unmark it; whether it is now marked.

        Raises:
            MarksError: when the marks cannot be read or kept; `ids` is then unchanged.
        """
        self.ids = toggle_mark(self.catalogue_path, event_id)
        return event_id in self.ids
