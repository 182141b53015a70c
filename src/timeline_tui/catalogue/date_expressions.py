"""Reading a date as a person writes it: `2019`, `April 2019`, `1990s`, `Q1 2024`,
`13/7/2024`, `2 years ago`.

Each expression is read exactly, as the stretch of time it names, or refused with a
message that says what to write: a numeric date whose day and month could be swapped
is never guessed. Only a relative expression pays for importing dateparser.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Any

from timeline_tui.catalogue.dates import (
    ISO_FORM,
    DateError,
    DateSpan,
    PartialDate,
    month_number,
)

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s+([A-Za-z]+\.?),?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^([A-Za-z]+\.?)\s+(\d{1,2}),?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+\.?),?\s+(\d{4})$")
_DECADE = re.compile(r"^(?:the\s+)?(\d{3}0)['’]?s$", re.IGNORECASE)
_QUARTER = re.compile(r"^(?:q([1-4])[\s-]*(\d{4})|(\d{4})[\s-]*q([1-4]))$", re.IGNORECASE)
_NUMERIC = re.compile(r"^(\d{1,4})([/.\s-])(\d{1,2})\2(\d{1,4})$")
_NUMERIC_MONTH = re.compile(r"^(\d{1,2})[/.](\d{4})$")
# what dateparser reads as a clock time or a span of seconds, minutes or hours
_CLOCK = re.compile(
    r"\d:\d|\d\s*(?:[ap]\.?m\b|h\b|s\b)|\b(?:noon|midnight|morning|afternoon|evening|tonight"
    r"|night|secs?|seconds?|mins?|minutes?|hrs?|hours?)\b",
    re.IGNORECASE,
)
_TODAY = ("today", "now")
WHAT_WORKS = (
    "write a year (2019), a decade (1990s), a quarter (Q1 2024), a month (April 2019), "
    "a day (24 April 2019 or 2019-04-24), or a relative date ('2 years ago', 'last month')"
)
"""The forms `parse_date_expression` reads, for messages that refuse a date."""


def _parse_plain(text: str) -> PartialDate | None:
    """The common absolute forms, without the cost of importing dateparser."""
    try:
        return PartialDate.parse(text)
    except DateError as error:
        if ISO_FORM.match(text):
            raise error from None
    for pattern, order in (
        (_DAY_MONTH_YEAR, "dmy"),
        (_MONTH_DAY_YEAR, "mdy"),
        (_MONTH_YEAR, "my"),
    ):
        match = pattern.match(text)
        if match is None:
            continue
        parts = dict(zip(order, match.groups(), strict=True))
        month = month_number(parts["m"])
        if month is None:
            return None
        day = int(parts["d"]) if "d" in parts else None
        return PartialDate(int(parts["y"]), month, day)
    return None


def _parse_interval(text: str) -> DateSpan | None:
    """A decade (`1990s`) or a quarter (`Q1 2024`, `2024-Q1`)."""
    decade = _DECADE.match(text)
    if decade is not None:
        first = int(decade[1])
        return DateSpan(PartialDate(first), PartialDate(first + 9))
    quarter = _QUARTER.match(text)
    if quarter is not None:
        number, year = (quarter[1], quarter[2]) if quarter[1] else (quarter[4], quarter[3])
        last_month = int(number) * 3
        return DateSpan(PartialDate(int(year), last_month - 2), PartialDate(int(year), last_month))
    return None


def _parse_numeric(text: str) -> PartialDate | None:
    """`2024/07/08`, `13/7/2024`, `7/2024`; refuses what could be read two ways.

    Raises:
        DateError: for a day and month that could be either, or a two-digit year.
    """
    month_year = _NUMERIC_MONTH.match(text)
    if month_year is not None:
        return PartialDate(int(month_year[2]), int(month_year[1]))
    match = _NUMERIC.match(text)
    if match is None:
        return None
    first, _, second, third = match.groups()
    if len(first) == 4:
        return PartialDate(int(first), int(second), int(third))
    if len(third) != 4:
        raise DateError(
            f"{text!r} does not give the year in full: write it as YYYY-MM-DD, e.g. 2024-07-08"
        )
    a, b, year = int(first), int(second), int(third)
    if a > 12 and b <= 12:
        return PartialDate(year, b, a)
    if b > 12 and a <= 12:
        return PartialDate(year, a, b)
    if a > 12:
        raise DateError(f"{text!r} has no month: {WHAT_WORKS}")
    if a == b:
        return PartialDate(year, a, a)
    day_first, month_first = PartialDate(year, b, a), PartialDate(year, a, b)
    raise DateError(
        f"{text!r} could be {day_first.long_display()} or {month_first.long_display()}: "
        f"write {day_first.iso()} or {day_first.long_display()}, "
        f"or {month_first.iso()} or {month_first.long_display()}"
    )


def period_span(date: dt.date, period: str) -> DateSpan:
    """The stretch of time dateparser means by a date and its period.

    A year, quarter, month or day is that year, quarter, month or day; a week is
    its seven days, Monday to Sunday, since no precision is a week.

    Raises:
        DateError: for a time of day, which no date here is as fine as.
    """
    if period == "year":
        return DateSpan(PartialDate(date.year))
    if period == "quarter":
        last_month = (date.month - 1) // 3 * 3 + 3
        return DateSpan(PartialDate(date.year, last_month - 2), PartialDate(date.year, last_month))
    if period == "month":
        return DateSpan(PartialDate(date.year, date.month))
    if period == "week":
        monday = date - dt.timedelta(days=date.weekday())
        return DateSpan(
            PartialDate.from_date(monday), PartialDate.from_date(monday + dt.timedelta(days=6))
        )
    if period == "day":
        return DateSpan(PartialDate.from_date(date))
    raise DateError(f"dateparser read a {period}, which is finer than a day")


@lru_cache(maxsize=16)
def _dateparser(base: dt.date | None, prefer: str = "past") -> Any:
    """One dateparser per base date and preference, built on first use.

    dateparser takes about a second to import and warm up: only a relative
    expression pays for it. English only: detecting the language costs more than a second.
    """
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
    }
    if base is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(base, dt.time())
    return DateDataParser(languages=["en"], settings=settings)


def read_relative(
    text: str, base: dt.date | None, prefer: str = "past"
) -> tuple[dt.date, str] | None:
    """dateparser's reading of `text` as of `base` (today when None): a date and its period.

    `prefer` is dateparser's PREFER_DATES_FROM for what could be either side of the
    base (`Monday`): `past`, `future` or `current_period`. None when dateparser
    cannot read it. The period is `year`, `quarter`, `month`,
    `week`, `day` or `time` (a time of day, or a span of hours, minutes or seconds).
    """
    data = _dateparser(base, prefer).get_date_data(text)
    if data.date_obj is None:
        return None
    return data.date_obj.date(), data.period or "day"


def _too_fine(text: str) -> str:
    return (
        f"{text!r} reads as a time of day or a span of hours, minutes or seconds, "
        f"and dates here go no finer than a day: {WHAT_WORKS}"
    )


def parse_date_expression(text: str, relative_base: dt.date | None = None) -> PartialDate:
    """Read one date as a person writes it (`2019`, `April 2019`, `24 April 2019`,
    `2 years ago`), as `parse_date_range` does, keeping the precision of the words.

    Raises:
        DateError: as `parse_date_range` does, and for a stretch of time that is
            not one year, month or day (`1990s`, `Q1 2024`, `last week`).
    """
    span = parse_date_range(text, relative_base)
    if span.end is not None:
        raise DateError(
            f"{' '.join(text.split())!r} is a stretch of time ({span.long_display()}), "
            "not one date: write a year, a month or a day"
        )
    return span.start


def parse_date_range(text: str, relative_base: dt.date | None = None) -> DateSpan:
    """Read a date as a person writes it: exactly, as the stretch of time it names.

    `2019`, `April 2019`, `24 April 2019`, ISO dates at any precision, decades
    (`1990s`: 1990 to 1999), quarters (`Q1 2024`: January to March 2024), numeric
    dates whose day and month cannot be swapped (`13/7/2024`), and relative dates
    (`2 years ago`, `last month`, `yesterday`) as of `relative_base` (today when None).
    The result keeps the precision of the expression, so `April 2019` is the month.

    Raises:
        DateError: when the text is not a date, could be two dates (`8/7/2024`), or
            names a time of day or a span of seconds, minutes or hours; the message
            says what to write instead.
    """
    text = " ".join(text.split())
    if not text:
        raise DateError(f"an empty date: {WHAT_WORKS}")
    plain = _parse_plain(text)
    if plain is not None:
        return DateSpan(plain)
    interval = _parse_interval(text)
    if interval is not None:
        return interval
    numeric = _parse_numeric(text)
    if numeric is not None:
        return DateSpan(numeric)
    if text.lower() in _TODAY:
        return DateSpan(PartialDate.from_date(relative_base or dt.date.today()))
    if _CLOCK.search(text) is not None:
        raise DateError(_too_fine(text))
    if re.search(r"\d", text) and re.fullmatch(r"[\d\s/.,:-]+", text):
        raise DateError(f"cannot read {text!r} as a date: {WHAT_WORKS}")
    reading = read_relative(text, relative_base)
    if reading is None:
        raise DateError(f"cannot read {text!r} as a date: {WHAT_WORKS}")
    date, period = reading
    if period == "time":
        raise DateError(_too_fine(text))
    return period_span(date, period)
