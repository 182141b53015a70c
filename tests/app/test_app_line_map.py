"""The timeline's line map, built outside the widget: year headings, two lines per event."""

from __future__ import annotations

import datetime as dt

import pytest

from timeline_tui.app.line_map import LINES_PER_EVENT, LineMap, YearIndex, compact_date
from timeline_tui.catalogue.dates import DateSpan, PartialDate


def _first_days(*years: int) -> list[int]:
    """`Index.first_days` of events known to the year."""
    return [dt.date(year, 1, 1).toordinal() for year in years]


YEARS = YearIndex.of(_first_days(1991, 1992, 1992, 2019, 2019, 2019))


def test_year_index_marks_where_each_year_starts():
    assert YEARS.years == (1991, 1992, 2019)
    assert YEARS.starts == (0, 1, 3, 6)
    assert YearIndex.of([]).years == ()


def test_year_index_counts_a_late_december_day_in_its_year():
    days = [dt.date(2019, 12, 31).toordinal(), dt.date(2020, 1, 1).toordinal()]
    assert YearIndex.of(days) == YearIndex((2019, 2020), (0, 1, 2))


def test_all_events_make_a_heading_per_year_and_two_lines_each():
    lines = LineMap.build(range(6), YEARS)
    assert [(b.year, b.first_line, b.first_match, b.count) for b in lines.blocks] == [
        (1991, 0, 0, 1),
        (1992, 3, 1, 2),
        (2019, 8, 3, 3),
    ]
    assert len(lines) == 3 + 6 * LINES_PER_EVENT


def test_each_line_says_what_it_shows():
    lines = LineMap.build(range(6), YEARS)
    shown = []
    for y in range(len(lines)):
        line = lines.line(y)
        assert line is not None
        shown.append(("year", line.block.year) if line.match is None else (line.match, line.part))
    assert shown == [
        ("year", 1991),
        (0, 0),
        (0, 1),
        ("year", 1992),
        (1, 0),
        (1, 1),
        (2, 0),
        (2, 1),
        ("year", 2019),
        (3, 0),
        (3, 1),
        (4, 0),
        (4, 1),
        (5, 0),
        (5, 1),
    ]
    assert lines.line(-1) is None
    assert lines.line(len(lines)) is None


def test_a_filtered_result_drops_empty_years_and_maps_back():
    matches = [0, 4, 5]  # 1991, then two of 2019's
    lines = LineMap.build(matches, YEARS)
    assert [block.year for block in lines.blocks] == [1991, 2019]
    assert sum(block.count for block in lines.blocks) == 3
    for position in range(len(matches)):
        line = lines.line(lines.line_of(position))
        assert line is not None and (line.match, line.part) == (position, 0)
    assert lines.match_near_line(3) == 1  # the 2019 heading: its first event
    assert lines.first_match_from_year(2000) == 1
    assert lines.first_match_from_year(2020) is None


def test_nothing_matching_is_an_empty_map():
    lines = LineMap.build([], YEARS)
    assert len(lines) == 0
    assert lines.line(0) is None
    assert lines.match_near_line(0) is None


def test_a_hundred_thousand_events_build_without_a_line_list():
    years = YearIndex.of(_first_days(*(1900 + i // 1000 for i in range(100_000))))
    lines = LineMap.build(range(0, 100_000, 3), years)
    assert len(lines.blocks) == 100
    assert len(lines) == 100 + 33_334 * LINES_PER_EVENT
    last = lines.line(len(lines) - 1)
    assert last is not None and last.match == 33_333 and last.part == 1


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("1992", None, ("1992", "")),
        ("1992-04", None, ("Apr 1992", "")),
        ("2019-04-24", None, ("24 Apr 2019", "")),
        ("1994-03-07", "1994-03-10", ("7–10 Mar 1994", "")),
        ("2024-07", "2024-08", ("Jul–Aug 2024", "")),
        ("2014", "2016", ("2014–2016", "")),
        ("2003", "2022-02", ("2003", "– Feb 2022")),
        ("2023-09", "2024-07", ("Sep 2023", "– Jul 2024")),
        ("2019-04-24", "2019-04-24", ("24 Apr 2019", "")),
    ],
)
def test_compact_dates_keep_their_precision(start, end, shown):
    span = DateSpan(PartialDate.parse(start), PartialDate.parse(end) if end else None)
    assert compact_date(span) == shown


def test_reversed_map_puts_the_latest_year_first_with_its_events_newest_first():
    years = YearIndex.of(_first_days(2000, 2000, 2001, 2003, 2003, 2003))
    lines = LineMap.build_reversed([5, 4, 3, 1, 0], years)  # 2001 filtered out
    assert [(b.year, b.first_match, b.count) for b in lines.blocks] == [(2003, 0, 3), (2000, 3, 2)]
    assert lines.line(1).match == 0  # under the 2003 heading, the first match: event 5
    assert lines.block_of(4).year == 2000
    assert len(lines) == 2 + 5 * LINES_PER_EVENT


def test_reversed_map_finds_a_year_or_the_next_one_with_events():
    years = YearIndex.of(_first_days(2000, 2003))
    lines = LineMap.build_reversed([1, 0], years)
    assert lines.first_match_from_year(2000) == 1
    assert lines.first_match_from_year(2001) == 0  # 2003, the next year with an event
    assert lines.first_match_from_year(2004) is None
