"""The provenance checks of a loaded catalogue: articles readable, quotes verbatim."""

from __future__ import annotations

from timeline_tui.errors import Problem
from timeline_tui.files import read_article_text, source_folder
from timeline_tui.model import Catalogue, Location, Source
from timeline_tui.provenance import Article
from timeline_tui.verify import (
    Verification,
    late_event,
    summary_line,
    texts_or_reasons,
    verify_citations,
)

__all__ = [
    "Verification",
    "check_catalogue",
    "read_article",
    "read_articles",
    "summary_line",
    "verify_citations",
]


def read_article(source: Source) -> Article:
    """A source's article, read as every command and view reads one (see `timeline_tui.files`).

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
        late = late_event(catalogue, event)
        if late is not None:
            problems.append(late)
    for exclusion in catalogue.excluded:
        verify(exclusion.source, exclusion.quote, exclusion.location)
    return problems
