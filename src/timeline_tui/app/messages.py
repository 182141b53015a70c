"""Messages that widgets send up; the main screen owns the filters and sends attributes down."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from textual.message import Message

from timeline_tui.query import Facet


@dataclass
class SearchChanged(Message):
    """The search box's text changed."""

    text: str


@dataclass
class FacetToggled(Message):
    """An actor or theme was ticked or unticked in its list."""

    facet: Facet
    value: str


@dataclass
class DateRangeChanged(Message):
    """The since/until inputs were read successfully (None where left empty)."""

    since: dt.date | None
    until: dt.date | None


@dataclass
class EventHighlighted(Message):
    """The timeline's cursor moved to another event (None: nothing matches)."""

    event: int | None

    def can_replace(self, message: Message) -> bool:
        # holding j down sends many: only the latest matters
        return isinstance(message, EventHighlighted)


@dataclass
class EventChosen(Message):
    """Enter or a click on the highlighted event: show its sources."""

    event: int


@dataclass
class YearChosen(Message):
    """A click on the density strip: show only the events of those years (again: all)."""

    year: int
    last: int
    """The last year of the cell clicked (the same year when a cell shows one)."""
