"""Where the main screen's filter pane and sources panel show: `f`, `z` and the width.

A mixin of `MainScreen`. On a wide screen the filter pane stands beside the
timeline until `f` hides it; below `NARROW` columns it folds away, and the keys
that need it bring it back over the timeline until the focus leaves it. The
sources panel, zoomed to the full height, hides the pane too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import Input

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.widget import Widget

    from timeline_tui.app.widgets.filter_pane import FilterPane
    from timeline_tui.app.widgets.quote_viewer import QuoteViewer
    from timeline_tui.app.widgets.timeline_view import TimelineView

    _ScreenPart = Screen[None]
else:
    _ScreenPart = object


class PaneLayout(_ScreenPart):
    """The filter pane beside or over the timeline, and the sources panel's full height."""

    _pane_beside = True
    """Whether the filter pane shows beside the timeline on a wide screen (`f` toggles)."""
    _pane_over = False
    """Whether the filter pane shows over the timeline on a narrow screen."""

    if TYPE_CHECKING:  # what `MainScreen` provides

        @property
        def timeline(self) -> TimelineView: ...
        @property
        def quotes(self) -> QuoteViewer: ...
        @property
        def pane(self) -> FilterPane: ...
        def _focus_now(self, widget: Widget) -> None: ...

    NARROW = 100
    """Below this width the filter pane folds away; its keys bring it back over the timeline."""

    def on_resize(self) -> None:
        narrow = self.size.width < self.NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            self._pane_over = False
            self._place_pane()

    def _place_pane(self) -> None:
        pane = self.pane
        shown = self._pane_over if self.has_class("-narrow") else self._pane_beside
        shown = shown and not self.has_class("-quotes-full")
        if not shown and pane.has_focus_within:
            self.set_focus(self.timeline)
        pane.display = shown

    def on_descendant_focus(self) -> None:
        # the pane over the timeline folds away once the focus leaves it
        if self._pane_over and not self.pane.has_focus_within:
            self._pane_over = False
            self._place_pane()

    def action_toggle_pane(self) -> None:
        if self.has_class("-narrow"):
            self._pane_over = not self.pane.display
            if self._pane_over:
                self._focus_now(self.query_one("#search", Input))
        else:
            self._pane_beside = not self.pane.display
        self._place_pane()

    def _show_pane(self) -> None:
        if self.has_class("-narrow"):
            self._pane_over = True
        else:
            self._pane_beside = True
        self._place_pane()

    def action_zoom_quotes(self) -> None:
        full = not self.has_class("-quotes-full")
        self.set_class(full, "-quotes-full")
        self._place_pane()
        self._focus_now(self.quotes if full else self.timeline)
