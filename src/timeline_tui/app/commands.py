"""The command palette (ctrl+p) finds events, actors and themes by name.

Catalogue text goes into the palette as `Content`, never as a string: the palette
reads strings as markup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Protocol
from weakref import WeakKeyDictionary

from textual.command import DiscoveryHit, Hit, Hits, Matcher, Provider
from textual.content import Content

from timeline_tui.catalogue.model import Actor, Catalogue, Event, Theme
from timeline_tui.query import Facet, Filters, TitleMatcher
from timeline_tui.text.printable import printable

EVENT_HIT_LIMIT = 40
"""Events shown for one query: enough to choose from, few enough to stay quick at 100,000."""

TITLES_PER_TURN = 2000
"""Titles looked at before letting the palette take the next keystroke."""


class CatalogueScreen(Protocol):
    """What the palette needs from the screen it was opened on."""

    @property
    def catalogue(self) -> Catalogue: ...

    @property
    def filters(self) -> Filters: ...

    def shows_event(self, event: int) -> bool: ...

    def go_to_event(self, event: int) -> None: ...

    def toggle_facet(self, facet: Facet, value: str) -> None: ...


_TITLES: WeakKeyDictionary[object, tuple[Sequence[Event], TitleMatcher]] = WeakKeyDictionary()
"""Per screen, the titles its palette searches and the events they were folded from.

A provider lives only while the palette is open; this keeps the folded titles from one
opening to the next, until a reload gives the screen other events.
"""


def _titles(screen: CatalogueScreen) -> TitleMatcher:
    """The titles of `screen`'s events, folded once per catalogue."""
    events = screen.catalogue.events
    cached = _TITLES.get(screen)
    if cached is None or cached[0] is not events:
        cached = _TITLES[screen] = (events, TitleMatcher(events))
    return cached[1]


def _highlighted(matcher: Matcher, text: str, detail: str = "") -> Content:
    """`text` with the letters that match the query in bold, `detail` dim beneath it."""
    content = Content(text)
    _, offsets = matcher.fuzzy_search.match(matcher.query, text)
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    if detail:
        content = Content.assemble(content, "\n", (detail, "$text-muted"))
    return content


class CatalogueCommands(Provider):
    """Events by date and title, actors and themes by name (ticking them in the filter)."""

    @property
    def _target(self) -> CatalogueScreen:
        # Textual types the palette's screen as any Screen; this provider is declared only by
        # MainScreen, which cannot be named here (it imports this module)
        return self.screen  # type: ignore[return-value]

    def _facet_entries(self) -> list[tuple[str, Callable[[], None], str]]:
        screen = self._target
        catalogue, filters = screen.catalogue, screen.filters
        entries: list[tuple[str, Callable[[], None], str]] = []
        facets: tuple[tuple[Facet, str, Mapping[str, Actor | Theme]], ...] = (
            # "Filter by theme", not "Theme": the palette's own "Theme" sets the colours
            ("actors", "Filter by actor", catalogue.actors),
            ("themes", "Filter by theme", catalogue.themes),
        )
        for facet, label, vocabulary in facets:
            for entry_id, entry in vocabulary.items():
                on = entry_id in filters.facet(facet)
                action = "stop filtering by it" if on else "show only its events"
                entries.append(
                    (
                        f"{label}: {printable(entry.name)}",
                        partial(screen.toggle_facet, facet, entry_id),
                        f"{facet[:-1]} {printable(entry_id)}: {action}",
                    )
                )
        return entries

    async def discover(self) -> Hits:
        for text, command, detail in self._facet_entries():
            if text.startswith("Filter by theme"):
                yield DiscoveryHit(
                    Content.assemble(text, "\n", (detail, "$text-muted")), command, text=text
                )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, command, detail in self._facet_entries():
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, _highlighted(matcher, text, detail), command, text=text)
        screen = self._target
        titles = _titles(screen)
        events = screen.catalogue.events
        found = 0
        for start in range(0, len(titles), TITLES_PER_TURN):
            if start:
                await asyncio.sleep(0)  # let the palette take the next keystroke
            for position in titles.matching(query, start, start + TITLES_PER_TURN):
                event = events[position]
                text = f"{event.date.display()}  {printable(event.title)}"
                score = matcher.match(text)
                if score <= 0:
                    continue
                detail = (
                    "event: go to it"
                    if screen.shows_event(position)
                    else "event: go to it (clears the filters that hide it)"
                )
                yield Hit(
                    score,
                    _highlighted(matcher, text, detail),
                    partial(screen.go_to_event, position),
                    text=text,
                )
                found += 1
                if found >= EVENT_HIT_LIMIT:
                    return
