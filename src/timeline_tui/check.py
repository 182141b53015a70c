"""The provenance checks of a loaded catalogue: articles readable, quotes verbatim."""

from __future__ import annotations

from timeline_tui.errors import Problem, Severity
from timeline_tui.files import Unreadable, read_article_text, source_folder, unreadable_sentence
from timeline_tui.model import Catalogue, Location, Source
from timeline_tui.provenance import Article


def read_article(source: Source) -> Article:
    """A source's article, read as every command and view reads one (see `timeline_tui.files`).

    Raises:
        Unreadable: saying why it is not read.
    """
    return Article(read_article_text(source.path, source_folder(source.path, source.file)))


def read_articles(catalogue: Catalogue) -> tuple[dict[str, Article], list[Problem]]:
    """Each source's article, and a problem for each one that cannot be read."""
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    for source in catalogue.sources.values():
        location = source.location
        try:
            articles[source.id] = read_article(source)
        except Unreadable as error:
            message = unreadable_sentence(f"article {source.file!r}", error)
            problems.append(
                Problem(location.file, location.line, f"{location.field}.file", message)
            )
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
        published = [catalogue.sources[s].published for s in event.source_ids]
        if published and all(p is not None for p in published):
            latest = max(p.last_day for p in published if p is not None)
            if event.date.first_day > latest:
                problems.append(
                    Problem(
                        event.location.file,
                        event.location.line,
                        f"{event.location.field}.date",
                        f"{event.date.iso()} is after the publication of every source that "
                        f"reports it (latest {latest.isoformat()})",
                        Severity.WARNING,
                    )
                )
    for exclusion in catalogue.excluded:
        verify(exclusion.source, exclusion.quote, exclusion.location)
    return problems
