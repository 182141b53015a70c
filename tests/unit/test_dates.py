from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_tui.catalogue.date_expressions import parse_date_expression, parse_date_range
from timeline_tui.catalogue.dates import (
    DateError,
    DateSpan,
    PartialDate,
    Precision,
    month_number,
)


@pytest.mark.parametrize(
    ("text", "precision", "first", "last", "display"),
    [
        ("1992", Precision.YEAR, dt.date(1992, 1, 1), dt.date(1992, 12, 31), "1992"),
        ("1992-04", Precision.MONTH, dt.date(1992, 4, 1), dt.date(1992, 4, 30), "Apr 1992"),
        ("2024-02", Precision.MONTH, dt.date(2024, 2, 1), dt.date(2024, 2, 29), "Feb 2024"),
        ("2019-04-24", Precision.DAY, dt.date(2019, 4, 24), dt.date(2019, 4, 24), "24 Apr 2019"),
    ],
)
def test_partial_date_is_the_interval_it_stands_for(text, precision, first, last, display):
    date = PartialDate.parse(text)
    assert date.precision is precision
    assert (date.first_day, date.last_day) == (first, last)
    assert date.display() == display
    assert date.iso() == text


@pytest.mark.parametrize("text", ["2019-02-30", "2019-13", "2019-00", "19", "April", "2019-4-"])
def test_impossible_dates_are_refused(text):
    with pytest.raises(DateError):
        PartialDate.parse(text)


def test_span_end_before_start_is_refused():
    with pytest.raises(DateError, match="before"):
        DateSpan(PartialDate.parse("2019-05"), PartialDate.parse("2019-04"))


def test_a_span_ending_in_its_own_start_month_is_fine():
    span = DateSpan(PartialDate.parse("2019-04-10"), PartialDate.parse("2019-04"))
    assert span.last_day == dt.date(2019, 4, 30)


@pytest.mark.parametrize(
    ("date", "since", "until", "overlaps"),
    [
        ("1992-04", dt.date(1992, 4, 30), None, True),
        ("1992-04", dt.date(1992, 5, 1), None, False),
        ("1992-04", None, dt.date(1992, 4, 1), True),
        ("1992-04", None, dt.date(1992, 3, 31), False),
        ("1992", dt.date(1992, 12, 31), dt.date(1993, 1, 5), True),
        ("1992", dt.date(1993, 1, 1), None, False),
        ("1992-04-02", dt.date(1992, 4, 2), dt.date(1992, 4, 2), True),
        ("1992-04-02", dt.date(1992, 4, 3), None, False),
    ],
)
def test_overlap_at_every_precision(date, since, until, overlaps):
    assert DateSpan(PartialDate.parse(date)).overlaps(since, until) is overlaps


def test_coarser_dates_sort_first_at_the_same_start():
    year, month, day = (DateSpan(PartialDate.parse(t)) for t in ("1992", "1992-01", "1992-01-01"))
    assert sorted([day, month, year], key=DateSpan.sort_key) == [year, month, day]


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2019", "2019"),
        ("April 2019", "2019-04"),
        ("Apr 2019", "2019-04"),
        ("24 April 2019", "2019-04-24"),
        ("April 24, 2019", "2019-04-24"),
        ("2019-04-24", "2019-04-24"),
    ],
)
def test_plain_expressions_keep_their_precision(text, iso):
    assert parse_date_expression(text).iso() == iso


def test_relative_expressions_resolve_against_a_base_date():
    base = dt.date(2024, 7, 11)
    assert parse_date_expression("2 years ago", relative_base=base) == PartialDate(2022)
    assert parse_date_expression("yesterday", relative_base=base).iso() == "2024-07-10"


@pytest.mark.parametrize("text", ["", "   ", "not a date at all", "2019-02-30"])
def test_unreadable_expressions_raise(text):
    with pytest.raises(DateError):
        parse_date_expression(text)


@given(
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(list(Precision)),
)
def test_iso_round_trips_and_contains_its_day(day, precision):
    date = PartialDate.from_date(day, precision)
    assert PartialDate.parse(date.iso()) == date
    assert date.first_day <= day <= date.last_day


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        ("2024-07-03", "2024-07-04", "3–4 Jul 2024"),
        ("2024-07-30", "2024-08-02", "30 Jul – 2 Aug 2024"),
        ("2024-07", "2024-08", "Jul – Aug 2024"),
        ("2003", "2022-02", "2003 – Feb 2022"),
        ("2014", "2016", "2014 – 2016"),
        ("2023-12-30", "2024-01-02", "30 Dec 2023 – 2 Jan 2024"),
    ],
)
def test_spans_display_compactly(start, end, shown):
    assert DateSpan(PartialDate.parse(start), PartialDate.parse(end)).display() == shown


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("1990s", "1990-01-01", "1999-12-31"),
        ("the 1990s", "1990-01-01", "1999-12-31"),
        ("1990's", "1990-01-01", "1999-12-31"),
        ("Q1 2024", "2024-01-01", "2024-03-31"),
        ("2024-Q4", "2024-10-01", "2024-12-31"),
        ("q3 2020", "2020-07-01", "2020-09-30"),
    ],
)
def test_decades_and_quarters_are_intervals(text, first, last):
    span = parse_date_range(text)
    assert (span.first_day.isoformat(), span.last_day.isoformat()) == (first, last)


