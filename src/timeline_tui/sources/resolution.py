"""What each date mention of an article stands for, read against what it is relative to.

`timeline_tui.sources.mentions` finds the mentions and says how each is to be read (a
`Reading`); this module resolves them in the order of the text:

- a date that names its year, a range of years or a decade stands for itself;
- a count of units before or after a date (`a year later`, `days earlier`,
  `a day after`) counts from the nearest date before it in its sentence or the
  sentence before; `a day after the 3 July meeting` counts from the date it is
  after; set beside a date (`on 23 August, a day after the visit`, `a year later,
  on 22 April 2025`) it stands for that date. Without such a date, and always for
  `ago`, it counts from the publication date;
- a month or day named without its year (`in July`, `on 4 July`) falls in the
  year of publication; after forward-looking words (`expected`, `will`, `next`,
  `scheduled to`, `plans to`, `planned for`) it is the first such month or day on
  or after the publication date, so `expected to begin in January` in an article
  of 30 December 1879 is January 1880;
- weekdays, `yesterday`, `last week`, `earlier this year`, `the past 20 years` are
  read against the publication date, a weekday after forward-looking words as
  the next one.

A result is never finer than what it counts from: `a day after` a date known to
the month is that month (or the two months it may fall in), a weekday in an
article known to the day is that day and in one known to the month is the month.
An unquantified count (`days earlier`) is one step coarser than its unit. In an
undated article, what depends on the publication date stays unresolved.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from timeline_tui.catalogue.date_expressions import period_span, read_relative
from timeline_tui.catalogue.dates import (
    DateError,
    DateSpan,
    PartialDate,
    Precision,
    days_in_month,
)


@dataclass(frozen=True, slots=True)
class Offset:
    """`count` units later (sign 1) or earlier (sign -1) than something."""

    count: int
    unit: str
    """`day`, `week`, `month` or `year`."""
    sign: int
    anchored: bool
    """Counted from a date the text gives (`later`, `before`), not the writing (`ago`)."""
    preposition: bool
    """`after` or `before`: the date counted from may follow (`a day after the 3 July talks`)."""


@dataclass(frozen=True, slots=True)
class Yearless:
    """A month, or days of a month, named without a year."""

    month: int
    first_day: int | None = None
    last_day: int | None = None


@dataclass(frozen=True, slots=True)
class Reading:
    """How to resolve one mention."""

    parse: str = ""
    """A date that names its year (`April 12 2017`), or an expression for dateparser."""
    until: str | None = None
    relative: bool = False
    """Read by dateparser as of the publication date; no finer than it."""
    vague: bool = False
    """An unquantified count: one step coarser than its unit."""
    fixed: DateSpan | None = None
    offset: Offset | None = None
    yearless: Yearless | None = None


Resolution = tuple[DateSpan | None, Precision]
"""What a mention stands for (None when that depends on an undated article) and its precision."""

# "scheduled" alone is often an adjective ("the first scheduled ferry left on Wednesday")
_FORWARD = re.compile(
    r"\b(?:expected|expects|expecting|will|next|scheduled\s+to|plans?\s+to|planned\s+for)\b",
    re.IGNORECASE,
)
_FORWARD_REACH = 120
"""How far before a mention forward-looking words are looked for, within its sentence."""
_MAX_LOOK_BACK = 20
"""Mentions looked at, at most, for the date a count is counted from."""
_APPOSITION_BEFORE = re.compile(r"\s*[,—–]\s*")
_APPOSITION_AFTER = re.compile(r"\s*[,—–]\s*(?:(?:on|in)\s+)?")
_OBJECT = re.compile(r"\s+(?:[\w’'-]+\s+){0,3}")
"""Up to three words between `a day after` and the date it is after: `the`, `a 3 July`."""
_UNIT_PRECISION = {
    "day": Precision.DAY,
    "week": Precision.DAY,
    "month": Precision.MONTH,
    "year": Precision.YEAR,
}
_COMPLETE = re.compile(r"(?:(?P<month>[A-Z][a-z]+) (?:(?P<day>\d{1,2}) )?)?(?P<year>\d{4})")
_MONTHS = {name: number for number, name in enumerate(calendar.month_name) if name}


class Resolver:
    """Resolves the mentions of one article, in the order of its text.

    Args:
        text: the article's text.
        spans: (start, end) of each mention, in order, not overlapping.
        readings: how to read each mention.
        sentence_starts: where each sentence of the text starts, in order.
        published: the article's publication date, if known.
    """

    def __init__(
        self,
        text: str,
        spans: list[tuple[int, int]],
        readings: list[Reading],
        sentence_starts: list[int],
        published: PartialDate | None,
    ) -> None:
        self.text = text
        self.spans = spans
        self.readings = readings
        self.sentence_starts = sentence_starts
        self.sentence = [bisect.bisect_right(sentence_starts, start) for start, _ in spans]
        self.published = published
        self._done: dict[int, Resolution | None] = {}
        self._active: set[int] = set()

    def resolve(self, index: int) -> Resolution | None:
        """What mention `index` stands for; None when it is no date at all."""
        if index in self._done:
            return self._done[index]
        self._active.add(index)
        try:
            result = self._resolve(index)
        finally:
            self._active.discard(index)
        self._done[index] = result
        return result

    def _resolve(self, index: int) -> Resolution | None:
        reading = self.readings[index]
        if reading.fixed is not None:
            return reading.fixed, reading.fixed.precision
        if reading.offset is not None:
            return self._offset(index, reading.offset, reading.vague)
        if reading.yearless is not None:
            return self._yearless(index, reading.yearless)
        if reading.relative:
            return self._relative(index, reading)
        span = _parse(reading.parse, None)
        if span is None:
            return None
        if reading.until is not None:
            end = _parse(reading.until, None)
            if end is not None:
                span = _join(span.start, end.start)
        return span, span.precision

    # ---- what a mention counts from

    def _publication(self) -> DateSpan | None:
        return None if self.published is None else DateSpan(self.published)

    def _nearest_before(self, index: int) -> DateSpan | None:
        """The latest resolved date before a mention, in its sentence or the one before."""
        # bounded, so a text without sentence breaks stays linear
        for other in range(index - 1, max(index - _MAX_LOOK_BACK, 0) - 1, -1):
            if self.sentence[other] < self.sentence[index] - 1:
                return None
            if other in self._active:
                continue
            found = self.resolve(other)
            if found is not None and found[0] is not None:
                return found[0]
        return None

    def _beside(self, index: int, other: int, between: re.Pattern[str]) -> Resolution | None:
        """Mention `other`'s date, when only `between` separates the two."""
        if not 0 <= other < len(self.spans) or other in self._active:
            return None
        first, second = sorted((index, other))
        gap = self.text[self.spans[first][1] : self.spans[second][0]]
        if between.fullmatch(gap) is None:
            return None
        found = self.resolve(other)
        return found if found is not None and found[0] is not None else None

    def _forward(self, index: int) -> bool:
        """Whether forward-looking words come before a mention in its sentence."""
        start = self.spans[index][0]
        sentence = self.sentence[index]
        opening = self.sentence_starts[sentence - 1] if sentence else 0
        return _FORWARD.search(self.text, max(opening, start - _FORWARD_REACH), start) is not None

    # ---- the kinds of mention

    def _offset(self, index: int, offset: Offset, vague: bool) -> Resolution | None:
        precision = _UNIT_PRECISION[offset.unit]
        if vague:
            precision = _coarser(precision)
        anchor: DateSpan | None = None
        if offset.anchored:
            for other in (index - 1, index + 1):
                pattern = _APPOSITION_BEFORE if other < index else _APPOSITION_AFTER
                beside = self._beside(index, other, pattern)
                if beside is not None:
                    return beside
            if offset.preposition:
                after = self._beside(index, index + 1, _OBJECT)
                if after is not None and self.sentence[index + 1] == self.sentence[index]:
                    anchor = after[0]
            anchor = anchor or self._nearest_before(index)
        anchor = anchor or self._publication()
        if anchor is None:
            return None, precision
        return _shift(anchor, offset, precision)

    def _yearless(self, index: int, named: Yearless) -> Resolution | None:
        precision = Precision.DAY if named.first_day is not None else Precision.MONTH
        # News prose names the year of publication by leaving it out; a year in the
        # sentence before is more often background ("founded in 2015. On 4 July, ...").
        if self.published is None:
            return None, precision
        reference = self.published
        forward = self._forward(index)
        for year in (reference.year, reference.year + 1):
            try:
                first = PartialDate(year, named.month, named.first_day)
                last = PartialDate(year, named.month, named.last_day) if named.last_day else None
            except DateError:
                return None
            span = _join(first, last)
            if not forward or span.last_day >= reference.first_day:
                return span, precision
        return span, precision

    def _relative(self, index: int, reading: Reading) -> Resolution | None:
        published = self.published
        base = published.last_day if published is not None else None
        parse = reading.parse
        if parse[:1].isupper() and " " not in parse and self._forward(index):
            parse = f"next {parse}"  # a bare weekday after "will", "expected"
        span = _parse(parse, base)
        if span is None:
            return None
        precision = span.precision
        if reading.vague:
            precision = _coarser(precision)
        if published is None:
            return None, precision
        precision = min(precision, published.precision)
        first = PartialDate.from_date(span.first_day, precision)
        last = PartialDate.from_date(span.last_day, precision)
        if reading.until is not None:
            end = _parse(reading.until, base)
            if end is not None:
                last = PartialDate.from_date(end.first_day, min(end.precision, precision))
        return _join(first, last), precision


