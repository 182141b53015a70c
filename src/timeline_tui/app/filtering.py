"""Everything the main screen shows for a set of filters, computed in one go. No Textual.

It runs in a worker thread, so it must not touch widgets; the screen applies the
outcome when it arrives, if the filters are still the ones asked for.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
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
    actor_counts: dict[str, int] | None
    """Per actor, the events that would match with it selected and the other
    filters applied; None when not counted yet (`FilterEngine.count`)."""
    theme_counts: dict[str, int] | None
    by_year: dict[int, float] | None
    """Matching events per year, each spread over its date interval; None when not
    counted yet (the first result of a large catalogue: `FilterEngine.run`)."""
    evidence_counts: dict[Evidence, int] | None = dataclasses.field(default_factory=dict)
    """Per evidence filter, the events that would match with it on (`Index.evidence_counts`)."""
    marks: frozenset[str] = frozenset()
    """The marked events' ids the counts were computed with."""
    reverse: bool = False
    """Newest first: `matches` and the line map run from the latest event back."""

    @property
    def counted(self) -> bool:
        """Whether the counts beside the filters are in (else they follow: `FilterEngine.count`)."""
        return self.actor_counts is not None


COUNTS_LATER_FROM = 250_000
"""Events from which a result is shown in two steps: the matching events first,
the counts beside the filters and the density strip a moment later
(`FilterEngine.count`: at a million events, about 0.1 s for a search that keeps
130,000 events)."""
DENSITY_LATER_FROM = 20_000
"""Events from which the first screen leaves its density strip to the filtering
worker: spreading each event over the years it spans costs about 1 ms per
thousand events (half a second at a million), which the first screen does not
wait for."""


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

    def counts_follow(self) -> bool:
        """Whether a result is shown before its counts (`run(counted=False)`, then `count`)."""
        return len(self.index.events) >= COUNTS_LATER_FROM

    def run(
        self,
        filters: Filters,
        marks: frozenset[str] = frozenset(),
        *,
        reverse: bool = False,
        first: bool = False,
        counted: bool = True,
    ) -> FilterOutcome:
        """What the screen shows for `filters`, with `marks` counted beside "Marked".

        `first`: the result the first screen is drawn from; when `density_waits`,
        its `by_year` is None, for a filtering worker to count. Not `counted`: the
        matching events only, every count None, for `count` to fill in.
        """
        index = self.index
        mask = index.match_mask(filters)
        # no filter, or none that excludes anything: a range, as listing 100,000 positions costs ms
        everything = mask == index.all
        matches: Sequence[int] = range(len(index.events)) if everything else set_bits(mask)
        if reverse:
            matches = matches[::-1]
            lines = LineMap.build_reversed(matches, self.years)
        else:
            lines = LineMap.build(matches, self.years)
        shown = FilterOutcome(
            filters=filters,
            matches=matches,
            lines=lines,
            actor_counts=None,
            theme_counts=None,
            by_year=None,
            evidence_counts=None,
            marks=marks,
            reverse=reverse,
        )
        if not counted:
            return shown
        whole = self.count(shown, mask, density=not (first and self.density_waits()))
        assert whole is not None  # never cancelled
        return whole

    def count(
        self,
        outcome: FilterOutcome,
        mask: int | None = None,
        *,
        density: bool = True,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> FilterOutcome | None:
        """`outcome` with its counts: per actor, theme and evidence filter, and (with
        `density`) per year. `mask`: the matches' own, when the caller has it. None
        when `cancelled()` says, between two counts, that the result is no longer wanted
        (each count of a million events takes up to a fifth of a second)."""
        index, filters = self.index, outcome.filters
        if mask is None:
            mask = index.match_mask(filters)
        if cancelled():
            return None
        actor_counts = index.facet_counts(filters, "actors")
        if cancelled():
            return None
        theme_counts = index.facet_counts(filters, "themes")
        if cancelled():
            return None
        evidence_counts = index.evidence_counts(filters, outcome.marks)
        if cancelled():
            return None
        return dataclasses.replace(
            outcome,
            actor_counts=actor_counts,
            theme_counts=theme_counts,
            evidence_counts=evidence_counts,
            by_year=self._by_year(outcome, mask) if density else None,
        )

    def _by_year(self, outcome: FilterOutcome, mask: int) -> dict[int, float]:
        matches = outcome.matches[::-1] if outcome.reverse else outcome.matches  # ascending
        if mask != self.index.all:
            return self.density.counts(matches, mask)
        if self._all_by_year is None:
            self._all_by_year = self.density.counts(matches, mask)
        return self._all_by_year
