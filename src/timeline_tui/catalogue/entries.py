"""Reading one entry of a catalogue's sections: a source, an actor, a theme, an event
with its citations, figures, disputes and notes, or an exclusion.

Each reader takes the entry's parsed YAML, its line and its field (`events[e1]`),
records every problem with that place on the `FieldReader`, and raises `Invalid`
when the entry cannot be used. References to other entries (an event's actors, a
citation's source) are checked against the entries already read; `load` reads the
sections in order and checks that ids are unique.
"""

from __future__ import annotations

import difflib
import math
from pathlib import Path
from typing import Any

from timeline_tui.catalogue.dates import DateError, DateSpan
from timeline_tui.catalogue.errors import Severity
from timeline_tui.catalogue.fields import FieldReader, Invalid, describe, join_field
from timeline_tui.catalogue.model import (
    Actor,
    Citation,
    Dispute,
    Event,
    Exclusion,
    Figure,
    Location,
    Source,
    Theme,
)
from timeline_tui.catalogue.yamlfile import YamlList, YamlMap, line_of

SOURCE_KEYS = (
    "id", "file", "publisher", "title", "author", "published", "published_note",
    "origin", "added", "sha256",
)  # fmt: skip
ACTOR_KEYS = ("id", "name", "kind", "aliases", "affiliation")
THEME_KEYS = ("id", "name", "description")
EVENT_KEYS = (
    "id", "date", "end", "date_text", "title", "summary", "actors", "themes",
    "places", "figures", "sources", "disputes", "notes", "draft",
)  # fmt: skip
CITATION_KEYS = ("source", "quote")
FIGURE_KEYS = ("label", "value", "unit")
DISPUTE_KEYS = ("about", "note")
EXCLUSION_KEYS = ("source", "quote", "reason")


def unknown_reference(
    reader: FieldReader, location: Location, key: str, value: str, known: dict[str, Any], kind: str
) -> None:
    if value in reader.broken_ids:
        return
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    reader.problem(
        location.line, join_field(location.field, key), f"unknown {kind} {value!r}{hint}"
    )


def _check_source(
    reader: FieldReader, item: YamlMap, field: str, source: str, sources: dict[str, Source]
) -> None:
    """Report `source`, named under `field` by a citation or an exclusion, if no source has it."""
    if source not in sources:
        at = Location(reader.name, line_of(item, "source"), field)
        unknown_reference(reader, at, "source", source, sources, "source")


def source_entry(reader: FieldReader, value: object, line: int, field: str, folder: Path) -> Source:
    item = reader.mapping(value, line, field, SOURCE_KEYS)
    source_id = reader.text(item, "id", field)
    file = reader.text(item, "file", field)
    location = Location(reader.name, item.line, field)
    path = folder / file
    if Path(file).is_absolute() or not _inside(path, folder):
        reader.problem(
            line_of(item, "file"),
            join_field(field, "file"),
            f"{file!r} is outside the catalogue's folder; refusing to read it",
        )
        raise Invalid
    published = None
    try:
        published = reader.date(item, "published", field, required=False)
    except Invalid:
        pass
    return Source(
        id=source_id,
        file=file,
        path=path,
        # an article added from a plain-text file may name neither: left empty, not guessed
        publisher=reader.optional_text(item, "publisher", field) or "",
        title=reader.optional_text(item, "title", field) or "",
        author=reader.optional_text(item, "author", field),
        published=published,
        published_note=reader.optional_text(item, "published_note", field),
        location=location,
        origin=reader.optional_text(item, "origin", field),
        added=reader.optional_text(item, "added", field),
        sha256=reader.optional_text(item, "sha256", field),
    )


def _inside(path: Path, folder: Path) -> bool:
    """Whether `path`, links followed, stays within `folder`."""
    try:
        path.resolve().relative_to(folder.resolve())
    except (ValueError, OSError):  # outside, or a name no file system accepts
        return False
    return True


def actor_entry(reader: FieldReader, value: object, line: int, field: str) -> Actor:
    item = reader.mapping(value, line, field, ACTOR_KEYS)
    return Actor(
        id=reader.text(item, "id", field),
        name=reader.text(item, "name", field),
        kind=reader.text(item, "kind", field),
        aliases=tuple(reader.texts(item, "aliases", field, required=False)),
        affiliation=reader.optional_text(item, "affiliation", field),
        location=Location(reader.name, item.line, field),
    )


def theme_entry(reader: FieldReader, value: object, line: int, field: str) -> Theme:
    item = reader.mapping(value, line, field, THEME_KEYS)
    return Theme(
        id=reader.text(item, "id", field),
        name=reader.text(item, "name", field),
        description=reader.text(item, "description", field),
        location=Location(reader.name, item.line, field),
    )


