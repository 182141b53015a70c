"""Whether the quotes of a loaded catalogue stand in their articles, cheaply enough to
ask each time events are shown (the full report with hints is `check`'s)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from timeline_tui.catalogue.errors import Problem, Severity
from timeline_tui.catalogue.files import (
    Unreadable,
    is_pipe,
    read_article_text,
    source_folder,
    unreadable_sentence,
)
from timeline_tui.catalogue.model import Catalogue, Event


class Verification:
    """Which citations of a loaded catalogue could not be verified, and why."""

    __slots__ = ("unverified", "warnings")

    def __init__(self, unverified: dict[tuple[str, int], str], warnings: list[Problem]) -> None:
        self.unverified = unverified
        """(event id, index in its citations) -> why: the article is unreadable, or the
        quote is not in it."""
        self.warnings = warnings
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
    texts, unreadable = texts_or_reasons(catalogue, cited)
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


def texts_or_reasons(
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
            reason = unreadable_sentence(f"article {source.file!r}", error)
            if error.missing and is_pipe(catalogue.path):
                folder = source_folder(source.path, source.file)
                reason += (
                    f" in {folder}: a catalogue read from a pipe names its articles from "
                    "the current folder"
                )
            reasons[source.id] = reason
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


def late_event(catalogue: Catalogue, event: Event) -> Problem | None:
    """The warning for `event` if it is dated after every source citing it."""
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
