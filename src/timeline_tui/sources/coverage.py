"""`timeline coverage`: every date an article mentions, and whether the catalogue accounts for it.

The mentions are found by `timeline_tui.sources.mentions`. Each one is

- *covered* when an event cites its article with a quote that contains it or
  touches a sentence it stands in: a quote running across sentences covers the
  mentions of every sentence it touches, since the event it supports is read from
  all of them;
- *excluded*, by the same sentence rule, when an entry of the catalogue's
  `excluded` list for its article touches its sentence. Exclusions are sentence-wide
  so that one entry can set aside a sentence of reference-list dates; an exclusion
  quote should therefore be the words that show why the sentence is left out;
- *open* otherwise: a dated statement the catalogue has not yet dealt with.

Covered wins over excluded. Sentences are `Article.sentences`. A quote that is not
verbatim in its article covers nothing (`timeline check` reports it). The event
named for a covered mention is one whose quote holds the mention, else one whose
date the mention falls in, else the first in catalogue order.
"""

from __future__ import annotations

import bisect
import dataclasses
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from timeline_tui.catalogue.errors import CatalogueError
from timeline_tui.catalogue.model import Catalogue, Event, Exclusion, Source
from timeline_tui.sources.check import read_articles
from timeline_tui.sources.mentions import DateMention, find_mentions
from timeline_tui.sources.provenance import Article, Span, fold

REPORT_FORMATS = ("text", "json", "yaml")


class Status(str, enum.Enum):
    COVERED = "covered"
    EXCLUDED = "excluded"
    OPEN = "open"


@dataclass(frozen=True, slots=True)
class CoverageMention:
    """A date mention of one article, with what the catalogue makes of it."""

    source: str
    file: str
    """The article's path as the catalogue writes it (the source's `file`, relative
    to the catalogue's folder), as every command shows it."""
    line: int
    column: int
    mention: DateMention
    sentence: str
    """The sentence (or sentences) the mention stands in, white space folded."""
    status: Status
    event: str | None = None
    """The event whose quote covers it."""
    reason: str | None = None
    """Why it is excluded."""

    @property
    def resolved(self) -> str | None:
        return None if self.mention.resolved is None else self.mention.resolved.iso()

    def record(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "text": self.mention.text,
            "resolved": self.resolved,
            "precision": self.mention.precision.label,
            "status": self.status.value,
            "event": self.event,
            "reason": self.reason,
            "sentence": self.sentence,
        }


@dataclass(frozen=True, slots=True)
class SourceSummary:
    found: int = 0
    covered: int = 0
    excluded: int = 0
    open: int = 0

    def add(self, other: SourceSummary) -> SourceSummary:
        return SourceSummary(
            *(
                a + b
                for a, b in zip(dataclasses.astuple(self), dataclasses.astuple(other), strict=True)
            )
        )


@dataclass(slots=True)
class CoverageReport:
    source_ids: list[str]
    """The sources analysed, in catalogue order."""
    mentions: list[CoverageMention]
    """Every mention, source by source, in the order of the text."""
    idle_exclusions: list[Exclusion] = dataclasses.field(default_factory=list)
    """Exclusions whose sentences hold no date mention: left over, or never needed."""

    @property
    def open_mentions(self) -> list[CoverageMention]:
        return [m for m in self.mentions if m.status is Status.OPEN]

    def summary(self) -> dict[str, SourceSummary]:
        counts = {source_id: dict.fromkeys(Status, 0) for source_id in self.source_ids}
        for mention in self.mentions:
            counts[mention.source][mention.status] += 1
        return {
            source_id: SourceSummary(
                found=sum(by_status.values()),
                covered=by_status[Status.COVERED],
                excluded=by_status[Status.EXCLUDED],
                open=by_status[Status.OPEN],
            )
            for source_id, by_status in counts.items()
        }


