"""A source's quote inside its article, or plainly why it cannot be shown. No Textual.

Everything returned here has been through `printable`, so it can go on screen or
on the clipboard as it is (as plain text, never as markup).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from timeline_tui.catalogue.files import Unreadable, unreadable_sentence
from timeline_tui.catalogue.model import Source
from timeline_tui.sources.check import read_article
from timeline_tui.sources.provenance import Article, Span
from timeline_tui.text.printable import printable

if TYPE_CHECKING:  # the article screen's marks, imported only when it opens
    from timeline_tui.app.article_marks import SourceMentions


@dataclass(frozen=True, slots=True)
class QuoteInContext:
    """The paragraph holding a quote, split around it."""

    before: str
    quote: str
    after: str
    problem: str | None = None
    """Why the article or the quote in it cannot be shown; then `quote` is the catalogue's."""


class ArticleCache:
    """Articles read on demand; the most recently shown are kept, so moving about rereads none.

    It also keeps each source's date mentions once found: finding them takes a
    worker thread, and the catalogue does not change while the app runs.
    """

    def __init__(self, maxsize: int = 32) -> None:
        self._maxsize = maxsize
        self._articles: OrderedDict[str, Article | str] = OrderedDict()
        self._mentions: dict[str, SourceMentions] = {}

    def mentions(self, source_id: str) -> SourceMentions | None:
        """The source's date mentions, if they have been found."""
        return self._mentions.get(source_id)

    def keep_mentions(self, source_id: str, found: SourceMentions) -> None:
        # called from the worker thread: one dict assignment is atomic, so no lock
        self._mentions[source_id] = found

    def read(self, source: Source) -> Article | str:
        """The source's article, or a sentence saying why it cannot be read."""
        key = str(source.path)
        found = self._articles.get(key)
        if found is None:
            found = _read(source)
            self._articles[key] = found
            if len(self._articles) > self._maxsize:
                self._articles.popitem(last=False)
        else:
            self._articles.move_to_end(key)
        return found


def _read(source: Source) -> Article | str:
    try:
        return read_article(source)
    except Unreadable as error:
        subject = f"The article file {printable(source.file)}"
        return printable(unreadable_sentence(subject, error, missing="is missing")) + "."


def quote_in_context(articles: ArticleCache, source: Source, quote: str) -> QuoteInContext:
    """The quote highlighted within its paragraph of the source's article."""
    article = articles.read(source)
    if isinstance(article, str):
        return QuoteInContext("", printable(quote), "", article)
    span = article.find(quote)
    if span is None:
        return QuoteInContext(
            "",
            printable(quote),
            "",
            f"This quote is not in {printable(source.file)} (`timeline check` says more).",
        )
    paragraph = article.paragraph_around(span)
    text = article.text
    return QuoteInContext(
        printable(text[paragraph.start : span.start].lstrip()),
        printable(text[span.start : span.end]),
        printable(text[span.end : paragraph.end].rstrip()),
    )


@dataclass(frozen=True, slots=True)
class ArticleView:
    """An article's whole text made printable, with where the quote lies in it."""

    text: str
    start: tuple[int, int]
    """(row, column) of the quote's first character; (0, 0) when it was not found."""
    end: tuple[int, int]


def article_view(article: Article, span: Span | None) -> ArticleView:
    """The article as it goes on screen, the quote's place mapped to rows and columns.

    `printable` turns one character into several (`\\x1b`), so the place is
    measured on the printable text of what comes before it.
    """
    text = article.text
    if span is None:
        shown = printable(text, multiline=True)
        return ArticleView(shown, (0, 0), (0, 0))
    before = printable(text[: span.start], multiline=True)
    quote = printable(text[span.start : span.end], multiline=True)
    after = printable(text[span.end :], multiline=True)
    return ArticleView(before + quote + after, _location(before), _location(before + quote))


def _location(prefix: str) -> tuple[int, int]:
    row = prefix.count("\n")
    return row, len(prefix) - (prefix.rfind("\n") + 1)


def source_heading(source: Source) -> str:
    """`Publisher · “Title” · 11 Jul 2024`, what a reader needs to find the article."""
    parts = [source.publisher]
    if source.author:
        parts.insert(0, source.author)
    parts.append(f"“{source.title}”")
    parts.append(source.published.display() if source.published else "undated")
    return printable(" · ".join(parts))


def citation_text(source: Source, quote: str, event_id: str | None = None) -> str:
    """A quote with its citation, as copied to the clipboard; the event's id, when given,
    last, for `timeline show ID`."""
    who = f"{source.author}, {source.publisher}" if source.author else source.publisher
    when = source.published.long_display() if source.published else "undated"
    cited = f"“{' '.join(quote.split())}” — {who}, “{source.title}”, {when}"
    if event_id is not None:
        cited += f" [event {event_id}]"
    return printable(cited)
