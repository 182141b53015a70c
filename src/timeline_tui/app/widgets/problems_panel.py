"""A list of catalogue problems, one `file:line: field: message` each; enter edits there.

Used under the timeline when a saved catalogue no longer loads, and as
the body of the problems screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from timeline_tui.app import key_help, keys
from timeline_tui.catalogue.errors import Problem, Severity
from timeline_tui.text.printable import printable


def problem_content(problem: Problem) -> Content:
    """The problem as `timeline check` prints it, as plain text (never markup)."""
    style = "$text-warning" if problem.severity is Severity.WARNING else "$text-error"
    where = problem.file if problem.line is None else f"{problem.file}:{problem.line}"
    rest = str(problem)[len(where) :]
    return Content.assemble((printable(where), style), printable(rest))


class ProblemList(OptionList):
    """Problems to choose from: enter (or a click) asks to edit the file at the problem's line."""

    @dataclass
    class Chosen(Message):
        problem: Problem

    def __init__(
        self,
        problems: Sequence[Problem] = (),
        *,
        id: str | None = None,  # noqa: A002
    ) -> None:
        super().__init__(id=id)
        self.problems: list[Problem] = []
        self.show_problems(problems)

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        self.clear_options()
        self.add_options([Option(problem_content(problem)) for problem in self.problems])
        if self.problems:
            self.highlighted = 0

    def _on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.post_message(self.Chosen(self.problems[message.option_index]))


class ProblemsPanel(ProblemList):
    """Under the timeline while the catalogue on disk does not load."""

    DEFAULT_CSS = """
    ProblemsPanel, ProblemsPanel:focus {
        height: auto;
        max-height: 10;
        border: round $error;
        border-title-color: $text-error;
        border-subtitle-color: $text-muted;
        background: $surface;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.PROBLEMS_PANEL

    def show_failure(self, file_name: str, problems: Sequence[Problem]) -> None:
        """Say that `file_name` no longer loads, and why."""
        count = len(problems)
        # Content, not a string: a string title is read as markup
        self.border_title = Content(
            f"{printable(file_name)} does not load: {count} problem{'s' if count != 1 else ''}"
        )
        self.border_subtitle = Content(
            "the last good version is shown · enter edits · "
            + key_help.hint(("problems_panel.hide", "hides"))
        )
        self.show_problems(problems)
        self.display = True

    def action_hide(self) -> None:
        self.display = False
