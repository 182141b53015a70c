"""The help screen (`?`): every key, what the marks mean, and the command for this view.

The keys come from their bindings' declaration (`app/keys.py`), each with its tooltip.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from timeline_tui.app import key_help, keys
from timeline_tui.app.widgets.timeline_rows import (
    DISPUTED_MARK,
    DRAFT_MARK,
    SINGLE_SOURCE_MARK,
    STAR_MARK,
    UNVERIFIED_MARK,
)

MARKS = (
    (DISPUTED_MARK, "bold $text-warning", "the sources disagree (the sources panel says how)"),
    (SINGLE_SOURCE_MARK, "bold", "a single source"),
    (
        UNVERIFIED_MARK,
        "bold $text-error",
        "a quote that could not be verified in its article (the sources panel says why)",
    ),
    (STAR_MARK, "bold $text-warning", "marked by you (m)"),
    (DRAFT_MARK, "bold", "a draft, not yet written up"),
)
"""The marks of the timeline's rows: the glyph, its style and what it means."""


def help_content(command: str) -> Content:
    """`command`, the keys and the marks, as plain text with styles."""
    lines = key_help.help_lines()
    key_width = max(len(names) for _, names, _ in lines)
    parts: list[str | tuple[str, str]] = [
        ("This view on the command line", "bold $text-accent"),
        "\n",
        "  ",
        (command, "$text-success"),
        "\n",
    ]
    group = None
    for title, names, meaning in lines:
        if title != group:
            parts += [(title, "bold $text-accent"), "\n"]
            group = title
        parts += ["  ", (names.ljust(key_width), "bold"), "  ", meaning, "\n"]
    parts += [("Marks", "bold $text-accent")]
    for mark, style, meaning in MARKS:
        parts += ["\n", "  ", (mark.ljust(key_width), style), f"  {meaning}"]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    """Keys and marks; escape, ? or q closes it."""

    CSS_PATH = "help.tcss"

    BINDINGS: ClassVar[list[BindingType]] = keys.HELP_SCREEN

    def __init__(self, command: str) -> None:
        super().__init__()
        self._command = command

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "escape closes"
            yield Static(help_content(self._command), id="help-text")
