"""The `:` box: a date such as `2019`, `Apr 2019` or `2 years ago`; enter moves the
timeline's cursor to the first event shown that starts on or after it.

The date is read and the event found in a worker thread: a relative date
imports dateparser, and finding the event applies the filters.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from timeline_tui.app import keys
from timeline_tui.query import Filters, Index, QueryError, parse_jump
from timeline_tui.text.printable import printable


class JumpBox(Vertical):
    """A date box that appears under the timeline, and its problem line."""

    DEFAULT_CSS = """
    JumpBox {
        height: auto;
        display: none;
        &.-open { display: block; }
        & Input {
            border: round $border;
            border-title-color: $text-accent;
            background: $surface;
        }
        & #jump-problem { color: $text-error; height: auto; display: none; }
        & #jump-problem.-shown { display: block; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.JUMP

    @dataclass
    class Asked(Message):
        """Enter in the box: jump to this date expression."""

        text: str

    class Closed(Message):
        """Escape: back to the timeline."""

    @dataclass
    class Found(Message):
        """The event to move to (the box has closed)."""

        event: int
        """Its position in `index.events`."""
        index: Index
        """The index it was found in: a reload replaces it."""

    @dataclass
    class _Answer(Message):
        event: int | None
        index: Index
        problem: str | None

    def compose(self) -> ComposeResult:
        box = Input(placeholder="2019, Apr 2019, 2 years ago", id="jump-date")
        box.border_title = "Jump to the first event from"
        yield box
        yield Static(id="jump-problem", markup=False)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> Input:
        """Show the box, empty; the input to focus."""
        self.add_class("-open")
        box = self.query_one("#jump-date", Input)
        box.value = ""
        self.show_problem(None)
        return box

    def close(self) -> None:
        self.remove_class("-open")
        self.show_problem(None)

    def show_problem(self, problem: str | None) -> None:
        label = self.query_one("#jump-problem", Static)
        label.update(Content(printable(problem or "")))
        label.set_class(problem is not None, "-shown")

    @on(Input.Submitted, "#jump-date")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value.strip():
            self.post_message(self.Asked(event.value))

    @work(
        thread=True,
        exclusive=True,
        group="jump",
        exit_on_error=False,
        description="finding the date to jump to",
    )
    def find(self, text: str, index: Index, filters: Filters) -> None:
        """Find the first event `filters` show starting on or after the date `text` says;
        `Found` when there is one, else the problem shows in the box."""
        try:
            day = parse_jump(text)
        except QueryError as error:
            self.post_message(self._Answer(None, index, str(error)))
            return
        except Exception as error:  # noqa: BLE001 - dateparser can fail in its own ways
            unread = f"Cannot read that date ({type(error).__name__})."
            self.post_message(self._Answer(None, index, unread))
            return
        event = index.first_at_or_after(day, filters)
        late = f"No event shown starts on or after {day.day} {day:%b %Y}."
        self.post_message(self._Answer(event, index, late if event is None else None))

    @on(_Answer)
    def _answered(self, message: _Answer) -> None:
        message.stop()
        if not self.is_open:  # closed meanwhile
            return
        if message.event is None:
            self.show_problem(message.problem)
            return
        self.close()
        self.post_message(self.Found(message.event, message.index))

    def action_close(self) -> None:
        self.close()
        self.post_message(self.Closed())
