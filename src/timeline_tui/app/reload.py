"""Reload the catalogue when it or one of its articles changes on disk.

A timer compares the files' stamps a couple of times a second; a change starts a
worker thread that loads the catalogue as the command line does (through the
cache) and computes the first result for the filters on screen. Back on the
app's thread, the main screen shows the new catalogue with the same filters
(less any actor, theme or source that is gone), the same event highlighted when
it still exists, and the same panels open.

A catalogue that no longer loads changes nothing on screen but a problems panel;
the next good save takes it away.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual.widgets import Input

from timeline_tui.app.filtering import FilterEngine, FilterOutcome
from timeline_tui.app.quotes import ArticleCache
from timeline_tui.app.screens.main import MainScreen
from timeline_tui.app.watch import FileWatch, carry_filters, watched_paths
from timeline_tui.cache import load_index
from timeline_tui.catalogue.errors import CatalogueError, Problem
from timeline_tui.query import Filters, Index
from timeline_tui.text.printable import printable

if TYPE_CHECKING:
    from timeline_tui.app.app import TimelineApp

WATCH_INTERVAL = 0.5
"""Seconds between two looks at the files: a save shows within about this long."""
PANEL_ID = "problems-panel"


@dataclass(frozen=True, slots=True)
class Loaded:
    """A catalogue that loaded, with the first result for the filters carried over."""

    index: Index
    engine: FilterEngine
    outcome: FilterOutcome
    seconds: float


def load_for(path: Path, filters: Filters, *, use_cache: bool = True) -> Loaded:
    """Load the catalogue at `path` and filter it by what of `filters` still applies.

    Raises:
        CatalogueError: the catalogue does not load.
    """
    start = time.perf_counter()
    index = load_index(path, use_cache=use_cache)
    engine = FilterEngine(index)
    outcome = engine.run(carry_filters(filters, index.catalogue)[0])
    return Loaded(index, engine, outcome, time.perf_counter() - start)


@dataclass(frozen=True, slots=True)
class ViewState:
    """What a person has set up on the main screen, besides the filters."""

    event_id: str | None
    position: int
    """The highlighted event's place among the events shown."""
    focus_id: str | None
    since: str
    until: str
    pane_shown: bool
    source_index: int | None
    """The sources panel's chosen source, when the panel is open."""

    @classmethod
    def of(cls, screen: MainScreen) -> ViewState:
        event = screen.timeline.highlighted_event
        matches = screen.outcome.matches if screen.outcome is not None else ()
        position = 0
        if event is not None and screen.shows_event(event):
            position = matches.index(event)
        focused = screen.focused
        return cls(
            event_id=None if event is None else screen.catalogue.events[event].id,
            position=position,
            focus_id=None if focused is None else focused.id,
            since=screen.query_one("#since", Input).value,
            until=screen.query_one("#until", Input).value,
            pane_shown=bool(screen.pane.display),
            source_index=screen.quotes.source_index if screen.quotes_open else None,
        )

    def restore(self, screen: MainScreen) -> None:
        """Put the state back on a screen that shows a reloaded catalogue."""
        for input_id, text in (("#since", self.since), ("#until", self.until)):
            box = screen.query_one(input_id, Input)
            if box.value != text:  # what was typed, "2 years ago" say, not the date read
                box.value = text
        screen.pane.display = self.pane_shown
        events = screen.catalogue.events
        event = next((i for i, e in enumerate(events) if e.id == self.event_id), None)
        timeline = screen.timeline
        if event is None or not timeline.highlight_event(event):
            matches = screen.outcome.matches if screen.outcome is not None else ()
            if matches:  # the event gone or filtered out: the one now in its place
                timeline.highlight_event(matches[min(self.position, len(matches) - 1)])
        found = screen.query(f"#{self.focus_id}") if self.focus_id else None
        screen.set_focus(found.first() if found else timeline)  # the problems panel went
        shown = timeline.highlighted_event
        if self.source_index is not None and shown is not None:
            screen.quotes.show_event(events[shown], self.source_index)


