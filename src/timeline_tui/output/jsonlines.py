"""Events as JSON objects, encoded by msgspec without a dict per event.

`event_record` builds a dict that `json.dumps` then walks; over 100,000 events
that costs seconds. Here each event becomes a `msgspec.Struct` whose fields are
the record's keys in the same order, and a slice of them is encoded at once, so
a JSON parser reads exactly the values `event_record` holds. The text is
compact (no space after `:` and `,`).

A value msgspec cannot encode (an integer beyond 64 bits, say) sends that slice
through `event_record` and `dumps` instead: same values, the standard library's
spacing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

import msgspec

from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.output.records import dumps, event_record, finite

SLICE = 2_000
"""Events encoded together: few calls, a bounded buffer."""


class _Figure(msgspec.Struct):
    label: str
    value: float | int | str
    unit: str | None


class _Cited(msgspec.Struct):
    source: str
    file: str
    quote: str


class _Dispute(msgspec.Struct):
    about: str
    note: str


class _Record(msgspec.Struct):
    """`event_record`'s keys, in its order."""

    id: str
    date: str
    precision: str
    end: str | None
    display_date: str
    date_text: str | None
    title: str
    summary: str
    actors: list[str]
    actor_ids: tuple[str, ...]
    themes: list[str]
    theme_ids: tuple[str, ...]
    places: tuple[str, ...]
    figures: list[_Figure]
    sources: list[_Cited]
    disputes: list[_Dispute]
    notes: tuple[str, ...]


def _records(catalogue: Catalogue, events: Iterable[Event]) -> Iterator[_Record]:
    actors = {key: actor.name for key, actor in catalogue.actors.items()}
    themes = {key: theme.name for key, theme in catalogue.themes.items()}
    files = {key: source.file for key, source in catalogue.sources.items()}
    for event in events:
        date = event.date
        end = date.end
        yield _Record(
            event.id,
            date.start.iso(),
            date.precision.label,
            None if end is None else end.iso(),
            date.display(),
            event.date_text,
            event.title,
            event.summary,
            [actors[a] for a in event.actors],
            tuple(event.actors),
            [themes[t] for t in event.themes],
            tuple(event.themes),
            tuple(event.places),
            [_Figure(f.label, finite(f.value), f.unit) for f in event.figures],
            [_Cited(c.source, files[c.source], c.quote) for c in event.citations],
            [_Dispute(d.about, d.note) for d in event.disputes],
            tuple(event.notes),
        )


def event_lines(catalogue: Catalogue, events: Iterable[Event]) -> Iterator[str]:
    """Slices of JSON Lines: one object per event, each ending in a newline."""
    for lines in encoded_lines(catalogue, events):
        yield lines.decode()


def encoded_lines(catalogue: Catalogue, events: Iterable[Event]) -> Iterator[bytes]:
    """`event_lines` as UTF-8, as encoded: what is kept to be written again as bytes.

    A line holds no newline but its last byte: JSON writes one inside a string as `\\n`.
    """
    encoder = msgspec.json.Encoder()
    pending = iter(events)
    while batch := list(islice(pending, SLICE)):
        try:
            yield encoder.encode_lines(list(_records(catalogue, batch)))
        except (TypeError, ValueError, OverflowError):
            yield "".join(dumps(event_record(catalogue, event)) + "\n" for event in batch).encode()
