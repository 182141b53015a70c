"""The timeline: matching events in date order under year headings, drawn line by line.

Only visible lines are rendered (`render_line` over a `LineMap`), and rendered
lines are kept in an LRU cache, so scrolling and filtering cost the same with
60 events or 100,000. `timeline_rows` lays out each line; the view picks and caches them.
"""

from __future__ import annotations

import operator
from bisect import bisect_left
from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline_tui.app import keys
from timeline_tui.app.line_map import LINES_PER_EVENT, LineMap
from timeline_tui.app.messages import EventChosen, EventHighlighted
from timeline_tui.app.search_marks import term_pattern
from timeline_tui.app.widgets.timeline_rows import EventRows, PartStyle, empty_strip, year_strip
from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.query import search_terms


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
        self._events: Sequence[Event] = catalogue.events
        self._lines = LineMap(())
        self._matches: Sequence[int] = ()
        self._cursor: int | None = None
        """Position in `_matches` of the highlighted event."""
        self._terms: tuple[str, ...] = ()
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(maxsize=4096)
        self._rows = EventRows(catalogue)
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
            self._rows.term_pattern = term_pattern(search)
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
        if event_ids != self._rows.unverified:
            self._rows.unverified = event_ids
            self._strips.clear()
            self.refresh()

    def mark_starred(self, event_ids: frozenset[str]) -> None:
        """Show `STAR_MARK` on these events' rows (the reader's marks)."""
        if event_ids != self._rows.starred:
            self._rows.starred = event_ids
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
                return empty_strip(
                    bool(self._events), width, self._part_style(False), self.rich_style
                )
            return Strip.blank(width, self.rich_style)
        if line.match is None:
            block = line.block
            key: tuple[object, ...] = ("year", block.year, block.count, width)
            strip = self._strips.get(key)
            if strip is None:
                strip = self._strips[key] = year_strip(
                    block.year, block.count, width, self._part_style(False), self.rich_style
                )
            return strip
        highlighted = line.match == self._cursor
        event = self._matches[line.match]
        key = (event, line.part, highlighted, self.has_focus, width, self._terms)
        strip = self._strips.get(key)
        if strip is None:
            style = self._part_style(highlighted)
            strip = self._rows.strip(self._events[event], line.part, width, style)
            self._strips[key] = strip
        return strip

    def _part_style(self, highlighted: bool) -> PartStyle:
        """A row part's style from the component classes, under the cursor or not."""
        cursor = ("timeline-view--cursor",) if highlighted else ()

        def style(part: str) -> Style:
            classes = (
                ("timeline-view--title", "timeline-view--match")
                if part == "match"
                else (f"timeline-view--{part}",)
            )
            return self.get_visual_style(*classes, *cursor).rich_style

        return style
