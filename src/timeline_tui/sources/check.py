"""The provenance checks of a loaded catalogue: articles readable, quotes verbatim,
claims borne out by their quotes (`timeline_tui.sources.claims`)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from timeline_tui.catalogue.errors import CatalogueError, Problem, Severity
from timeline_tui.catalogue.files import (
    Unreadable,
    read_article_bytes,
    read_article_text,
    source_folder,
)
from timeline_tui.catalogue.model import Catalogue, Location, Source
from timeline_tui.sources.claims import check_claims
from timeline_tui.sources.provenance import Article, Span
from timeline_tui.sources.verify import (
    Verification,
    late_event,
    summary_line,
    texts_or_reasons,
    verify_citations,
)
from timeline_tui.text.progress import Report

__all__ = [
    "Verification",
    "check_catalogue",
    "check_file",
    "read_article",
    "read_articles",
    "summary_line",
    "verify_citations",
]


def read_article(source: Source) -> Article:
    """A source's article, read as every command and view reads one (`catalogue.files`).

    Raises:
        Unreadable: saying why it is not read.
    """
    return Article(read_article_text(source.path, source_folder(source.path, source.file)))


def read_articles(catalogue: Catalogue) -> tuple[dict[str, Article], list[Problem]]:
    """Each source's article, and a problem for each one that cannot be read."""
    texts, reasons = texts_or_reasons(catalogue)
    articles = {source_id: Article(text) for source_id, text in texts.items()}
    problems = []
    for source_id, reason in reasons.items():
        location = catalogue.sources[source_id].location
        problems.append(Problem(location.file, location.line, f"{location.field}.file", reason))
    return articles, problems


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    """Every problem of a catalogue that loaded: unreadable articles, quotes not verbatim,
    events dated after every article that reports them. Loading warnings come first."""
    articles, problems = read_articles(catalogue)
    problems = [*catalogue.warnings, *problems, *_changed_articles(catalogue, articles)]

    places: dict[tuple[str, str], Span] = {}  # found once, for the claims too

    def verify(source_id: str, quote: str, location: Location) -> None:
        article = articles.get(source_id)
        if article is None:
            return
        place = article.find(quote)
        if place is not None:
            places[source_id, quote] = place
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
        late = late_event(catalogue, event)
        if late is not None:
            problems.append(late)
    for exclusion in catalogue.excluded:
        verify(exclusion.source, exclusion.quote, exclusion.location)
    return problems + check_claims(catalogue, articles, places) + _to_review(catalogue)


UNWRITTEN = "TO WRITE"
"""How `timeline draft` and `coverage --format yaml` begin the text a person is to write."""


def _changed_articles(catalogue: Catalogue, readable: dict[str, Article]) -> list[Problem]:
    """Articles whose bytes differ from the SHA-256 recorded when they were added."""
    problems = []
    for source in catalogue.sources.values():
        if source.sha256 is None or source.id not in readable:
            continue
        try:
            data = read_article_bytes(source.path, source_folder(source.path, source.file))
        except Unreadable:
            continue  # read a moment ago: a file that vanished since is reported next run
        digest = hashlib.sha256(data).hexdigest()
        if digest != source.sha256.strip().lower():
            location = source.location
            problems.append(
                Problem(
                    location.file,
                    location.line,
                    f"{location.field}.sha256",
                    f"article {source.file!r} has changed since it was added (its SHA-256 is "
                    f"now {digest}): its quotes were verified against other words",
                )
            )
    return problems


def _to_review(catalogue: Catalogue) -> list[Problem]:
    """Drafted events and unwritten exclusion reasons: usable, but still to be written."""
    problems = []
    for event in catalogue.events:
        unwritten = [
            name for name in ("title", "summary") if getattr(event, name).startswith(UNWRITTEN)
        ]
        if event.draft or unwritten:
            location = event.location
            todo = f"write its {' and '.join(unwritten)}, then " if unwritten else ""
            problems.append(
                Problem(
                    location.file,
                    location.line,
                    location.field,
                    f"draft to review: {todo}remove `draft: true`"
                    if event.draft
                    else f"draft to review: {todo.removesuffix(', then ')}",
                    Severity.WARNING,
                )
            )
    for exclusion in catalogue.excluded:
        if exclusion.reason.startswith(UNWRITTEN):
            location = exclusion.location
            problems.append(
                Problem(
                    location.file,
                    location.line,
                    location.field.removesuffix(".quote") + ".reason",
                    "exclusion to review: write its reason",
                    Severity.WARNING,
                )
            )
    return problems


def check_file(path: Path, report: Report | None = None) -> tuple[Catalogue | None, list[Problem]]:
    """What `timeline check` reports for the catalogue at `path`.

    Returns:
        The catalogue and every problem `check_catalogue` finds in it; or, for a
        catalogue that does not load, None and the problems that stop it.

    Raises:
        CatalogueError: the file itself cannot be read (`unreadable`).
    """
    # here: `coverage` imports this module and loads through the cache, without YAML
    from timeline_tui.catalogue import load_catalogue

    try:
        catalogue = load_catalogue(path, report)
    except CatalogueError as error:
        if error.unreadable:
            raise
        # the valid part is checked too, so one run reports every problem
        partial = [] if error.partial is None else check_catalogue(error.partial)
        return None, [*error.problems, *partial]
    return catalogue, check_catalogue(catalogue)
