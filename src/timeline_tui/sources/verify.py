"""Whether the quotes of a loaded catalogue stand in their articles, cheaply enough to
ask each time events are shown (the full report with hints is `check`'s).

Reading and searching the articles of 100,000 events takes most of a second, so
the command line keeps the outcome (`quotes_fingerprint` says what it depends
on; the cache stores it) and verifies again only when something it depends on
has changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

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
    unverified = unverified_quotes(catalogue, events)
    return Verification(unverified, [*catalogue.warnings, *late_events(catalogue, events)])


def unverified_quotes(
    catalogue: Catalogue, events: Sequence[Event] | None = None
) -> dict[tuple[str, int], str]:
    """(event id, index in its citations) -> why, for the quotes of `events` (by
    default all) that could not be verified."""
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
    return unverified


RECENT_SECONDS = 2.0
"""An article changed this recently may change again within the same tick of the
file system's clock, leaving its status as it was: its outcome is not kept."""


def quotes_fingerprint(
    catalogue: Catalogue, catalogue_digest: str, now: float | None = None
) -> str | None:
    """What `unverified_quotes(catalogue)` depends on, as one digest: the catalogue
    (`catalogue_digest`: a digest of what it was loaded from, its bytes and the
    code that read them), each source's file, path and where it resolves, the
    article's status (size, modification and change times, inode, device: any
    write changes the change time, which no program can set back), and the code
    that verifies. None when it cannot be trusted to say so: a catalogue read from
    a pipe, an article changed in the last `RECENT_SECONDS`, a path that is not text.
    """
    if is_pipe(catalogue.path):
        return None
    now = time.time() if now is None else now
    parts = [catalogue_digest]
    for module in (Path(__file__), Path(read_article_text.__code__.co_filename)):
        try:
            info = os.stat(module)
        except OSError:
            return None
        parts.append(f"{module}\0{info.st_size}\0{info.st_mtime_ns}")
    for source in catalogue.sources.values():
        try:
            resolved = os.path.realpath(source.path)
            info = os.stat(resolved)
        except OSError as error:
            parts.append(f"{source.id}\0{source.file}\0{source.path}\0{error!r}")
            continue
        if max(info.st_mtime, info.st_ctime) > now - RECENT_SECONDS:
            return None
        status = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev)
        parts.append(f"{source.id}\0{source.file}\0{source.path}\0{resolved}\0{status}")
    try:
        return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    except UnicodeEncodeError:  # a path with undecodable bytes
        return None


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
    return summary_counts(catalogue, len(verification.unverified), len(verification.warnings))


def summary_counts(catalogue: Catalogue, quotes: int, warnings: int) -> str | None:
    """`summary_line` from the numbers of unverified quotes and of warnings."""
    parts = []
    if quotes:
        parts.append(f"{quotes} quote{'s' if quotes != 1 else ''} could not be verified")
    if warnings:
        parts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    if not parts:
        return None
    return f"{catalogue.path}: {', '.join(parts)}; run timeline check"


def late_events(catalogue: Catalogue, events: Sequence[Event] | None = None) -> list[Problem]:
    """A warning for each event (of `events`, by default all) dated after the
    publication of every source citing it."""
    return [_late_warning(event, latest) for event, latest in _late(catalogue, events)]


def late_event_ids(catalogue: Catalogue) -> frozenset[str]:
    """The ids of the events `late_events` warns of: kept with the verification
    outcome, so that a list counts its warnings without reading its events."""
    return frozenset(event.id for event, _ in _late(catalogue, None))


def _late(catalogue: Catalogue, events: Sequence[Event] | None) -> Iterator[tuple[Event, dt.date]]:
    """Each event dated after every source citing it, with the latest publication."""
    latest = {
        source.id: None if source.published is None else source.published.last_day
        for source in catalogue.sources.values()
    }
    known = [day.year for day in latest.values() if day is not None]
    # an event that starts in a year before every known publication cannot be late:
    # most are, and a comparison of years spares building their first days
    before_all = min(known, default=0)
    for event in catalogue.events if events is None else events:
        if event.date.start.year < before_all:
            continue
        days = [latest.get(c.source) for c in event.citations]
        if not days or None in days:
            continue
        last = max(d for d in days if d is not None)
        if event.date.first_day > last:
            yield event, last


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
