"""What the article screen marks in an article's text: quotes and date mentions. No Textual.

Two kinds of marks, found at different speeds:

- the catalogue's quotes from the article, every event's, found at once (a string
  search per citation);
- the article's date mentions with their coverage status, found by
  `timeline_tui.sources.coverage`, which imports dateparser (about a second the first
  time). `find_source_mentions` is therefore called in a worker thread, and its
  result keeps raw offsets only, so the thread never touches the screen's text.

Offsets into the article become (row, column) places in the text as the screen
shows it: `printable` turns one character into several (`\\x1b`), so every place
is measured on the printable text of its own line.
"""

from __future__ import annotations

import bisect
import enum
import re
from collections.abc import Sequence
from dataclasses import dataclass

from timeline_tui.catalogue.errors import CatalogueError
from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.sources.coverage import CoverageMention, Status, analyse
from timeline_tui.sources.provenance import Article
from timeline_tui.text.printable import printable

Location = tuple[int, int]
"""(row, column) in the printable text, as a TextArea counts them."""


class Kind(str, enum.Enum):
    """How a stretch of the article is marked; the value names its style."""

    QUOTE = "quote"
    """Another event's quote."""
    CURRENT = "current"
    """A quote of the event the article was opened from."""
    EXCLUDED = "excluded"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class MentionSpan:
    """A date mention as `timeline coverage` sorts it, read the way the article screen shows it.

    Everything comes from `coverage` (what it covers: `coverage.event`, why it is
    excluded: `coverage.reason`); the properties give the screen its offsets and words,
    and the date in the timeline's display form.
    """

    coverage: CoverageMention

    @property
    def start(self) -> int:
        """Raw offset of the mention in the article."""
        return self.coverage.mention.start

    @property
    def end(self) -> int:
        return self.coverage.mention.end

    @property
    def text(self) -> str:
        return self.coverage.mention.text

    @property
    def status(self) -> Status:
        return self.coverage.status

    @property
    def resolved(self) -> str | None:
        """The date it stands for, as the timeline shows dates (`2 Mar 2021`)."""
        resolved = self.coverage.mention.resolved
        return None if resolved is None else resolved.display()

    @property
    def precision(self) -> str:
        return self.coverage.mention.precision.label


@dataclass(frozen=True, slots=True)
class SourceMentions:
    """Every date mention of one article, or why they could not be found."""

    mentions: tuple[MentionSpan, ...] = ()
    problem: str | None = None

    def count(self, status: Status) -> int:
        return sum(1 for m in self.mentions if m.status is status)


def find_source_mentions(catalogue: Catalogue, source_id: str) -> SourceMentions:
    """The date mentions of one source's article with their status. Slow: run it in a thread.

    A failure comes back as `problem`, never raised: the article stays readable
    without its marks.
    """
    try:
        report = analyse(catalogue, [source_id])
    except (CatalogueError, ValueError, OSError) as error:
        return SourceMentions(problem=printable(str(error)))
    return SourceMentions(tuple(MentionSpan(m) for m in report.mentions))


class Locator:
    """Raw offsets of a text mapped to (row, column) in its printable form."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._line_starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def __call__(self, offset: int) -> Location:
        row = bisect.bisect_right(self._line_starts, offset) - 1
        line_start = self._line_starts[row]
        return row, len(printable(self._text[line_start:offset], multiline=True))


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """One event's quote where it stands in the article."""

    start: Location
    end: Location
    event: int
    """The event's position in the catalogue's events."""
    citation: int
    """Which of the event's citations it is."""
    current: bool


@dataclass(frozen=True, slots=True)
class MentionMark:
    start: Location
    end: Location
    mention: MentionSpan


@dataclass(frozen=True, slots=True)
class _RowMark:
    start: int
    end: int | None
    """None: to the end of the row."""
    kind: Kind


_KIND_ORDER = {Kind.QUOTE: 0, Kind.CURRENT: 1, Kind.EXCLUDED: 2, Kind.OPEN: 3}
"""Styles are laid on in this order, so where marks overlap the later one shows."""
_MARKED_STATUS = {Status.OPEN: Kind.OPEN, Status.EXCLUDED: Kind.EXCLUDED}


