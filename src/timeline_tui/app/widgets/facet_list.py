"""A list of actors or themes, each with the number of events it would match.

Typing narrows the list to the entries whose name (or alias, or id) contains what
was typed; backspace widens it and escape clears it. Space or enter ticks and
unticks the highlighted entry. The ticks and counts come from the screen.

The list draws only its visible rows (`render_line`), from strips cached by what
they show: new counts on every search keystroke cost a refresh of a dozen rows,
whether the catalogue names twenty actors or twenty thousand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from timeline_tui.app import keys
from timeline_tui.app.cells import COUNTING, fit
from timeline_tui.app.messages import FacetToggled
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.query import Facet
from timeline_tui.text.printable import printable

TICK = "✓"
_PADDING = 1
"""Blank cells at each end of a row."""


@dataclass(frozen=True, slots=True)
class FacetEntry:
    id: str
    name: str
    """Printable, shown in the list."""
    spellings: tuple[str, ...]
    """Casefolded id, name and aliases, matched when typing narrows the list."""


def facet_entries(catalogue: Catalogue, facet: Facet) -> list[FacetEntry]:
    """The actors or themes of a catalogue, sorted by name so entries do not move as counts do."""
    vocabulary = catalogue.actors if facet == "actors" else catalogue.themes
    entries = [
        FacetEntry(entry_id, printable(entry.name), tuple(name.casefold() for name in entry.names))
        for entry_id, entry in vocabulary.items()
    ]
    return sorted(entries, key=lambda entry: (entry.name.casefold(), entry.id))


class FacetList(ScrollView, can_focus=True):
    """Actors or themes with counts; typing narrows, space or enter toggles."""

    TAKES_TEXT = True
    """Printable keys narrow the list: the key bar does not offer them as commands here."""

    BINDINGS: ClassVar[list[BindingType]] = keys.FACET_LIST

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "facet-list--tick",
        "facet-list--name",
        "facet-list--ticked",
        "facet-list--unmatched",
        "facet-list--count",
        "facet-list--cursor",
        "facet-list--hover",
        "facet-list--empty",
    }

    DEFAULT_CSS = """
    FacetList {
        height: 1fr;
        background: $surface;
        color: $foreground;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;  /* the rows' width must not depend on the list's length */
        & > .facet-list--tick { color: $text-success; text-style: bold; }
        & > .facet-list--ticked { text-style: bold; }
        & > .facet-list--unmatched { color: $text-disabled; }
        & > .facet-list--count { color: $text-muted; }
        & > .facet-list--empty { color: $text-muted; }
        & > .facet-list--hover { background: $block-hover-background; }
        &:focus {
            background-tint: $foreground 5%;
            & > .facet-list--cursor {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
    }
    """

    def __init__(
        self,
        facet: Facet,
        entries: Iterable[FacetEntry],
        *,
        id: str | None = None,  # noqa: A002 - Textual's name for it
    ) -> None:
        super().__init__(id=id)
        self.facet: Facet = facet
        self._entries = list(entries)
        self._shown: list[FacetEntry] = list(self._entries)
        self._cursor: int | None = 0 if self._shown else None
        """Position in `_shown` of the highlighted entry."""
        self._hover: int | None = None
        self._selected: frozenset[str] = frozenset()
        self._counts: Mapping[str, int] | None = {}
        """None while the counts are being made (shown as `COUNTING`)."""
        self.narrowing = ""
        """What has been typed to narrow the list."""
        self._strips: LRUCache[tuple[object, ...], Strip] = LRUCache(maxsize=1024)

    # --- what the screen tells it -------------------------------------------------

    def show(self, selected: frozenset[str], counts: Mapping[str, int] | None = None) -> None:
        """Tick the selected entries and, when given, show new counts."""
        if selected == self._selected and (counts is None or counts == self._counts):
            return
        self._selected = selected
        if counts is not None:
            self._counts = counts
        self.refresh()
        self._update_title()

    def await_counts(self) -> None:
        """Show every count as being made until `show` gives the new ones."""
        if self._counts is not None:
            self._counts = None
            self.refresh()

    @property
    def shown_ids(self) -> list[str]:
        """The ids of the entries the list shows now (after narrowing)."""
        return [entry.id for entry in self._shown]

    @property
    def highlighted_id(self) -> str | None:
        return None if self._cursor is None else self._shown[self._cursor].id

    def narrow(self, text: str) -> None:
        """Show only the entries one of whose names contains `text` (any case)."""
        kept = self.highlighted_id
        self.narrowing = text
        needle = text.casefold()
        self._shown = [
            entry
            for entry in self._entries
            if not needle or any(needle in spelling for spelling in entry.spellings)
        ]
        ids = self.shown_ids
        self._cursor = ids.index(kept) if kept in ids else (0 if ids else None)
        self._hover = None
        self._update_virtual_size()
        self.refresh()
        self._scroll_to_cursor()
        self._update_title()

    # --- keys and mouse -----------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        if event.key == "space":
            return  # the binding toggles
        if event.is_printable and event.character:
            self.narrow(self.narrowing + event.character)
        elif event.key == "backspace" and self.narrowing:
            self.narrow(self.narrowing[:-1])
        elif event.key == "escape" and self.narrowing:
            self.narrow("")
        else:
            return
        # typed letters narrow the list: they must not reach the screen's key bindings
        event.stop()
        event.prevent_default()

    def action_toggle_entry(self) -> None:
        entry_id = self.highlighted_id
        if entry_id is not None:
            self.post_message(FacetToggled(self.facet, entry_id))

    def action_cursor_down(self) -> None:
        self._move_by(1)

    def action_cursor_up(self) -> None:
        self._move_by(-1)

    def action_page_down(self) -> None:
        self._move_by(max(1, self.scrollable_content_region.height - 1))

    def action_page_up(self) -> None:
        self._move_by(-max(1, self.scrollable_content_region.height - 1))

    def action_first(self) -> None:
        if self._shown:
            self._move_to(0)

    def action_last(self) -> None:
        if self._shown:
            self._move_to(len(self._shown) - 1)

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is not None:
            self._move_to(row)
            self.action_toggle_entry()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        row = self._row_at(event)
        if row != self._hover:
            self._hover = row
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        row = offset.y + self.scroll_offset.y
        return row if 0 <= row < len(self._shown) else None

    def _move_by(self, delta: int) -> None:
        if self._cursor is not None:
            self._move_to(max(0, min(len(self._shown) - 1, self._cursor + delta)))

    def _move_to(self, row: int) -> None:
        if row != self._cursor:
            self._cursor = row
            self.refresh()
        self._scroll_to_cursor()

    def _scroll_to_cursor(self) -> None:
        if self._cursor is None or not self.is_mounted:
            return
        self.scroll_to_region(
            Region(0, self._cursor, max(1, self.scrollable_content_region.width), 1),
            animate=False,
            force=True,
            immediate=True,
        )

    # --- drawing ------------------------------------------------------------------

    def on_mount(self) -> None:
        self._update_virtual_size()
        self._update_title()

    def on_resize(self) -> None:
        self._update_virtual_size()
        self._scroll_to_cursor()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._strips.clear()  # a new theme or focus state: colours change
        self.refresh()

    def _update_virtual_size(self) -> None:
        size = Size(self.scrollable_content_region.width, len(self._shown))
        if size != self.virtual_size:
            self.virtual_size = size

    def _row_parts(self, entry: FacetEntry, width: int) -> tuple[str, str, str]:
        """The tick, the name fitted and padded to its room, and the count."""
        tick = f"{TICK} " if entry.id in self._selected else "  "
        count = COUNTING if self._counts is None else f"{self._counts.get(entry.id, 0):,}"
        room = max(1, width - cell_len(tick) - 1 - cell_len(count))
        name = fit(entry.name, room)
        return tick, name + " " * (room - cell_len(name)), count

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        row = self.scroll_offset.y + y
        if row >= len(self._shown):
            if row == 0:
                return self._empty_strip(width)
            return Strip.blank(width, self.rich_style)
        entry = self._shown[row]
        # the cursor shows only while the list has the focus: else it looks like a tick
        cursor = row == self._cursor and self.has_focus
        state = "cursor" if cursor else ("hover" if row == self._hover else "")
        key = (
            entry.id,
            entry.id in self._selected,
            None if self._counts is None else self._counts.get(entry.id, 0),
            state,
            self.has_focus,
            width,
        )
        strip = self._strips.get(key)
        if strip is None:
            strip = self._strips[key] = self._entry_strip(entry, state, width)
        return strip

    def _style(self, part: str, state: str) -> Style:
        classes = [f"facet-list--{part}"] if part else []
        if state:
            classes.append(f"facet-list--{state}")
        return self.get_visual_style(*classes).rich_style

    def _entry_strip(self, entry: FacetEntry, state: str, width: int) -> Strip:
        tick, name, count = self._row_parts(entry, width - 2 * _PADDING)
        if entry.id in self._selected:
            name_part = "ticked"
        elif self._counts is not None and self._counts.get(entry.id, 0) == 0:
            name_part = "unmatched"
        else:
            name_part = "name"
        base = self._style("", state)
        segments = [
            Segment(" " * _PADDING, base),
            Segment(tick, self._style("tick", state)),
            Segment(name, self._style(name_part, state)),
            Segment(" ", base),
            Segment(count, self._style("count", state)),
            Segment(" " * _PADDING, base),
        ]
        return Strip(segments).crop(0, width).adjust_cell_length(width, base)

    def _empty_strip(self, width: int) -> Strip:
        message = " " * _PADDING + ("No match: escape clears" if self.narrowing else "None")
        return Strip([Segment(fit(message, width), self._style("empty", ""))]).adjust_cell_length(
            width, self.rich_style
        )

    def _update_title(self) -> None:
        ticked = len(self._selected)
        subtitle = (
            f"“{printable(self.narrowing)}”"
            if self.narrowing
            else (f"{ticked} ticked" if ticked else "")
        )
        if str(self.border_subtitle) != subtitle:  # setting it lays the screen out again
            self.border_subtitle = Content(subtitle)
