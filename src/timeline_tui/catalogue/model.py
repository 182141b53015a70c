"""The catalogue as typed objects: sources, vocabularies, events. Standard library only."""

from __future__ import annotations

import abc
import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from timeline_tui.catalogue.dates import DateSpan, PartialDate
from timeline_tui.catalogue.errors import Problem


@dataclass(frozen=True, slots=True)
class Location:
    """Where a value was written: for messages of the form `file:line: field: message`."""

    file: str
    line: int | None
    field: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.field}" if self.field else where


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    file: str
    path: Path
    publisher: str
    title: str
    author: str | None
    published: PartialDate | None
    published_note: str | None
    location: Location
    origin: str | None = None
    """Where the article came from: the page's address, or the file it was added from."""
    added: str | None = None
    """When it was added to the catalogue (ISO 8601, UTC)."""
    sha256: str | None = None
    """Of the stored article's bytes when it was added: `check` reports any change since."""

    @property
    def names(self) -> tuple[str, ...]:
        """A source is named by its id alone: its title is no name to filter by."""
        return (self.id,)


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    affiliation: str | None
    location: Location

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, self.name, *self.aliases)


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    name: str
    description: str
    location: Location

    @property
    def names(self) -> tuple[str, ...]:
        return (self.id, self.name)


@dataclass(frozen=True, slots=True)
class Citation:
    """A source an event cites, with the words from it that support the event."""

    source: str
    quote: str
    location: Location


@dataclass(frozen=True, slots=True)
class Figure:
    label: str
    value: float | int | str
    unit: str
    location: Location | None = None
    """Where the figure was written, for `check`'s messages."""

    def display(self) -> str:
        value = self.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int):
            value = f"{value:,}"
        return f"{self.label}: {value} {self.unit}".rstrip()


@dataclass(frozen=True, slots=True)
class Dispute:
    """Where articles the event cites disagree, each side quoted among its citations."""

    about: str
    note: str


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    date: DateSpan
    date_text: str | None
    title: str
    summary: str
    actors: tuple[str, ...]
    themes: tuple[str, ...]
    places: tuple[str, ...]
    figures: tuple[Figure, ...]
    citations: tuple[Citation, ...]
    disputes: tuple[Dispute, ...]
    location: Location
    notes: tuple[str, ...] = ()
    """Caveats and context that are not a disagreement between the articles."""
    draft: bool = False
    """Drafted from an open date mention (`timeline draft`), not yet written up."""

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(citation.source for citation in self.citations))


@dataclass(frozen=True, slots=True)
class Exclusion:
    """A dated statement of a source that the catalogue knowingly leaves out."""

    source: str
    quote: str
    reason: str
    location: Location


class StoredEvents(Sequence[Event], abc.ABC):
    """Events kept elsewhere (a cache entry), each read the first time it is asked
    for: a catalogue of a million events opens without building a million objects."""

    @abc.abstractmethod
    def position(self, event_id: str) -> int | None:
        """Where the event with this id is, without reading the events; None if nowhere."""

    def __eq__(self, other: object) -> bool:
        """Equal to a list (or another sequence) of the same events, as a list would be."""
        if not isinstance(other, (list, tuple, StoredEvents)):
            return NotImplemented
        return len(self) == len(other) and all(map(operator.eq, self, other))

    __hash__ = None  # type: ignore[assignment]  # mutable, like the list it stands for


@dataclass(slots=True)
class Catalogue:
    """A validated catalogue, its events always in date order (`event_sort_key`).

    Date order is the catalogue's to keep, so nothing that reads one sorts or checks
    again: constructing a `Catalogue` (the loader, `dataclasses.replace`, a test's own)
    puts events given out of order in order; the loader's already are, and so are
    the ones a cache entry, written from a loaded catalogue, holds. Assign `events`
    only a list already in that order.
    """

    path: Path
    sources: dict[str, Source]
    actors: dict[str, Actor]
    themes: dict[str, Theme]
    events: Sequence[Event]
    """In date order (earliest start, then coarser precision, then id): a list, or
    `StoredEvents` read from a cache entry as they are asked for."""
    excluded: list[Exclusion] = field(default_factory=list)
    title: str | None = None
    warnings: list[Problem] = field(default_factory=list)
    """Problems that do not stop the catalogue from being used (unknown keys, say)."""

    def __post_init__(self) -> None:
        if isinstance(self.events, StoredEvents):
            return  # stored from a catalogue already in order; checking would read them all
        # each key computed once, for the check and the sort alike: the loader leaves the sort here
        keys = list(map(event_sort_key, self.events))
        if not all(map(operator.le, keys, itertools.islice(keys, 1, None))):
            ordered = sorted(zip(keys, self.events, strict=True), key=operator.itemgetter(0))
            self.events = [event for _, event in ordered]

    @property
    def folder(self) -> Path:
        return self.path.parent

    def event(self, event_id: str) -> Event | None:
        if isinstance(self.events, StoredEvents):
            position = self.events.position(event_id)
            return None if position is None else self.events[position]
        for event in self.events:
            if event.id == event_id:
                return event
        return None


def event_sort_key(event: Event) -> tuple[int, int, str]:
    first, precision = event.date.sort_key()
    return (first, precision, event.id)
