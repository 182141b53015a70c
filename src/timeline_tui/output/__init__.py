"""Event lists as text for people and as data for programs.

Every format name is here, and every writer writes to one stream. Text formats
pass catalogue strings through `printable`, so nothing in a catalogue can act on
a terminal; data formats (JSON, CSV) keep them exactly, except that CSV and TSV
cells that a spreadsheet would run as formulas are neutralised (see `tabular`).

Modules: `records` (events as plain data), `tabular` (CSV and TSV), `text`
(lines, the terminal's table, one event in full), `documents` (Markdown,
TimelineJS).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, Any

from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.output import tabular, text
from timeline_tui.output.jsonlines import event_lines
from timeline_tui.output.records import (
    FLAT_COLUMNS,
    ITEM_SEPARATOR,
    detailed_event_record,
    dumps,
    event_record,
    flat_row,
    source_row,
)

__all__ = [
    "FLAT_COLUMNS",
    "ITEM_SEPARATOR",
    "LIST_FORMATS",
    "SHOW_FORMATS",
    "VOCABULARY_FORMATS",
    "event_record",
    "flat_row",
    "markdown_escape",
    "source_row",
    "timelinejs_document",
    "write_event_detail",
    "write_events",
    "write_vocabulary",
]

LIST_FORMATS = ("text", "json", "jsonl", "csv", "tsv", "markdown", "timelinejs")
SHOW_FORMATS = ("text", "json")
VOCABULARY_FORMATS = ("text", "json", "jsonl", "csv", "tsv")


def write_events(
    catalogue: Catalogue,
    events: Iterable[Event],
    format_name: str,
    out: IO[str],
    *,
    terminal: bool = False,
    caption: str | None = None,
    raw: bool = False,
) -> None:
    """Write events in one of `LIST_FORMATS`.

    Args:
        catalogue: Where the events' actors, themes and sources are named.
        events: In the order to write them.
        format_name: One of `LIST_FORMATS`.
        out: Where to write.
        terminal: `text` becomes a table for a person.
        caption: The line above that table (the filters in words).
        raw: CSV and TSV cells that look like formulas stay as they are.
    """
    if format_name == "text" and terminal:
        text.write_table(catalogue, events, out, caption)
    elif format_name in tabular.TABULAR_FORMATS:
        rows = (flat_row(catalogue, event) for event in events)
        tabular.write_table(FLAT_COLUMNS, rows, format_name, out, raw=raw)
    else:
        _WRITERS[format_name](catalogue, events, out)


def _json(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    # streamed a slice at a time, so a long list starts at once and stays small
    separator = "[\n  "
    for lines in event_lines(catalogue, events):
        out.write(separator)
        out.write(lines[:-1].replace("\n", ",\n  "))
        separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")


def _jsonl(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    for lines in event_lines(catalogue, events):
        out.write(lines)


def _markdown(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    from timeline_tui.output.documents import write_markdown

    write_markdown(catalogue, events, out)


def _timelinejs(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    from timeline_tui.output.documents import write_timelinejs

    write_timelinejs(catalogue, events, out)


_WRITERS: dict[str, Callable[[Catalogue, Iterable[Event], IO[str]], None]] = {
    "text": text.write_lines,
    "json": _json,
    "jsonl": _jsonl,
    "markdown": _markdown,
    "timelinejs": _timelinejs,
}

_DOCUMENT_NAMES = ("markdown_escape", "timelinejs_document")


def __getattr__(name: str) -> Any:
    # the documents (and `html`, `json`) are imported only by what writes them
    if name in _DOCUMENT_NAMES:
        from timeline_tui.output import documents

        return getattr(documents, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def write_event_detail(catalogue: Catalogue, event: Event, format_name: str, out: IO[str]) -> None:
    """One event in full (`SHOW_FORMATS`): every quote with its source's publisher, title, date."""
    if format_name == "json":
        out.write(dumps(detailed_event_record(catalogue, event), indent=2) + "\n")
    else:
        text.write_detail(catalogue, event, out)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    return str(value)


def write_vocabulary(
    rows: list[dict[str, Any]], format_name: str, out: IO[str], *, raw: bool = False
) -> None:
    """Actors, themes or sources with their event counts; rows share their keys.

    A missing value (None) is `null` in JSON and an empty cell in CSV and TSV.
    """
    if format_name == "json":
        out.write(dumps(rows, indent=2) + "\n")
    elif format_name == "jsonl":
        for row in rows:
            out.write(dumps(row) + "\n")
    elif format_name in tabular.TABULAR_FORMATS:
        columns = list(rows[0]) if rows else ["id", "name", "events"]
        cells = ([_cell(value) for value in row.values()] for row in rows)
        tabular.write_table(columns, cells, format_name, out, raw=raw)
    else:
        text.write_vocabulary_text(rows, out)