def _coarser(precision: Precision) -> Precision:
    return Precision(max(precision - 1, Precision.YEAR))


def _join(first: PartialDate, last: PartialDate | None) -> DateSpan:
    """The span from `first` to `last`; just `first` when they are the same or out of order."""
    try:
        return DateSpan(first, last if last != first else None)
    except DateError:
        return DateSpan(first)


def _add(date: dt.date, count: int, unit: str) -> dt.date:
    if unit == "day":
        return date + dt.timedelta(days=count)
    if unit == "week":
        return date + dt.timedelta(weeks=count)
    months = date.year * 12 + date.month - 1 + (count * 12 if unit == "year" else count)
    year, month = divmod(months, 12)
    day = min(date.day, days_in_month(year, month + 1))
    return dt.date(year, month + 1, day)


def _shift(anchor: DateSpan, offset: Offset, precision: Precision) -> Resolution | None:
    """The anchor moved by the offset, no finer than either: every day it may fall on."""
    count = offset.sign * offset.count
    precision = min(precision, anchor.start.precision, (anchor.end or anchor.start).precision)
    try:
        first = _add(anchor.first_day, count, offset.unit)
        last = _add(anchor.last_day, count, offset.unit)
        span = _join(
            PartialDate.from_date(first, precision), PartialDate.from_date(last, precision)
        )
    except (DateError, ValueError, OverflowError):
        return None
    return span, precision


@lru_cache(maxsize=4096)
def _parse(text: str, base: dt.date | None) -> DateSpan | None:
    """A date that names its year, without dateparser; else dateparser's reading as of `base`."""
    complete = _COMPLETE.fullmatch(text)
    if complete is not None:
        # dateparser reads these exactly so (a test checks), at a millisecond each
        month, day = complete["month"], complete["day"]
        try:
            return DateSpan(
                PartialDate(
                    int(complete["year"]),
                    _MONTHS[month] if month else None,
                    int(day) if day else None,
                )
            )
        except (DateError, KeyError):
            return None
    reading = read_relative(text, base, prefer="current_period")
    if reading is None:
        return None
    try:
        return period_span(*reading)
    except DateError:
        return None
