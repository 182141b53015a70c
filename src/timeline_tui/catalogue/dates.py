"""Dates known to a year, a month or a day, and the intervals they stand for.

An event known only to the month is the whole month: it sorts by its first day,
overlaps any range that touches the month, and is never shown as a day. Reading a
date as a person writes it (`April 2019`, `2 years ago`) is `date_expressions`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import re
from dataclasses import dataclass


class Precision(enum.IntEnum):
    """How much of a date the source gives; larger is finer."""

    YEAR = 1
    MONTH = 2
    DAY = 3

    @property
    def label(self) -> str:
        return self.name.lower()


_MONTH_ABBR = [
    "", "Jan", "Feb", "Mar", "Apr", "May", "Jun",
    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
]  # fmt: skip
_MONTH_NAMES = [
    "", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
MONTH_NAMES: tuple[str, ...] = tuple(_MONTH_NAMES[1:])
"""`January` to `December`."""
MONTH_ABBREVIATIONS: tuple[str, ...] = (*_MONTH_ABBR[1:], "Sept")
"""The abbreviations read as months, `Jan` to `Dec` and `Sept`."""
_MONTH_LOOKUP = {
    name.lower(): number
    for number in range(1, 13)
    for name in (_MONTH_NAMES[number], _MONTH_ABBR[number])
} | {"sept": 9}


def month_number(name: str) -> int | None:
    """1 to 12 for a month's name or abbreviation (`Apr`, `Apr.`, `Sept`), any case."""
    return _MONTH_LOOKUP.get(name.rstrip(".").lower())


ISO_FORM = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")
"""`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, the form `PartialDate.parse` reads."""


_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """28 to 31; `calendar.monthrange` works out the weekday too, which costs."""
    return 29 if month == 2 and calendar.isleap(year) else _DAYS_IN_MONTH[month]


class DateError(ValueError):
    """A date string that is not a real date at any precision."""


@dataclass(frozen=True, order=False, slots=True)
class PartialDate:
    """A calendar date at year, month or day precision."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise DateError(f"year {self.year} is out of range")
        if self.month is None:
            if self.day is not None:
                raise DateError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist")
        if self.day is not None:
            last = days_in_month(self.year, self.month)
            if not 1 <= self.day <= last:
                raise DateError(f"{_MONTH_NAMES[self.month]} {self.year} has no day {self.day}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read `YYYY`, `YYYY-MM` or `YYYY-MM-DD`."""
        match = ISO_FORM.match(text.strip())
        if match is None:
            raise DateError(f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else None for part in match.groups())
        assert year is not None
        return cls(year, month, day)

    @classmethod
    def from_date(cls, value: dt.date, precision: Precision = Precision.DAY) -> PartialDate:
        if precision is Precision.YEAR:
            return cls(value.year)
        if precision is Precision.MONTH:
            return cls(value.year, value.month)
        return cls(value.year, value.month, value.day)

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return Precision.DAY
        if self.month is not None:
            return Precision.MONTH
        return Precision.YEAR

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day
        month = self.month or 12
        return dt.date(self.year, month, days_in_month(self.year, month))

    def iso(self) -> str:
        """`1992`, `1992-04` or `1992-04-02`, as much as is known."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """`1992`, `Apr 1992` or `2 Apr 1992`."""
        return self._in_words(_MONTH_ABBR)

    def long_display(self) -> str:
        """`1992`, `April 1992` or `2 April 1992`."""
        return self._in_words(_MONTH_NAMES)

    def _in_words(self, months: list[str]) -> str:
        """As much as is known, day first, the month named from `months` (1 to 12)."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{months[self.month]} {self.year}"
        return f"{self.day} {months[self.month]} {self.year}"

    def __str__(self) -> str:
        return self.iso()


@dataclass(frozen=True, slots=True)
class DateSpan:
    """An event's date: a partial date, or a span from one partial date to another."""

    start: PartialDate
    end: PartialDate | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end.last_day < self.start.first_day:
            raise DateError(f"the end {self.end} is before the start {self.start}")

    @property
    def first_day(self) -> dt.date:
        return self.start.first_day

    @property
    def last_day(self) -> dt.date:
        return (self.end or self.start).last_day

    @property
    def precision(self) -> Precision:
        return self.start.precision

    def overlaps(self, since: dt.date | None, until: dt.date | None) -> bool:
        """Whether any day of this span lies in [since, until] (open where None)."""
        if since is not None and self.last_day < since:
            return False
        return not (until is not None and self.first_day > until)

    def sort_key(self) -> tuple[int, int]:
        """Earliest start first; at the same start, the coarser date first."""
        return (self.first_day.toordinal(), int(self.precision))

    def iso(self) -> str:
        return self.start.iso() if self.end is None else f"{self.start.iso()}/{self.end.iso()}"

    def display(self) -> str:
        """`Apr 1992`, `3–4 Jul 2024`, `Jul – Aug 2024`, `2003 – Feb 2022`."""
        start, end = self.start, self.end
        if end is None:
            return start.display()
        shortened = self.start_within_year()
        if shortened is None:
            return f"{start.display()} – {end.display()}"
        head, day_only = shortened
        return f"{head}{'–' if day_only else ' – '}{end.display()}"

    def long_display(self) -> str:
        if self.end is None:
            return self.start.long_display()
        return f"{self.start.long_display()} – {self.end.long_display()}"

    def start_within_year(self) -> tuple[str, bool] | None:
        """The start before an end of the same year and precision, without that year, and
        whether it is the day alone: (`3`, True) in `3–4 Jul 2024`, (`Jul`, False) in
        `Jul – Aug 2024`, (`3 Jul`, False) in `3 Jul – 4 Aug 2024`; else None (years too)."""
        start, end = self.start, self.end
        if end is None or (end.year, end.precision) != (start.year, start.precision):
            return None
        if start.precision is Precision.YEAR:
            return None
        if start.precision is Precision.DAY and start.month == end.month:
            return str(start.day), True
        return start.display().rsplit(" ", 1)[0], False
