"""The filter pane: search box, actor and theme lists with counts, date range, evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Static

from timeline_tui.app import key_help
from timeline_tui.app.frame_hold import hold_frame
from timeline_tui.app.messages import DateRangeChanged, SearchChanged
from timeline_tui.app.widgets.evidence_filters import EvidenceFilters
from timeline_tui.app.widgets.facet_list import FacetList, facet_entries
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.query import Evidence, Filters, QueryError, parse_bound
from timeline_tui.text.printable import printable


def read_date_range(since_text: str, until_text: str) -> tuple[dt.date | None, dt.date | None]:
    """The range typed into the since and until boxes, as the command line reads it.

    Raises:
        QueryError: with a sentence for the person typing, e.g. "Since: cannot read 'x' as a date".
    """
    since_text, until_text = since_text.strip(), until_text.strip()
    try:
        since = parse_bound(since_text, end=False) if since_text else None
        until = parse_bound(until_text, end=True) if until_text else None
    except QueryError as error:
        message = str(error)
        for option, label in (("--since: ", "Since: "), ("--until: ", "Until: ")):
            message = message.replace(option, label)
        raise QueryError(message) from None
    except Exception as error:  # noqa: BLE001 - dateparser can fail in its own ways
        raise QueryError(f"Cannot read that date ({type(error).__name__}).") from None
    if since and until and since > until:
        raise QueryError(
            f"Since {_day(since)} is after until {_day(until)}: no date is in that range."
        )
    return since, until


def _box_date(date: dt.date, *, end: bool) -> str:
    """A bound as a person types it: the year alone when it is the year's first or last day."""
    if (date.month, date.day) == ((12, 31) if end else (1, 1)):
        return str(date.year)
    return date.isoformat()


def _day(date: dt.date) -> str:
    return f"{date.day} {date:%b %Y}"


class SearchBox(Input):
    """The search box. An edit holds the next frame until its result arrives.

    The hold must start here, as the value changes: the screen hears of the change
    only after the box has asked for its own repaint.
    """

    def watch_value(self) -> None:
        hold_frame(self.app)


