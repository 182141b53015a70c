"""The whole article of one of an event's sources, scrolled to the quote and with it selected."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static, TextArea
from textual.widgets.text_area import Selection

from timeline_tui.app.quotes import ArticleCache, article_view, citation_text, source_heading
from timeline_tui.model import Catalogue, Event
from timeline_tui.textsafe import printable


class ArticleScreen(Screen[None]):
    """One article in full. `n`/`p` go to the event's other sources; escape goes back."""

    CSS_PATH = "article.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="article.back"),
        Binding("n", "source(1)", "Next source", id="article.next_source"),
        Binding("p", "source(-1)", "Previous source", id="article.previous_source"),
        Binding(
            "y",
            "copy_quote",
            "Copy quote",
            id="article.copy",
            tooltip="Copy the quote with its citation",
        ),
    ]

    def __init__(
        self, catalogue: Catalogue, event: Event, citation: int, articles: ArticleCache
    ) -> None:
        super().__init__()
        self._catalogue = catalogue
        self._event = event
        self.citation_index = citation
        self._articles = articles

    def compose(self) -> ComposeResult:
        yield Static(id="article-heading", markup=False)
        yield Static(id="article-problem", markup=False)
        yield TextArea(
            id="article-text",
            read_only=True,
            soft_wrap=True,
            show_cursor=True,
            show_line_numbers=False,
        )
        yield Footer()

    def on_mount(self) -> None:
        self._show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "source":
            return len(self._event.citations) > 1
        return True

    def action_source(self, delta: int) -> None:
        self.citation_index = (self.citation_index + delta) % len(self._event.citations)
        self._show()

    def action_copy_quote(self) -> None:
        citation = self._event.citations[self.citation_index]
        source = self._catalogue.sources.get(citation.source)
        if source is not None:
            self.app.copy_to_clipboard(citation_text(source, citation.quote))
            self.notify("Copied the quote and its citation.")

    def _show(self) -> None:
        citation = self._event.citations[self.citation_index]
        count = len(self._event.citations)
        source = self._catalogue.sources.get(citation.source)
        heading = self.query_one("#article-heading", Static)
        problem = self.query_one("#article-problem", Static)
        text_area = self.query_one("#article-text", TextArea)
        where = f"Source {self.citation_index + 1} of {count}"
        if source is None:
            heading.update(Content(where))
            self._problem(f"Unknown source {printable(citation.source)!r}.")
            text_area.load_text(printable(citation.quote, multiline=True))
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
            return
        span = article.find(citation.quote)
        view = article_view(article, span)
        text_area.load_text(view.text)
        if span is None:
            self._problem(
                f"The quote is not in {printable(source.file)}; the article is shown "
                "from its start."
            )
            return
        problem.set_class(False, "-shown")
        # the cursor at the start of the quote, so scrolling to it shows its beginning
        text_area.selection = Selection(view.end, view.start)
        text_area.focus()
        # the TextArea knows where wrapped lines fall only once it has been laid out
        self.call_after_refresh(text_area.scroll_cursor_visible, center=True)

    def _problem(self, text: str) -> None:
        problem = self.query_one("#article-problem", Static)
        problem.update(Content(text))
        problem.set_class(True, "-shown")
