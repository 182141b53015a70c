"""From a catalogue file to a validated `Catalogue`; every problem names file, line and field."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from timeline_tui.catalogue.collector import gc_paused
from timeline_tui.catalogue.entries import (
    actor_entry,
    event_entry,
    exclusion_entry,
    source_entry,
    theme_entry,
    unknown_reference,
)
from timeline_tui.catalogue.errors import CatalogueError, Problem, Severity
from timeline_tui.catalogue.fields import FieldReader, Invalid, describe
from timeline_tui.catalogue.files import catalogue_folder
from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.catalogue.yamlfile import YamlList, YamlMap, load_yaml, read_source
from timeline_tui.text.progress import Report

T = TypeVar("T")
_REPORT_EVERY = 2048
"""Events checked between two progress reports."""

TOP_KEYS = ("title", "description", "sources", "actors", "themes", "events", "excluded")


def load_catalogue(path: Path | str, report: Report | None = None) -> Catalogue:
    """Read and validate a catalogue; what is odd but usable is in its `warnings`.

    `report(phase, share)`, if given, hears now and then how far reading and
    checking have got (see `timeline_tui.text.progress`).

    Raises:
        CatalogueError: with every error found, when the catalogue cannot be used.
    """
    path = Path(path)
    name = str(path)
    folder = catalogue_folder(path)
    source = read_source(path)
    with gc_paused():
        data = load_yaml(source, name, report)
        del source  # 48 MB at 100,000 events, not needed beside the catalogue being built
        return build_catalogue(data, path, report, folder)


def build_catalogue(
    data: Any, path: Path, report: Report | None = None, folder: Path | None = None
) -> Catalogue:
    """Validate parsed YAML into a catalogue (see `load_catalogue`); articles are named
    from `folder`, by default the one `catalogue_folder` gives."""
    reader = FieldReader(str(path))
    if data is None:
        raise CatalogueError([Problem(str(path), None, "", "is empty: expected a catalogue")])
    if not isinstance(data, YamlMap):
        raise CatalogueError(
            [
                Problem(
                    str(path),
                    1,
                    "",
                    f"expected a mapping of sources, actors, themes and "
                    f"events at the top, got {describe(data)}",
                )
            ]
        )
    try:
        top = reader.mapping(data, data.line, "", TOP_KEYS)
        title = reader.optional_text(top, "title", "")
    except Invalid:
        title = None
    if folder is None:
        folder = catalogue_folder(path)

    def section(key: str, build: Callable[[Any, int, str], T], required: bool = True) -> list[T]:
        return list(reader.each(reader.items(data, key, "", required), key, build))

    sources = _unique(
        reader, section("sources", lambda v, ln, f: source_entry(reader, v, ln, f, folder))
    )
    actors = _unique(reader, section("actors", lambda v, ln, f: actor_entry(reader, v, ln, f)))
    themes = _unique(reader, section("themes", lambda v, ln, f: theme_entry(reader, v, ln, f)))
    for actor in actors.values():
        if actor.affiliation is not None and actor.affiliation not in actors:
            unknown_reference(
                reader, actor.location, "affiliation", actor.affiliation, actors, "actor"
            )
    known = {"actors": actors, "themes": themes, "sources": sources}

    def build_event(value: Any, line: int, field: str) -> Event:
        return event_entry(reader, value, line, field, known)

    build: Callable[[Any, int, str], Event] = build_event
    if report is not None:
        listed = data.get("events")
        total = len(listed) if isinstance(listed, YamlList) else 0
        build = _reporting(build_event, report, total)
    events = _unique(reader, section("events", build))
    excluded = section(
        "excluded", lambda v, ln, f: exclusion_entry(reader, v, ln, f, sources), required=False
    )

    catalogue = Catalogue(
        path=path,
        sources=sources,
        actors=actors,
        themes=themes,
        events=list(events.values()),  # put in date order by `Catalogue` itself
        excluded=excluded,
        title=title,
        warnings=reader.problems,
    )
    if any(p.severity is Severity.ERROR for p in reader.problems):
        catalogue.warnings = []
        raise CatalogueError(reader.problems, partial=catalogue)
    return catalogue


def _reporting(
    build: Callable[[Any, int, str], T], report: Report, total: int
) -> Callable[[Any, int, str], T]:
    """`build`, reporting now and then the share of the `total` items it has seen."""
    seen = 0

    def counting(value: Any, line: int, field: str) -> T:
        nonlocal seen
        seen += 1
        if not seen % _REPORT_EVERY and total:
            report("checking", min(1.0, seen / total))
        return build(value, line, field)

    return counting


def _unique(reader: FieldReader, items: list[Any]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for item in items:
        if item.id in result:
            first = result[item.id].location.line
            reader.problem(
                item.location.line,
                f"{item.location.field}.id",
                f"duplicate id {item.id!r} (first on line {first})",
            )
            continue
        result[item.id] = item
    return result
