"""The screen's header: the catalogue's title, how many events pass and which filters are on.

`Freedonia and Sylvania  2 of 5 events · actor Freedonia · …`
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from timeline_tui.model import Catalogue
from timeline_tui.query import Filters
from timeline_tui.textsafe import printable


def describe_filters(filters: Filters, catalogue: Catalogue) -> list[str]:
    """The active filters in words, one item per facet, e.g. `actor China or Russia`."""
    parts = []
    for facet, label, vocabulary in (
        ("actors", "actor", catalogue.actors),
        ("themes", "theme", catalogue.themes),
        ("sources", "source", catalogue.sources),
    ):
        chosen = filters.facet(facet)  # type: ignore[arg-type]
        if chosen:
            names = sorted(getattr(vocabulary.get(value), "name", value) for value in chosen)
            parts.append(f"{label} {' or '.join(names)}")
    if filters.since:
        parts.append(f"from {filters.since.day} {filters.since:%b %Y}")
    if filters.until:
        parts.append(f"to {filters.until.day} {filters.until:%b %Y}")
    text = " ".join(filters.text.split())
    if text:
        parts.append(f"“{text}”")
    return [printable(part) for part in parts]


TITLE_ROOM = 40
"""Characters of the catalogue's title shown at most, so a long one leaves room for the count."""


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
        parts: list[str | tuple[str, str]] = []
        if catalogue.title:  # the catalogue's own title heads the screen
            title = printable(catalogue.title)
            if len(title) > TITLE_ROOM:  # the count must stay in view
                title = title[: TITLE_ROOM - 1] + "…"
            parts += [(title, "bold $text-accent"), "  "]
        parts.append((f"{count:,} of {total:,} events", "bold"))
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
