"""Event lists as text for people and as data for programs.

Text formats pass catalogue strings through `printable`, so nothing in a
catalogue can act on a terminal; data formats (JSON, CSV) keep them exactly.
"""

from __future__ import annotations

import csv
import html
import json
import re
from collections.abc import Callable, Iterable
from typing import IO, Any

from timeline_tui.model import Catalogue, Event
from timeline_tui.textsafe import printable

LIST_FORMATS = ("text", "json", "jsonl", "csv", "tsv", "markdown", "timelinejs")
SHOW_FORMATS = ("text", "json")
VOCABULARY_FORMATS = ("text", "json", "jsonl", "csv", "tsv")


def event_record(catalogue: Catalogue, event: Event) -> dict[str, Any]:
    """An event as plain data: what `json`, `jsonl` and the flat formats are made from."""
    return {
        "id": event.id,
        "date": event.date.start.iso(),
        "precision": event.date.precision.label,
        "end": event.date.end.iso() if event.date.end else None,
        "display_date": event.date.display(),
        "date_text": event.date_text,
        "title": event.title,
        "summary": event.summary,
        "actors": [catalogue.actors[a].name for a in event.actors],
        "actor_ids": list(event.actors),
        "themes": [catalogue.themes[t].name for t in event.themes],
        "theme_ids": list(event.themes),
        "places": list(event.places),
        "figures": [{"label": f.label, "value": f.value, "unit": f.unit} for f in event.figures],
        "sources": [
            {
                "source": c.source,
                "file": catalogue.sources[c.source].path.name,
                "quote": c.quote,
            }
            for c in event.citations
        ],
        "disputes": [{"about": d.about, "note": d.note} for d in event.disputes],
    }


def write_events(
    catalogue: Catalogue,
    events: Iterable[Event],
    format_name: str,
    out: IO[str],
    *,
    terminal: bool = False,
) -> None:
    """Write events in one of `LIST_FORMATS`; `terminal` picks a table for `text`."""
    if format_name == "text" and terminal:
        _events_table(catalogue, events, out)
        return
    _WRITERS[format_name](catalogue, events, out)


