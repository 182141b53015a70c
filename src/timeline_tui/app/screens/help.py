"""The help screen (`?`): every key, what the marks mean, and the command for this view."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from timeline_tui.app.widgets.timeline_view import (
    DISPUTED_MARK,
    DRAFT_MARK,
    SINGLE_SOURCE_MARK,
    STAR_MARK,
)

KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Filter",
        (
            ("/", "search titles, summaries and quotes"),
            ("a", "actors: type to narrow the list, space or enter ticks"),
            ("t", "themes: the same"),
            ("d", "dates: since, until (2019, April 2019, 2 years ago)"),
            ("Y", "only the highlighted event's year (again: every year)"),
            ("click", "on the density strip: only that year (again: every year)"),
            ("v", "evidence filters (disputed, drafts, marked…); any or all of"),
            ("c", "clear every filter"),
            ("f", "hide or show the filter pane"),
            ("L", "the `timeline list` command for this view, to pipe"),
        ),
    ),
    (
        "Move",
        (
            ("j k ↓ ↑", "next and previous event"),
            ("PgDn PgUp", "a page down or up"),
            ("g G Home End", "first and last event"),
            ("click", "highlight an event; click again for its sources"),
            (":", "jump to a date (2019, Apr 2019, 2 years ago)"),
            ("r", "newest first, or oldest first"),
            ("m", "mark or unmark the event (kept for this catalogue)"),
        ),
    ),
    (
        "Sources",
        (
            ("enter", "show the highlighted event's sources and quotes"),
            ("n p", "next and previous source of the event"),
            ("o", "the full article, at the quote"),
            ("y", "copy the quote with its citation and the event's id"),
            ("z", "the sources on the whole screen, or back"),
        ),
    ),
    (
        "In the article (o)",
        (
            ("tab ]", "next quote of any event, marked in the text"),
            ("shift+tab [", "previous quote"),
            ("enter", "go to its event (clears filters only if they hide it)"),
            ("} {", "next and previous open date mention (underlined)"),
            ("e", "the article in $VISUAL or $EDITOR, at the line shown"),
        ),
    ),
    (
        "Edit (a save reloads the app)",
        (
            ("e", "the highlighted event in $VISUAL or $EDITOR, at its line"),
            ("!", "what `timeline check` reports; enter edits at a problem"),
        ),
    ),
    (
        "App",
        (
            ("escape", "back: leave a box, close the sources or a screen"),
            ("ctrl+p", "find events, actors and themes by name"),
            ("?", "this help"),
            ("q", "quit"),
        ),
    ),
)


def help_content(command: str) -> Content:
    """`command`, the keys and the marks, as plain text with styles."""
    key_width = max(len(key) for _, keys in KEYS for key, _ in keys)
    parts: list[str | tuple[str, str]] = [
        ("This view on the command line", "bold $text-accent"),
        "\n",
        "  ",
        (command, "$text-success"),
        "\n",
    ]
    for title, keys in KEYS:
        parts += [(title, "bold $text-accent"), "\n"]
        for key, meaning in keys:
            parts += ["  ", (key.ljust(key_width), "bold"), "  ", meaning, "\n"]
    parts += [
        ("Marks", "bold $text-accent"),
        "\n",
        "  ",
        (DISPUTED_MARK.ljust(key_width), "bold $text-warning"),
        "  the sources disagree (the sources panel says how)\n",
        "  ",
        (SINGLE_SOURCE_MARK.ljust(key_width), "bold"),
        "  a single source\n",
        "  ",
        (STAR_MARK.ljust(key_width), "bold $text-warning"),
        "  marked by you (m)\n",
        "  ",
        (DRAFT_MARK.ljust(key_width), "bold"),
        "  a draft, not yet written up",
    ]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Keys and marks; escape, ? or q closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "app.pop_screen", "Close", id="help.close"),
    ]

    def __init__(self, command: str) -> None:
        super().__init__()
        self._command = command

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "escape closes"
            yield Static(help_content(self._command), id="help-text")
