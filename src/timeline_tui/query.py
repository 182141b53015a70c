"""Filters over a catalogue, shared by the command line and the app so both mean the same.

An `Index` is built once per loaded catalogue. Each facet value (an actor, a
theme, a source) is a bitmask over the events in date order, so a filter is a
few integer ANDs and a facet count is a popcount, whatever the catalogue's size.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from timeline_tui.dates import DateError, parse_date_expression
from timeline_tui.model import Catalogue, Event

Facet = Literal["actors", "themes", "sources"]
FACETS: tuple[Facet, ...] = ("actors", "themes", "sources")


class QueryError(ValueError):
    """A filter that cannot be understood; the message says why and what would work."""


@dataclass(frozen=True, slots=True)
class Filters:
    """What to show. Within a facet any value matches; across facets all must."""

    actors: frozenset[str] = frozenset()
    themes: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    since: dt.date | None = None
    until: dt.date | None = None
    text: str = ""

    def facet(self, name: Facet) -> frozenset[str]:
        return getattr(self, name)  # type: ignore[no-any-return]

    def with_facet(self, name: Facet, values: Iterable[str]) -> Filters:
        return replace(self, **{name: frozenset(values)})

    def toggled(self, name: Facet, value: str) -> Filters:
        return self.with_facet(name, self.facet(name) ^ {value})

    @property
    def is_empty(self) -> bool:
        return self == Filters()


def resolve_names(catalogue: Catalogue, facet: Facet, names: Iterable[str]) -> frozenset[str]:
    """The ids that names given by a person stand for: an id, a name or an alias, any case.

    Raises:
        QueryError: for a name that matches nothing, with the closest names.
    """
    vocabulary = {
        "actors": catalogue.actors,
        "themes": catalogue.themes,
        "sources": catalogue.sources,
    }[facet]
    lookup: dict[str, set[str]] = {}
    for entry_id, entry in vocabulary.items():
        spellings = getattr(entry, "names", (entry_id,))
        for spelling in spellings:
            lookup.setdefault(spelling.casefold(), set()).add(entry_id)
    ids: set[str] = set()
    for name in names:
        found = lookup.get(" ".join(name.split()).casefold())
        if found is None:
            spellings = sorted(
                {s for e in vocabulary.values() for s in getattr(e, "names", ())} | set(vocabulary)
            )
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
        date = parse_date_expression(expression, relative_base=today)
    except DateError as error:
        option = "--until" if end else "--since"
        raise QueryError(f"{option}: {error}") from None
    return date.last_day if end else date.first_day


def build_filters(
    catalogue: Catalogue,
    *,
    actors: Sequence[str] = (),
    themes: Sequence[str] = (),
    sources: Sequence[str] = (),
    since: str | None = None,
    until: str | None = None,
    search: str = "",
) -> Filters:
    """Filters from what a person typed.

    Raises:
        QueryError: for an unknown name, an unreadable date or an empty range.
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
    )


def search_terms(text: str) -> list[str]:
    """The words of a search, each to be found somewhere in an event."""
    return text.casefold().split()


@dataclass(slots=True)
class _TextCache:
    terms: tuple[str, ...] = ()
    mask: int = 0


@dataclass(slots=True)
class Index:
    """What filtering needs, computed once per catalogue."""

    catalogue: Catalogue
    haystacks: list[str] = field(init=False)
    first_days: list[int] = field(init=False)
    last_days: list[int] = field(init=False)
    masks: dict[Facet, dict[str, int]] = field(init=False)
    all: int = field(init=False)
    _text_cache: _TextCache = field(init=False)

    def __post_init__(self) -> None:
        events = self.catalogue.events
        self.haystacks = [_haystack(event) for event in events]
        self.first_days = [event.date.first_day.toordinal() for event in events]
        self.last_days = [event.date.last_day.toordinal() for event in events]
        members: dict[Facet, dict[str, list[int]]] = {facet: {} for facet in FACETS}
        for index, event in enumerate(events):
            for facet, values in (
                ("actors", event.actors),
                ("themes", event.themes),
                ("sources", event.source_ids),
            ):
                for value in values:
                    members[facet].setdefault(value, []).append(index)  # type: ignore[index]
        size = len(events)
        self.masks = {
            facet: {value: _mask(indices, size) for value, indices in by_value.items()}
            for facet, by_value in members.items()
        }
        self.all = (1 << size) - 1
        self._text_cache = _TextCache(mask=self.all)

    @property
    def events(self) -> list[Event]:
        return self.catalogue.events

    def _facet_mask(self, facet: Facet, values: frozenset[str]) -> int:
        if not values:
            return self.all
        mask = 0
        for value in values:
            mask |= self.masks[facet].get(value, 0)
        return mask

    def _date_mask(self, since: dt.date | None, until: dt.date | None) -> int:
        if since is None and until is None:
            return self.all
        low = since.toordinal() if since else -1
        high = until.toordinal() if until else 1 << 30
        first, last = self.first_days, self.last_days
        return _mask(
            (i for i in range(len(first)) if first[i] <= high and last[i] >= low), len(first)
        )

    def _text_mask(self, text: str) -> int:
        terms = tuple(search_terms(text))
        if not terms:
            return self.all
        cache = self._text_cache
        # typing extends the search: only the previous matches can still match
        narrowing = (
            cache.terms
            and len(terms) >= len(cache.terms)
            and all(new.startswith(old) for new, old in zip(terms, cache.terms, strict=False))
        )
        candidates = _indices(cache.mask) if narrowing else range(len(self.haystacks))
        haystacks = self.haystacks
        mask = _mask(
            (i for i in candidates if all(term in haystacks[i] for term in terms)),
            len(haystacks),
        )
        self._text_cache = _TextCache(terms, mask)
        return mask

    def _masks(self, filters: Filters) -> dict[str, int]:
        return {
            "actors": self._facet_mask("actors", filters.actors),
            "themes": self._facet_mask("themes", filters.themes),
            "sources": self._facet_mask("sources", filters.sources),
            "dates": self._date_mask(filters.since, filters.until),
            "text": self._text_mask(filters.text),
        }

    def match_mask(self, filters: Filters) -> int:
        mask = self.all
        for part in self._masks(filters).values():
            mask &= part
        return mask

    def matching(self, filters: Filters) -> list[int]:
        """Positions in `events` (date order) of the events that pass every filter."""
        return _indices(self.match_mask(filters))

    def matching_events(self, filters: Filters) -> list[Event]:
        events = self.events
        return [events[i] for i in self.matching(filters)]

    def facet_counts(self, filters: Filters, facet: Facet) -> dict[str, int]:
        """For each value of a facet, how many events would match with it selected,
        the other facets' filters applied: what a person sees beside each entry."""
        parts = self._masks(filters)
        rest = self.all
        for name, part in parts.items():
            if name != facet:
                rest &= part
        return {value: (mask & rest).bit_count() for value, mask in self.masks[facet].items()}


def _haystack(event: Event) -> str:
    parts = [event.title, event.summary, *(citation.quote for citation in event.citations)]
    return " ".join(" ".join(parts).split()).casefold()


_BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]


def _mask(indices: Iterable[int], size: int) -> int:
    data = bytearray((size + 7) // 8)
    for index in indices:
        data[index >> 3] |= 1 << (index & 7)
    return int.from_bytes(data, "little")


def _indices(mask: int) -> list[int]:
    result: list[int] = []
    data = mask.to_bytes((mask.bit_length() + 7) // 8, "little")
    for byte_index, byte in enumerate(data):
        if byte:
            base = byte_index << 3
            result.extend(base + bit for bit in _BITS[byte])
    return result