def event_entry(
    reader: FieldReader, value: object, line: int, field: str, known: dict[str, dict[str, Any]]
) -> Event:
    item = reader.mapping(value, line, field, EVENT_KEYS)
    location = Location(reader.name, item.line, field)
    event_id = reader.text(item, "id", field)
    start = reader.date(item, "date", field, required=True)
    end = reader.date(item, "end", field, required=False)
    assert start is not None
    try:
        span = DateSpan(start, end)
    except DateError as error:
        reader.problem(line_of(item, "end"), join_field(field, "end"), str(error))
        raise Invalid from None

    references = {}
    for key in ("actors", "themes"):
        names = reader.texts(item, key, field)
        for index, name in enumerate(names):
            if name not in known[key]:
                at = Location(reader.name, line_of(item[key], index), f"{field}.{key}[{index}]")
                unknown_reference(reader, at, "", name, known[key], key[:-1])
        references[key] = tuple(names)

    citations = list(
        reader.each(
            reader.items(item, "sources", field),
            f"{field}.sources",
            lambda v, ln, f: _citation(reader, v, ln, f, known["sources"]),
        )
    )
    if not citations and isinstance(item.get("sources"), YamlList) and not item["sources"]:
        reader.problem(
            line_of(item, "sources"),
            join_field(field, "sources"),
            "an event needs at least one source",
        )
    figures = reader.each(
        reader.items(item, "figures", field, required=False),
        f"{field}.figures",
        lambda v, ln, f: _figure(reader, v, ln, f),
    )
    disputes = tuple(
        reader.each(
            reader.items(item, "disputes", field, required=False),
            f"{field}.disputes",
            lambda v, ln, f: _dispute(reader, v, ln, f),
        )
    )
    if disputes and len({citation.source for citation in citations}) == 1:
        reader.problem(
            line_of(item, "disputes"),
            join_field(field, "disputes"),
            "the event cites a single article, so nothing quoted on it disagrees; "
            "quote each article that takes a side, or make the remark one of its notes",
            Severity.WARNING,
        )
    return Event(
        id=event_id,
        date=span,
        date_text=reader.optional_text(item, "date_text", field),
        title=reader.text(item, "title", field),
        summary=reader.text(item, "summary", field),
        actors=references["actors"],
        themes=references["themes"],
        places=tuple(reader.texts(item, "places", field, required=False)),
        figures=tuple(figures),
        citations=tuple(citations),
        disputes=disputes,
        location=location,
        notes=_notes(reader, item, field),
        draft=_flag(reader, item, "draft", field),
    )


def _flag(reader: FieldReader, item: YamlMap, key: str, field: str) -> bool:
    value = item.get(key, False)
    if value is None or isinstance(value, bool):
        return bool(value)
    reader.problem(
        line_of(item, key), join_field(field, key), f"expected true or false, got {describe(value)}"
    )
    raise Invalid


def _citation(
    reader: FieldReader, value: object, line: int, field: str, sources: dict[str, Source]
) -> Citation:
    item = reader.mapping(value, line, field, CITATION_KEYS)
    source = reader.text(item, "source", field)
    location = Location(reader.name, line_of(item, "quote"), f"{field}.quote")
    _check_source(reader, item, field, source, sources)
    return Citation(source=source, quote=reader.text(item, "quote", field), location=location)


def _figure(reader: FieldReader, value: object, line: int, field: str) -> Figure:
    item = reader.mapping(value, line, field, FIGURE_KEYS)
    number = item.get("value")
    if isinstance(number, bool) or not isinstance(number, (int, float, str)):
        reader.problem(
            line_of(item, "value"),
            join_field(field, "value"),
            f"expected a number, got {describe(number)}",
        )
        raise Invalid
    if isinstance(number, float) and not math.isfinite(number):
        reader.problem(
            line_of(item, "value"),
            join_field(field, "value"),
            f"expected a number, got {number}: a figure is a finite number",
        )
        raise Invalid
    return Figure(
        label=reader.text(item, "label", field),
        value=number,
        unit=reader.optional_text(item, "unit", field) or "",
        location=Location(reader.name, line_of(item, "value"), field),
    )


def _dispute(reader: FieldReader, value: object, line: int, field: str) -> Dispute:
    item = reader.mapping(value, line, field, DISPUTE_KEYS)
    return Dispute(
        about=reader.optional_text(item, "about", field) or "",
        note=reader.text(item, "note", field),
    )


def _notes(reader: FieldReader, item: YamlMap, field: str) -> tuple[str, ...]:
    notes = reader.texts(item, "notes", field, required=False)
    for index, note in enumerate(notes):
        if not note.strip():
            reader.problem(
                line_of(item["notes"], index),
                f"{join_field(field, 'notes')}[{index}]",
                "empty note",
            )
    return tuple(notes)


def exclusion_entry(
    reader: FieldReader, value: object, line: int, field: str, sources: dict[str, Source]
) -> Exclusion:
    item = reader.mapping(value, line, field, EXCLUSION_KEYS)
    source = reader.text(item, "source", field)
    _check_source(reader, item, field, source, sources)
    return Exclusion(
        source=source,
        quote=reader.text(item, "quote", field),
        reason=reader.text(item, "reason", field),
        location=Location(reader.name, line_of(item, "quote"), f"{field}.quote"),
    )
