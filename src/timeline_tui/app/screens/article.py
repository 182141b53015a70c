"""The whole article of one of an event's sources, with what the catalogue took from it marked.

Every event's quote from the article is marked (the event's own quotes apart from
the others'), and so are the date mentions no event or exclusion accounts for, so
an author reading a source sees what the chronology skipped. The quotes are found
at once; the date mentions come from a worker thread (dateparser is slow to
import) and are drawn when they arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.geometry import Offset
from textual.message import Message
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Selection

from timeline_tui.app import keys
from timeline_tui.app.article_marks import (
    ArticleMarks,
    Locator,
    SourceMentions,
    find_source_mentions,
    mention_marks,
    quote_marks,
)
from timeline_tui.app.quotes import ArticleCache, article_view, citation_text, source_heading
from timeline_tui.app.screens.article_lines import legend_content, where_content
from timeline_tui.app.widgets.article_text import ArticleText
from timeline_tui.app.widgets.key_bar import KeyBar
from timeline_tui.catalogue.model import Catalogue, Event, Source
from timeline_tui.text.printable import printable


class ArticleScreen(Screen[int | None]):
    """One article in full; dismissed with the event to go to (enter), or None (escape)."""

    CSS_PATH = "article.tcss"

    BINDINGS: ClassVar[list[BindingType]] = keys.ARTICLE

    @dataclass
    class _MentionsFound(Message):
        source_id: str
        found: SourceMentions

    def __init__(
        self,
        catalogue: Catalogue,
        event: Event,
        citation: int,
        articles: ArticleCache,
        search: str = "",
    ) -> None:
        """
        Args:
            catalogue: The catalogue; the screen's result is a position in its events.
            event: The event the article was opened from.
            citation: Which of the event's citations to show first.
            articles: The app's cache of articles and of their date mentions.
            search: The timeline's search, whose words are highlighted in the article.
        """
        super().__init__()
        self._search = search
        self._catalogue = catalogue
        self._event = event
        self.citation_index = citation
        self._articles = articles
        self._source: Source | None = None
        """The source shown, when its article could be read."""
        self._locate: Locator | None = None
        self._mentions: SourceMentions | None = None
        """The shown article's date mentions; None while they are being found."""
        self._quote: int | None = None
        """The quote last moved to (it tells apart quotes standing in the same place)."""

    def compose(self) -> ComposeResult:
        yield Static(id="article-heading", markup=False)
        yield Static(id="article-problem", markup=False)
        yield Static(id="article-legend", markup=False)
        yield ArticleText(id="article-text", search=self._search)
        yield Static(id="article-at", markup=False)
        yield KeyBar()

    @property
    def text_area(self) -> ArticleText:
        return self.query_one("#article-text", ArticleText)

    @property
    def marks(self) -> ArticleMarks:
        return self.text_area.marks

    @property
    def mentions(self) -> SourceMentions | None:
        """The shown article's date mentions, once found (None before, or without an article)."""
        return self._mentions

    def on_mount(self) -> None:
        self._show()
        # the marks' colours come from the theme: the legend follows a change of it
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        self._show_legend()

    # --- actions ----------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "source":
            return len(self._event.citations) > 1
        if action in ("quote", "go_to_event"):
            return True if self.marks.quotes else None
        if action == "open_mention":
            return True if self.marks.open_mentions else None
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    def action_source(self, delta: int) -> None:
        self.citation_index = (self.citation_index + delta) % len(self._event.citations)
        self._show()

    def action_copy_quote(self) -> None:
        citation = self._event.citations[self.citation_index]
        source = self._catalogue.sources.get(citation.source)
        if source is not None:
            self.app.copy_to_clipboard(citation_text(source, citation.quote, self._event.id))
            self.notify(
                "Sent the quote and its citation to the terminal's clipboard.", markup=False
            )

    def action_edit(self) -> None:
        from timeline_tui.app.editor import open_in_editor

        source = self._source or self._catalogue.sources.get(
            self._event.citations[self.citation_index].source
        )
        if source is None:
            self.notify("That source is not in the catalogue.", severity="warning", markup=False)
            return
        line = None if self._source is None else self.line_shown()
        open_in_editor(self.app, source.path, line)

    def line_shown(self) -> int:
        """The cursor's line when it is in view, else the top line in view (from 1).

        The text shown keeps the article's line breaks, so its rows are the file's lines.
        """
        area = self.text_area
        top_y = area.scroll_offset.y
        wrapped = area.wrapped_document
        top = wrapped.offset_to_location(Offset(0, top_y))[0]
        bottom = wrapped.offset_to_location(
            Offset(0, top_y + area.scrollable_content_region.height - 1)
        )[0]
        row = area.cursor_location[0]
        return (row if top <= row <= bottom else top) + 1

    def action_quote(self, delta: int) -> None:
        """Select the next (1) or previous (-1) quote of any event, wrapping around."""
        area = self.text_area
        index = self.marks.step_quote(area.cursor_location, self._selected_quote(), delta)
        if index is None:
            return
        quote = self.marks.quotes[index]
        self._select(quote.start, quote.end)
        self._quote = index
        self._show_where()

    def action_open_mention(self, delta: int) -> None:
        mark = self.marks.step_open_mention(self.text_area.cursor_location, delta)
        if mark is not None:
            self._select(mark.start, mark.end)

    def action_go_to_event(self) -> None:
        index = self._selected_quote()
        if index is None:
            index = self.marks.quote_at(self.text_area.cursor_location)
        if index is None:
            self.notify("The cursor is in no quote: tab moves to the next one.", markup=False)
            return
        self.dismiss(self.marks.quotes[index].event)

    def _selected_quote(self) -> int | None:
        """The quote selected, if the selection is exactly a quote."""
        start, end = sorted(self.text_area.selection)
        quote = self._quote
        if quote is not None and quote < len(self.marks.quotes):
            mark = self.marks.quotes[quote]
            if (mark.start, mark.end) == (start, end):
                return quote
        return self.marks.quote_spanning(start, end)

    def _select(self, start: tuple[int, int], end: tuple[int, int]) -> None:
        area = self.text_area
        # the cursor at the start, so scrolling to it shows the beginning
        area.selection = Selection(end, start)
        area.focus()
        area.scroll_cursor_visible(center=True)

    # --- showing a source -------------------------------------------------------------

    def _show(self) -> None:
        citation = self._event.citations[self.citation_index]
        count = len(self._event.citations)
        source = self._catalogue.sources.get(citation.source)
        heading = self.query_one("#article-heading", Static)
        problem = self.query_one("#article-problem", Static)
        text_area = self.text_area
        self._source, self._locate, self._mentions, self._quote = None, None, None, None
        text_area.show_marks(ArticleMarks())
        sources = len(self._event.source_ids)
        where = (
            f"This event's quote {self.citation_index + 1} of {count}"
            f" ({sources} source{'s' if sources != 1 else ''})"
        )
        if source is None:
            heading.update(Content(where))
            self._problem(f"Unknown source {printable(citation.source)!r}.")
            text_area.load_text(printable(citation.quote, multiline=True))
            self._show_legend()
            return
        heading.update(
            Content.assemble(
                (where, "$text-muted"),
                "  ",
                (source_heading(source), "bold"),
                "  ",
                (printable(source.file), "$text-muted"),
            )
        )
        article = self._articles.read(source)
        if isinstance(article, str):
            self._problem(article)
            text_area.load_text(printable(citation.quote, multiline=True))
            self._show_legend()
            return
        self._source, self._locate = source, Locator(article.text)
        span = article.find(citation.quote)
        view = article_view(article, span)
        text_area.load_text(view.text)
        marks = ArticleMarks(
            quote_marks(self._catalogue, source.id, article, self._event, self._locate)
        )
        text_area.show_marks(marks)
        self.refresh_bindings()
        found = self._articles.mentions(source.id)
        if found is None:
            self._find_mentions(source.id)
        else:
            self._show_mentions(found)
        self._show_legend()
        if span is None:
            self._problem(
                f"The quote is not in {printable(source.file)}; the article is shown "
                "from its start."
            )
            return
        problem.set_class(False, "-shown")
        self._quote = marks.quote_spanning(view.start, view.end)
        # the cursor at the start of the quote, so scrolling to it shows its beginning
        text_area.selection = Selection(view.end, view.start)
        text_area.focus()
        # the TextArea knows where wrapped lines fall only once it has been laid out
        self.call_after_refresh(text_area.scroll_cursor_visible, center=True)

    def _problem(self, text: str) -> None:
        problem = self.query_one("#article-problem", Static)
        problem.update(Content(text))
        problem.set_class(True, "-shown")

    @work(
        thread=True,
        exclusive=True,
        group="article-mentions",
        exit_on_error=False,
        description="finding the article's date mentions",
    )
    def _find_mentions(self, source_id: str) -> None:
        try:
            found = find_source_mentions(self._catalogue, source_id)
        except Exception as error:  # any: the article stays readable without its marks
            message = f"{type(error).__name__}: {error}"
            self.post_message(self._MentionsFound(source_id, SourceMentions(problem=message)))
            return
        # kept here, not in the handler: leaving the screen drops the message, not the work
        self._articles.keep_mentions(source_id, found)
        self.post_message(self._MentionsFound(source_id, found))

    @on(_MentionsFound)
    def _mentions_found(self, message: _MentionsFound) -> None:
        if self._source is not None and self._source.id == message.source_id:
            self._show_mentions(message.found)
            self._show_legend()

    def _show_mentions(self, found: SourceMentions) -> None:
        assert self._locate is not None
        self._mentions = found
        marks = self.marks.with_mentions(mention_marks(found, self._locate))
        self.text_area.show_marks(marks)
        self.refresh_bindings()
        self._show_where()

    def _show_legend(self) -> None:
        legend = self.query_one("#article-legend", Static)
        legend.display = self._source is not None
        if self._source is not None:
            legend.update(legend_content(self.text_area, self._mentions))

    # --- what the cursor is on --------------------------------------------------------

    @on(TextArea.SelectionChanged)
    def _selection_changed(self, message: TextArea.SelectionChanged) -> None:
        self._show_where()

    def _show_where(self) -> None:
        at = self.query_one("#article-at", Static)
        if self._source is None:
            at.display = False
            return
        at.display = True
        at.update(self._where_content())

    def _where_content(self) -> Content:
        index = self._selected_quote()
        if index is None:
            index = self.marks.quote_at(self.text_area.cursor_location)
        return where_content(self.text_area, self._catalogue, index)
