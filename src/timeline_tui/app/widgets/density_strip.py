"""A strip of bars: how many of the matching events fall in each year. A click filters to it."""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from timeline_tui.app.density import YearBin, axis_line, bin_years, sparkline
from timeline_tui.app.messages import YearChosen


class DensityStrip(Widget):
    """Events per year over the catalogue's whole range, the cursor's year marked."""

    DEFAULT_CSS = """
    DensityStrip {
        height: 2;
        padding: 0 1;
        background: $surface;
        color: $text-accent;
    }
    DensityStrip.-counting {
        color: $text-muted;
    }
    """

    cursor_year: reactive[int | None] = reactive(None)

    def __init__(self, year_range: tuple[int, int] | None, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._year_range = year_range
        self._by_year: Mapping[int, float] = {}

    def show(self, by_year: Mapping[int, float]) -> None:
        self._by_year = by_year
        self.remove_class("-counting")
        self.refresh()

    def await_counts(self) -> None:
        """Dim the bars shown until `show` gives the new ones."""
        self.add_class("-counting")

    def bins(self) -> list[YearBin]:
        if self._year_range is None:
            return []
        first, last = self._year_range
        return bin_years(self._by_year, first, last, self.content_region.width)

    def render(self) -> Content:
        bins = self.bins()
        if not bins:
            return Content("")
        bars = sparkline([b.value for b in bins])
        cursor = self.cursor_year
        marked = [
            cell
            for cell, year_bin in enumerate(bins)
            if cursor is not None and year_bin.first <= cursor <= year_bin.last
        ]
        line = Content(bars)
        for cell in marked:
            line = line.stylize("$text-warning", cell, cell + 1)
        return Content.assemble(line, "\n", (axis_line(bins, cursor), "$text-muted"))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        bins = self.bins()
        if offset is not None and 0 <= offset.x < len(bins):
            self.post_message(YearChosen(bins[offset.x].first, bins[offset.x].last))
