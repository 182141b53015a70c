"""The grammar of date mentions: the words that are read as dates, and how each reads.

The forms found, each with the precision its words give and never finer:

- a day: `4 July`, `22 April 2025`, `April 12, 2017`, `Feb 1, 2022`, `5th of May`,
  `2021-06-03`; a range of days, `March 7-10`, `7–10 March`;
- reference-list dates in parentheses: `(2020, September 22)`, `(2021, September)`,
  `(1994, March 7-10)`;
- a month: `December 1991`, `late April`, `mid-April 2019`, and a bare month name
  after a word that makes it a date (`in July`, `since May`, `a March interview`),
  so that `Theresa May` is not one;
- a year: `1994`, `early 2019`, a range `2014–2016`, a decade `1990s`;
- relative forms: weekday names (`On Monday`), `yesterday`, `last week`, `earlier
  this year`, `a day before`, `days earlier`, `a few weeks later`, `20 years ago`,
  `the past 20 years`.

Not dates here: amounts and counts (`$90`, `at $54`, `307 days`, `12 days`, `a 40
percent`, `245 Azerbaijani companies`, `78(16)`), years with a unit after them (`2000
tonnes`), numbers inside URLs, ordinals (`the 10th member`), lower-case month
names (`may`, `march` as verbs), `today` and `now` (they name the moment of
writing, which the source's publication date already gives), and anaphoric forms
such as `the year before` that point at a date standing next to them.

Each form is a pattern and a handler that turns its match into a `Reading` for
`timeline_tui.sources.resolution`; `find_candidates` yields every match, overlapping
ones included, and `mentions` keeps the longest where they overlap.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from timeline_tui.catalogue.dates import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    DateSpan,
    PartialDate,
    month_number,
)
from timeline_tui.sources.resolution import Offset, Yearless
from timeline_tui.sources.resolution import Reading as _Reading

# Capitalised only: "may" and "march" in lower case are verbs.
_FULL_MONTH = "(?:" + "|".join(MONTH_NAMES) + r")(?!\w)"
_MONTH = (
    "(?:"
    + "|".join(MONTH_NAMES)
    + "|(?:"
    + "|".join(sorted((n for n in MONTH_ABBREVIATIONS if n != "May"), key=len, reverse=True))
    + r")\.?)(?!\w)"
)
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?:1[6-9]\d\d|20\d\d)(?!\w)"
_DASH = r"\s*[-–—]\s*"
_NUMBER_BEFORE = r"(?<![\w$€£¥])(?<!\d[.,])"
# a year-like number followed by one of these is a quantity
_UNIT_AFTER = (
    r"(?!,\d)(?!\s*(?:%|percent\b|per\s+cent\b|km\b|kg\b|[a-z]*met(?:er|re)s?\b|miles?\b"
    r"|hectares?\b|tons?\b|tonnes?\b|barrels?\b|people\b|persons\b|companies\b|firms\b"
    r"|units\b|containers\b|vehicles\b|[mb]illion\b|dollars\b|euros\b|manats?\b|yuan\b))"
)
_CONTEXT = (
    "(?i:in|on|since|by|until|till|from|of|during|through|throughout|before|after|between"
    "|and|or|to|last|next|this|that|early|late|mid|a|an|the|each|every|around)"
)
_WEEKDAYS = "(?:" + "|".join(calendar.day_name) + r")(?!\w)"
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}  # fmt: skip
_VAGUE_COUNT = r"a\s+few|few|several|some|a\s+couple\s+of|a\s+couple|couple\s+of"
_COUNT = "(?:" + "|".join(_NUMBER_WORDS) + r"|\d{1,3}|" + _VAGUE_COUNT + ")"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?)"
_BACKWARD = ("ago", "earlier", "before", "previously", "prior")
_URL = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place in the text that the grammar reads as a date, and how it reads."""

    start: int
    end: int
    reading: _Reading


def _month_number(name: str) -> int:
    number = month_number(name)
    assert number is not None  # the grammar only matches month names
    return number


def _month(name: str) -> str:
    return MONTH_NAMES[_month_number(name) - 1]


def _day(text: str) -> int:
    return int(text.rstrip("stndrh"))


def _day_form(match: re.Match[str]) -> _Reading | None:
    month, year = _month(match["m"]), match["y"]
    first, last = _day(match["d1"]), _day(match["d2"]) if match["d2"] else None
    if last is not None and last <= first:
        return None
    if not year:
        return _Reading(yearless=Yearless(_month_number(match["m"]), first, last))
    return _Reading(f"{month} {first} {year}", until=f"{month} {last} {year}" if last else None)


