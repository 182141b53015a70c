"""The `Index`: what filtering a catalogue needs, computed once per catalogue.

Each facet value (an actor, a theme, a source) and each evidence filter
(disputed, corroborated, with figures, drafts) is a bitmask over the events in
date order, so a filter is a few integer ANDs and a count is a popcount,
whatever the catalogue's size.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.query.bitmask import mask_of, set_bits
from timeline_tui.query.day_index import (
    DayBounds,
    date_mask,
    day_bounds,
    first_starting_at_or_after,
)
from timeline_tui.query.evidence import EvidenceMasks, counts_from_totals, evidence_masks
from timeline_tui.query.facet_table import FacetTable
from timeline_tui.query.filters import CORROBORATED, EVIDENCE, FACETS, Evidence, Facet, Filters
from timeline_tui.query.parts import IndexParts, StoredParts
from timeline_tui.query.text_search import haystacks, search_terms, text_mask

T = TypeVar("T")

TALLY_BELOW = 8192
"""Facet counts tally the matching events' values when fewer than values × events
/ this match: tallying costs about 0.5 µs an event, an AND and popcount of one
value's mask about 0.07 ns an event (measured at a million events)."""


@dataclass(slots=True)
class Index:
    """What filtering needs, computed once per catalogue.

    Each part is built the first time a filter needs it (a plain `timeline list`
    needs none), then kept: per facet value a bitmask of its events, per event
    the ordinal of its first and last day, per event its text case-folded, and
    the evidence filters' masks.
    """

    catalogue: Catalogue
    stored: StoredParts | None = field(default=None, repr=False)
    """Where the parts are kept (a cache entry), each read when first needed."""
    all: int = field(init=False)
    _facet_masks: dict[Facet, dict[str, int]] = field(init=False, repr=False)
    _facet_members: dict[Facet, dict[str, array[int]]] = field(init=False, repr=False)
    _facet_totals: dict[Facet, dict[str, int]] = field(init=False, repr=False)
    _tables: dict[Facet, FacetTable] = field(init=False, repr=False)
    _haystacks: Sequence[str] | None = field(init=False, repr=False)
    _days: DayBounds | None = field(init=False, repr=False)
    _evidence: EvidenceMasks | None = field(init=False, repr=False)
    _positions: dict[str, int] | None = field(init=False, repr=False)
    _ids: Sequence[str] | None = field(init=False, repr=False)
    _date_cache: tuple[tuple[dt.date | None, dt.date | None], int] | None = field(
        init=False, repr=False
    )
    _marked_cache: tuple[frozenset[str], int] | None = field(init=False, repr=False)
    _text_cache: dict[tuple[str, ...], int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.all = (1 << len(self.catalogue.events)) - 1
        self._facet_masks = {}
        self._facet_members = {}
        self._facet_totals = {}
        self._tables = {}
        self._haystacks = None
        self._days = None
        self._evidence = None
        self._positions = None
        self._ids = None
        self._date_cache = None
        self._marked_cache = None
        self._text_cache = {}

    @property
    def events(self) -> Sequence[Event]:
        return self.catalogue.events

    def export_parts(self) -> IndexParts:
        """What the app needs from the start, built now: for `cache` to store.

        The day bounds, the actors' and themes' values event by event (their
        masks are stored from them), the search texts and the evidence masks;
        sources are left for when `--source` first asks for them.
        """
        return IndexParts(
            size=len(self.events),
            days=self._day_bounds(),
            tables={facet: self._table(facet) for facet in ("actors", "themes")},
            haystacks=self.haystacks,
            evidence=self._evidence_masks(),
        )

    # -- the precomputed parts -------------------------------------------------

    @property
    def haystacks(self) -> Sequence[str]:
        """Per event, its title, summary, quotes, notes and disputes, case-folded.

        What `--search` looks in.
        """
        if self._haystacks is None:
            self._haystacks = self._kept(
                lambda kept: kept.haystacks(), lambda: haystacks(self.events)
            )
        return self._haystacks

    @property
    def first_days(self) -> Sequence[int]:
        """Per event, the ordinal of its first day (ascending: events are in date order)."""
        return self._day_bounds()[0]

    @property
    def last_days(self) -> Sequence[int]:
        """Per event, the ordinal of its last day."""
        return self._day_bounds()[1]

    def position(self, event_id: str) -> int | None:
        """Where the event with this id is in `events`; None for an unknown id."""
        return self._id_positions().get(event_id)

    def _day_bounds(self) -> DayBounds:
        if self._days is None:
            self._days = self._kept(lambda kept: kept.days(), lambda: day_bounds(self.events))
        return self._days

    def _evidence_masks(self) -> EvidenceMasks:
        if self._evidence is None:
            self._evidence = self._kept(
                lambda kept: kept.evidence(), lambda: evidence_masks(self.events)
            )
        return self._evidence

    def _kept(self, read: Callable[[StoredParts], T | None], build: Callable[[], T]) -> T:
        """A part as `stored` keeps it, else built from the events."""
        found = None if self.stored is None else read(self.stored)
        return build() if found is None else found

    def read_parts(self) -> None:
        """Have every part filters use now: the app calls this in a worker after its
        first screen, so that no keystroke waits for a part to be read (the search
        texts of a million events take a second)."""
        self._day_bounds()
        for facet in ("actors", "themes"):
            self._value_masks(facet)
            self._totals(facet)
            self._table(facet)
        self._evidence_masks()
        _ = self.haystacks  # read now, kept by the property

    def event_ids(self) -> Sequence[str]:
        """Per event, its id (stored beside the events: read without reading them)."""
        if self._ids is None:
            self._ids = self._kept(
                lambda kept: kept.ids(), lambda: [event.id for event in self.events]
            )
        return self._ids

    def _id_positions(self) -> dict[str, int]:
        if self._positions is None:
            ids = self.event_ids()
            self._positions = {event_id: position for position, event_id in enumerate(ids)}
        return self._positions

    def _value_masks(self, facet: Facet) -> dict[str, int]:
        masks = self._facet_masks.get(facet)
        if masks is None and self.stored is not None:
            masks = self.stored.masks(facet)
            if masks is not None:
                self._facet_masks[facet] = masks
        if masks is None:
            size = len(self.events)
            masks = self._facet_masks[facet] = {
                value: mask_of(positions, size) for value, positions in self._members(facet).items()
            }
        return masks

    def _members(self, facet: Facet) -> dict[str, array[int]]:
        """Per value of a facet, the positions of its events, ascending (kept: the
        masks and the totals are both made from them)."""
        members = self._facet_members.get(facet)
        if members is None:
            members = self._facet_members[facet] = self._table(facet).members()
        return members

    def _table(self, facet: Facet) -> FacetTable:
        """The facet's values event by event, as the cache keeps them, else read from
        every event."""
        table = self._tables.get(facet)
        if table is None:
            table = self._tables[facet] = self._kept(
                lambda kept: kept.table(facet),
                lambda: FacetTable.of(_facet_values(event, facet) for event in self.events),
            )
        return table

    def _totals(self, facet: Facet) -> dict[str, int]:
        """Per value, how many events have it: stored beside the masks, so the first
        screen shows the facets' counts without building a mask."""
        totals = self._facet_totals.get(facet)
        if totals is None:
            totals = self.stored.totals(facet) if self.stored else None
            if totals is None:
                members = self._members(facet)
                totals = {value: len(positions) for value, positions in members.items()}
            self._facet_totals[facet] = totals
        return totals

    # -- masks ----------------------------------------------------------------

    def _facet_mask(self, facet: Facet, values: frozenset[str], all_of: bool) -> int:
        if not values:
            return self.all
        masks = self._value_masks(facet)
        if all_of:
            mask = self.all
            for value in values:
                mask &= masks.get(value, 0)
            return mask
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
        mask = date_mask(self._day_bounds(), since, until, self.all)
        self._date_cache = ((since, until), mask)
        return mask

    def _text_mask(self, text: str) -> int:
        terms = tuple(search_terms(text))
        if not terms:
            return self.all
        return text_mask(terms, self.haystacks, self.all, self._text_cache)

    def _marked_mask(self, marked: frozenset[str] | None) -> int:
        if marked is None:
            return self.all
        if not marked:
            return 0  # no marks: no need to know where every id is
        cached = self._marked_cache
        if cached is not None and cached[0] == marked:
            return cached[1]
        positions = self._id_positions()
        found = [positions[i] for i in marked if i in positions]  # marks of removed events: none
        mask = mask_of(found, len(self.events))
        self._marked_cache = (marked, mask)
        return mask

    def _evidence_mask(self, name: Evidence, filters: Filters) -> int:
        if name == "marked":
            return self._marked_mask(filters.marked)
        if name == "min_sources":
            if filters.min_sources <= 0:
                return self.all
            return self._evidence_masks().corroborated(filters.min_sources)
        if not getattr(filters, name):
            return self.all
        masks = self._evidence_masks()
        if name == "disputed":
            return masks.disputed
        return masks.has_figures if name == "has_figures" else masks.drafts

    def _masks(self, filters: Filters) -> dict[str, int]:
        parts: dict[str, int] = {
            facet: self._facet_mask(facet, filters.facet(facet), filters.all_of_in(facet))
            for facet in FACETS
        }
        parts["dates"] = self._date_mask(filters.since, filters.until)
        parts["text"] = self._text_mask(filters.text)
        for name in EVIDENCE:
            parts[name] = self._evidence_mask(name, filters)
        return parts

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

    def first_at_or_after(self, date: dt.date, filters: Filters | None = None) -> int | None:
        """Where in `events` the earliest event starting on or after `date` is, among
        those `filters` match (all events without); None when none starts that late.

        Jump to a date: the cursor goes to the first event at or after it.
        """
        among = self.all if filters is None else self.match_mask(filters)
        return first_starting_at_or_after(self._day_bounds(), date, among)

    def facet_counts(self, filters: Filters, facet: Facet) -> dict[str, int]:
        """For each value of a facet, how many events would match with it selected,
        the other filters applied: what a person sees beside each entry.

        Any-of, a value's count ignores the facet's own choices (selecting it widens
        them); all-of, it counts among what the facet's choices already match.
        """
        parts = self._masks(filters)
        if filters.all_of_in(facet):
            rest = self.all
            for part in parts.values():
                rest &= part
        else:
            rest = self.all
            for name, part in parts.items():
                if name != facet:
                    rest &= part
        if rest == self.all:
            return dict(self._totals(facet))
        if rest.bit_count() * TALLY_BELOW < len(self._totals(facet)) * len(self.events):
            # few events for so many values: tally their values rather than AND
            # every value's mask, each AND walking all the events' bits
            return self._table(facet).tally(set_bits(rest))
        masks = self._value_masks(facet)
        return {value: (mask & rest).bit_count() for value, mask in masks.items()}

    def evidence_counts(
        self, filters: Filters, marks: frozenset[str] = frozenset()
    ) -> dict[Evidence, int]:
        """For each evidence filter, how many events would match with it on, the
        other filters applied: the counts beside them in the filter pane.

        `min_sources` counts for `filters.min_sources`, or for `CORROBORATED`
        sources when it is not set; `marked` for `filters.marked`, or for `marks`
        when only marked events are not asked for.
        """
        parts = self._masks(filters)
        rest = self.all
        for name, part in parts.items():
            if name not in EVIDENCE:
                rest &= part
        if rest == self.all and self._evidence is None and self.stored is not None:
            totals = self.stored.evidence_totals()
            if totals is not None and all(parts[name] == self.all for name in EVIDENCE):
                # nothing narrows the events: the stored counts are the answer, and
                # the first screen builds no evidence mask
                marked = filters.marked if filters.marked is not None else marks
                sources = filters.min_sources or CORROBORATED
                return counts_from_totals(totals, sources, self._marked_mask(marked).bit_count())
        turned_on = replace(
            filters,
            disputed=True,
            has_figures=True,
            drafts=True,
            min_sources=filters.min_sources or CORROBORATED,
            marked=marks if filters.marked is None else filters.marked,
        )
        counts: dict[Evidence, int] = {}
        for name in EVIDENCE:
            others = rest
            for other in EVIDENCE:
                if other != name:
                    others &= parts[other]
            counts[name] = (others & self._evidence_mask(name, turned_on)).bit_count()
        return counts


def _facet_values(event: Event, facet: Facet) -> tuple[str, ...]:
    """An event's values of a facet (a value may repeat within an event)."""
    if facet == "actors":
        return event.actors
    if facet == "themes":
        return event.themes
    return tuple(citation.source for citation in event.citations)
