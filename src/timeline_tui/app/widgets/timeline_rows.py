"""The timeline's rows: a year heading, an event's two lines, the empty notice.

An event's first line is the gutter (`UNVERIFIED_MARK`), its date, its marks and its
title; the second, the end of a long date, the rest of a title too long for one
line, then its actors and themes as far as they fit. `TimelineView` decides which
rows show and caches their strips; this module only lays one out, in the styles
the view's component classes give.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from timeline_tui.app.cells import fit, split_line
from timeline_tui.app.line_map import compact_date
from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.text.printable import printable

DATE_WIDTH = 14
"""Room for `24 Apr 2019`, `7–10 Mar 1994`, `24–25 Apr 2019`."""
DISPUTED_MARK = "≠"
SINGLE_SOURCE_MARK = "¹"
UNVERIFIED_MARK = "✗"
"""In the gutter of an event with a quote that could not be verified in its article."""
STAR_MARK = "★"
"""On the row of an event the reader marked (`m`)."""
DRAFT_MARK = "✎"
"""On the row of a draft event (`draft: true`), not yet written up."""
_GUTTER = 1
_MARKS = 4
"""Disputed, single source, star, draft."""
_TITLE_COLUMN = _GUTTER + DATE_WIDTH + 1 + _MARKS + 1

PartStyle = Callable[[str], Style]
"""The style of a row's part (`date`, `title`, `match` for a search word in the title, …)."""


def empty_strip(has_events: bool, width: int, style: PartStyle, background: Style) -> Strip:
    """The one line shown when nothing matches, saying why."""
    message = (
        " No events match these filters: c clears them."
        if has_events
        else " The catalogue has no events."
    )
    text = fit(message, width)
    return Strip([Segment(text, style("empty"))]).adjust_cell_length(width, background)


def year_strip(year: int, count: int, width: int, style: PartStyle, background: Style) -> Strip:
    """`── 2019 ───── 12 events`."""
    label = f" {year} "
    tail = f" {count} event{'s' if count != 1 else ''} "
    rule = max(0, width - 2 - cell_len(label) - cell_len(tail))
    segments = [
        Segment("──", style("rule")),
        Segment(label, style("year")),
        Segment("─" * rule, style("rule")),
        Segment(tail, style("rule")),
    ]
    return Strip(segments).crop(0, width).adjust_cell_length(width, background)


class EventRows:
    """Lays out an event's two lines, with the marks and search words of the moment."""

    def __init__(self, catalogue: Catalogue) -> None:
        self._catalogue = catalogue
        self.unverified: frozenset[str] = frozenset()
        """Ids of the events with a quote that could not be verified."""
        self.starred: frozenset[str] = frozenset()
        """Ids of the events the reader marked."""
        self.term_pattern: re.Pattern[str] | None = None
        """The search words, underlined in titles."""

    def strip(self, event: Event, part: int, width: int, style: PartStyle) -> Strip:
        """Line `part` (0 or 1) of `event`, `width` cells wide."""
        base = style("title")
        first_date, second_date = compact_date(event.date)
        if part == 0 and event.id in self.unverified:
            segments = [Segment(UNVERIFIED_MARK.ljust(_GUTTER), style("unverified"))]
        else:
            segments = [Segment(" " * _GUTTER, base)]
        if part == 0:
            segments.append(Segment(first_date.ljust(DATE_WIDTH), style("date")))
            segments.append(Segment(" ", base))
            disputed = DISPUTED_MARK if event.disputes else " "
            single = SINGLE_SOURCE_MARK if len(event.source_ids) == 1 else " "
            segments.append(Segment(disputed, style("disputed")))
            segments.append(Segment(single, style("single-source")))
            star = STAR_MARK if event.id in self.starred else " "
            segments.append(Segment(star, style("star")))
            draft = DRAFT_MARK if event.draft else " "
            segments.append(Segment(draft, style("draft")))
            segments.append(Segment(" ", base))
            title, _ = split_line(printable(event.title), width - _TITLE_COLUMN)
            segments.extend(self._title_segments(title, style))
        else:
            segments.append(Segment(second_date.ljust(DATE_WIDTH), style("date")))
            segments.append(Segment(" " * (_MARKS + 2), base))
            room = width - _TITLE_COLUMN
            # a title too long for its line goes on here, before the actors and themes
            _, rest = split_line(printable(event.title), room)
            if rest:
                rest = fit(rest, room)
                segments.extend(self._title_segments(rest, style))
                room -= cell_len(rest) + 2
                if room > 4:
                    segments.append(Segment("  ", base))
            actors = fit(self._actor_names(event), room)
            segments.append(Segment(actors, style("actors")))
            room -= cell_len(actors)
            themes = self._theme_names(event)
            if themes and room > 4:
                segments.append(Segment("  ", base))
                segments.append(Segment(fit(themes, room - 2), style("themes")))
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def _title_segments(self, title: str, style: PartStyle) -> list[Segment]:
        plain = style("title")
        pattern = self.term_pattern
        if pattern is None:
            return [Segment(title, plain)]
        matched = style("match")
        segments = []
        position = 0
        for found in pattern.finditer(title):
            segments.append(Segment(title[position : found.start()], plain))
            segments.append(Segment(found.group(), matched))
            position = found.end()
        segments.append(Segment(title[position:], plain))
        return [segment for segment in segments if segment.text]

    def _theme_names(self, event: Event) -> str:
        """The themes by the names the filter pane gives them."""
        themes = self._catalogue.themes
        return printable(" · ".join(themes[i].name if i in themes else i for i in event.themes))

    def _actor_names(self, event: Event) -> str:
        actors = self._catalogue.actors
        return printable(", ".join(actors[i].name if i in actors else i for i in event.actors))
