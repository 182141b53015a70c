"""The filter pane's Evidence group: any of / all of for actors and themes, then the
evidence filters (disputed, corroborated, with figures, drafts, marked), each with
the number of events it would show.

Up and down move, space or enter toggles; the screen owns the filters and tells
the group what is on and the counts (computed in the filtering worker).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import ClassVar, Literal

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget

from timeline_tui.app import keys
from timeline_tui.app.cells import COUNTING
from timeline_tui.app.widgets.timeline_rows import DISPUTED_MARK, DRAFT_MARK, STAR_MARK
from timeline_tui.query import CORROBORATED, EVIDENCE, Evidence, Filters

Switch = Literal["all_of"] | Evidence
SWITCHES: tuple[Switch, ...] = ("all_of", *EVIDENCE)
"""The rows, top to bottom."""


def row_label(switch: Switch, filters: Filters) -> str:
    """What a row says, without its tick and count."""
    if switch == "all_of":
        return "Actors, themes: all of" if filters.all_of else "Actors, themes: any of"
    if switch == "min_sources":
        return f"Cited by ≥ {filters.min_sources or CORROBORATED} sources"
    return {
        "disputed": f"Sources disagree {DISPUTED_MARK}",
        "has_figures": "States figures",
        "drafts": f"Drafts {DRAFT_MARK}",
        "marked": f"Marked {STAR_MARK}",
    }[switch]


def is_on(switch: Switch, filters: Filters) -> bool:
    if switch == "min_sources":
        return filters.min_sources > 0
    if switch == "marked":
        return filters.marked is not None
    return bool(getattr(filters, switch))


def toggled(filters: Filters, switch: Switch, marks: frozenset[str]) -> Filters:
    """`filters` with `switch` turned the other way; the marked filter turned on shows `marks`."""
    if switch == "min_sources":
        return replace(filters, min_sources=0 if filters.min_sources else CORROBORATED)
    if switch == "marked":
        return replace(filters, marked=None if filters.marked is not None else marks)
    if switch == "all_of":
        return replace(filters, all_of=not filters.all_of)
    if switch == "disputed":
        return replace(filters, disputed=not filters.disputed)
    if switch == "has_figures":
        return replace(filters, has_figures=not filters.has_figures)
    return replace(filters, drafts=not filters.drafts)


class EvidenceFilters(Widget, can_focus=True):
    """Toggles with counts; sends `Toggled`, shows what `show` is given."""

    BINDINGS: ClassVar[list[BindingType]] = keys.EVIDENCE

    DEFAULT_CSS = """
    EvidenceFilters {
        height: auto;
        background: $surface;
        &:focus { background-tint: $foreground 5%; }
    }
    """

    @dataclass
    class Toggled(Message):
        """A row was toggled: the screen turns that filter on or off."""

        switch: Switch

    def __init__(self, filters: Filters, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._filters = filters
        self._counts: Mapping[Evidence, int] | None = {}
        """None while the counts are being made (shown as `COUNTING`)."""
        self.cursor = 0
        """The highlighted row, in `SWITCHES`."""

    def show(self, filters: Filters, counts: Mapping[Evidence, int] | None = None) -> None:
        """Tick what `filters` turn on and, when given, show new counts."""
        if filters == self._filters and (counts is None or counts == self._counts):
            return
        self._filters = filters
        if counts is not None:
            self._counts = counts
        self.refresh()

    def await_counts(self) -> None:
        """Show every count as being made until `show` gives the new ones."""
        if self._counts is not None:
            self._counts = None
            self.refresh()

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(SWITCHES)

    def render(self) -> Content:
        width = self.content_region.width
        rows: list[Content] = []
        for number, switch in enumerate(SWITCHES):
            on = is_on(switch, self._filters)
            tick = ("✓" if on else " ") if switch != "all_of" else "⇄"
            label = row_label(switch, self._filters)
            if switch == "all_of":
                count = ""
            else:
                count = COUNTING if self._counts is None else f"{self._counts.get(switch, 0):,}"
            room = max(0, width - 4 - len(count))
            label = label[:room].ljust(room)
            row = Content.assemble(
                " ",
                (tick, "bold $text-success"),
                " ",
                (label, "bold" if on else ""),
                (count, "$text-muted"),
                " ",
            )
            if number == self.cursor and self.has_focus:
                row = row.stylize("$block-cursor-foreground on $block-cursor-background")
            rows.append(row)
        return Content("\n").join(rows)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_cursor(self, delta: int) -> None:
        self.cursor = max(0, min(len(SWITCHES) - 1, self.cursor + delta))
        self.refresh()

    def action_toggle_switch(self) -> None:
        self.post_message(self.Toggled(SWITCHES[self.cursor]))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is not None and 0 <= offset.y < len(SWITCHES):
            self.cursor = offset.y
            self.action_toggle_switch()
            self.refresh()
