"""Events, one event and vocabularies as text for people.

Every catalogue string, ids included, passes through `printable`, so nothing
in a catalogue can act on the terminal.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import IO, Any

from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.text.printable import printable


def write_lines(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    """One tab-separated line per event: date, id, title."""
    for event in events:
        out.write(event_line(event))


def event_line(event: Event) -> str:
    """`write_lines`'s line for one event, newline included."""
    return f"{event.date.iso()}\t{printable(event.id)}\t{printable(event.title)}\n"


NARROWEST_TABLE = 40
"""Columns below which the table would squeeze its cells to nothing: plain lines instead."""
NARROWEST_WITH_FACETS = 72
"""Columns below which the table leaves out actors and themes, keeping date, title and id.

Above it, each column is as wide as its content, actors and themes within what
the titles leave (`_facet_widths`), ids within a quarter of the terminal."""


def write_table(
    catalogue: Catalogue, events: Iterable[Event], out: IO[str], caption: str | None
) -> None:
    """A table for a person at a terminal, under a line stating the filters: date,
    title, actors, themes and the event's id (for `timeline show ID`); actors and
    themes only where the terminal has room for them.

    On a terminal too narrow for a table, the caption and plain lines, which the
    terminal wraps, so that nothing is lost.
    """
    # Rich costs an import; only a person at a terminal gets the table.
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console(file=out, highlight=False, markup=False, emoji=False)
    if console.width < NARROWEST_TABLE:
        if caption:
            out.write(printable(caption) + "\n")
        write_lines(catalogue, events, out)
        return
    width = console.width
    facets = width >= NARROWEST_WITH_FACETS
    rows = [_row(catalogue, event, facets) for event in events]
    table = Table(box=None, pad_edge=False, header_style="bold")
    table.add_column("Date", no_wrap=True, style="cyan")
    table.add_column("Event", min_width=12)
    if facets:
        actors, themes = _facet_widths(rows, width)
        table.add_column("Actors", max_width=actors, style="dim")
        table.add_column("Themes", max_width=themes, style="dim")
    # folded, never cut short: an id is copied into `timeline show ID`
    table.add_column("Id", max_width=max(12, width // 4), overflow="fold", style="dim")
    for row in rows:
        table.add_row(*map(Text, row))
    if caption:
        console.print(Text(printable(caption), style="bold"))
    console.print(table)


def _row(catalogue: Catalogue, event: Event, facets: bool) -> tuple[str, ...]:
    """Date, title, (actors, themes,) id: printable."""
    date, title, ident = event.date.display(), printable(event.title), printable(event.id)
    if not facets:
        return date, title, ident
    actors = printable(", ".join(catalogue.actors[a].name for a in event.actors))
    themes = printable(", ".join(catalogue.themes[t].name for t in event.themes))
    return date, title, actors, themes, ident


def _facet_widths(rows: list[tuple[str, ...]], width: int) -> tuple[int, int]:
    """The widest the actors and themes columns may be: what the dates, titles and ids
    leave of the terminal, so that titles wrap only when there is no room; never
    narrower than 12 and 10, nor wider than a sixth and an eighth of the terminal."""
    from rich.cells import cell_len

    def widest(column: int, limit: int = width) -> int:
        return min(max((cell_len(row[column]) for row in rows), default=0), limit)

    gaps = 2 * 4
    left = width - gaps - widest(0) - widest(1) - widest(4, max(12, width // 4))
    actors = max(12, min(width // 6, left * 3 // 5))
    themes = max(10, min(width // 8, left - actors))
    return actors, themes


def write_detail(catalogue: Catalogue, event: Event, out: IO[str]) -> None:
    """One event in full: every quote with its source's publisher, title, date and file."""
    lines = [
        printable(event.title),
        f"{event.date.long_display()}"
        + (f"  (the source says: {printable(event.date_text)})" if event.date_text else ""),
        f"Id: {printable(event.id)}",
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
    lines.extend(f"Note: {printable(note)}" for note in event.notes)
    for citation in event.citations:
        source = catalogue.sources[citation.source]
        published = source.published.long_display() if source.published else "undated"
        lines += [
            "",
            f"[{printable(source.id)}] {printable(_named(source.publisher, source.title))} "
            f"({published}) — {printable(source.file)}",
            f"  “{printable(citation.quote)}”",
        ]
    out.write("\n".join(lines) + "\n")


def _label(row: dict[str, Any]) -> str:
    if "name" in row:
        return str(row["name"])
    named = _named(row["publisher"], row["title"])
    if not row.get("date"):
        return named
    return f"{named} ({row['date']})" if named else str(row["date"])


def _named(publisher: str, title: str) -> str:
    """`Publisher: Title`, or whichever of the two a source has (a plain-text article
    added with `timeline add-source` has no publisher)."""
    return ": ".join(part for part in (publisher, title) if part)


def write_vocabulary_text(rows: list[dict[str, Any]], out: IO[str]) -> None:
    """`count  id  name` per row; sources show publisher, title and date as the name."""
    width = max((len(printable(str(row["id"]))) for row in rows), default=0)
    for row in rows:
        out.write(
            f"{row['events']:>6}  {printable(str(row['id'])):<{width}}  {printable(_label(row))}\n"
        )
