"""The screen's header: how many events pass, which filters are on, the catalogue's title.

`2 of 5 events · actor Freedonia   c clears · L command      Freedonia and Sylvania`
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from timeline_tui.app import key_help
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.query import Filters
from timeline_tui.query.describe import describe_filters
from timeline_tui.text.printable import printable

__all__ = ["FilterSummary", "describe_filters"]


_CHANGE_HINT = "   " + key_help.hint(("main.clear", "clears"), ("main.command", "command"))
_FILTER_HINT = "   " + key_help.hint(
    ("main.search", "search"),
    ("main.actors", "actors"),
    ("main.themes", "themes"),
    ("main.dates", "dates"),
)
_TITLE_GAP = "   "
_TITLE_LEAST = 12
"""Cells a shortened title needs to be worth showing."""


class FilterSummary(Widget):
    """`N of M events`, the active filters, and the catalogue's title at the right.

    A plain Widget rather than a Static: `Static.update` lays the screen out again,
    and this line never changes size.
    """

    DEFAULT_CSS = """
    FilterSummary {
        height: 1;
        padding: 0 1;
        background: $panel;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.content = Content()
        """The count and the filters, then the keys that change them."""
        self._counted = Content()
        self._title = Content()

    def show(self, filters: Filters, count: int, catalogue: Catalogue) -> None:
        total = len(catalogue.events)
        parts: list[str | tuple[str, str]] = [
            (f"{count:,} of {total:,} events", "bold"),
        ]
        described = describe_filters(filters, catalogue)
        if described:
            parts += [(" · ", "$text-muted"), " · ".join(described)]
            hint = _CHANGE_HINT
        else:
            hint = _FILTER_HINT
        self._counted = Content.assemble(*parts)
        self.content = Content.assemble(self._counted, (hint, "$text-muted"))
        self._title = Content.styled(printable(catalogue.title or ""), "bold $text-accent")
        self.refresh()

    def render(self) -> Content:
        # the catalogue's title at the right, in the room the count and filters leave:
        # before the key hints while it fits whole, else instead of them
        width = self.content_region.width
        title = self._title
        if not title.cell_length or not width:
            return self.content
        for line in (self.content, self._counted):
            room = width - line.cell_length - len(_TITLE_GAP)
            if room >= min(title.cell_length, _TITLE_LEAST):
                shown = title.truncate(room, ellipsis=True)
                return Content.assemble(
                    line, " " * (width - line.cell_length - shown.cell_length), shown
                )
        return self.content
