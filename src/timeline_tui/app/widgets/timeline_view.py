"""The timeline: matching events in date order under year headings, drawn line by line.

Only visible lines are rendered (`render_line` over a `LineMap`), and rendered
lines are kept in an LRU cache, so scrolling and filtering cost the same with
60 events or 100,000.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline_tui.app import keys
from timeline_tui.app.cells import fit, split_line
from timeline_tui.app.line_map import LINES_PER_EVENT, LineMap, compact_date
from timeline_tui.app.messages import EventChosen, EventHighlighted
from timeline_tui.app.search_marks import term_pattern
from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.query import search_terms
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


class TimelineView(ScrollView, can_focus=True):
    """Events under year headings, with a cursor on one event."""

    BINDINGS: ClassVar[list[BindingType]] = keys.TIMELINE

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-view--year",
        "timeline-view--rule",
        "timeline-view--date",
        "timeline-view--title",
        "timeline-view--actors",
        "timeline-view--themes",
        "timeline-view--disputed",
        "timeline-view--single-source",
        "timeline-view--unverified",
        "timeline-view--star",
        "timeline-view--draft",
        "timeline-view--match",
        "timeline-view--cursor",
        "timeline-view--empty",
    }

    DEFAULT_CSS = """
    TimelineView {
        background: $surface;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        & > .timeline-view--year { color: $text-accent; text-style: bold; }
        & > .timeline-view--rule { color: $foreground 25%; }
        & > .timeline-view--date { color: $text-secondary; }
        & > .timeline-view--title { color: $foreground; }
        & > .timeline-view--actors { color: $text-primary; }
        & > .timeline-view--themes { color: $text-muted; }
        & > .timeline-view--disputed { color: $text-warning; text-style: bold; }
        & > .timeline-view--single-source { color: $text-muted; }
        & > .timeline-view--unverified { color: $text-error; text-style: bold; }
        & > .timeline-view--star { color: $text-warning; }
        & > .timeline-view--draft { color: $text-secondary; }
        & > .timeline-view--match { text-style: bold underline; }
        & > .timeline-view--empty { color: $text-muted; }
        & > .timeline-view--cursor { background: $block-cursor-blurred-background; }
        &:focus > .timeline-view--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
    }
    """

    def __init__(self, catalogue: Catalogue, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._catalogue = catalogue
        self._events: Sequence[Event] = catalogue.events
        self._lines = LineMap(())
        self._matches: Sequence[int] = ()
        self._cursor: int | None = None
        """Position in `_matches` of the highlighted event."""
        self._terms: tuple[str, ...] = ()
        self._term_pattern: re.Pattern[str] | None = None
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(maxsize=4096)
        self._unverified: frozenset[str] = frozenset()
        """Ids of the events with a quote that could not be verified."""
        self._starred: frozenset[str] = frozenset()
        """Ids of the events the reader marked."""
        self._reverse = False
        """Whether `_matches` runs newest first (descending positions)."""

    # --- what the screen tells it -------------------------------------------------

    def show(
        self, matches: Sequence[int], lines: LineMap, search: str = "", *, reverse: bool = False
    ) -> None:
        """Show a new filter result, keeping the cursor on the same event when it still matches.

        Args:
            matches: Positions of the matching events, ascending (descending when `reverse`).
            lines: Their line map.
            search: The search text, whose words are underlined in titles.
            reverse: Newest first.
        """
        kept = self.highlighted_event
        self._matches = matches
        self._lines = lines
        self._reverse = reverse
        terms = tuple(search_terms(search))
        if terms != self._terms:
            self._terms = terms
            self._term_pattern = term_pattern(search)
        self._update_virtual_size()
        if not matches:
            self._cursor = None
        elif kept is None:
            self._cursor = 0
        else:
            self._cursor = min(self._place_of(kept), len(matches) - 1)
        self.refresh()
        self._scroll_to_cursor()
        if self.highlighted_event != kept:
            self.post_message(EventHighlighted(self.highlighted_event))

    @property
    def highlighted_event(self) -> int | None:
        """Position in the catalogue's events of the highlighted event."""
        return None if self._cursor is None else self._matches[self._cursor]

    def highlight_event(self, event: int) -> bool:
        """Move the cursor to an event; False when it does not match the filters."""
        position = self._place_of(event)
        if position >= len(self._matches) or self._matches[position] != event:
            return False
        self._move_to(position)
        return True

    def _place_of(self, event: int) -> int:
        """Where `event` is, or would be, in `_matches` (in their order)."""
        if self._reverse:
            return bisect_left(self._matches, -event, key=operator.neg)
        return bisect_left(self._matches, event)

    def shows(self, event: int) -> bool:
        """Whether the event is in the timeline (passes the filters)."""
        position = self._place_of(event)
        return position < len(self._matches) and self._matches[position] == event

    @property
    def reverse(self) -> bool:
        """Whether the events run newest first."""
        return self._reverse

    def highlight_year(self, year: int) -> None:
        """Move the cursor to the first matching event of `year` (or the next year with one)."""
        position = self._lines.first_match_from_year(year)
        if position is not None:
            self._move_to(position)

    # --- keys and mouse -----------------------------------------------------------

    def action_cursor_down(self) -> None:
        self._move_by(1)

    def action_cursor_up(self) -> None:
        self._move_by(-1)

    def action_page_down(self) -> None:
        self._move_by(self._page_events())

    def action_page_up(self) -> None:
        self._move_by(-self._page_events())

    def action_first(self) -> None:
        if self._matches:
            self._move_to(0)

    def action_last(self) -> None:
        if self._matches:
            self._move_to(len(self._matches) - 1)

    def action_choose(self) -> None:
        event = self.highlighted_event
        if event is not None:
            self.post_message(EventChosen(event))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        position = self._lines.match_near_line(offset.y + self.scroll_offset.y)
        if position is None:
            return
        if position == self._cursor or event.chain > 1:
            self._move_to(position)
            self.action_choose()
        else:
            self._move_to(position)

    def _page_events(self) -> int:
        return max(1, self.scrollable_content_region.height // LINES_PER_EVENT - 1)

    def _move_by(self, delta: int) -> None:
        if self._cursor is not None:
            self._move_to(max(0, min(len(self._matches) - 1, self._cursor + delta)))

    def _move_to(self, position: int) -> None:
        if position == self._cursor:
            self._scroll_to_cursor()
            return
        self._cursor = position
        self.refresh()  # cached strips make a full refresh cheap
        self._scroll_to_cursor()
        self.post_message(EventHighlighted(self.highlighted_event))

    def _scroll_to_cursor(self) -> None:
        if self._cursor is None:
            self.scroll_to(y=0, animate=False, immediate=True)
            return
        top = self._lines.line_of(self._cursor)
        block = self._lines.block_of(self._cursor)
        if block.first_match == self._cursor:
            top -= 1  # bring the year heading into view with its first event
        height = self._lines.line_of(self._cursor) + LINES_PER_EVENT - top
        self.scroll_to_region(
            Region(0, top, max(1, self.scrollable_content_region.width), height),
            animate=False,
            force=True,
            immediate=True,
        )

    # --- drawing ------------------------------------------------------------------

    def _update_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._lines))
        if size == self.virtual_size:
            return
        # Assigning `virtual_size` lays out the whole screen again (tens of milliseconds
        # per keystroke). The view's own size does not depend on it, so only its
        # scrollbar is updated, unless the scrollbar comes or goes.
        had_scrollbar = self.show_vertical_scrollbar
        self.set_reactive(TimelineView.virtual_size, size)
        self._scroll_update(size)
        if self.show_vertical_scrollbar != had_scrollbar:
            self.refresh(layout=True)

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a new theme or focus state: colours change
        self.refresh()

    def mark_unverified(self, event_ids: frozenset[str]) -> None:
        """Mark these events' rows with `UNVERIFIED_MARK`."""
        if event_ids != self._unverified:
            self._unverified = event_ids
            self._strips.clear()
            self.refresh()

    def mark_starred(self, event_ids: frozenset[str]) -> None:
        """Show `STAR_MARK` on these events' rows (the reader's marks)."""
        if event_ids != self._starred:
            self._starred = event_ids
            self._strips.clear()
            self.refresh()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        number = self.scroll_offset.y + y
        line = self._lines.line(number)
        if line is None:
            if number == 0 and not self._matches:
                return self._empty_strip(width)
            return Strip.blank(width, self.rich_style)
        if line.match is None:
            block = line.block
            key: tuple[object, ...] = ("year", block.year, block.count, width)
            strip = self._strips.get(key)
            if strip is None:
                strip = self._strips[key] = self._year_strip(block.year, block.count, width)
            return strip
        highlighted = line.match == self._cursor
        event = self._matches[line.match]
        key = (event, line.part, highlighted, self.has_focus, width, self._terms)
        strip = self._strips.get(key)
        if strip is None:
            strip = self._event_strip(self._events[event], line.part, highlighted, width)
            self._strips[key] = strip
        return strip

    def _style(self, part: str, highlighted: bool) -> Style:
        classes = (
            (f"timeline-view--{part}", "timeline-view--cursor")
            if highlighted
            else (f"timeline-view--{part}",)
        )
        return self.get_visual_style(*classes).rich_style

    def _empty_strip(self, width: int) -> Strip:
        message = (
            " No events match these filters: c clears them."
            if self._events
            else " The catalogue has no events."
        )
        text = fit(message, width)
        return Strip([Segment(text, self._style("empty", False))]).adjust_cell_length(
            width, self.rich_style
        )

    def _year_strip(self, year: int, count: int, width: int) -> Strip:
        label = f" {year} "
        tail = f" {count} event{'s' if count != 1 else ''} "
        rule = max(0, width - 2 - cell_len(label) - cell_len(tail))
        segments = [
            Segment("──", self._style("rule", False)),
            Segment(label, self._style("year", False)),
            Segment("─" * rule, self._style("rule", False)),
            Segment(tail, self._style("rule", False)),
        ]
        return Strip(segments).crop(0, width).adjust_cell_length(width, self.rich_style)

    def _event_strip(self, event: Event, part: int, highlighted: bool, width: int) -> Strip:
        style = self._style
        base = style("title", highlighted)
        first_date, second_date = compact_date(event.date)
        if part == 0 and event.id in self._unverified:
            segments = [Segment(UNVERIFIED_MARK.ljust(_GUTTER), style("unverified", highlighted))]
        else:
            segments = [Segment(" " * _GUTTER, base)]
        if part == 0:
            segments.append(Segment(first_date.ljust(DATE_WIDTH), style("date", highlighted)))
            segments.append(Segment(" ", base))
            disputed = DISPUTED_MARK if event.disputes else " "
            single = SINGLE_SOURCE_MARK if len(event.source_ids) == 1 else " "
            segments.append(Segment(disputed, style("disputed", highlighted)))
            segments.append(Segment(single, style("single-source", highlighted)))
            star = STAR_MARK if event.id in self._starred else " "
            segments.append(Segment(star, style("star", highlighted)))
            draft = DRAFT_MARK if event.draft else " "
            segments.append(Segment(draft, style("draft", highlighted)))
            segments.append(Segment(" ", base))
            title, _ = split_line(printable(event.title), width - _TITLE_COLUMN)
            segments.extend(self._title_segments(title, highlighted))
        else:
            segments.append(Segment(second_date.ljust(DATE_WIDTH), style("date", highlighted)))
            segments.append(Segment(" " * (_MARKS + 2), base))
            room = width - _TITLE_COLUMN
            # a title too long for its line goes on here, before the actors and themes
            _, rest = split_line(printable(event.title), room)
            if rest:
                rest = fit(rest, room)
                segments.extend(self._title_segments(rest, highlighted))
                room -= cell_len(rest) + 2
                if room > 4:
                    segments.append(Segment("  ", base))
            actors = fit(self._actor_names(event), room)
            segments.append(Segment(actors, style("actors", highlighted)))
            room -= cell_len(actors)
            themes = self._theme_names(event)
            if themes and room > 4:
                segments.append(Segment("  ", base))
                segments.append(Segment(fit(themes, room - 2), style("themes", highlighted)))
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def _title_segments(self, title: str, highlighted: bool) -> list[Segment]:
        plain = self._style("title", highlighted)
        pattern = self._term_pattern
        if pattern is None:
            return [Segment(title, plain)]
        matched = self.get_visual_style(
            "timeline-view--title",
            "timeline-view--match",
            *(("timeline-view--cursor",) if highlighted else ()),
        ).rich_style
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
