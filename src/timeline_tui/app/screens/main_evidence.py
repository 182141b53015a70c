"""The main screen's evidence filters, marks, order and jumps: `v`, `m`, `r` and `:`.

A mixin of `MainScreen`, which declares the bindings and owns the filters, the
marks (`MarksState`) and the order; these handlers only change them and ask the
screen to filter again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from timeline_tui.app.widgets.evidence_filters import EvidenceFilters, toggled
from timeline_tui.app.widgets.jump_box import JumpBox
from timeline_tui.query.marks import MarksError
from timeline_tui.text.printable import printable

if TYPE_CHECKING:
    from textual.widget import Widget

    from timeline_tui.app.filtering import FilterEngine
    from timeline_tui.app.marks_state import MarksState
    from timeline_tui.app.widgets.filter_pane import FilterPane
    from timeline_tui.app.widgets.timeline_view import TimelineView
    from timeline_tui.catalogue.model import Catalogue
    from timeline_tui.query import Filters


class EvidenceMarksAndOrder:
    """`v` the Evidence group, `m` marks, `r` newest first, `:` jumps to a date."""

    if TYPE_CHECKING:  # what `MainScreen` provides
        filters: Filters
        marks: MarksState
        reverse: bool
        _engine: FilterEngine
        _pending_event: int | None

        @property
        def catalogue(self) -> Catalogue: ...
        @property
        def timeline(self) -> TimelineView: ...
        @property
        def pane(self) -> FilterPane: ...
        @property
        def jump_box(self) -> JumpBox: ...
        def set_filters(self, filters: Filters) -> None: ...
        def _recompute(self) -> None: ...
        def _show_pane(self) -> None: ...
        def _focus_now(self, widget: Widget) -> None: ...

    def on_evidence_filters_toggled(self, message: EvidenceFilters.Toggled) -> None:
        self.set_filters(toggled(self.filters, message.switch, self.marks.ids))

    def action_focus_evidence(self) -> None:
        self._show_pane()
        self._focus_now(self.pane.query_one("#evidence", EvidenceFilters))

    def action_toggle_mark(self) -> None:
        event = self.timeline.highlighted_event
        if event is None:
            return
        try:
            self.marks.toggle(self.catalogue.events[event].id)
        except MarksError as error:
            message = printable(str(error))
            self.timeline.notify(message, title="Marks", severity="error", markup=False)
            return
        self.timeline.mark_starred(self.marks.ids)
        if self.filters.marked is not None:
            # only marked events are shown: the filter follows the marks
            self.set_filters(replace(self.filters, marked=self.marks.ids))
        else:
            self._recompute()  # the count beside "Marked"

    def action_reverse(self) -> None:
        self.reverse = not self.reverse
        self._recompute()

    def action_jump(self) -> None:
        self._focus_now(self.jump_box.open())

    def on_jump_box_asked(self, message: JumpBox.Asked) -> None:
        self.jump_box.find(message.text, self._engine.index, self.filters)

    def on_jump_box_closed(self) -> None:
        self._focus_now(self.timeline)

    def on_jump_box_found(self, message: JumpBox.Found) -> None:
        self._focus_now(self.timeline)
        if message.index is not self._engine.index:
            return  # reloaded meanwhile: positions moved
        if not self.timeline.highlight_event(message.event):
            self._pending_event = message.event  # the result on its way shows it