class FilterPane(Vertical):
    """Search, actors, themes, dates and evidence. Sends what the person asks for; shows
    what it is told."""

    DEFAULT_CSS = """
    FilterPane {
        height: 1fr;
        & Input, & FacetList, & EvidenceFilters {
            border: round $border-blurred;
            border-title-color: $text-muted;
            background: $surface;
        }
        & Input:focus, & FacetList:focus, & EvidenceFilters:focus {
            border: round $border;
            border-title-color: $text-accent;
            border-title-style: bold;
        }
        & #dates { height: auto; }
        & #dates Input { width: 1fr; }
        & #date-problem { color: $text-error; height: auto; display: none; }
        & #date-problem.-shown { display: block; }
    }
    """

    class Done(Message):
        """Enter in the search box, or a good date range entered: back to the timeline."""

    @dataclass
    class _DatesRead(Message):
        since: dt.date | None
        until: dt.date | None
        problem: str | None
        submitted_from: str | None
        """The box where enter was pressed, if it was."""

    def __init__(self, catalogue: Catalogue, filters: Filters, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._catalogue = catalogue
        self._initial = filters

    def compose(self) -> ComposeResult:
        filters = self._initial
        search = SearchBox(filters.text, placeholder="words in titles, quotes", id="search")
        search.border_title = f"Search {key_help.key_of('main.search')}"
        yield search
        actors = FacetList("actors", facet_entries(self._catalogue, "actors"), id="actors")
        actors.border_title = f"Actors {key_help.key_of('main.actors')}"
        yield actors
        themes = FacetList("themes", facet_entries(self._catalogue, "themes"), id="themes")
        themes.border_title = f"Themes {key_help.key_of('main.themes')}"
        yield themes
        with Horizontal(id="dates"):
            since = Input(
                filters.since.isoformat() if filters.since else "",
                placeholder="2019",
                id="since",
            )
            since.border_title = f"Since {key_help.key_of('main.dates')}"
            yield since
            until = Input(
                filters.until.isoformat() if filters.until else "",
                placeholder="now",
                id="until",
            )
            until.border_title = "Until"
            yield until
        yield Static(id="date-problem", markup=False)
        evidence = EvidenceFilters(filters, id="evidence")
        evidence.border_title = "Evidence v"
        yield evidence

    # --- what the screen tells it -------------------------------------------------

    def show_facets(
        self,
        filters: Filters,
        actor_counts: Mapping[str, int] | None = None,
        theme_counts: Mapping[str, int] | None = None,
        evidence_counts: Mapping[Evidence, int] | None = None,
    ) -> None:
        self.query_one("#actors", FacetList).show(filters.actors, actor_counts)
        self.query_one("#themes", FacetList).show(filters.themes, theme_counts)
        self.query_one("#evidence", EvidenceFilters).show(filters, evidence_counts)

    def await_counts(self) -> None:
        """Show the counts as being made until `show_facets` gives the new ones."""
        self.query_one("#actors", FacetList).await_counts()
        self.query_one("#themes", FacetList).await_counts()
        self.query_one("#evidence", EvidenceFilters).await_counts()

    def show_dates(self, since: dt.date | None, until: dt.date | None) -> None:
        """Put a date range chosen elsewhere (the density strip) in the since and until boxes."""
        self.query_one("#since", Input).value = "" if since is None else _box_date(since, end=False)
        self.query_one("#until", Input).value = "" if until is None else _box_date(until, end=True)
        self._show_problem(None)

    def reset(self) -> None:
        """Empty every box, after the filters were cleared."""
        for input_id in ("#search", "#since", "#until"):
            self.query_one(input_id, Input).value = ""
        for facet_list in self.query(FacetList):
            facet_list.narrow("")
        self._show_problem(None)

    # --- what the person does -----------------------------------------------------

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(SearchChanged(event.value))

    @on(Input.Changed, "#since, #until")
    def _date_changed(self, event: Input.Changed) -> None:
        event.stop()
        if not event.value.strip():  # an emptied box drops its bound at once
            self._read_dates()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Done())

    @on(Input.Submitted, "#since, #until")
    def _date_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._read_dates(submitted_from=event.input.id)

    @on(Input.Blurred, "#since, #until")
    def _date_left(self, event: Input.Blurred) -> None:
        self._read_dates()

    def _read_dates(self, submitted_from: str | None = None) -> None:
        self._read_dates_in_thread(
            self.query_one("#since", Input).value,
            self.query_one("#until", Input).value,
            submitted_from,
        )

    @work(
        thread=True,
        exclusive=True,
        group="dates",
        exit_on_error=False,
        description="reading the date range",
    )
    def _read_dates_in_thread(
        self, since_text: str, until_text: str, submitted_from: str | None
    ) -> None:
        # a relative date ("2 years ago") imports dateparser, which takes a second: not here
        try:
            since, until = read_date_range(since_text, until_text)
        except QueryError as error:
            self.post_message(self._DatesRead(None, None, str(error), submitted_from))
        else:
            self.post_message(self._DatesRead(since, until, None, submitted_from))

    @on(_DatesRead)
    def _dates_read(self, message: _DatesRead) -> None:
        message.stop()
        self._show_problem(message.problem)
        if message.problem is not None:
            return  # the box keeps the focus, to be corrected
        self.post_message(DateRangeChanged(message.since, message.until))
        if message.submitted_from == "since":
            self.query_one("#until", Input).focus()
        elif message.submitted_from == "until":
            self.post_message(self.Done())

    def _show_problem(self, problem: str | None) -> None:
        label = self.query_one("#date-problem", Static)
        label.update(Content(printable(problem or "")))
        label.set_class(problem is not None, "-shown")
