"""The provenance checks of a loaded catalogue: articles readable, quotes verbatim."""

from __future__ import annotations

from pathlib import Path

from timeline_tui.errors import CatalogueError, Problem, Severity
from timeline_tui.model import Catalogue, Location
from timeline_tui.progress import Report
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
        return None, error.problems
    return catalogue, check_catalogue(catalogue)
