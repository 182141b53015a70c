"""Each event's output as bytes, kept to be written again without the events.

On a pipe, most of a long `timeline list` went into turning events into text.
For the formats whose output is one piece per event with something fixed around
them (`text` on a pipe, `json`, `jsonl`, `csv`, `tsv`), `event_records` gives
each event's piece in UTF-8, made by the same code as `write_events` (the JSON
Lines encoder, `flat_row` and `tabular.row_line`, `text.event_line`); the cache
keeps them (`cache.records`), and `write_records` writes the pieces of the
events asked for with what the format puts around them: the JSON array's
brackets and separators as `write_events` writes them, the CSV or TSV header.
The bytes are those `write_events` writes to a UTF-8 stream, so a caller uses
them only where stdout would encode its text as strict UTF-8 (an ASCII locale
escapes what it cannot encode, which these bytes do not).

One kind of record may serve several formats (`record_kind`): a JSON array's
element is the event's JSON Lines line without its newline.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import BinaryIO, Protocol

from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.output import tabular
from timeline_tui.output.jsonlines import SLICE, encoded_lines
from timeline_tui.output.records import FLAT_COLUMNS, flat_row
from timeline_tui.output.text import event_line

RECORD_KINDS = ("jsonl", "text", "csv", "csv-raw", "tsv", "tsv-raw")
"""What `event_records` makes; `-raw`: formulas left as they are (`--raw-csv`)."""

_LARGE_PIECE = 1 << 16
"""Bytes from which a piece is written on its own rather than joined to the next."""
_PIECES_PER_WRITE = 4_096


class StoredRecords(Protocol):
    """Records by event position, as `cache.records.Records` gives them."""

    def __len__(self) -> int: ...

    def span(self, start: int, stop: int) -> bytes | memoryview:
        """The records of positions `start` to `stop - 1`, one after the other."""
        ...


def record_kind(format_name: str, *, raw: bool = False) -> str | None:
    """The kind of records `format_name` (`text` meaning its lines on a pipe, not the
    terminal's table) is written from; None for a format written whole (Markdown,
    TimelineJS)."""
    if format_name in ("json", "jsonl"):
        return "jsonl"
    if format_name in tabular.TABULAR_FORMATS:
        return f"{format_name}-raw" if raw else format_name
    if format_name == "text":
        return "text"
    return None


def event_records(
    catalogue: Catalogue, events: Iterable[Event], kind: str
) -> Iterator[list[bytes]]:
    """Per slice of events, each event's bytes of the kind `kind` (one of `RECORD_KINDS`).

    Raises:
        UnicodeEncodeError: for text UTF-8 cannot hold (a lone surrogate), which a
            UTF-8 stdout would refuse as well.
    """
    if kind == "jsonl":
        for lines in encoded_lines(catalogue, events):
            # a line's only newline is its last byte (`encoded_lines`)
            yield [line + b"\n" for line in lines.split(b"\n")[:-1]]
        return
    pending = iter(events)
    if kind == "text":
        while batch := list(islice(pending, SLICE)):
            yield [event_line(event).encode() for event in batch]
        return
    format_name, _, raw = kind.partition("-")
    if format_name not in tabular.TABULAR_FORMATS or raw not in ("", "raw"):
        raise ValueError(f"no records of the kind {kind!r}")
    line = tabular.row_line(format_name, raw=bool(raw))
    while batch := list(islice(pending, SLICE)):
        yield [line(flat_row(catalogue, event)).encode() for event in batch]


def write_records(
    records: StoredRecords, positions: Sequence[int], format_name: str, out: BinaryIO
) -> None:
    """Write the events at `positions`, in that order, as `write_events` writes them in
    `format_name` to a UTF-8 stream, from `records` of `record_kind(format_name, ...)`.

    Neighbouring positions are written as one piece, so the whole catalogue in
    date order is one write of the stored bytes.
    """
    if format_name in tabular.TABULAR_FORMATS:
        header = io.StringIO()
        tabular.write_table(FLAT_COLUMNS, (), format_name, header)  # its header, nothing else
        _write_all(header.getvalue().encode(), out)
    if format_name != "json":
        _write_pieces((records.span(*run) for run in _runs(positions)), out)
        return
    if not positions:
        _write_all(b"[]\n", out)
        return
    _write_all(b"[\n  ", out)
    # as `output._json`: the lines' newlines become the array's separators
    pieces = (bytes(records.span(*run))[:-1].replace(b"\n", b",\n  ") for run in _runs(positions))
    _write_pieces(_between(pieces, b",\n  "), out)
    _write_all(b"\n]\n", out)


def _runs(positions: Iterable[int]) -> Iterator[tuple[int, int]]:
    """`(start, stop)` of each run of consecutive positions, in their order."""
    start = stop = -1
    for position in positions:
        if position != stop:
            if start >= 0:
                yield start, stop
            start = position
        stop = position + 1
    if start >= 0:
        yield start, stop


def _between(pieces: Iterable[bytes], separator: bytes) -> Iterator[bytes]:
    first = True
    for piece in pieces:
        if not first:
            yield separator
        first = False
        yield piece


def _write_pieces(pieces: Iterable[bytes | memoryview], out: BinaryIO) -> None:
    """Small pieces joined into fewer writes; a large one written as it is."""
    pending: list[bytes | memoryview] = []
    for piece in pieces:
        if len(piece) >= _LARGE_PIECE:
            if pending:
                _write_all(b"".join(pending), out)
                pending.clear()
            _write_all(piece, out)
        else:
            pending.append(piece)
            if len(pending) >= _PIECES_PER_WRITE:
                _write_all(b"".join(pending), out)
                pending.clear()
    if pending:
        _write_all(b"".join(pending), out)


def _write_all(data: bytes | memoryview, out: BinaryIO) -> None:
    """All of `data`: a buffered writer given more than its buffer can return having
    written less (when a pipe's reader goes away mid-write); writing the rest then
    raises, as the text layer's writes would have."""
    view = memoryview(data)
    while view:
        view = view[out.write(view) :]
