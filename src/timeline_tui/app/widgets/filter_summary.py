"""One line saying which filters are on and how many events pass: `12 of 62 events · China · …`."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from timeline_tui.describe import describe_filters
from timeline_tui.model import Catalogue
from timeline_tui.query import Filters

__all__ = ["FilterSummary", "describe_filters"]


class FilterSummary(Widget):
    """`N of M events`, then the active filters.

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

    def show(self, filters: Filters, count: int, catalogue: Catalogue) -> None:
        total = len(catalogue.events)
        parts: list[str | tuple[str, str]] = [
            (f"{count:,} of {total:,} events", "bold"),
        ]
        described = describe_filters(filters, catalogue)
        if described:
            parts += [
                (" · ", "$text-muted"),
                " · ".join(described),
                ("   c clears · L command", "$text-muted"),
            ]
        else:
            parts.append(("   / search · a actors · t themes · d dates", "$text-muted"))
        self.content = Content.assemble(*parts)
        self.refresh()

    def render(self) -> Content:
        return self.content
