"""Filters over a catalogue, shared by the command line and the app so both mean the same.

An `Index` is built once per loaded catalogue. Each facet value (an actor, a
theme, a source) is a bitmask over the events in date order, so a filter is a
few integer ANDs and a facet count is a popcount, whatever the catalogue's size.
"""

from __future__ import annotations

import bisect
import datetime as dt
import difflib
import itertools
import operator
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from timeline_tui.bitmask import flags_mask, mask_flags, mask_of, set_bits
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


_RECENT_SEARCHES = 32
"""Text masks kept for reuse: backspacing returns to one, typing on narrows one."""


@dataclass(slots=True)
class Index:
    """What filtering needs, computed once per catalogue.

    Each part is built the first time a filter needs it (a plain `timeline list`
    needs none), then kept: per facet value a bitmask of its events, per event
    the ordinal of its first and last day, per event its text case-folded.
    """

    catalogue: Catalogue
    all: int = field(init=False)
    _facet_masks: dict[Facet, dict[str, int]] = field(init=False, repr=False)
    _facet_totals: dict[Facet, dict[str, int]] = field(init=False, repr=False)
    _facet_values: dict[Facet, list[tuple[str, ...]]] = field(init=False, repr=False)
    _haystacks: list[str] | None = field(init=False, repr=False)
    _days: tuple[list[int], list[int], int] | None = field(init=False, repr=False)
    _date_cache: tuple[tuple[dt.date | None, dt.date | None], int] | None = field(
        init=False, repr=False
    )
    _text_cache: dict[tuple[str, ...], int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.all = (1 << len(self.catalogue.events)) - 1
        self._facet_masks = {}
        self._facet_totals = {}
        self._facet_values = {}
        self._haystacks = None
        self._days = None
        self._date_cache = None
        self._text_cache = {}

    @property
    def events(self) -> list[Event]:
        return self.catalogue.events

    def export_parts(self) -> dict[str, Any]:
        """What the app needs from the start, built now: for `cache` to store.

        The day bounds, the actor and theme masks and the search texts; source
        masks are left to be built when `--source` first asks for them.
        """
        self._day_bounds()
        for facet in ("actors", "themes"):
            self._value_masks(facet)
        return {
            "size": len(self.events),
            "days": self._day_bounds(),
            "masks": dict(self._facet_masks),
            "haystacks": self.haystacks,
        }

    @classmethod
    def with_parts(cls, catalogue: Catalogue, parts: dict[str, Any]) -> Index:
        """An index of `catalogue` with the parts `export_parts` gave for the same catalogue."""
        index = cls(catalogue)
        if parts.get("size") == len(catalogue.events):  # else they are for another catalogue
            index._days = parts["days"]
            index._facet_masks.update(parts["masks"])
            index._haystacks = parts["haystacks"]
        return index

    # -- the precomputed parts -------------------------------------------------

    @property
    def haystacks(self) -> list[str]:
        """Per event, its title, summary, quotes, notes and disputes, case-folded.

        What `--search` looks in.
        """
        if self._haystacks is None:
            self._haystacks = _haystacks(self.events)
        return self._haystacks

    @property
    def first_days(self) -> list[int]:
        """Per event, the ordinal of its first day (ascending: events are in date order)."""
        return self._day_bounds()[0]

    @property
    def last_days(self) -> list[int]:
        """Per event, the ordinal of its last day."""
        return self._day_bounds()[1]

    @property
    def masks(self) -> dict[Facet, dict[str, int]]:
        """Per facet, per value, the bitmask of the events that have it."""
        return {facet: self._value_masks(facet) for facet in FACETS}

    def _day_bounds(self) -> tuple[list[int], list[int], int]:
        if self._days is None:
            spans = [event.date for event in self.events]
            first = [span.first_day.toordinal() for span in spans]
            last = [span.last_day.toordinal() for span in spans]
            if not all(map(operator.le, first, itertools.islice(first, 1, None))):
                # events out of date order (a catalogue built by hand): no binary search
                longest = -1
            else:
                longest = max(map(operator.sub, last, first), default=0)
            self._days = (first, last, longest)
        return self._days

    def _value_masks(self, facet: Facet) -> dict[str, int]:
        masks = self._facet_masks.get(facet)
        if masks is None:
            members: dict[str, list[int]] = defaultdict(list)
            for position, values in enumerate(self._event_values(facet)):
                for value in values:
                    members[value].append(position)
            size = len(self.events)
            masks = self._facet_masks[facet] = {
                value: mask_of(positions, size) for value, positions in members.items()
            }
        return masks

    def _event_values(self, facet: Facet) -> list[tuple[str, ...]]:
        """Per event, its values of a facet (a value may repeat within an event)."""
        values = self._facet_values.get(facet)
        if values is None:
            events = self.events
            if facet == "actors":
                values = [event.actors for event in events]
            elif facet == "themes":
                values = [event.themes for event in events]
            else:
                values = [
                    tuple(citation.source for citation in event.citations) for event in events
                ]
            self._facet_values[facet] = values
        return values

    # -- masks ----------------------------------------------------------------

    def _facet_mask(self, facet: Facet, values: frozenset[str]) -> int:
        if not values:
            return self.all
        masks = self._value_masks(facet)
        mask = 0
        for value in values:
            mask |= masks.get(value, 0)
        return mask

    def _date_mask(self, since: dt.date | None, until: dt.date | None) -> int:
        if since is None and until is None:
            return self.all
        cached = self._date_cache
        if cached is not None and cached[0] == (since, until):
            return cached[1]
        first, last, longest = self._day_bounds()
        size = len(first)
        if longest < 0:
            low = since.toordinal() if since else -1
            high = until.toordinal() if until else 1 << 30
            mask = flags_mask(bytes(map(operator.le, first, itertools.repeat(high))))
            mask &= flags_mask(bytes(map(operator.ge, last, itertools.repeat(low))))
        else:
            # First days ascend, so "starts on or before `until`" is a prefix and
            # "starts on or after `since`" a suffix. Of the events that start before
            # `since`, only those starting within the longest span of it can reach it.
            end = size if until is None else bisect.bisect_right(first, until.toordinal())
            mask = (1 << end) - 1
            if since is not None:
                low = since.toordinal()
                start = bisect.bisect_left(first, low, 0, end)
                window = bisect.bisect_left(first, low - longest, 0, start)
                reaching = bytes(
                    map(operator.ge, itertools.islice(last, window, start), itertools.repeat(low))
                )
                mask &= (self.all >> start << start) | (flags_mask(reaching) << window)
        self._date_cache = ((since, until), mask)
        return mask

    def _text_mask(self, text: str) -> int:
        terms = tuple(search_terms(text))
        if not terms:
            return self.all
        recent = self._text_cache
        mask = recent.get(terms)
        if mask is not None:
            recent[terms] = recent.pop(terms)  # most recently used last
            return mask
        # Typing extends the search: only an earlier search's matches can still
        # match, and its unchanged words need no second look.
        mask, todo = self.all, terms
        for previous, previous_mask in recent.items():
            if (
                len(terms) >= len(previous)
                and all(new.startswith(old) for new, old in zip(terms, previous, strict=False))
                and previous_mask.bit_count() < mask.bit_count()
            ):
                mask = previous_mask
                todo = tuple(
                    term
                    for position, term in enumerate(terms)
                    if position >= len(previous) or term != previous[position]
                )
        haystacks = self.haystacks
        size = len(haystacks)
        # the longest word first: usually the rarest, it leaves the fewest to look at
        for term in sorted(set(todo), key=len, reverse=True):
            if not mask:
                break
            if mask == self.all:
                found = bytes(map(operator.contains, haystacks, itertools.repeat(term)))
                mask = flags_mask(found)
            else:
                # look only at the events still in: selected, tested and placed in C
                flags = mask_flags(mask, size)
                found_in = map(
                    operator.contains,
                    itertools.compress(haystacks, flags),
                    itertools.repeat(term),
                )
                mask = mask_of(
                    itertools.compress(itertools.compress(range(size), flags), found_in), size
                )
        recent[terms] = mask
        if len(recent) > _RECENT_SEARCHES:
            del recent[next(iter(recent))]
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
        mask = self.match_mask(filters)
        if mask == self.all:
            return list(range(len(self.events)))
        return set_bits(mask)

    def matching_events(self, filters: Filters) -> list[Event]:
        events = self.events
        if filters.is_empty:
            return list(events)
        return [events[i] for i in self.matching(filters)]

    def facet_counts(self, filters: Filters, facet: Facet) -> dict[str, int]:
        """For each value of a facet, how many events would match with it selected,
        the other facets' filters applied: what a person sees beside each entry."""
        parts = self._masks(filters)
        rest = self.all
        for name, part in parts.items():
            if name != facet:
                rest &= part
        masks = self._value_masks(facet)
        if rest == self.all:
            totals = self._facet_totals.get(facet)
            if totals is None:
                totals = self._facet_totals[facet] = {
                    value: mask.bit_count() for value, mask in masks.items()
                }
            return dict(totals)
        matched = rest.bit_count()
        if matched * 4 < len(masks) * 64:
            # Few events match: tally their values rather than AND every value's
            # mask (each AND walks all events' bits).
            counts = dict.fromkeys(masks, 0)
            values = self._event_values(facet)
            for position in set_bits(rest):
                names = values[position]
                for value in set(names) if len(names) > 1 else names:  # each value once
                    counts[value] += 1
            return counts
        return {value: (mask & rest).bit_count() for value, mask in masks.items()}


def _searched_texts(event: Event) -> list[str]:
    """What `--search` looks in: title, summary, quotes, notes and what disputes say."""
    parts = [event.title, event.summary]
    parts += [citation.quote for citation in event.citations]
    parts += event.notes
    for dispute in event.disputes:
        parts += (dispute.about, dispute.note)
    return parts


def _haystack(event: Event) -> str:
    return " ".join(" ".join(_searched_texts(event)).split()).casefold()


def _haystacks(events: Sequence[Event]) -> list[str]:
    """`_haystack` of each event, up to white space (search words have none).

    Case-folded as one string: one call instead of one per event.
    """
    parts: list[str] = []
    for event in events:
        parts += _searched_texts(event)
        parts.append("\x00")
    joined = " ".join(parts)
    if joined.count("\x00") != len(events):  # a NUL in some text: one event at a time
        return [_haystack(event) for event in events]
    folded = joined.casefold().split(" \x00 ")
    folded[-1] = folded[-1].removesuffix(" \x00")
    return folded
