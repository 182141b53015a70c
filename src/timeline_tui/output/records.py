"""Events and sources as plain data: what the JSON, CSV and TSV formats are made from.

Paths are given as the catalogue writes them (a source's `file`, relative to the
catalogue's folder), in every format. Figures that are not finite numbers
(`.nan`, `.inf` in YAML) become strings, so JSON stays JSON.
"""

from __future__ import annotations

import math
from typing import Any

from timeline_tui.catalogue.model import Catalogue, Event, Source

ITEM_SEPARATOR = "\n"
"""Between the quotes (and disputes, and notes) of one event in a CSV or TSV cell.

Each item has its white space folded to single spaces first, so a line break
cannot occur inside one; `check` folds white space the same way when it finds a
quote in its article, so the folded quote is still the article's words."""

NAME_SEPARATOR = "; "
"""Between the names of a CSV or TSV cell's actors, themes, places, figures and sources."""


def finite(value: float | int | str) -> float | int | str:
    """A figure's value as JSON can carry it: NaN and the infinities as strings."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # 'nan', 'inf', '-inf'
    return value


def dumps(data: Any, *, indent: int | None = None) -> str:
    """Strict JSON: `allow_nan=False` refuses what `finite` should have converted."""
    import json  # here: the lists of events are encoded by `jsonlines`, without it

    return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)


def event_record(catalogue: Catalogue, event: Event) -> dict[str, Any]:
    """An event as plain data: what `json` and `jsonl` write for it."""
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
        "figures": [
            {"label": f.label, "value": finite(f.value), "unit": f.unit} for f in event.figures
        ],
        "sources": [
            {
                "source": c.source,
                "file": catalogue.sources[c.source].file,
                "quote": c.quote,
            }
            for c in event.citations
        ],
        "disputes": [{"about": d.about, "note": d.note} for d in event.disputes],
        "notes": list(event.notes),
    }


def detailed_event_record(catalogue: Catalogue, event: Event) -> dict[str, Any]:
    """`event_record` with each cited source's publisher, title, author and date."""
    record = event_record(catalogue, event)
    for cited in record["sources"]:
        source = catalogue.sources[cited["source"]]
        cited.update(
            publisher=source.publisher,
            title=source.title,
            author=source.author,
            published=source.published.iso() if source.published else None,
        )
    return record


FLAT_COLUMNS = (
    "id", "date", "precision", "end", "display_date", "date_text", "title", "summary",
    "actors", "themes", "places", "figures", "sources", "quotes", "disputes", "notes",
)  # fmt: skip


def _items(texts: list[str]) -> str:
    return ITEM_SEPARATOR.join(" ".join(text.split()) for text in texts)


def flat_row(catalogue: Catalogue, event: Event) -> list[str]:
    """An event as one CSV or TSV row, in the order of `FLAT_COLUMNS`."""
    return [
        event.id,
        event.date.start.iso(),
        event.date.precision.label,
        event.date.end.iso() if event.date.end else "",
        event.date.display(),
        event.date_text or "",
        event.title,
        event.summary,
        NAME_SEPARATOR.join(catalogue.actors[a].name for a in event.actors),
        NAME_SEPARATOR.join(catalogue.themes[t].name for t in event.themes),
        NAME_SEPARATOR.join(event.places),
        NAME_SEPARATOR.join(f.display() for f in event.figures),
        NAME_SEPARATOR.join(event.source_ids),
        _items([c.quote for c in event.citations]),
        _items([f"{d.about}: {d.note}" for d in event.disputes]),
        _items(list(event.notes)),
    ]


def source_row(source: Source, events: int) -> dict[str, Any]:
    """A source for `timeline sources`: its file as the catalogue writes it."""
    return {
        "id": source.id,
        "publisher": source.publisher,
        "title": source.title,
        "date": source.published.iso() if source.published else None,
        "file": source.file,
        "events": events,
    }
