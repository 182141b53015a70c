"""The `timeline list ...` command for the current filters (`L`), to copy and pipe."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from timeline_tui.app import key_help, keys
from timeline_tui.output.commandline import has_escaped_words
from timeline_tui.text.printable import printable

ESCAPED_NOTE = (
    "A word holds control or invisible characters: $'...' writes them as \\x escapes, "
    "which bash, zsh and ksh read back."
)


class CommandScreen(ModalScreen[None]):
    """Shows the command; `y` sends it to the terminal's clipboard; escape closes."""

    CSS_PATH = "command.tcss"

    BINDINGS: ClassVar[list[BindingType]] = keys.COMMAND

    def __init__(self, command: str) -> None:
        super().__init__()
        # `list_command` writes printable text only; `printable` keeps that promise here
        self.command = printable(command)

    def compose(self) -> ComposeResult:
        with Vertical(id="command-body") as body:
            body.border_title = "This view on the command line"
            body.border_subtitle = key_help.hint(
                ("command.copy", "copies"), ("command.close", "closes")
            )
            yield Static(Content(self.command), id="command-text")
            if has_escaped_words(self.command):
                yield Static(Content(ESCAPED_NOTE), id="command-note")

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.command)
        self.notify("Sent the command to the terminal's clipboard.", markup=False)
        self.dismiss()
