"""Which line of the timeline shows what: year headings and event rows. No Textual.

The timeline draws only the lines on screen, so it needs to know, for any line
number, which year heading or which event row is there. With 100,000 events a
list of one tuple per line would cost tens of milliseconds per keystroke, so the
map is kept as one block per year: a heading line, then `LINES_PER_EVENT` lines
per matching event. Building it is a binary search per year of the catalogue;
looking a line up is a binary search over the years.
"""

from __future__ import annotations

import datetime as dt
import operator
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from timeline_tui.catalogue.dates import DateSpan, Precision

LINES_PER_EVENT = 2
"""The date and title line, then the actors and themes line."""


def new_year_ordinal(year: int) -> int:
    """The ordinal of 1 January of `year`; for the year after 9999, of the day after its end."""
    if year > dt.MAXYEAR:
        return dt.date.max.toordinal() + 1
    return dt.date(year, 1, 1).toordinal()


@dataclass(frozen=True, slots=True)
class YearIndex:
    """Where each year starts among a catalogue's events (which are in date order)."""

    years: tuple[int, ...]
    """The distinct years events start in, ascending."""
    starts: tuple[int, ...]
    """For each year, the position of its first event; then the number of events."""

    @classmethod
    def of(cls, first_days: Sequence[int]) -> YearIndex:
        """From the ordinals of the events' first days, ascending (`Index.first_days`).

        A binary search per year: no date is built per event, which at 100,000
        events would take a noticeable part of a second.
        """
        if not first_days:
            return cls((), (0,))
        first_year = dt.date.fromordinal(first_days[0]).year
        last_year = dt.date.fromordinal(first_days[-1]).year
        years: list[int] = []
        starts: list[int] = []
        for year in range(first_year, last_year + 1):
            start = bisect_left(first_days, new_year_ordinal(year))
            end = bisect_left(first_days, new_year_ordinal(year + 1), start)
            if end > start:
                years.append(year)
                starts.append(start)
        starts.append(len(first_days))
        return cls(tuple(years), tuple(starts))


@dataclass(frozen=True, slots=True)
class YearBlock:
    """A year heading and the rows of the matching events that start in that year."""

    year: int
    first_line: int
    """The heading's line; the events' rows follow it."""
    first_match: int
    """Position in the matches of the block's first event."""
    count: int

    @property
    def line_count(self) -> int:
        return 1 + self.count * LINES_PER_EVENT


@dataclass(frozen=True, slots=True)
class Line:
    """What one line of the timeline shows."""

    block: YearBlock
    match: int | None
    """Position in the matches of the event on this line; None on the year heading."""
    part: int
    """Which of the event's lines (0: date and title; 1: actors and themes)."""


class LineMap:
    """The lines of the timeline for one filter result."""

    def __init__(self, blocks: Sequence[YearBlock]) -> None:
        self.blocks = tuple(blocks)
        self._first_lines = [block.first_line for block in self.blocks]
        self._first_matches = [block.first_match for block in self.blocks]
        last = self.blocks[-1] if self.blocks else None
        self._length = last.first_line + last.line_count if last else 0

    @classmethod
    def build(cls, matches: Sequence[int], years: YearIndex) -> LineMap:
        """The map for `matches` (ascending positions in the catalogue's events).

        Args:
            matches: Positions of the matching events, ascending.
            years: Where each year starts in the catalogue.
        """
        blocks: list[YearBlock] = []
        line = 0
        low = 0
        starts = years.starts
        for number, year in enumerate(years.years):
            high = bisect_left(matches, starts[number + 1], low)
            if high > low:
                block = YearBlock(year, line, low, high - low)
                blocks.append(block)
                line += block.line_count
            low = high
        return cls(blocks)

    @classmethod
    def build_reversed(cls, matches: Sequence[int], years: YearIndex) -> LineMap:
        """The map for `matches` newest first (descending positions): the latest
        year's heading on top, each year's events from its last back."""
        blocks: list[YearBlock] = []
        line = 0
        low = 0
        starts = years.starts
        for number in range(len(years.years) - 1, -1, -1):
            # the matches at or after the year's first event come before `high`
            high = bisect_right(matches, -starts[number], low, key=operator.neg)
            if high > low:
                block = YearBlock(years.years[number], line, low, high - low)
                blocks.append(block)
                line += block.line_count
            low = high
        return cls(blocks)

    def __len__(self) -> int:
        return self._length

    def line(self, y: int) -> Line | None:
        """What line `y` shows; None past the end."""
        if not 0 <= y < self._length:
            return None
        block = self.blocks[bisect_right(self._first_lines, y) - 1]
        offset = y - block.first_line
        if offset == 0:
            return Line(block, None, 0)
        event, part = divmod(offset - 1, LINES_PER_EVENT)
        return Line(block, block.first_match + event, part)

    def block_of(self, match: int) -> YearBlock:
        """The year block holding the match at this position."""
        return self.blocks[bisect_right(self._first_matches, match) - 1]

    def line_of(self, match: int) -> int:
        """The first line of the row of the match at this position."""
        block = self.block_of(match)
        return block.first_line + 1 + (match - block.first_match) * LINES_PER_EVENT

    def match_near_line(self, y: int) -> int | None:
        """The match on line `y`, or on a year heading the year's first match."""
        line = self.line(y)
        if line is None:
            return None
        return line.block.first_match if line.match is None else line.match

    def first_match_from_year(self, year: int) -> int | None:
        """The first match in `year` or, when it has none, in the next year that has one
        (in either order: the blocks of a newest-first map run from the latest year)."""
        later = [block for block in self.blocks if block.year >= year]
        if not later:
            return None
        return min(later, key=operator.attrgetter("year")).first_match


def compact_date(span: DateSpan) -> tuple[str, str]:
    """An event's date for a narrow column: one line when it fits, else start and end.

    The precision is kept: `1992`, `Apr 1992`, `24 Apr 2019`, `7–10 Mar 1994`,
    `Jul–Aug 2024`, `2014–2016`; a longer span gives (`Sep 2023`, `– Jul 2024`).

    Returns:
        The first line and the second (empty when the date fits on one).
    """
    start, end = span.start, span.end
    if end is None or end == start:
        return start.display(), ""
    shortened = span.start_within_year()
    # a day range within a month, or months within a year, fit on one line
    if shortened is not None and (shortened[1] or start.day is None):
        return f"{shortened[0]}–{end.display()}", ""
    if start.precision is end.precision is Precision.YEAR:
        return f"{start.year}–{end.year}", ""
    return start.display(), f"– {end.display()}"
