"""Events as documents for other programs to render: Markdown and TimelineJS.

Markdown escapes every character that Markdown (CommonMark, GitHub's tables and
strikethrough) reads as markup, `<` and `&` among them; TimelineJS inserts its
text fields with `innerHTML`, so every string there is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import IO, Any

from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.output.records import dumps
from timeline_tui.text.printable import printable

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|&~])")


def markdown_escape(text: str) -> str:
    """One line of printable text with every Markdown special character escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(printable(text).split()))


def write_markdown(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    title = catalogue.title or "Chronology"
    out.write(f"# {markdown_escape(title)}\n")
    footnotes: list[str] = []
    year = None
    for event in events:
        if event.date.start.year != year:
            year = event.date.start.year
            out.write(f"\n## {year}\n\n")
        marks = []
        for citation in event.citations:
            footnotes.append(_footnote(catalogue, citation.source, citation.quote))
            marks.append(f"[^{len(footnotes)}]")
        out.write(
            f"- **{markdown_escape(event.date.display())}** — {markdown_escape(event.title)}. "
            f"{markdown_escape(event.summary)}{''.join(marks)}\n"
        )
        for dispute in event.disputes:
            out.write(
                f"  - *Sources differ ({markdown_escape(dispute.about)}):* "
                f"{markdown_escape(dispute.note)}\n"
            )
        for note in event.notes:
            out.write(f"  - *Note:* {markdown_escape(note)}\n")
    if footnotes:
        out.write("\n")
        for number, footnote in enumerate(footnotes, start=1):
            out.write(f"[^{number}]: {footnote}\n")


def _footnote(catalogue: Catalogue, source_id: str, quote: str) -> str:
    source = catalogue.sources[source_id]
    # an article saved without a publisher or title leaves it out, not an empty place
    names = [markdown_escape(source.publisher)] if source.publisher.strip() else []
    if source.title.strip():
        names.append(f"*{markdown_escape(source.title)}*")
    by = f" — {', '.join(names)}" if names else ""
    published = f", {source.published.long_display()}" if source.published else ""
    return f"“{markdown_escape(quote)}”{by}{published}."


def _date_parts(date: Any) -> dict[str, Any]:
    parts: dict[str, Any] = {"year": date.year}
    if date.month is not None:
        parts["month"] = date.month
    if date.day is not None:
        parts["day"] = date.day
    return parts


def timelinejs_document(catalogue: Catalogue, events: Iterable[Event]) -> dict[str, Any]:
    """The JSON that TimelineJS3 loads, every string in it escaped for HTML."""
    escape = html.escape
    slides = []
    for event in events:
        quotes = "".join(
            f"<blockquote>{escape(c.quote)}<br>— "
            f"{escape(catalogue.sources[c.source].publisher)}</blockquote>"
            for c in event.citations
        )
        slide: dict[str, Any] = {
            "unique_id": escape(event.id),
            "start_date": _date_parts(event.date.start),
            "display_date": escape(event.date.long_display()),
            "text": {
                "headline": escape(event.title),
                "text": f"<p>{escape(event.summary)}</p>{quotes}",
            },
        }
        if event.date.end is not None:
            slide["end_date"] = _date_parts(event.date.end)
        if event.themes:
            slide["group"] = escape(catalogue.themes[event.themes[0]].name)
        slides.append(slide)
    document: dict[str, Any] = {"events": slides}
    if catalogue.title:
        document["title"] = {"text": {"headline": escape(catalogue.title), "text": ""}}
    return document


def write_timelinejs(catalogue: Catalogue, events: Iterable[Event], out: IO[str]) -> None:
    out.write(dumps(timelinejs_document(catalogue, events), indent=2) + "\n")
