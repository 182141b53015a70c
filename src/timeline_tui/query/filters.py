"""What to show, and how what a person typed becomes it.

`Filters` is the one description of a view that the command line, the app and
`L`'s printed command share: facets (actors, themes, sources), a date range, a
search, and the evidence filters (disputed, corroborated, with figures, drafts,
marked).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from timeline_tui.catalogue.date_expressions import parse_date_range
from timeline_tui.catalogue.dates import DateError
from timeline_tui.catalogue.model import Actor, Catalogue, Source, Theme

Facet = Literal["actors", "themes", "sources"]
FACETS: tuple[Facet, ...] = ("actors", "themes", "sources")
ALL_OF_FACETS: tuple[Facet, ...] = ("actors", "themes")
"""The facets whose values must all match when `Filters.all_of` is on (as jrnl's `-and`
does for tags); sources stay any-of."""

Evidence = Literal["disputed", "min_sources", "has_figures", "drafts", "marked"]
EVIDENCE: tuple[Evidence, ...] = ("disputed", "min_sources", "has_figures", "drafts", "marked")
"""The evidence filters, by their `Filters` field names, in the order they are shown."""
CORROBORATED = 2
"""The number of sources `evidence_counts` counts for when `min_sources` is not set."""


class QueryError(ValueError):
    """A filter that cannot be understood; the message says why and what would work."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What to show. Within a facet any value matches (all of them with `all_of`, for
    actors and themes); across facets and evidence filters all must."""

    actors: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""
    all_of: bool = False
    """Every chosen actor and every chosen theme, not any one of them."""
    disputed: bool = False
    """Only events whose sources disagree (they record a dispute)."""
    min_sources: int = 0
    """Only events cited by at least this many different sources; 0 for any."""
    has_figures: bool = False
    """Only events that state figures."""
    drafts: bool = False
    """Only draft events (`draft: true`, not yet written up)."""
    marked: frozenset[str] | None = None
    """Only the events with these ids (the marks); None for any event."""

    def facet(self, name: Facet) -> frozenset[str]:
        if name == "actors":
            return self.actors
        return self.themes if name == "themes" else self.sources

    def with_facet(self, name: Facet, values: Iterable[str]) -> Filters:
        chosen = frozenset(values)
        if name == "actors":
            return replace(self, actors=chosen)
        if name == "themes":
            return replace(self, themes=chosen)
        return replace(self, sources=chosen)

    def toggled(self, name: Facet, value: str) -> Filters:
        return self.with_facet(name, self.facet(name) ^ {value})

    def all_of_in(self, name: Facet) -> bool:
        """Whether this facet's values must all match."""
        return self.all_of and name in ALL_OF_FACETS

    @property
    def is_empty(self) -> bool:
        return self == Filters()


def resolve_names(catalogue: Catalogue, facet: Facet, names: Iterable[str]) -> frozenset[str]:
    """The ids that names given by a person stand for: an id, a name or an alias, any case.

    Raises:
        QueryError: for a name that matches nothing, with the closest names.
    """
    vocabularies: dict[Facet, Mapping[str, Actor | Theme | Source]] = {
        "actors": catalogue.actors,
        "themes": catalogue.themes,
        "sources": catalogue.sources,
    }
    vocabulary = vocabularies[facet]
    lookup: dict[str, set[str]] = {}
    for entry_id, entry in vocabulary.items():
        for spelling in entry.names:
            lookup.setdefault(spelling.casefold(), set()).add(entry_id)
    ids: set[str] = set()
    for name in names:
        found = lookup.get(" ".join(name.split()).casefold())
        if found is None:
            spellings = sorted({s for entry in vocabulary.values() for s in entry.names})
            import difflib  # only an unknown name pays for it

            close = difflib.get_close_matches(name, spellings, n=3, cutoff=0.5)
            if not close:
                close = [s for s in spellings if name.casefold() in s.casefold()][:3]
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            kind = facet[:-1]
            raise QueryError(f"unknown {kind} {name!r}{hint} (`timeline {facet}` lists them)")
        ids |= found
    return frozenset(ids)


def parse_bound(expression: str, *, end: bool, today: dt.date | None = None) -> dt.date:
    """A `--since` (first day) or `--until` (last day) bound from a date expression.

    Raises:
        QueryError: when the expression is not a date.
    """
    try:
        date = parse_date_range(expression, relative_base=today)
    except DateError as error:
        option = "--until" if end else "--since"
        raise QueryError(f"{option}: {error}") from None
    return date.last_day if end else date.first_day


def parse_min_sources(value: str | int | None) -> int:
    """`--min-sources N`: a whole number of sources, 1 or more; 0 when not given.

    Raises:
        QueryError: for anything but a whole number from 1.
    """
    if value is None:
        return 0
    text = str(value).strip()
    if not text.isascii() or not text.isdigit() or int(text) < 1:
        raise QueryError(
            f"--min-sources: expected a whole number of sources from 1, such as 2, not {value!r}"
        )
    return int(text)


def build_filters(
    catalogue: Catalogue,
    *,
    actors: Sequence[str] = (),
    themes: Sequence[str] = (),
    sources: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    search: str = "",
    all_of: bool = False,
    disputed: bool = False,
    min_sources: str | int | None = None,
    has_figures: bool = False,
    drafts: bool = False,
    marked: frozenset[str] | None = None,
) -> Filters:
    """Filters from what a person typed.

    Args:
        marked: The marks (`timeline_tui.query.marks.load_marks`) when only marked events
            are wanted, else None.

    Raises:
        QueryError: for an unknown name, an unreadable date, an empty range or a
            minimum number of sources that is not a whole number from 1.
    """
    since_date = parse_bound(since, end=False) if since else None
    until_date = parse_bound(until, end=True) if until else None
    if since_date and until_date and since_date > until_date:
        raise QueryError(f"--since {since} is after --until {until}: no date is in that range")
    return Filters(
        actors=resolve_names(catalogue, "actors", actors),
        themes=resolve_names(catalogue, "themes", themes),
        sources=resolve_names(catalogue, "sources", sources),
        since=since_date,
        until=until_date,
        text=search,
        all_of=all_of,
        disputed=disputed,
        min_sources=parse_min_sources(min_sources),
        has_figures=has_figures,
        drafts=drafts,
        marked=None if marked is None else frozenset(marked),
    )
