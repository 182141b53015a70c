"""The article's text, read-only, with the catalogue's quotes and the date mentions marked.

The marks are computed outside (`timeline_tui.app.article_marks`); this widget only
lays their styles, which come from the theme through component classes, over the
lines the TextArea draws.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style as RichStyle
from rich.text import Text
from textual.widgets import TextArea

from timeline_tui.app.article_marks import ArticleMarks, Kind
from timeline_tui.app.search_marks import term_pattern, term_spans


class ArticleText(TextArea):
    """The article, read-only, its marks drawn over each line in the theme's colours."""

    COMPONENT_CLASSES: ClassVar[set[str]] = (
        TextArea.COMPONENT_CLASSES
        | {f"article-text--{kind.value}" for kind in Kind}
        | {"article-text--match"}
    )
    DEFAULT_CSS = """
    ArticleText {
        & > .article-text--quote { color: $text-primary; background: $primary-muted; }
        & > .article-text--current {
            color: $text-accent;
            background: $accent-muted;
            text-style: bold;
        }
        & > .article-text--open { color: $text-warning; text-style: bold underline; }
        & > .article-text--excluded { color: $text-disabled; text-style: italic; }
        & > .article-text--match { text-style: bold underline; }
        /* the quote moved to is the selection: strong, over any mark's colours */
        & > .text-area--selection { background: $primary; color: $text; }
    }
    """

    def __init__(self, *, id: str | None = None, search: str = "") -> None:  # noqa: A002
        """
        Args:
            id: The widget's id.
            search: The search text, whose words are highlighted.
        """
        self._search_pattern = term_pattern(search)
        super().__init__(
            id=id,
            read_only=True,
            soft_wrap=True,
            show_cursor=True,
            show_line_numbers=False,
            highlight_cursor_line=False,  # it would hide the marks' backgrounds on its line
        )
        self.marks = ArticleMarks()

    def show_marks(self, marks: ArticleMarks) -> None:
        self.marks = marks
        # the TextArea caches drawn lines by everything but our marks: redraw them all
        self.notify_style_update()
        self.refresh()

    def mark_style(self, kind: Kind) -> RichStyle:
        # the full style, not the partial one: colours with an alpha ($text-disabled)
        # are blended against the text's background only in the full style
        return self.get_component_rich_style(f"article-text--{kind.value}")

    def get_line(self, line_index: int) -> Text:
        # TextArea's documented hook for styling its lines: the selection and the
        # cursor are laid over what is returned here, so they still show on a mark
        line = super().get_line(line_index)
        for start, end, kind in self.marks.row(line_index):
            line.stylize(self.mark_style(kind), start, end)
        if self._search_pattern is not None:
            match = self.get_component_rich_style("article-text--match", partial=True)
            for start, end in term_spans(line.plain, self._search_pattern):
                line.stylize(match, start, end)
        return line
