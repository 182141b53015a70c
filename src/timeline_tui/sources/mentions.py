"""Finding the dates an article mentions, and the date each one stands for.

dateparser's `search_dates` both over- and under-reads news prose: it takes
"$90", "307 days", "78(16)", "we" and the verb "may" for dates, glues words on
("2014, the year before" becomes the year 10, "March 7-10" the year 2010), and
misses "in late April", "last week" or "days earlier". So candidates come from
a grammar of our own (`mention_grammar`), and dateparser's `DateDataParser` only
reads each candidate (rewritten into a form it reads reliably): the date it
stands for, and its period, which is the mention's precision. Parsing a few
dozen short strings instead of searching whole articles is also what keeps
`timeline coverage` quick.

The forms it finds, and what it refuses, are listed there.

What each mention stands for is worked out by `timeline_tui.sources.resolution`:
relative forms against the date they count from (a date just before them in the
text, else the publication date) and never finer than it; a week is its seven
days. In an undated article, what depends on the publication date stays
unresolved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from timeline_tui.catalogue.dates import DateSpan, PartialDate, Precision
from timeline_tui.sources.mention_grammar import Candidate, find_candidates
from timeline_tui.sources.provenance import Article
from timeline_tui.sources.resolution import Resolver


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression at `text[start:end]` of an article."""

    start: int
    end: int
    text: str
    """The words, white space folded."""
    resolved: DateSpan | None
    """What it stands for; None when that depends on an undated article's date."""
    precision: Precision


def _longest_first(candidates: Iterator[Candidate]) -> list[Candidate]:
    """Where candidates overlap, the longest stands: "22 April 2025", not "2025".

    Candidates are taken longest first (the earlier at the same length), each kept
    unless it overlaps one kept already. Only candidates in one run of overlapping
    ones can compete, so each run is settled on its own: linear in the article.
    """
    chosen: list[Candidate] = []
    run: list[Candidate] = []
    reach = -1
    for candidate in sorted(candidates, key=lambda c: (c.start, -c.end)):
        if candidate.start >= reach and run:
            chosen.extend(_settle(run))
            run = []
        run.append(candidate)
        reach = max(reach, candidate.end)
    chosen.extend(_settle(run))
    return chosen


def _settle(run: list[Candidate]) -> list[Candidate]:
    """The candidates that stand in one run of overlapping ones, in order of the text."""
    if len(run) == 1:
        return run
    kept: list[Candidate] = []
    for candidate in sorted(run, key=lambda c: (c.start - c.end, c.start)):
        if all(candidate.end <= k.start or k.end <= candidate.start for k in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c.start)


def find_mentions(
    text: str,
    published: PartialDate | None,
    sentence_starts: list[int] | None = None,
    since: int = 0,
) -> list[DateMention]:
    """Every date mention in an article's text, in order, each read against what it is
    relative to (see `timeline_tui.sources.resolution`).

    Args:
        text: the article's text.
        published: its publication date, if known.
        sentence_starts: where its sentences (`Article.sentences`) start, when known.
        since: mentions ending at or before this offset are not returned, nor resolved
            unless a later one counts from them.
    """
    candidates = _longest_first(find_candidates(text))
    if sentence_starts is None:
        sentence_starts = [sentence.start for sentence in Article(text).sentences]
    resolver = Resolver(
        text,
        [(c.start, c.end) for c in candidates],
        [c.reading for c in candidates],
        sentence_starts,
        published,
    )
    mentions = []
    for index, candidate in enumerate(candidates):
        if candidate.end <= since:
            continue
        resolution = resolver.resolve(index)
        if resolution is None:
            continue
        resolved, precision = resolution
        words = " ".join(text[candidate.start : candidate.end].split())
        mentions.append(DateMention(candidate.start, candidate.end, words, resolved, precision))
    return mentions
