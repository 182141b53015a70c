"""The problems screen (`!`): what `timeline check` reports, each problem a jump to the editor."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from timeline_tui.app import key_help, keys
from timeline_tui.app.editor import open_in_editor
from timeline_tui.app.widgets.key_bar import KeyBar
from timeline_tui.app.widgets.problems_panel import ProblemList
from timeline_tui.catalogue.errors import CatalogueError, Problem, Severity
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.text.printable import printable


def check_summary(path: Path, catalogue: Catalogue | None, problems: list[Problem]) -> str:
    """The line `timeline check` ends with: the counts, or what was verified."""
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if catalogue is None or errors:
        return f"{path.name}: {errors} error(s), {warnings} warning(s)"
    quotes = sum(len(e.citations) for e in catalogue.events) + len(catalogue.excluded)
    return (
        f"{path.name}: OK: {len(catalogue.events)} events, {quotes} quotes verified in "
        f"{len(catalogue.sources)} sources" + (f", {warnings} warning(s)" if warnings else "")
    )


class ProblemsScreen(Screen[None]):
    """Every problem `timeline check` finds in the catalogue on disk; enter edits at one."""

    DEFAULT_CSS = """
    ProblemsScreen {
        & #problems-summary { height: auto; padding: 0 1; background: $panel; }
        & #problems-list { height: 1fr; border: none; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.PROBLEMS

    @dataclass
    class _Checked(Message):
        summary: str
        problems: list[Problem]

    def __init__(self, path: Path) -> None:
        """
        Args:
            path: The catalogue to check (its file as it is now, not the one on screen).
        """
        super().__init__()
        self.path = path
        self.checked = False
        """True once a check has finished (the list is its result)."""

    def compose(self) -> ComposeResult:
        yield Static(id="problems-summary", markup=False)
        yield ProblemList(id="problems-list")
        yield KeyBar()

    @property
    def problem_list(self) -> ProblemList:
        return self.query_one("#problems-list", ProblemList)

    def on_mount(self) -> None:
        self.action_check()

    def action_check(self) -> None:
        self.checked = False
        self.query_one("#problems-summary", Static).update(
            Content(f"Checking {printable(str(self.path))}…")
        )
        self._check()

    @work(
        thread=True,
        exclusive=True,
        group="check",
        exit_on_error=False,
        description="checking the catalogue",
    )
    def _check(self) -> None:
        # what `timeline check` runs: the catalogue read from its YAML, then every quote
        from timeline_tui.sources.check import check_file

        try:
            catalogue, problems = check_file(self.path)
        except CatalogueError as error:  # the file itself cannot be read
            catalogue, problems = None, error.problems
        summary = check_summary(self.path, catalogue, problems)
        self.post_message(self._Checked(summary, problems))

    @on(_Checked)
    def _checked(self, message: _Checked) -> None:
        hint = key_help.hint(("problems.check", "checks again"))
        if message.problems:
            hint = f"enter edits at a problem · {hint}"
        self.query_one("#problems-summary", Static).update(
            Content.assemble(printable(message.summary), (f"   {hint}", "$text-muted"))
        )
        self.problem_list.show_problems(message.problems)
        self.problem_list.focus()
        self.checked = True

    @on(ProblemList.Chosen)
    def _chosen(self, message: ProblemList.Chosen) -> None:
        message.stop()  # the app edits at problems chosen in the main screen's panel
        problem = message.problem
        open_in_editor(self.app, Path(problem.file), problem.line)
        self.action_check()
