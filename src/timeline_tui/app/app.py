"""The Textual app: builds the per-catalogue state and shows the main screen."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from timeline_tui.app.filtering import FilterEngine, in_date_order
from timeline_tui.app.frame_hold import FrameHold
from timeline_tui.app.quotes import ArticleCache
from timeline_tui.app.screens.main import MainScreen
from timeline_tui.query import Filters, Index
from timeline_tui.textsafe import printable


class TimelineApp(App[None]):
    """Browse a catalogue of dated, sourced events."""

    # the main screen is the default screen, which does not load a CSS_PATH of its own
    CSS_PATH = ["app.tcss", "screens/main.tcss"]
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit timeline"),
    ]

    def __init__(self, index: Index, filters: Filters | None = None) -> None:
        """
        Args:
            index: The loaded catalogue's index (`index.catalogue` is the catalogue).
            filters: The filters to start with, from the command line.
        """
        super().__init__()
        self.index = in_date_order(index)
        self.initial_filters = filters or Filters()
        self.engine = FilterEngine(self.index)
        self.frame_hold = FrameHold(self)
        """Lets a keystroke's echo wait for its filter result, to share one frame."""
        self.articles = ArticleCache()
        self.title = printable(index.catalogue.title or "timeline")

    def get_default_screen(self) -> MainScreen:
        # the first screen itself, not pushed over an empty one: its styles apply once
        return MainScreen(self.engine, self.initial_filters, self.articles)
