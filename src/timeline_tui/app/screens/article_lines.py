"""The article screen's two lines about its text: the legend of the marks, and what
the cursor is on (a quote's event, a date mention's reading, else the keys)."""

from __future__ import annotations

from textual.content import Content
from textual.style import Style

from timeline_tui.app import key_help
from timeline_tui.app.article_marks import Kind, MentionMark, SourceMentions
from timeline_tui.app.widgets.article_text import ArticleText
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.sources.coverage import Status
from timeline_tui.text.printable import printable

_KEYS_HINT = key_help.hint(
    ("article.next_quote", "next quote"),
    ("article.go_to_event", "goes to its event"),
    ("article.next_open", "next open date mention"),
)


def legend_content(area: ArticleText, found: SourceMentions | None) -> Content:
    """Each kind of mark in its own colours, with how many there are.

    Args:
        area: The article's text, whose marks and colours the legend shows.
        found: The article's date mentions; None while they are being found.
    """
    marks = area.marks

    def sample(text: str, kind: Kind) -> tuple[str, Style]:
        return text, Style.from_rich_style(area.mark_style(kind))

    own = sum(1 for q in marks.quotes if q.current)
    parts: list[str | tuple[str, str | Style]] = [
        sample(f"this event's quote{'s' if own != 1 else ''}", Kind.CURRENT),
        "  ",
        sample(f"other events' quotes: {len(marks.quotes) - own}", Kind.QUOTE),
        "  ",
    ]
    if found is None:
        parts.append(("finding the date mentions…", "$text-muted"))
    elif found.problem is not None:
        problem = printable(found.problem)
        parts.append((f"date mentions not found: {problem}", "$text-error"))
    else:
        parts += [
            sample(f"open date mentions: {found.count(Status.OPEN)}", Kind.OPEN),
            "  ",
            sample(f"excluded: {found.count(Status.EXCLUDED)}", Kind.EXCLUDED),
        ]
    return Content.assemble(*parts)


def where_content(area: ArticleText, catalogue: Catalogue, quote_index: int | None) -> Content:
    """What the cursor is on: the quote `quote_index` (selected or under the cursor),
    else a date mention under the cursor, else the keys that move between them."""
    marks = area.marks
    if quote_index is not None:
        quote = marks.quotes[quote_index]
        event = catalogue.events[quote.event]
        whose = "this event's quote" if quote.current else "enter goes to this event"
        return Content.assemble(
            (f"Catalogue quote {quote_index + 1} of {len(marks.quotes)} here", "bold"),
            "  ",
            (event.date.display(), "$text-secondary"),
            "  ",
            printable(event.title),
            "  ",
            (whose, "$text-muted"),
        )
    mention = marks.mention_at(area.cursor_location)
    if mention is not None:
        return _mention_content(mention)
    return Content.assemble((_KEYS_HINT, "$text-muted"))


def _mention_content(mark: MentionMark) -> Content:
    """What a date mention stands for and what the catalogue makes of it."""
    mention = mark.mention
    date = f"{mention.resolved} ({mention.precision})" if mention.resolved else "undated"
    parts: list[str | tuple[str, str]] = [
        (f"“{printable(mention.text)}”", "bold"),
        " → ",
        (printable(date), "$text-secondary"),
        "  ",
    ]
    if mention.status is Status.OPEN:
        why = "open: no event quotes its sentence and no exclusion sets it aside"
        parts.append((why, "$text-warning"))
    elif mention.status is Status.EXCLUDED:
        parts.append((f"excluded: {printable(mention.coverage.reason or '')}", "$text-muted"))
    else:
        parts.append((f"covered by {printable(mention.coverage.event or '')}", "$text-muted"))
    return Content.assemble(*parts)