class Reloader:
    """Watches the app's catalogue and its articles; reloads the app when they change."""

    def __init__(self, app: TimelineApp, *, use_cache: bool = True) -> None:
        self._app = app
        self._use_cache = use_cache
        self.path = app.index.catalogue.path
        self._watch = FileWatch(())
        self._loading = False
        self._again = False
        self.problems: list[Problem] = []
        """Why the catalogue on disk does not load; empty when it does."""
        self.attempts = 0
        """Reloads finished so far, good or failed."""

    def start(self) -> None:
        """Watch the files from now on, as they are now: the app is on screen."""
        self._watch = FileWatch(watched_paths(self._app.index.catalogue))
        self._app.set_interval(WATCH_INTERVAL, self.poll, name="watching the catalogue")

    def poll(self) -> None:
        """Reload if a watched file changed since the last look."""
        if not self._watch.changed():
            return
        if self._loading:
            self._again = True  # once this load is shown, load the newer files
            return
        self._start()

    def reload(self) -> None:
        """Reload now, whether or not a file changed."""
        if self._loading:
            self._again = True
        else:
            self._start()

    def _start(self) -> None:
        self._loading = True
        filters = self.main_screen.filters
        self._app.run_worker(
            partial(self._load, filters),
            thread=True,
            exclusive=True,
            group="reload",
            exit_on_error=False,
            description="reloading the catalogue",
        )

    @property
    def main_screen(self) -> MainScreen:
        screen = self._app.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def _load(self, filters: Filters) -> None:
        result: Loaded | list[Problem]
        try:
            result = load_for(self.path, filters, use_cache=self._use_cache)
        except CatalogueError as error:
            result = error.problems
        except Exception as error:  # noqa: BLE001 - a reload must never close the app
            reason = f"cannot be reloaded: {type(error).__name__}: {error}"
            result = [Problem(str(self.path), None, "", reason)]
        try:
            # Textual types the callback as returning `T | Awaitable[T]`, which mypy cannot
            # solve for a coroutine function: it settles on Never
            self._app.call_from_thread(self._finish, result)  # type: ignore[arg-type]
        except RuntimeError:  # the app closed meanwhile
            pass

    async def _finish(self, result: Loaded | list[Problem]) -> None:
        try:
            if isinstance(result, Loaded):
                await self._show(result)
            else:
                await self._fail(result)
        finally:
            self._loading = False
            if self._again:
                self._again = False
                self._start()

    async def _show(self, loaded: Loaded) -> None:
        from timeline_tui.app.screens.article import ArticleScreen
        from timeline_tui.app.screens.problems import ProblemsScreen

        app, main = self._app, self.main_screen
        catalogue = loaded.index.catalogue
        state = ViewState.of(main)
        article = app.screen if isinstance(app.screen, ArticleScreen) else None
        if article is not None:
            citation, cursor = article.citation_index, article.text_area.cursor_location
            app.pop_screen()
        app.index, app.engine, app.articles = loaded.index, loaded.engine, ArticleCache()
        app.title = printable(catalogue.title or "timeline")
        paths = watched_paths(catalogue)
        self._watch.watch(paths)
        self._watch.forget_others(paths)
        filters, dropped = carry_filters(main.filters, catalogue)
        outcome = loaded.outcome
        if outcome.filters != filters:  # changed while the catalogue was loading
            outcome = loaded.engine.run(filters)
        await main.show_catalogue(loaded.engine, app.articles, outcome)
        state.restore(main)
        self._hide_panel()
        self.problems = []
        if article is not None and main.timeline.highlighted_event is not None:
            opening = main.open_article(citation)
            if opening is not None:
                await opening
                app.screen.call_after_refresh(_put_cursor, app.screen, cursor)
        if isinstance(app.screen, ProblemsScreen):
            app.screen.action_check()
        message = f"Reloaded {printable(self.path.name)}"
        if dropped:
            message += (
                f"; no longer in it, so no longer filtered by: {printable(', '.join(dropped))}"
            )
        app.notify(message + ".", markup=False, timeout=3 if not dropped else 8)
        self.attempts += 1

    async def _fail(self, problems: list[Problem]) -> None:
        from timeline_tui.app.screens.problems import ProblemsScreen
        from timeline_tui.app.widgets.problems_panel import ProblemsPanel

        app, main = self._app, self.main_screen
        self.problems = problems
        panels = main.query(f"#{PANEL_ID}").results(ProblemsPanel)
        panel = next(panels, None)
        if panel is None:
            panel = ProblemsPanel(id=PANEL_ID)
            await main.query_one("#main-column").mount(panel)
        panel.show_failure(self.path.name, problems)
        if main.focused is None or main.focused is main.timeline:
            main.set_focus(panel)
        if app.screen is not main:
            first = printable(str(problems[0])) if problems else ""
            app.notify(
                f"{printable(self.path.name)} no longer loads: {first}",
                severity="error",
                markup=False,
            )
        if isinstance(app.screen, ProblemsScreen):
            app.screen.action_check()
        self.attempts += 1

    def _hide_panel(self) -> None:
        for panel in self.main_screen.query(f"#{PANEL_ID}"):
            panel.display = False


def _put_cursor(screen: object, cursor: tuple[int, int]) -> None:
    """Back where the cursor was in an article shown again after a reload."""
    from textual.widgets.text_area import Selection

    from timeline_tui.app.screens.article import ArticleScreen

    assert isinstance(screen, ArticleScreen)
    area = screen.text_area
    row = min(cursor[0], area.document.line_count - 1)
    area.selection = Selection.cursor((row, 0))
    area.scroll_cursor_visible(center=True)