def _month_form(match: re.Match[str]) -> _Reading:
    year = match.groupdict().get("y")
    if not year:
        return _Reading(yearless=Yearless(_month_number(match["m"])))
    return _Reading(f"{_month(match['m'])} {year}")


def _apa_form(match: re.Match[str]) -> _Reading | None:
    if match["d1"] is None:
        return _Reading(f"{_month(match['m'])} {match['y']}")
    return _day_form(match)


def _year_form(match: re.Match[str]) -> _Reading:
    return _Reading(match["y"])


def _year_range(match: re.Match[str]) -> _Reading | None:
    first, last = int(match["y"]), match["y2"]
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    if end <= first:
        return None
    return _Reading(fixed=DateSpan(PartialDate(first), PartialDate(end)))


def _decade(match: re.Match[str]) -> _Reading:
    first = int(match["y"])
    return _Reading(fixed=DateSpan(PartialDate(first), PartialDate(first + 9)))


def _iso(match: re.Match[str]) -> _Reading | None:
    try:
        date = dt.date(int(match["y"]), int(match["mo"]), int(match["d"]))
    except ValueError:
        return None
    return _Reading(date.strftime("%B %d %Y").replace(" 0", " "))


def _weekday(words: str) -> _Reading:
    return _Reading(" ".join(words.split()), relative=True)


def _deictic(match: re.Match[str]) -> _Reading:
    """`yesterday`, `last week`, `earlier this year`, `the past year`."""
    words = match["core"].lower().split()
    if words[0] in ("earlier", "later"):
        words = words[1:]  # dateparser reads "this year", not "earlier this year"
    if words[0] == "past":
        return _Reading(f"1 {words[1]} ago", until=f"this {words[1]}", relative=True)
    return _Reading(" ".join(words), relative=True)


def _count(text: str | None) -> tuple[int, bool]:
    """The number a count stands for, and whether it was vague (`a few`, none at all)."""
    if text is None:
        return 3, True
    word = " ".join(text.lower().split())
    if word.isdigit():
        return int(word), False
    if word in _NUMBER_WORDS:
        return _NUMBER_WORDS[word], False
    return (2 if "couple" in word else 3), True


def _offset(match: re.Match[str], counted: re.Match[str] | None) -> _Reading | None:
    """`a day before`, `days earlier`, `a few weeks later`, `20 years ago`."""
    number = None if counted is None else counted["n"]
    if number is None and not match["u"].lower().endswith("s"):
        return None  # "the year before": points at a date next to it
    count, vague = _count(number)
    unit = match["u"].lower().rstrip("s")
    if unit == "decade":
        count, unit = count * 10, "year"
    direction = match["dir"].lower()
    offset = Offset(
        count,
        unit,
        sign=-1 if direction in _BACKWARD else 1,
        anchored=direction != "ago",
        preposition=direction in ("after", "before"),
    )
    return _Reading(offset=offset, vague=vague)


def _period(match: re.Match[str]) -> _Reading:
    """`the past 20 years`, `the last five months`: from then to the publication."""
    count, vague = _count(match["n"])
    unit = match["u"].lower().rstrip("s")
    if unit == "decade":
        count, unit = count * 10, "year"
    if match["q"].lower() == "next":
        return _Reading(f"in {count} {unit}s", relative=True, vague=vague)
    return _Reading(f"{count} {unit}s ago", until=f"this {unit}", relative=True, vague=vague)