@pytest.mark.parametrize(
    ("text", "iso"),
    [("13/7/2024", "2024-07-13"), ("7/13/2024", "2024-07-13"), ("7/7/2024", "2024-07-07"),
     ("2024/07/08", "2024-07-08"), ("7/2024", "2024-07")],
)  # fmt: skip
def test_numeric_dates_read_one_way_only_are_read(text, iso):
    assert parse_date_expression(text).iso() == iso


@pytest.mark.parametrize("text", ["8/7/2024", "8.7.2024", "8-7-2024"])
def test_numeric_dates_with_day_and_month_interchangeable_are_refused(text):
    with pytest.raises(DateError, match="could be 8 July 2024 or 7 August 2024: write 2024-07-08"):
        parse_date_expression(text)


def test_a_two_digit_year_is_refused():
    with pytest.raises(DateError, match="year in full"):
        parse_date_expression("13/7/24")


@pytest.mark.parametrize(
    "text", ["10:30", "noon", "5pm", "3 hours ago", "2 minutes ago", "1990 seconds ago", "12s"]
)
def test_times_of_day_and_spans_finer_than_a_day_are_refused(text):
    with pytest.raises(DateError, match="no finer than a day: write a year"):
        parse_date_expression(text, relative_base=dt.date(2024, 7, 11))


def test_a_refusal_names_the_forms_that_work():
    with pytest.raises(DateError, match=r"cannot read 'soon' as a date: write a year \(2019\)"):
        parse_date_expression("soon")


def test_a_week_is_its_seven_days():
    span = parse_date_range("last week", relative_base=dt.date(2024, 7, 11))
    assert (span.first_day, span.last_day) == (dt.date(2024, 7, 1), dt.date(2024, 7, 7))


def test_today_and_now_are_the_base_day():
    base = dt.date(2024, 7, 11)
    assert parse_date_expression("now", relative_base=base).iso() == "2024-07-11"
    assert parse_date_expression("today", relative_base=base).iso() == "2024-07-11"


def test_one_dateparser_serves_every_expression_with_the_same_base():
    from timeline_tui.catalogue import date_expressions

    base = dt.date(2001, 2, 3)
    parse_date_expression("2 years ago", relative_base=base)
    built = date_expressions._dateparser(base)
    parse_date_expression("last month", relative_base=base)
    assert date_expressions._dateparser(base) is built


@pytest.mark.parametrize(
    ("name", "number"), [("April", 4), ("apr", 4), ("Apr.", 4), ("Sept", 9), ("May", 5)]
)
def test_month_names_and_abbreviations_share_one_table(name, number):
    assert month_number(name) == number


def test_one_date_is_a_partial_date_at_the_precision_of_its_words():
    assert parse_date_expression("April 2019") == PartialDate(2019, 4)
    assert parse_date_range("April 2019") == DateSpan(PartialDate(2019, 4))


@pytest.mark.parametrize("text", ["1990s", "Q1 2024", "last week"])
def test_a_stretch_of_time_is_not_one_date(text):
    with pytest.raises(DateError, match="is a stretch of time .*, not one date"):
        parse_date_expression(text, relative_base=dt.date(2024, 7, 11))


@pytest.mark.parametrize(
    ("start", "end", "shortened"),
    [
        ("2024-07-03", "2024-07-04", ("3", True)),
        ("2024-07-03", "2024-08-04", ("3 Jul", False)),
        ("2024-07", "2024-08", ("Jul", False)),
        ("2024-07", "2025-08", None),
        ("2024-07", "2024-08-04", None),
        ("2014", "2016", None),
    ],
)
def test_a_start_within_the_end_year_drops_what_the_end_shows(start, end, shortened):
    span = DateSpan(PartialDate.parse(start), PartialDate.parse(end))
    assert span.start_within_year() == shortened


def test_a_single_date_has_no_shortened_start():
    assert DateSpan(PartialDate.parse("2024-07-03")).start_within_year() is None
