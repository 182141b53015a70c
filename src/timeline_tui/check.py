"""The provenance checks of a loaded catalogue: articles readable, quotes verbatim."""

from __future__ import annotations

import hashlib

from timeline_tui.errors import Problem, Severity
from timeline_tui.model import Catalogue, Location
from timeline_tui.provenance import Article


def read_articles(catalogue: Catalogue) -> tuple[dict[str, Article], list[Problem]]:
    """Each source's article, and a problem for each one that cannot be read."""
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    for source in catalogue.sources.values():
        location = source.location
        try:
            articles[source.id] = Article.read(source.path)
        except FileNotFoundError:
            message = f"article {source.file!r} not found"
        except IsADirectoryError:
            message = f"article {source.file!r} is a directory"
        except PermissionError:
            message = f"article {source.file!r} cannot be read: permission denied"
        except UnicodeDecodeError as error:
            message = f"article {source.file!r} is not valid UTF-8 (at byte {error.start})"
        except OSError as error:
            message = f"article {source.file!r} cannot be read: {error.strerror or error}"
        else:
            continue
        problems.append(Problem(location.file, location.line, f"{location.field}.file", message))
    return articles, problems


def check_catalogue(catalogue: Catalogue) -> list[Problem]:
    """Every problem of a catalogue that loaded: unreadable articles, quotes not verbatim,
    events dated after every article that reports them. Loading warnings come first."""
    articles, problems = read_articles(catalogue)
    problems = [*catalogue.warnings, *problems, *_changed_articles(catalogue, articles)]

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
    return problems + _to_review(catalogue)


UNWRITTEN = "TO WRITE"
"""How `timeline draft` and `coverage --format yaml` begin the text a person is to write."""


def _changed_articles(catalogue: Catalogue, readable: dict[str, Article]) -> list[Problem]:
    """Articles whose bytes differ from the SHA-256 recorded when they were added."""
    problems = []
    for source in catalogue.sources.values():
        if source.sha256 is None or source.id not in readable:
            continue
        try:
            digest = hashlib.sha256(source.path.read_bytes()).hexdigest()
        except OSError:
            continue  # read a moment ago: a file that vanished since is reported next run
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
