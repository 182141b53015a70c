"""The active filters in words, for the app's header and the command line's table.

Textual-free, so that `timeline list` on a terminal can state the filters as the
app does without importing the app.
"""

from __future__ import annotations

from collections.abc import Mapping

from timeline_tui.catalogue.model import Actor, Catalogue, Source, Theme
from timeline_tui.query import Facet, Filters
from timeline_tui.text.printable import printable


def describe_filters(filters: Filters, catalogue: Catalogue) -> list[str]:
    """The active filters in words, one item per facet or evidence filter, e.g.
    `actor China or Russia`, `actor China and Russia` (all-of), `disputed`.

    Args:
        filters: The filters as understood (dates already resolved to days).
        catalogue: Where the facets' ids get their names.

    Returns:
        Printable phrases, empty when no filter is on.
    """
    parts = []
    facets: tuple[tuple[Facet, str, Mapping[str, Actor | Theme | Source]], ...] = (
        ("actors", "actor", catalogue.actors),
        ("themes", "theme", catalogue.themes),
        ("sources", "source", catalogue.sources),
    )
    for facet, label, vocabulary in facets:
        chosen = filters.facet(facet)
        if chosen:
            names = sorted(getattr(vocabulary.get(value), "name", value) for value in chosen)
            joined = " and " if filters.all_of_in(facet) else " or "
            parts.append(f"{label} {joined.join(names)}")
    if filters.since:
        parts.append(f"from {filters.since.day} {filters.since:%b %Y}")
    if filters.until:
        parts.append(f"to {filters.until.day} {filters.until:%b %Y}")
    text = " ".join(filters.text.split())
    if text:
        parts.append(f"“{text}”")
    if filters.disputed:
        parts.append("disputed")
    if filters.min_sources:
        plural = "" if filters.min_sources == 1 else "s"
        parts.append(f"cited by {filters.min_sources}+ source{plural}")
    if filters.has_figures:
        parts.append("with figures")
    if filters.drafts:
        parts.append("drafts")
    if filters.marked is not None:
        parts.append("marked")
    return [printable(part) for part in parts]
