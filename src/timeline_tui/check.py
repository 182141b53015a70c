"""The provenance checks of a loaded catalogue: articles readable, quotes verbatim."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from timeline_tui.errors import Problem, Severity
from timeline_tui.files import Unreadable, read_article_text, source_folder, unreadable_sentence
from timeline_tui.model import Catalogue, Event, Location, Source
from timeline_tui.provenance import Article


def read_article(source: Source) -> Article:
    """A source's article, read as every command and view reads one (see `timeline_tui.files`).

    Raises:
        Unreadable: saying why it is not read.
    """
    return Article(read_article_text(source.path, source_folder(source.path, source.file)))


def read_articles(catalogue: Catalogue) -> tuple[dict[str, Article], list[Problem]]:
    """Each source's article, and a problem for each one that cannot be read."""
    texts, reasons = _texts_or_reasons(catalogue)
    articles = {source_id: Article(text) for source_id, text in texts.items()}
    problems = []
    for source_id, reason in reasons.items():
        location = catalogue.sources[source_id].location
        problems.append(Problem(location.file, location.line, f"{location.field}.file", reason))
    return articles, problems


@dataclass(frozen=True, slots=True)
class Verification:
    """Which citations of a loaded catalogue could not be verified, and why."""

    unverified: dict[tuple[str, int], str]
    """(event id, index in its citations) -> why: the article is unreadable, or the quote
    is not in it."""
    warnings: list[Problem]
    """Loading warnings and events dated after every article that cites them."""

    def event_ids(self) -> set[str]:
        return {event_id for event_id, _ in self.unverified}


def verify_citations(catalogue: Catalogue, events: Sequence[Event] | None = None) -> Verification:
    """Verify the quotes of `events` (by default all) against their articles, each
    article read once and only if one of them cites it.

    As `Article.find` does, white space is folded on both sides; the article is
    folded by `str.split` (the same white space as `fold`'s pattern, several times
    faster) rather than built into an `Article`, whose character map costs seconds
    over the articles of 100,000 events.
    """
    if events is None:
        events = catalogue.events
    cited = {c.source for event in events for c in event.citations}
    texts, unreadable = _texts_or_reasons(catalogue, cited)
    articles = {source_id: " ".join(text.split()) for source_id, text in texts.items()}
    unverified: dict[tuple[str, int], str] = {}
    for event in events:
        for index, citation in enumerate(event.citations):
            article = articles.get(citation.source)
            if article is None:
                reason = unreadable.get(citation.source)
                if reason is not None:
                    unverified[event.id, index] = reason
                continue
            quote = citation.quote
            # most quotes are already folded: skip folding them
            if not (quote.isprintable() and "  " not in quote and quote.strip() == quote):
                quote = " ".join(quote.split())
            if not quote or quote not in article:
                file = catalogue.sources[citation.source].file
                unverified[event.id, index] = f"quote not found in {file}"
    return Verification(unverified, [*catalogue.warnings, *late_events(catalogue, events)])


def _texts_or_reasons(
    catalogue: Catalogue, only: set[str] | None = None
) -> tuple[dict[str, str], dict[str, str]]:
    """Each source's article text (of the sources in `only`, if given), or why it
    cannot be read."""
    texts: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for source in catalogue.sources.values():
        if only is not None and source.id not in only:
            continue
        try:
            texts[source.id] = read_article_text(
                source.path, source_folder(source.path, source.file)
            )
        except Unreadable as error:
            reasons[source.id] = unreadable_sentence(f"article {source.file!r}", error)
    return texts, reasons


def summary_line(catalogue: Catalogue, verification: Verification) -> str | None:
    """The one line for stderr when a catalogue shown has something unverified:
    `events.yaml: 2 quotes could not be verified; run timeline check`. None when clean."""
    parts = []
    quotes = len(verification.unverified)
    if quotes:
        parts.append(f"{quotes} quote{'s' if quotes != 1 else ''} could not be verified")
    warnings = len(verification.warnings)
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    if not parts:
        return None
    return f"{catalogue.path}: {', '.join(parts)}; run timeline check"


def late_events(catalogue: Catalogue, events: Sequence[Event] | None = None) -> list[Problem]:
    """A warning for each event (of `events`, by default all) dated after the
    publication of every source citing it."""
    latest = {
        source.id: None if source.published is None else source.published.last_day
        for source in catalogue.sources.values()
    }
    problems = []
    for event in catalogue.events if events is None else events:
        days = [latest.get(c.source) for c in event.citations]
        if not days or None in days:
            continue
        last = max(d for d in days if d is not None)
        first_day = event.date.first_day
        if first_day > last:
            problems.append(_late_warning(event, last))
    return problems


def _late(catalogue: Catalogue, event: Event) -> Problem | None:
    return next(iter(late_events(catalogue, [event])), None)


def _late_warning(event: Event, latest: dt.date) -> Problem:
    return Problem(
        event.location.file,
        event.location.line,
        f"{event.location.field}.date",
        f"{event.date.iso()} is after the publication of every source that "
        f"reports it (latest {latest.isoformat()})",
        Severity.WARNING,
    )


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    """Every problem of a catalogue that loaded: unreadable articles, quotes not verbatim,
    events dated after every article that reports them. Loading warnings come first."""
    articles, problems = read_articles(catalogue)
    problems = [*catalogue.warnings, *problems]

    def verify(source_id: str, quote: str, location: Location) -> None:
        article = articles.get(source_id)
        if article is None or article.find(quote) is not None:
            return
        closest = article.closest(quote)
        hint = f"; did you mean: {closest!r}" if closest else ""
        problems.append(
            Problem(
                location.file,
                location.line,
                location.field,
                f"quote not found in {catalogue.sources[source_id].file}{hint}",
            )
        )

    for event in catalogue.events:
        for citation in event.citations:
            verify(citation.source, citation.quote, citation.location)
        late = _late(catalogue, event)
        if late is not None:
            problems.append(late)
    for exclusion in catalogue.excluded:
        verify(exclusion.source, exclusion.quote, exclusion.location)
    return problems