_Handler = Callable[[re.Match[str]], _Reading | None]
_GRAMMAR: list[tuple[re.Pattern[str], _Handler]] = [
    (
        re.compile(
            rf"{_NUMBER_BEFORE}(?P<d1>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?\s+(?:of\s+)?"
            rf"(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?"
        ),
        _day_form,
    ),
    (
        re.compile(
            rf"(?P<m>{_MONTH})\s+(?P<d1>{_DAY})(?!,\d)"
            rf"(?:{_DASH}(?P<d2>{_DAY}))?(?:,?\s+(?P<y>{_YEAR}))?"
        ),
        _day_form,
    ),
    (
        re.compile(
            rf"(?<=\()(?P<y>{_YEAR}),\s*(?P<m>{_MONTH})"
            rf"(?:\s+(?P<d1>{_DAY})(?:{_DASH}(?P<d2>{_DAY}))?)?(?=\s*\))"
        ),
        _apa_form,
    ),
    (re.compile(rf"(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})"), _month_form),
    (re.compile(rf"{_NUMBER_BEFORE}(?P<y>{_YEAR}){_DASH}(?P<y2>{_YEAR}|\d\d(?!\w))"), _year_range),
    (re.compile(rf"{_NUMBER_BEFORE}(?P<y>1[6-9]\d0|20\d0)s(?!\w)"), _decade),
    (
        re.compile(rf"{_NUMBER_BEFORE}(?P<y>{_YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>[0-3]\d)(?!\w)"),
        _iso,
    ),
    (re.compile(rf"{_NUMBER_BEFORE}(?P<y>{_YEAR}){_UNIT_AFTER}"), _year_form),
    (
        re.compile(
            r"\b(?P<core>(?i:yesterday|tomorrow|(?:(?:earlier|later)\s+)?(?:last|next|this)"
            r"\s+(?:week|month|year)|past\s+(?:week|month|year)))(?!\w)"
        ),
        _deictic,
    ),
    (
        re.compile(
            rf"\b(?i:(?P<q>past|last|previous|next)\s+(?P<n>{_COUNT})\s+"
            r"(?P<u>days|weeks|months|years|decades))(?!\w)"
        ),
        _period,
    ),
]


# Forms whose first words vary a lot are found by their last words, then the words
# before are read: a pattern that opens with a fixed set of letters is scanned for
# quickly, one that opens with a word boundary and alternatives is tried at every word.
_LOOKBACK = 40
_BARE_MONTH = re.compile(rf"(?P<m>{_FULL_MONTH})")
_CONTEXT_BEFORE = re.compile(rf"\b{_CONTEXT}\s+$")
_OFFSET_UNIT = re.compile(
    r"(?P<u>[dwmyDWMY](?<=\b[dwmyDWMY])(?i:(?<=d)ays?|(?<=w)eeks?|(?<=m)onths?|(?<=y)ears?"
    r"|(?<=d)ecades?))\s+(?P<dir>(?i:ago|earlier|later|before|after|previously|prior))(?!\w)"
)
_COUNT_BEFORE = re.compile(rf"\b(?i:(?P<n>{_COUNT}))\s+$")
_WEEKDAY = re.compile(_WEEKDAYS)
_WHICH_WEEK_BEFORE = re.compile(r"(?i:last|next|this)\s+$")
_PART_MONTH = re.compile(rf"(?P<m>{_FULL_MONTH})(?:,?\s+(?P<y>{_YEAR}))?")
_PART_YEAR = re.compile(rf"(?P<y>{_YEAR})")
_PART_BEFORE = re.compile(r"(?i:early|mid|late)(?:-|\s+)$")


def _before(pattern: re.Pattern[str], text: str, position: int) -> re.Match[str] | None:
    """`pattern` (ending in `$`) matched in the words just before `position`."""
    return pattern.search(text, max(0, position - _LOOKBACK), position)


def find_candidates(text: str) -> Iterator[Candidate]:
    """Every reading the grammar finds in `text`, overlapping ones included."""
    # URLs are blanked, offsets kept: "/2020/12/" is not a date
    masked = _URL.sub(lambda url: " " * len(url[0]), text)
    for pattern, handler in _GRAMMAR:
        for match in pattern.finditer(masked):
            reading = handler(match)
            if reading is not None:
                yield Candidate(match.start(), match.end(), reading)
    # a bare month name after a word that makes it a date: "in July", not "Theresa May"
    for match in _BARE_MONTH.finditer(masked):
        if _before(_CONTEXT_BEFORE, masked, match.start()) is not None:
            yield Candidate(match.start(), match.end(), _month_form(match))
    # "late April", "mid-2019": read as the month or year
    for pattern, handler in ((_PART_MONTH, _month_form), (_PART_YEAR, _year_form)):
        for match in pattern.finditer(masked):
            part = _before(_PART_BEFORE, masked, match.start())
            if part is not None:
                yield Candidate(part.start(), match.end(), handler(match))
    for match in _WEEKDAY.finditer(masked):
        which = _before(_WHICH_WEEK_BEFORE, masked, match.start())
        start = match.start() if which is None else which.start()
        yield Candidate(start, match.end(), _weekday(masked[start : match.end()]))
    for match in _OFFSET_UNIT.finditer(masked):
        counted = _before(_COUNT_BEFORE, masked, match.start())
        offset = _offset(match, counted)
        if offset is not None:
            start = match.start() if counted is None else counted.start()
            yield Candidate(start, match.end(), offset)