def _text(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    for event in events:
        out.write(f"{event.date.iso()}\t{event.id}\t{printable(event.title)}\n")


def _json(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    # streamed one event at a time, so a long list starts at once and stays small
    separator = "[\n  "
    for event in events:
        out.write(separator)
        out.write(json.dumps(event_record(catalogue, event), ensure_ascii=False))
        separator = ",\n  "
    out.write("[]\n" if separator.startswith("[") else "\n]\n")


def _jsonl(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    for event in events:
        out.write(json.dumps(event_record(catalogue, event), ensure_ascii=False) + "\n")


FLAT_COLUMNS = (
    "id", "date", "precision", "end", "title", "summary", "actors", "themes", "places",
    "figures", "sources", "quotes", "disputes",
)  # fmt: skip


def flat_row(catalogue: Catalogue, event: Event) -> list[str]:
    record = event_record(catalogue, event)
    return [
        event.id,
        record["date"],
        record["precision"],
        record["end"] or "",
        event.title,
        event.summary,
        "; ".join(record["actors"]),
        "; ".join(record["themes"]),
        "; ".join(event.places),
        "; ".join(f.display() for f in event.figures),
        "; ".join(c.source for c in event.citations),
        "; ".join(c.quote for c in event.citations),
        "; ".join(d.note for d in event.disputes),
    ]


def _csv(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FLAT_COLUMNS)
    for event in events:
        writer.writerow(flat_row(catalogue, event))


def _tsv(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    # TSV has no quoting: a tab or line break inside a field would split it
    out.write("\t".join(FLAT_COLUMNS) + "\n")
    for event in events:
        out.write("\t".join(" ".join(value.split()) for value in flat_row(catalogue, event)))
        out.write("\n")


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def markdown_escape(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(printable(text).split()))


def _markdown(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    title = catalogue.title or "Chronology"
    out.write(f"# {markdown_escape(title)}\n")
    notes: list[str] = []
    year = None
    for event in events:
        if event.date.start.year != year:
            year = event.date.start.year
            out.write(f"\n## {year}\n\n")
        marks = []
        for citation in event.citations:
            notes.append(_footnote(catalogue, citation.source, citation.quote))
            marks.append(f"[^{len(notes)}]")
        out.write(
            f"- **{event.date.display()}** — {markdown_escape(event.title)}. "
            f"{markdown_escape(event.summary)}{''.join(marks)}\n"
        )
        for dispute in event.disputes:
            out.write(
                f"  - *Sources differ ({markdown_escape(dispute.about)}):* "
                f"{markdown_escape(dispute.note)}\n"
            )
    if notes:
        out.write("\n")
        for number, note in enumerate(notes, start=1):
            out.write(f"[^{number}]: {note}\n")


def _footnote(catalogue: Catalogue, source_id: str, quote: str) -> str:
    source = catalogue.sources[source_id]
    published = f", {source.published.long_display()}" if source.published else ""
    return (
        f"“{markdown_escape(quote)}” — {markdown_escape(source.publisher)}, "
        f"*{markdown_escape(source.title)}*{published}."
    )


def timelinejs_document(catalogue: Catalogue, events: Iterable[Event]) -> dict[str, Any]:
    """The JSON that TimelineJS3 loads; its text fields are HTML, so everything is escaped."""

    def date_parts(date: Any) -> dict[str, Any]:
        parts: dict[str, Any] = {"year": date.year}
        if date.month is not None:
            parts["month"] = date.month
        if date.day is not None:
            parts["day"] = date.day
        return parts

    slides = []
    for event in events:
        quotes = "".join(
            f"<blockquote>{html.escape(c.quote)}<br>— "
            f"{html.escape(catalogue.sources[c.source].publisher)}</blockquote>"
            for c in event.citations
        )
        slide: dict[str, Any] = {
            "unique_id": event.id,
            "start_date": date_parts(event.date.start),
            "display_date": event.date.long_display(),
            "text": {
                "headline": html.escape(event.title),
                "text": f"<p>{html.escape(event.summary)}</p>{quotes}",
            },
        }
        if event.date.end is not None:
            slide["end_date"] = date_parts(event.date.end)
        if event.themes:
            slide["group"] = catalogue.themes[event.themes[0]].name
        slides.append(slide)
    document: dict[str, Any] = {"events": slides}
    if catalogue.title:
        document["title"] = {"text": {"headline": html.escape(catalogue.title), "text": ""}}
    return document


def _timelinejs(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    json.dump(timelinejs_document(catalogue, events), out, ensure_ascii=False, indent=2)
    out.write("\n")


def _events_table(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    # Rich costs an import; only a person at a terminal gets the table.
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Date", no_wrap=True, style="cyan")
    table.add_column("Event", ratio=3)
    table.add_column("Actors", ratio=2, style="dim")
    table.add_column("Themes", ratio=1, style="dim")
    for event in events:
        table.add_row(
            Text(event.date.display()),
            Text(printable(event.title)),
            Text(printable(", ".join(catalogue.actors[a].name for a in event.actors))),
            Text(printable(", ".join(catalogue.themes[t].name for t in event.themes))),
        )
    Console(file=out, highlight=False, markup=False, emoji=False).print(table)


_WRITERS: dict[str, Callable[[Catalogue, Iterable[Event], IO[str]], None]] = {
    "text": _text,
    "json": _json,
    "jsonl": _jsonl,
    "csv": _csv,
    "tsv": _tsv,
    "markdown": _markdown,
    "timelinejs": _timelinejs,
}


def write_event_detail(catalogue: Catalogue, event: Event, format_name: str, out: IO[str]) -> None:
    """One event in full: every quote with its source's publisher, title and date."""
    if format_name == "json":
        record = event_record(catalogue, event)
        for cited in record["sources"]:
            source = catalogue.sources[cited["source"]]
            cited.update(
                publisher=source.publisher,
                title=source.title,
                author=source.author,
                published=source.published.iso() if source.published else None,
            )
        out.write(json.dumps(record, ensure_ascii=False, indent=2) + "\n")
        return
    lines = [
        printable(event.title),
        f"{event.date.long_display()}"
        + (f"  (the source says: {printable(event.date_text)!s})" if event.date_text else ""),
        "",
        printable(event.summary),
        "",
        "Actors: " + printable(", ".join(catalogue.actors[a].name for a in event.actors)),
        "Themes: " + printable(", ".join(catalogue.themes[t].name for t in event.themes)),
    ]
    if event.places:
        lines.append("Places: " + printable(", ".join(event.places)))
    lines.extend("Figure: " + printable(figure.display()) for figure in event.figures)
    for dispute in event.disputes:
        lines.append(f"Sources differ ({printable(dispute.about)}): {printable(dispute.note)}")
    for citation in event.citations:
        source = catalogue.sources[citation.source]
        published = source.published.long_display() if source.published else "undated"
        lines += [
            "",
            f"[{printable(source.id)}] {printable(source.publisher)}: "
            f"{printable(source.title)} ({published}) — {printable(source.file)}",
            f"  “{printable(citation.quote)}”",
        ]
    out.write("\n".join(lines) + "\n")


def write_vocabulary(rows: list[dict[str, Any]], format_name: str, out: IO[str]) -> None:
    """Actors or themes with their event counts; rows share their keys."""
    if format_name == "json":
        out.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    elif format_name == "jsonl":
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif format_name in ("csv", "tsv"):
        columns = list(rows[0]) if rows else ["id", "name", "events"]
        flat = [
            ["; ".join(v) if isinstance(v, list) else str(v) for v in row.values()] for row in rows
        ]
        if format_name == "csv":
            writer = csv.writer(out, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(flat)
        else:
            out.write("\t".join(columns) + "\n")
            for values in flat:
                out.write("\t".join(" ".join(v.split()) for v in values) + "\n")
    else:
        width = max((len(printable(str(row["id"]))) for row in rows), default=0)
        for row in rows:
            out.write(
                f"{row['events']:>6}  {printable(str(row['id'])):<{width}}  "
                f"{printable(str(row['name']))}\n"
            )
