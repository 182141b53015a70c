"""Everything the main screen shows for a set of filters, computed in one go. No Textual.

It runs in a worker thread, so it must not touch widgets; the screen applies the
outcome when it arrives, if the filters are still the ones asked for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from timeline_tui.app.density import DensityIndex
from timeline_tui.app.line_map import LineMap, YearIndex
from timeline_tui.query import Evidence, Filters, Index
from timeline_tui.query.bitmask import set_bits


@dataclass(frozen=True, slots=True)
class FilterOutcome:
    filters: Filters
    matches: Sequence[int]
    """Positions in the catalogue's events of the events that match, ascending, or
    descending when `reverse` (a `range` when every event does: listing 100,000
    positions takes milliseconds)."""
    lines: LineMap
    actor_counts: dict[str, int]
    """Per actor, the events that would match with it selected and the other filters applied."""
    theme_counts: dict[str, int]
    by_year: dict[int, float] | None
    """Matching events per year, each spread over its date interval; None when not
    counted yet (the first result of a large catalogue: `FilterEngine.run`)."""
    evidence_counts: dict[Evidence, int] = dataclasses.field(default_factory=dict)
    """Per evidence filter, the events that would match with it on (`Index.evidence_counts`)."""
    marks: frozenset[str] = frozenset()
    """The marked events' ids the counts were computed with."""
    reverse: bool = False
    """Newest first: `matches` and the line map run from the latest event back."""


DENSITY_LATER_FROM = 250_000
"""Events from which the first result leaves the density strip to the filtering
worker: spreading each event over the years it spans is about half a second at a
million events, which the first screen does not wait for."""


class FilterEngine:
    """The per-catalogue indexes behind the main screen, built once."""

    def __init__(self, index: Index) -> None:
        """
        Args:
            index: An index; its events are in date order, as a `Catalogue` keeps them.
        """
        self.index = index
        self.years = YearIndex.of(index.first_days)
        self._density: DensityIndex | None = None
        self._all_by_year: dict[int, float] | None = None

        # a span may end after every later event starts: the range runs to the latest end
        self.year_range: tuple[int, int] | None = (
            (self.years.years[0], dt.date.fromordinal(max(index.last_days)).year)
            if index.events
            else None
        )

    @property
    def density(self) -> DensityIndex:
        if self._density is None:
            index = self.index
            self._density = DensityIndex(index.first_days, index.last_days, self.years)
        return self._density

    def density_waits(self) -> bool:
        """Whether a first result leaves the density strip for later (`run(first=True)`)."""
        return self._density is None and len(self.index.events) >= DENSITY_LATER_FROM

    def run(
        self,
        filters: Filters,
        marks: frozenset[str] = frozenset(),
        *,
        reverse: bool = False,
        first: bool = False,
    ) -> FilterOutcome:
        """What the screen shows for `filters`, with `marks` counted beside "Marked".

        `first`: the result the first screen is drawn from; when `density_waits`,
        its `by_year` is None, for a filtering worker to count.
        """
        index = self.index
        mask = index.match_mask(filters)
        # no filter, or none that excludes anything: a range, as listing 100,000 positions costs ms
        everything = mask == index.all
        matches: Sequence[int] = range(len(index.events)) if everything else set_bits(mask)
        by_year: dict[int, float] | None
        if first and self.density_waits():
            by_year = None
        elif everything:
            if self._all_by_year is None:
                self._all_by_year = self.density.counts(matches, mask)
            by_year = self._all_by_year
        else:
            by_year = self.density.counts(matches, mask)
        if reverse:
            matches = matches[::-1]
            lines = LineMap.build_reversed(matches, self.years)
        else:
            lines = LineMap.build(matches, self.years)
        return FilterOutcome(
            filters=filters,
            matches=matches,
            lines=lines,
            actor_counts=index.facet_counts(filters, "actors"),
            theme_counts=index.facet_counts(filters, "themes"),
            by_year=by_year,
            evidence_counts=index.evidence_counts(filters, marks),
            marks=marks,
            reverse=reverse,
        )
