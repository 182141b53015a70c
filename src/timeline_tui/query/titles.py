"""Events by title: every word of a query found in the title (the app's command palette).

The titles are case-folded once, when the matcher is built, not on each keystroke.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from timeline_tui.catalogue.model import Event
from timeline_tui.query.text_search import search_terms


class TitleMatcher:
    """The events whose title contains every word of a query, case-folded."""

    __slots__ = ("_titles",)

    def __init__(self, events: Sequence[Event]) -> None:
        """Fold the titles of `events` (the positions answered are positions in `events`)."""
        self._titles = [event.title.casefold() for event in events]

    def __len__(self) -> int:
        return len(self._titles)

    def matching(self, query: str, start: int = 0, stop: int | None = None) -> Iterator[int]:
        """Positions from `start` up to `stop` whose title contains every word of `query`,
        in order. A query without words matches every title.
        """
        titles = self._titles
        stop = len(titles) if stop is None else min(stop, len(titles))
        words = search_terms(query)
        return (
            position
            for position in range(start, stop)
            if all(word in titles[position] for word in words)
        )
