"""How many events fall in each year, for the density strip. No Textual.

An event is an interval of days: a day, a month, a year or a span such as
2003–Feb 2022. It counts across its whole interval: each year receives the share
of the event's days that fall in it, so that span adds about 1/19 to each of its
years instead of a whole event to 2003.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import operator
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress, repeat

from timeline_tui.app.line_map import YearIndex, new_year_ordinal
from timeline_tui.catalogue.dates import DateSpan
from timeline_tui.query.bitmask import mask_of, set_bits

BARS = " ▁▂▃▄▅▆▇█"
"""A cell per bin: empty, then eight heights."""


def year_shares(first: dt.date, last: dt.date) -> list[tuple[int, float]]:
    """Each year the interval [first, last] touches, with its share of the days (summing to 1)."""
    total = (last - first).days + 1
    shares = []
    for year in range(first.year, last.year + 1):
        low = max(first, dt.date(year, 1, 1))
        high = min(last, dt.date(year, 12, 31))
        shares.append((year, ((high - low).days + 1) / total))
    return shares


_new_year = functools.cache(new_year_ordinal)


def density_by_year(spans: Iterable[DateSpan]) -> dict[int, float]:
    """Events per year, each spread over its interval. The reference for `DensityIndex`."""
    counts: dict[int, float] = {}
    for span in spans:
        for year, share in year_shares(span.first_day, span.last_day):
            counts[year] = counts.get(year, 0.0) + share
    return counts


class DensityIndex:
    """`density_by_year` for any subset of a catalogue, fast at 100,000 events.

    Most events lie within one year: those are counted per year by a binary search
    over the (ascending) matches. Only events that cross a new year are spread,
    and they are found with one AND of bitmasks.
    """

    def __init__(
        self, first_days: Sequence[int], last_days: Sequence[int], years: YearIndex
    ) -> None:
        """
        Args:
            first_days: Ordinal of each event's first day, ascending (`Index.first_days`).
            last_days: Ordinal of each event's last day (`Index.last_days`).
            years: Where each year starts among the events.
        """
        self._years = years
        self._spread: dict[int, tuple[int, tuple[float, ...]]] = {}
        """For each event crossing a new year: its first year and each year's share."""
        for number, year in enumerate(years.years):
            year_end = _new_year(year + 1) - 1
            start, stop = years.starts[number], years.starts[number + 1]
            # compared in C: a Python loop over a million events is a third of a second
            crossing = bytes(map(operator.gt, last_days[start:stop], repeat(year_end)))
            for position in compress(range(start, stop), crossing):
                first, last = first_days[position], last_days[position]
                last_year = dt.date.fromordinal(last).year
                total = last - first + 1
                self._spread[position] = (
                    year,
                    tuple(
                        (min(last, _new_year(y + 1) - 1) - max(first, _new_year(y)) + 1) / total
                        for y in range(year, last_year + 1)
                    ),
                )
        self._spread_mask = mask_of(self._spread, len(first_days))

    def counts(self, matches: Sequence[int], match_mask: int) -> dict[int, float]:
        """Events per year among `matches`.

        Args:
            matches: Ascending positions of the matching events.
            match_mask: The same events as a bitmask (bit i for position i).
        """
        counts: dict[int, float] = {}
        starts = self._years.starts
        low = 0
        for number, year in enumerate(self._years.years):
            high = bisect_left(matches, starts[number + 1], low)
            if high > low:
                counts[year] = float(high - low)
            low = high
        spread = self._spread
        get = counts.get
        for position in set_bits(match_mask & self._spread_mask):
            first_year, shares = spread[position]
            counts[first_year] -= 1.0  # counted whole in its first year above
            for year, share in enumerate(shares, first_year):
                counts[year] = get(year, 0.0) + share
        return counts


@dataclass(frozen=True, slots=True)
class YearBin:
    """One cell of the strip: the years it covers and their events."""

    first: int
    last: int
    value: float


def bin_years(
    counts: Mapping[int, float], first_year: int, last_year: int, cells: int
) -> list[YearBin]:
    """Spread the years first_year..last_year over `cells` cells.

    With more cells than years a year takes several cells; with fewer, a cell sums
    several years.
    """
    years = last_year - first_year + 1
    if cells <= 0 or years <= 0:
        return []
    bins = []
    for cell in range(cells):
        low = first_year + cell * years // cells
        high = max(low, first_year + (cell + 1) * years // cells - 1)
        value = sum(counts.get(year, 0.0) for year in range(low, high + 1))
        bins.append(YearBin(low, high, value))
    return bins


def sparkline(values: Sequence[float], maximum: float | None = None) -> str:
    """One bar character per value, scaled to `maximum` (the largest value by default).

    Any value above zero shows at least the lowest bar, so a lone event is visible.
    """
    top = max(values, default=0.0) if maximum is None else maximum
    if top <= 0:
        return BARS[0] * len(values)
    steps = len(BARS) - 1
    return "".join(
        BARS[0] if value <= 1e-9 else BARS[max(1, min(steps, math.ceil(value / top * steps)))]
        for value in values
    )


_STEPS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000)
_LABEL_ROOM = 6
"""Cells from one year label to the next: four digits and a gap either side."""


def label_step(years: int, cells: int) -> int:
    """Years between axis labels: every year, every decade and so on, as the width allows."""
    for step in _STEPS:
        if step * cells >= _LABEL_ROOM * years:
            return step
    return _STEPS[-1]


def axis_line(bins: Sequence[YearBin], cursor: int | None = None) -> str:
    """The line under the bars: `▲2019` under the cursor's year, then round years
    (each year, every 5, every decade... as the width allows) where they do not touch it."""
    width = len(bins)
    if not width:
        return ""
    cells = [" "] * width
    taken: list[tuple[int, int]] = []

    def place(at: int, label: str) -> bool:
        end = at + len(label)
        if at < 0 or end > width or any(at <= high and low <= end for low, high in taken):
            return False
        cells[at:end] = label
        taken.append((at, end))
        return True

    if cursor is not None:
        cell = next((n for n, b in enumerate(bins) if b.first <= cursor <= b.last), None)
        if cell is not None:
            year = str(cursor)
            _ = place(cell, f"▲{year}") or place(cell - len(year), f"{year}▲") or place(cell, "▲")
    step = label_step(bins[-1].last - bins[0].first + 1, width)
    previous_last = bins[0].first - 1
    for cell, year_bin in enumerate(bins):
        # the first round year this cell starts to show
        low = max(year_bin.first, previous_last + 1)
        previous_last = max(previous_last, year_bin.last)
        round_year = -(-low // step) * step
        if round_year <= year_bin.last:
            place(cell, str(round_year))
    return "".join(cells)
