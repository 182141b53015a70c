"""The Textual app: builds the per-catalogue state and shows the main screen."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.screen import Screen

from timeline_tui.app import keys
from timeline_tui.app.editor import EditorClosed, open_in_editor
from timeline_tui.app.filtering import FilterEngine
from timeline_tui.app.frame_hold import FrameHold
from timeline_tui.app.quotes import ArticleCache
from timeline_tui.app.reload import Reloader
from timeline_tui.app.screens.main import MainScreen
from timeline_tui.query import Filters, Index
from timeline_tui.text.printable import printable

if TYPE_CHECKING:
    # only for the handler's signature: the list is imported when a problem is shown
    from timeline_tui.app.widgets.problems_panel import ProblemList


class TimelineApp(App[None]):
    """Browse a catalogue of dated, sourced events."""

    # the main screen is the default screen, which does not load a CSS_PATH of its own
    CSS_PATH = ["app.tcss", "screens/main.tcss"]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = keys.APP

    def __init__(
        self,
        index: Index,
        filters: Filters | None = None,
        *,
        use_cache: bool = True,
        reverse: bool = False,
    ) -> None:
        """
        Args:
            index: The loaded catalogue's index (`index.catalogue` is the catalogue).
            filters: The filters to start with, from the command line.
            use_cache: Whether a reload may read and write the catalogue's cache.
            reverse: Newest first (`--reverse`).
        """
        super().__init__()
        self.index = index
        self.initial_filters = filters or Filters()
        self.initial_reverse = reverse
        self.engine = FilterEngine(self.index)
        self.frame_hold = FrameHold(self)
        """Lets a keystroke's echo wait for its filter result, to share one frame."""
        self.articles = ArticleCache()
        self.title = printable(index.catalogue.title or "timeline")
        self.reloader = Reloader(self, use_cache=use_cache)
        """Reloads the catalogue when it or an article changes on disk."""

    def on_mount(self) -> None:
        self.reloader.start()
        self.call_after_refresh(self._read_index_parts)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def _read_index_parts(self) -> None:
        # after the first paint, so the first screen does not wait for what only
        # a keystroke needs
        self.index.read_parts()

    def get_default_screen(self) -> MainScreen:
        # the first screen itself, not pushed over an empty one: its styles apply once
        return MainScreen(
            self.engine, self.initial_filters, self.articles, reverse=self.initial_reverse
        )

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Problems", "What `timeline check` reports; enter edits at one", self.action_problems
        )

    def action_problems(self) -> None:
        from timeline_tui.app.screens.problems import ProblemsScreen

        if not isinstance(self.screen, ProblemsScreen):
            self.push_screen(ProblemsScreen(self.index.catalogue.path))

    def on_problem_list_chosen(self, message: ProblemList.Chosen) -> None:
        """A problem chosen in the panel of a catalogue that no longer loads."""
        problem = message.problem
        open_in_editor(self, Path(problem.file), problem.line)

    def on_editor_closed(self, message: EditorClosed) -> None:
        self.reloader.poll()  # at once, not at the next tick
