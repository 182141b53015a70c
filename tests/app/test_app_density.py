"""The density strip's binning: an event counts across its whole date interval."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from timeline_tui.app.density import (
    BARS,
    DensityIndex,
    bin_years,
    density_by_year,
    sparkline,
    year_shares,
)
from timeline_tui.app.line_map import YearIndex
from timeline_tui.catalogue.dates import DateSpan, PartialDate
from timeline_tui.catalogue.model import event_sort_key
from timeline_tui.query.bitmask import mask_of, set_bits


def _span(start: str, end: str | None = None) -> DateSpan:
    return DateSpan(PartialDate.parse(start), PartialDate.parse(end) if end else None)


def test_a_day_month_or_year_counts_once_in_its_year():
    assert density_by_year([_span("2019-04-24"), _span("2019-04"), _span("2019")]) == {2019: 3.0}


def test_a_span_is_shared_between_its_years_by_days():
    counts = density_by_year([_span("2019-07", "2020-06")])  # 184 days, then 182
    assert counts[2019] == pytest.approx(184 / 366)
    assert counts[2020] == pytest.approx(182 / 366)
    assert sum(counts.values()) == pytest.approx(1.0)


def test_a_year_to_month_span_covers_every_year_between():
    counts = density_by_year([_span("2003", "2022-02")])
    assert sorted(counts) == list(range(2003, 2023))
    assert sum(counts.values()) == pytest.approx(1.0)
    assert counts[2022] < counts[2010]  # only two months of 2022


def test_year_shares_sum_to_one():
    shares = year_shares(dt.date(2000, 12, 31), dt.date(2001, 1, 1))
    assert shares == [(2000, 0.5), (2001, 0.5)]


class _Event:
    def __init__(self, span: DateSpan, number: int) -> None:
        self.date = span
        self.id = f"e{number:05d}"


def test_density_index_agrees_with_the_reference_on_any_subset():
    rnd = random.Random(7)
    events = []
    for number in range(400):
        year = rnd.randint(1990, 2025)
        month, day = rnd.randint(1, 12), rnd.randint(1, 9)
        start = rnd.choice([f"{year}", f"{year}-{month:02d}", f"{year}-{month:02d}-0{day}"])
        end = f"{year + rnd.randint(1, 4)}" if rnd.random() < 0.3 else None
        events.append(_Event(_span(start, end), number))
    events.sort(key=event_sort_key)  # type: ignore[arg-type]
    first_days = [event.date.first_day.toordinal() for event in events]
    last_days = [event.date.last_day.toordinal() for event in events]
    index = DensityIndex(first_days, last_days, YearIndex.of(first_days))
    for _ in range(5):
        matches = sorted(rnd.sample(range(len(events)), rnd.randint(0, len(events))))
        expected = density_by_year(events[i].date for i in matches)
        got = index.counts(matches, mask_of(matches, len(events)))
        assert {y: round(v, 9) for y, v in got.items() if abs(v) > 1e-9} == {
            y: round(v, 9) for y, v in expected.items()
        }


def test_bins_spread_few_years_over_many_cells_and_sum_many_years_in_few():
    counts = {2000: 1.0, 2001: 2.0, 2002: 3.0}
    wide = bin_years(counts, 2000, 2002, 6)
    assert [(b.first, b.value) for b in wide] == [
        (2000, 1.0),
        (2000, 1.0),
        (2001, 2.0),
        (2001, 2.0),
        (2002, 3.0),
        (2002, 3.0),
    ]
    narrow = bin_years(counts, 2000, 2002, 2)
    assert [(b.first, b.last, b.value) for b in narrow] == [(2000, 2000, 1.0), (2001, 2002, 5.0)]
    assert bin_years(counts, 2000, 2002, 0) == []


def test_sparkline_shows_any_event_and_scales_to_the_highest():
    assert sparkline([0, 0.01, 4, 8]) == BARS[0] + BARS[1] + BARS[4] + BARS[8]
    assert sparkline([0, 0]) == BARS[0] * 2
    assert sparkline([]) == ""


def test_set_bits_and_mask_of_are_inverse():
    positions = [0, 1, 7, 8, 9, 63, 64, 1000]
    assert set_bits(mask_of(positions, 1001)) == positions
    assert set_bits(0) == []


def test_the_density_index_counts_events_from_year_1_to_the_last_day_of_9999():
    spans = [_span("0001-01-01", None), _span("2019", "9999"), _span("9999-12-31", None)]
    first_days = [span.first_day.toordinal() for span in spans]
    last_days = [span.last_day.toordinal() for span in spans]
    index = DensityIndex(first_days, last_days, YearIndex.of(first_days))
    got = index.counts([0, 1, 2], mask_of([0, 1, 2], 3))
    expected = density_by_year(spans)
    assert {y: round(v, 9) for y, v in got.items() if abs(v) > 1e-9} == {
        y: round(v, 9) for y, v in expected.items()
    }
    assert got[1] == 1.0
    assert got[9999] == pytest.approx(1 + 1 / 7981)
