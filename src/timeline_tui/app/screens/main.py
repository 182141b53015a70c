"""The main screen: filter pane, summary, density strip, timeline and the sources panel.

The screen owns the filters. Widgets send what the person asks for (messages up);
the screen recomputes in a worker thread and hands each widget what it shows
(attributes down), so a keystroke never waits for the filtering.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import Input
from textual.worker import get_current_worker

from timeline_tui.app import keys
from timeline_tui.app.commands import CatalogueCommands
from timeline_tui.app.filtering import FilterEngine, FilterOutcome
from timeline_tui.app.frame_hold import hold_frame, release_frame
from timeline_tui.app.marks_state import MarksState
from timeline_tui.app.messages import (
    DateRangeChanged,
    EventChosen,
    EventHighlighted,
    FacetToggled,
    SearchChanged,
    YearChosen,
)
from timeline_tui.app.quotes import ArticleCache
from timeline_tui.app.screens import source_actions
from timeline_tui.app.screens.main_evidence import EvidenceMarksAndOrder
from timeline_tui.app.screens.main_layout import PaneLayout
from timeline_tui.app.view_command import view_command_line
from timeline_tui.app.widgets.density_strip import DensityStrip
from timeline_tui.app.widgets.facet_list import FacetList
from timeline_tui.app.widgets.filter_pane import FilterPane
from timeline_tui.app.widgets.filter_summary import FilterSummary
from timeline_tui.app.widgets.jump_box import JumpBox
from timeline_tui.app.widgets.key_bar import KeyBar
from timeline_tui.app.widgets.quote_viewer import QuoteViewer
from timeline_tui.app.widgets.timeline_view import TimelineView
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.output.commandline import NotACommandLine
from timeline_tui.query import Facet, Filters
from timeline_tui.text.printable import printable


class MainScreen(EvidenceMarksAndOrder, PaneLayout, Screen[None]):
    """Everything that happened, in order, narrowed in a few keystrokes."""

    AUTO_FOCUS = "#timeline"
    COMMANDS = {CatalogueCommands}

    BINDINGS: ClassVar[list[BindingType]] = keys.MAIN

    @dataclass
    class _OutcomeReady(Message):
        outcome: FilterOutcome
        engine: FilterEngine
        """The engine that computed it: a reload replaces the engine."""

    def __init__(
        self,
        engine: FilterEngine,
        filters: Filters,
        articles: ArticleCache,
        *,
        reverse: bool = False,
    ) -> None:
        super().__init__()
        self.marks = MarksState(engine.index.catalogue.path)
        """The reader's marked events, kept for this catalogue."""
        self.reverse = reverse
        """Newest first (`r`)."""
        self._engine = engine
        self._articles = articles
        self.filters = filters
        """What the person asked for; the widgets show the latest outcome computed for it."""
        self.outcome: FilterOutcome | None = None
        self._pending_event: int | None = None
        """An event to highlight once the result being computed arrives."""

    @property
    def catalogue(self) -> Catalogue:
        return self._engine.index.catalogue

    @property
    def articles(self) -> ArticleCache:
        """The articles read so far, and their date mentions."""
        return self._articles

    def compose(self) -> ComposeResult:
        yield FilterPane(self.catalogue, self.filters, id="filter-pane")
        with Vertical(id="main-column"):
            yield FilterSummary(id="summary")
            yield DensityStrip(self._engine.year_range, id="density")
            yield TimelineView(self.catalogue, id="timeline")
            yield JumpBox(id="jump")
            yield QuoteViewer(self.catalogue, self._articles, id="quotes")
        yield KeyBar()

    def on_mount(self) -> None:
        problem = self.marks.load()
        if problem is not None:
            self.notify(printable(problem), title="Marks", severity="warning", markup=False)
        self.timeline.mark_starred(self.marks.ids)
        # the first result is computed here, so the first paint already shows events
        first = self._engine.run(self.filters, self.marks.ids, reverse=self.reverse, first=True)
        self._apply(first)
        if first.by_year is None:  # a large catalogue: the strip follows, once the screen is up
            self.call_after_refresh(
                self._refilter, self.filters, self.marks.ids, self.reverse, first
            )

    @property
    def timeline(self) -> TimelineView:
        return self.query_one("#timeline", TimelineView)

    @property
    def quotes(self) -> QuoteViewer:
        return self.query_one("#quotes", QuoteViewer)

    @property
    def pane(self) -> FilterPane:
        return self.query_one("#filter-pane", FilterPane)

    @property
    def jump_box(self) -> JumpBox:
        return self.query_one("#jump", JumpBox)

    @property
    def quotes_open(self) -> bool:
        return self.has_class("-quotes-open")

    # --- filtering ----------------------------------------------------------------

    def set_filters(self, filters: Filters) -> None:
        """Ask for new filters: the ticks show at once, the events when they are computed."""
        if filters == self.filters:
            release_frame(self.app)  # a search box may have held it for this
            return
        self.filters = filters
        self.pane.show_facets(filters)
        self._recompute()

    def _recompute(self) -> None:
        """Filter again: the filters, the marks or the order changed."""
        hold_frame(self.app)
        self._refilter(self.filters, self.marks.ids, self.reverse)

    @work(thread=True, exclusive=True, group="filter", exit_on_error=False, description="filtering")
    def _refilter(
        self,
        filters: Filters,
        marks: frozenset[str],
        reverse: bool,
        shown: FilterOutcome | None = None,
    ) -> None:
        """A large catalogue's result comes in two steps: its events, then their
        counts. `shown`: a result on screen whose counts or density are to come."""
        engine = self._engine
        if shown is None:
            shown = engine.run(filters, marks, reverse=reverse, counted=not engine.counts_follow())
            self.post_message(self._OutcomeReady(shown, engine))
        if shown.by_year is None:
            worker = get_current_worker()
            counted = engine.count(shown, cancelled=lambda: worker.is_cancelled)
            if counted is not None:  # else newer filters are on their way
                self.post_message(self._OutcomeReady(counted, engine))

    def _is_current(self, outcome: FilterOutcome) -> bool:
        """Whether `outcome` answers what is asked for now."""
        asked = (self.filters, self.marks.ids, self.reverse)
        return (outcome.filters, outcome.marks, outcome.reverse) == asked

    @on(_OutcomeReady)
    def _outcome_ready(self, message: _OutcomeReady) -> None:
        # else a newer request is on its way, or the catalogue was reloaded meanwhile
        if self._is_current(message.outcome) and message.engine is self._engine:
            self._apply(message.outcome)
            release_frame(self.app)

    def _apply(self, outcome: FilterOutcome) -> None:
        self.outcome = outcome
        filters = outcome.filters
        summary = self.query_one("#summary", FilterSummary)
        summary.show(filters, len(outcome.matches), self.catalogue)
        density = self.query_one("#density", DensityStrip)
        if outcome.by_year is not None:
            density.show(outcome.by_year)
        self.pane.show_facets(
            filters, outcome.actor_counts, outcome.theme_counts, outcome.evidence_counts
        )
        if not outcome.counted:  # they follow (`FilterEngine.counts_follow`)
            self.pane.await_counts()
            density.await_counts()
        self.timeline.show(outcome.matches, outcome.lines, filters.text, reverse=outcome.reverse)
        if self._pending_event is not None:
            self.timeline.highlight_event(self._pending_event)
            self._pending_event = None

    async def show_catalogue(
        self, engine: FilterEngine, articles: ArticleCache, outcome: FilterOutcome
    ) -> None:
        """Show a reloaded catalogue, filtered as `outcome` says (computed by `engine`)."""
        self._engine, self._articles = engine, articles
        self.filters, self._pending_event = outcome.filters, None
        await self.recompose()  # every widget was built for the old catalogue
        self.timeline.mark_starred(self.marks.ids)
        self._apply(outcome)
        if not self._is_current(outcome):  # computed without the marks or the order
            self._recompute()

    def on_search_changed(self, message: SearchChanged) -> None:
        self.set_filters(replace(self.filters, text=message.text))

    def on_facet_toggled(self, message: FacetToggled) -> None:
        self.set_filters(self.filters.toggled(message.facet, message.value))

    def on_date_range_changed(self, message: DateRangeChanged) -> None:
        self.set_filters(replace(self.filters, since=message.since, until=message.until))

    def toggle_facet(self, facet: Facet, value: str) -> None:
        """Tick or untick an actor or theme (from the command palette)."""
        self.set_filters(self.filters.toggled(facet, value))

    # --- the timeline and the sources ------------------------------------------------

    def on_event_highlighted(self, message: EventHighlighted) -> None:
        event = message.event
        self.query_one("#density", DensityStrip).cursor_year = (
            None if event is None else self.catalogue.events[event].date.first_day.year
        )
        if self.quotes_open:
            self.quotes.show_event(
                None if event is None else self.catalogue.events[event], search=self.filters.text
            )

    def on_event_chosen(self, message: EventChosen) -> None:
        self._open_quotes(message.event)

    def _open_quotes(self, event: int) -> None:
        self.add_class("-quotes-open")
        self.quotes.show_event(self.catalogue.events[event], search=self.filters.text)
        self.refresh_bindings()

    def on_year_chosen(self, message: YearChosen) -> None:
        self.filter_to_years(message.year, message.last)

    def action_filter_year(self) -> None:
        event = self.timeline.highlighted_event
        if event is not None:
            year = self.catalogue.events[event].date.first_day.year
            self.filter_to_years(year, year)

    def filter_to_years(self, first: int, last: int) -> None:
        """Show only the events of these years; asked again, of every year."""
        since: dt.date | None = dt.date(first, 1, 1)
        until: dt.date | None = dt.date(last, 12, 31)
        if (self.filters.since, self.filters.until) == (since, until):
            since = until = None
        self.pane.show_dates(since, until)
        self.set_filters(replace(self.filters, since=since, until=until))
        self._focus_now(self.timeline)

    def shows_event(self, event: int) -> bool:
        """Whether the event passes the current filters (is in the timeline)."""
        return self.timeline.shows(event)

    def go_to_event(self, event: int) -> None:
        """Highlight an event (from the command palette), clearing filters that hide it."""
        self._focus_now(self.timeline)
        if not self.timeline.highlight_event(event):
            # the unfiltered result comes from the worker: `_apply` moves there then
            self._pending_event = event
            self.action_clear_filters()

    def on_filter_pane_done(self) -> None:
        self._focus_now(self.timeline)

    # --- actions --------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # "c Clear" is always enabled (with nothing to clear it does nothing): dimming it
        # means refreshing the bindings on the keystroke that filters, ~8 ms at 100,000.
        if action in ("focus_search", "focus_facet", "focus_dates", "focus_evidence"):
            return not isinstance(self.focused, (Input, FacetList))
        if action == "source":
            event = self.timeline.highlighted_event
            return event is not None and len(self.catalogue.events[event].citations) > 1
        if action in ("open_article", "copy_quote"):
            return True if self.timeline.highlighted_event is not None else None
        if action == "zoom_quotes":
            return self.quotes_open
        if action == "back":
            return self.quotes_open or self.focused is not self.timeline
        return True

    _SOURCE_KEYS = frozenset(("source", "open_article", "copy_quote", "zoom_quotes"))

    def key_bar_shows(self, action: str) -> bool:
        """Whether the key bar lists this action: the sources panel's keys while it is open.

        They work from the timeline too; the bar has room for them with the panel.
        """
        name = action.partition("(")[0]
        return name not in self._SOURCE_KEYS or self.quotes_open

    def action_focus_search(self) -> None:
        self._show_pane()
        self._focus_now(self.query_one("#search", Input))

    def action_focus_facet(self, facet: str) -> None:
        self._show_pane()
        self._focus_now(self.query_one(f"#{facet}", FacetList))

    def action_focus_dates(self) -> None:
        self._show_pane()
        self._focus_now(self.query_one("#since", Input))

    def action_clear_filters(self) -> None:
        self.pane.reset()
        self.set_filters(Filters())

    def _focus_now(self, widget: Widget) -> None:
        # `Widget.focus` waits behind the keys already queued: typing "a" then "chi" fast
        # would send "chi" to the timeline ("c" clears). Focus before the next key instead.
        self.set_focus(widget)

    def action_source(self, delta: int) -> None:
        event = self.timeline.highlighted_event
        if event is not None and not self.quotes_open:
            self._open_quotes(event)
        self.quotes.select_source(delta)

    def action_open_article(self) -> None:
        source_actions.open_highlighted_article(self)

    def open_article(self, citation: int) -> AwaitMount | None:
        """Show the article of the highlighted event's `citation`."""
        return source_actions.open_article(self, citation)

    def action_copy_quote(self) -> None:
        source_actions.copy_quote(self)

    def action_edit(self) -> None:
        from timeline_tui.app.editor import open_in_editor

        event = self.timeline.highlighted_event
        line = None if event is None else self.catalogue.events[event].location.line
        open_in_editor(self.app, self.catalogue.path, line)

    def action_show_command(self) -> None:
        from timeline_tui.app.screens.command import CommandScreen

        try:
            command = self.command_line()
        except NotACommandLine as error:
            self.notify(f"This view has no command line: {error}", severity="warning", markup=False)
            return
        self.app.push_screen(CommandScreen(command))

    def action_help(self) -> None:
        from timeline_tui.app.screens.help import HelpScreen

        try:
            command = self.command_line()
        except NotACommandLine as error:
            command = f"(none: {error})"
        self.app.push_screen(HelpScreen(command))

    def action_back(self) -> None:
        focused = self.focused
        if (
            focused is not None
            and focused is not self.timeline
            and (self.pane in focused.ancestors or self.quotes in focused.ancestors_with_self)
        ):
            self._focus_now(self.timeline)
        elif self.quotes_open:
            self.remove_class("-quotes-open", "-quotes-full")
            self._place_pane()
            self.refresh_bindings()
            self._focus_now(self.timeline)

    def command_line(self) -> str:
        """The `timeline list` command that prints what this screen shows, in printable text.

        Raises:
            NotACommandLine: A filter or the catalogue's path holds a NUL character.
        """
        return view_command_line(self.catalogue.path, self.filters, reverse=self.reverse)