class ArticleMarks:
    """The marks of one article, in text order, and the per-row pieces a line is drawn with."""

    def __init__(
        self, quotes: Sequence[QuoteMark] = (), mentions: Sequence[MentionMark] = ()
    ) -> None:
        self.quotes = sorted(quotes, key=lambda q: (q.start, q.end, not q.current, q.event))
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self._rows: dict[int, list[_RowMark]] = {}
        for quote in self.quotes:
            self._add(quote.start, quote.end, Kind.CURRENT if quote.current else Kind.QUOTE)
        for mark in self.mentions:
            kind = _MARKED_STATUS.get(mark.mention.status)
            if kind is not None:
                self._add(mark.start, mark.end, kind)
        for pieces in self._rows.values():
            pieces.sort(key=lambda p: _KIND_ORDER[p.kind])

    def _add(self, start: Location, end: Location, kind: Kind) -> None:
        (first_row, first_column), (last_row, last_column) = start, end
        for row in range(first_row, last_row + 1):
            piece = _RowMark(
                first_column if row == first_row else 0,
                last_column if row == last_row else None,
                kind,
            )
            self._rows.setdefault(row, []).append(piece)

    def row(self, row: int) -> list[tuple[int, int | None, Kind]]:
        """The marked stretches of a row: (start column, end column or None, kind)."""
        return [(p.start, p.end, p.kind) for p in self._rows.get(row, ())]

    def with_mentions(self, mentions: Sequence[MentionMark]) -> ArticleMarks:
        return ArticleMarks(self.quotes, mentions)

    @property
    def open_mentions(self) -> list[MentionMark]:
        return [m for m in self.mentions if m.mention.status is Status.OPEN]

    def quote_at(self, where: Location) -> int | None:
        """The quote holding a place; of several, the one starting last (the innermost)."""
        holding = [i for i, q in enumerate(self.quotes) if q.start <= where < q.end]
        return holding[-1] if holding else None

    def quote_spanning(self, start: Location, end: Location) -> int | None:
        """The quote that runs exactly from `start` to `end` (a selection), if any."""
        for index, quote in enumerate(self.quotes):
            if (quote.start, quote.end) == (start, end):
                return index
        return None

    def mention_at(self, where: Location) -> MentionMark | None:
        for mark in self.mentions:
            if mark.start <= where < mark.end:
                return mark
        return None

    def step_quote(self, where: Location, current: int | None, delta: int) -> int | None:
        """The next (1) or previous (-1) quote from `current`, else from the quote holding
        `where`, else from the place `where`; wrapping around. None when there is none."""
        if current is None:
            current = self.quote_at(where)
        return _step([q.start for q in self.quotes], where, current, delta)

    def step_open_mention(self, where: Location, delta: int) -> MentionMark | None:
        marks = self.open_mentions
        index = _step([m.start for m in marks], where, None, delta)
        return None if index is None else marks[index]


def _step(starts: list[Location], where: Location, current: int | None, delta: int) -> int | None:
    if not starts:
        return None
    if current is not None:
        return (current + delta) % len(starts)
    if delta > 0:
        index = bisect.bisect_right(starts, where)
        return index if index < len(starts) else 0
    index = bisect.bisect_left(starts, where) - 1
    return index if index >= 0 else len(starts) - 1


def quote_marks(
    catalogue: Catalogue, source_id: str, article: Article, event: Event, locate: Locator
) -> list[QuoteMark]:
    """Every event's quotes of this source that stand in the article.

    A quote not in the article is left out (`timeline check` reports it). The
    events counted as `current` are the one the article was opened from.
    """
    marks = []
    for number, cited in enumerate(catalogue.events):
        for index, citation in enumerate(cited.citations):
            if citation.source != source_id:
                continue
            span = article.find(citation.quote)
            if span is not None:
                marks.append(
                    QuoteMark(locate(span.start), locate(span.end), number, index, cited is event)
                )
    return marks


def mention_marks(found: SourceMentions, locate: Locator) -> list[MentionMark]:
    return [MentionMark(locate(m.start), locate(m.end), m) for m in found.mentions]