def analyse(catalogue: Catalogue, source_ids: list[str] | None = None) -> CoverageReport:
    """Find the date mentions of the articles (all, or these sources) and classify them.

    Raises:
        ValueError: for a source id the catalogue does not have.
        CatalogueError: when an article cannot be read.
    """
    wanted = set(catalogue.sources if source_ids is None else source_ids)
    unknown = sorted(wanted - set(catalogue.sources))
    if unknown:
        raise ValueError(f"unknown source {unknown[0]!r}")
    chosen = [s for s in catalogue.sources if s in wanted]
    subset = dataclasses.replace(catalogue, sources={s: catalogue.sources[s] for s in chosen})
    articles, problems = read_articles(subset)
    if problems:
        raise CatalogueError(problems)
    citations: dict[str, list[tuple[int, str]]] = {s: [] for s in chosen}
    for number, event in enumerate(catalogue.events):
        for citation in event.citations:
            if citation.source in wanted:
                citations[citation.source].append((number, citation.quote))
    exclusions: dict[str, list[tuple[int, str]]] = {s: [] for s in chosen}
    for number, exclusion in enumerate(catalogue.excluded):
        if exclusion.source in wanted:
            exclusions[exclusion.source].append((number, exclusion.quote))
    mentions: list[CoverageMention] = []
    busy_exclusions: set[int] = set()
    for source_id in chosen:
        source, article = catalogue.sources[source_id], articles[source_id]
        sentences = _Sentences(article)
        mentions.extend(_classify(
            catalogue, source, sentences,
            _Accounts(sentences, citations[source_id]),
            _Accounts(sentences, exclusions[source_id]),
            busy_exclusions,
        ))  # fmt: skip
    idle = [
        catalogue.excluded[number]
        for source_id in chosen
        for number, _ in exclusions[source_id]
        if number not in busy_exclusions
    ]
    return CoverageReport(chosen, mentions, idle)


class _Sentences:
    """The sentences of an article, and which of them a stretch of text touches."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.spans = article.sentences
        self.starts = [s.start for s in self.spans]
        self._ends = [s.end for s in self.spans]

    def touched(self, start: int, end: int) -> range:
        return range(bisect.bisect_right(self._ends, start), bisect.bisect_left(self.starts, end))

    def text(self, start: int, end: int) -> str:
        touched = self.touched(start, end)
        if touched:
            span = Span(self.spans[touched[0]].start, self.spans[touched[-1]].end)
        else:
            span = self.article.paragraph_around(Span(start, end))
        return fold(self.article.text[span.start : span.end])


class _Accounts:
    """Quotes of one article that account for its mentions: event citations or exclusions.

    Each quote has a key (the event's or exclusion's place in the catalogue); every
    place a quote stands in the article counts.
    """

    def __init__(self, sentences: _Sentences, quotes: list[tuple[int, str]]) -> None:
        self.sentences = sentences
        self.by_sentence: dict[int, list[tuple[int, Span]]] = {}
        for key, quote in quotes:
            for span in sentences.article.find_all(quote):
                for index in sentences.touched(span.start, span.end):
                    self.by_sentence.setdefault(index, []).append((key, span))

    def find(self, mention: DateMention) -> list[int]:
        """What accounts for a mention: the quotes holding it, then the others in its
        sentences, each in catalogue order."""
        near = [
            entry
            for index in self.sentences.touched(mention.start, mention.end)
            for entry in self.by_sentence.get(index, ())
        ]
        holding = sorted(
            key for key, span in near if span.start <= mention.start and mention.end <= span.end
        )
        return list(dict.fromkeys([*holding, *sorted(key for key, _ in near)]))


def _classify(
    catalogue: Catalogue,
    source: Source,
    sentences: _Sentences,
    citations: _Accounts,
    exclusions: _Accounts,
    busy_exclusions: set[int],
) -> Iterable[CoverageMention]:
    article = sentences.article
    file = source.file
    for mention in find_mentions(article.text, source.published, sentences.starts):
        line, column = article.line_and_column(mention.start)
        event = _best_event(mention, [catalogue.events[n] for n in citations.find(mention)])
        exclusion = None
        excluding = exclusions.find(mention)
        busy_exclusions.update(excluding)
        if event is not None:
            status = Status.COVERED
        elif excluding:
            status, exclusion = Status.EXCLUDED, catalogue.excluded[excluding[0]]
        else:
            status = Status.OPEN
        yield CoverageMention(
            source=source.id,
            file=file,
            line=line,
            column=column,
            mention=mention,
            sentence=sentences.text(mention.start, mention.end),
            status=status,
            event=None if event is None else event.id,
            reason=None if exclusion is None else exclusion.reason,
        )


def _best_event(mention: DateMention, events: list[Event]) -> Event | None:
    """The first event of those covering a mention whose date it falls in, else the first."""
    resolved = mention.resolved
    if resolved is not None:
        for event in events:
            if event.date.overlaps(resolved.first_day, resolved.last_day):
                return event
    return events[0] if events else None
