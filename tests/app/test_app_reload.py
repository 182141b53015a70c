"""The author's loop: `e` edits, a save reloads, a broken save keeps the last good state,
`!` lists what `timeline check` reports. Driven with Pilot on catalogues in tmp_path.

The editor is a stub (a Python script set as $EDITOR) that records its arguments and
edits the file. Under `run_test` the terminal cannot be handed over, so the tests
that run it replace `editor.suspended` with a context that does nothing.
"""

from __future__ import annotations

import contextlib
import copy
import shlex
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from app_testing import SIZE, highlighted_id, main_screen, screen_text, settle, shown_ids
from conftest import tiny_catalogue
from textual.pilot import Pilot

from timeline_tui.app import editor
from timeline_tui.app.app import TimelineApp
from timeline_tui.app.screens.article import ArticleScreen
from timeline_tui.app.screens.problems import ProblemsScreen
from timeline_tui.app.widgets.problems_panel import ProblemList, ProblemsPanel
from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters, Index

STUB_EDITOR = """\
import os, sys
from pathlib import Path

Path(os.environ["STUB_RECORD"]).write_text("\\n".join(sys.argv[1:]), encoding="utf-8")
old, new = os.environ.get("STUB_REPLACE", ""), os.environ.get("STUB_WITH", "")
if old:
    path = Path(sys.argv[-1])
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
sys.exit(int(os.environ.get("STUB_EXIT", "0")))
"""


class StubEditor:
    """$EDITOR for a test: records its arguments; can replace text in the file it opens."""

    def __init__(self, folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        script = folder / "stub_editor.py"
        script.write_text(STUB_EDITOR, encoding="utf-8")
        self.record = folder / "editor-arguments.txt"
        self._monkeypatch = monkeypatch
        monkeypatch.delenv("VISUAL", raising=False)
        monkeypatch.setenv("EDITOR", f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}")
        monkeypatch.setenv("STUB_RECORD", str(self.record))
        # the headless test driver cannot suspend: the editor runs without it
        monkeypatch.setattr(editor, "suspended", lambda app: contextlib.nullcontext())

    def will_replace(self, old: str, new: str) -> None:
        self._monkeypatch.setenv("STUB_REPLACE", old)
        self._monkeypatch.setenv("STUB_WITH", new)

    @property
    def arguments(self) -> list[str]:
        """What the editor was given (it has run once it says anything)."""
        if not self.record.exists():
            return []
        return self.record.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def stub_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> StubEditor:
    return StubEditor(tmp_path, monkeypatch)


def app_on(path: Path, filters: Filters | None = None) -> TimelineApp:
    return TimelineApp(Index(load_catalogue(path)), filters or Filters())


async def wait_for(pilot: Pilot[None], condition: Callable[[], bool], timeout: float = 15) -> None:
    """Let the app run until `condition` holds (a reload runs in a worker thread)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the app never got there"
        await pilot.pause(0.02)
    await settle(pilot)


def event_line(path: Path, event_id: str) -> int:
    event = load_catalogue(path).event(event_id)
    assert event is not None and event.location.line is not None
    return event.location.line


def notifications(app: TimelineApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


def shown_problems(problems: ProblemList) -> list[str]:
    """The problems as the list shows them, one string each."""
    return [
        problems.get_option_at_index(i).prompt.plain  # type: ignore[union-attr]
        for i in range(problems.option_count)
    ]


def broken_catalogue_text() -> tuple[str, int]:
    """The tiny catalogue with the second event's date unreadable, and that date's line."""
    text = yaml.safe_dump(tiny_catalogue(), sort_keys=False, allow_unicode=True)
    broken = text.replace("date: 1992-04", "date: sometime in April")
    assert broken != text
    line = broken.splitlines().index("  date: sometime in April") + 1
    return broken, line


async def test_the_catalogue_title_is_in_the_header(make_catalogue):
    app = app_on(make_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first_line = screen_text(app).splitlines()[0]
        assert "Freedonia and Sylvania" in first_line
        assert "5 of 5 events" in first_line


async def test_e_opens_the_event_at_its_line_and_the_save_is_reloaded(make_catalogue, stub_editor):
    path = make_catalogue()
    app = app_on(path)
    stub_editor.will_replace("title: Embassies open", "title: Embassies reopen")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "e")
        assert stub_editor.arguments == [f"+{event_line(path, 'embassies')}", str(path)]
        await wait_for(pilot, lambda: app.reloader.attempts == 1)
        assert "Embassies reopen" in screen_text(app)
        assert highlighted_id(app) == "embassies"
        assert "Reloaded events.yaml." in notifications(app)


async def test_a_save_made_elsewhere_is_noticed_and_reloaded(make_catalogue):
    path = make_catalogue()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        data = tiny_catalogue()
        data["events"][2]["title"] = "The port opens at last"
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        await wait_for(pilot, lambda: app.reloader.attempts == 1)  # by the timer alone
        assert "The port opens at last" in screen_text(app)


async def test_a_broken_save_keeps_the_last_good_state_and_shows_the_problem(make_catalogue):
    path = make_catalogue()
    app = app_on(path, Filters(actors=frozenset({"freedonia"})))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        before = shown_ids(app)
        broken, line = broken_catalogue_text()
        path.write_text(broken, encoding="utf-8")
        app.reloader.poll()
        await wait_for(pilot, lambda: app.reloader.attempts == 1)
        assert shown_ids(app) == before
        assert highlighted_id(app) == "embassies"
        panel = main_screen(app).query_one(ProblemsPanel)
        assert panel.display
        assert "events.yaml does not load: 1 problem" in screen_text(app)
        assert shown_problems(panel) == [
            f"{path}:{line}: events[embassies].date: 'sometime in April' is not a date of the "
            "form YYYY, YYYY-MM or YYYY-MM-DD"
        ]

        path.write_text(
            yaml.safe_dump(tiny_catalogue(), sort_keys=False, allow_unicode=True),
            encoding="utf-8",
        )
        app.reloader.poll()
        await wait_for(pilot, lambda: app.reloader.attempts == 2)
        assert not main_screen(app).query(ProblemsPanel) or not panel.display
        assert "does not load" not in screen_text(app)
        assert highlighted_id(app) == "embassies"
        assert app.focused is main_screen(app).timeline


async def test_enter_on_a_problem_in_the_panel_edits_at_its_line(make_catalogue, stub_editor):
    path = make_catalogue()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        broken, line = broken_catalogue_text()
        path.write_text(broken, encoding="utf-8")
        app.reloader.poll()
        await wait_for(pilot, lambda: app.reloader.attempts == 1)
        assert isinstance(app.focused, ProblemsPanel)
        await pilot.press("enter")
        assert stub_editor.arguments == [f"+{line}", str(path)]
        await pilot.press("escape")
        assert not main_screen(app).query_one(ProblemsPanel).display


@pytest.mark.parametrize("use_cache", [True, False])
async def test_a_reload_uses_the_cache_only_when_the_app_may(
    make_catalogue, isolated_cache, use_cache
):
    path = make_catalogue()
    app = TimelineApp(Index(load_catalogue(path)), Filters(), use_cache=use_cache)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.reloader.reload()
        await wait_for(pilot, lambda: app.reloader.attempts == 1)
        assert not app.reloader.problems
        written = [p for p in isolated_cache.rglob("*") if p.is_file()]
        assert bool(written) is use_cache


async def test_filters_and_the_highlighted_event_survive_a_reload(make_catalogue):
    path = make_catalogue()
    filters = Filters(actors=frozenset({"sylvania"}), themes=frozenset({"transport", "diplomacy"}))
    app = app_on(path, filters)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_ids(app) == ["recognition", "embassies", "port", "visit"]
        await pilot.press("j", "j")
        assert highlighted_id(app) == "port"
        # the transport theme goes; the port is now about diplomacy
        data = copy.deepcopy(tiny_catalogue())
        data["themes"] = [t for t in data["themes"] if t["id"] != "transport"]
        data["events"][2]["themes"] = ["diplomacy"]
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        app.reloader.poll()
        await wait_for(pilot, lambda: app.reloader.attempts == 1)
        assert main_screen(app).filters == Filters(
            actors=frozenset({"sylvania"}), themes=frozenset({"diplomacy"})
        )
        assert shown_ids(app) == ["recognition", "embassies", "port", "visit"]
        assert highlighted_id(app) == "port"
        assert any("theme transport" in n for n in notifications(app))


async def test_a_deleted_event_leaves_the_cursor_on_the_one_in_its_place(make_catalogue):
    path = make_catalogue()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j")
        assert highlighted_id(app) == "embassies"
        data = tiny_catalogue()
        del data["events"][1]
        path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
        app.reloader.poll()
        await wait_for(pilot, lambda: app.reloader.attempts == 1)
        assert "embassies" not in shown_ids(app)
        assert highlighted_id(app) == "port"


async def test_the_problems_view_lists_a_problem_and_enter_edits_at_its_line(
    make_catalogue, stub_editor
):
    path = make_catalogue()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        broken, line = broken_catalogue_text()
        path.write_text(broken, encoding="utf-8")
        await pilot.press("exclamation_mark")
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        await wait_for(pilot, lambda: screen.checked)
        problems = screen.query_one(ProblemList).problems
        assert [(p.line, p.field) for p in problems] == [(line, "events[embassies].date")]
        assert "events.yaml: 1 error(s), 0 warning(s)" in screen_text(app)
        await pilot.press("enter")
        assert stub_editor.arguments == [f"+{line}", str(path)]


async def test_the_problems_view_reports_a_quote_that_is_not_in_its_article(make_catalogue):
    data = tiny_catalogue()
    data["events"][1]["sources"][0]["quote"] = "The two countries never opened embassies."
    path = make_catalogue(data)
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("exclamation_mark")
        screen = app.screen
        assert isinstance(screen, ProblemsScreen)
        await wait_for(pilot, lambda: screen.checked)
        [problem] = shown_problems(screen.query_one(ProblemList))
        assert problem.startswith(f"{path}:")
        assert ": events[embassies].sources[0].quote: quote not found in one.txt" in problem
        await pilot.press("escape")
        assert app.screen is main_screen(app)


async def test_the_palette_offers_the_problems_view(make_catalogue):
    app = app_on(make_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Problems" in titles


async def test_e_in_the_article_opens_it_at_the_line_shown(make_catalogue, stub_editor):
    path = make_catalogue()
    app = app_on(path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")  # the recognition, quoted from one.txt's fifth line
        await settle(pilot)
        assert isinstance(app.screen, ArticleScreen)
        await pilot.press("e")
        assert stub_editor.arguments == ["+5", str(path.parent / "one.txt")]


async def test_an_edited_article_is_shown_again_after_the_reload(make_catalogue, stub_editor):
    path = make_catalogue()
    app = app_on(path)
    stub_editor.will_replace("opened embassies", "opened their embassies")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("e")
        await wait_for(pilot, lambda: app.reloader.attempts == 1)
        screen = app.screen
        assert isinstance(screen, ArticleScreen)
        assert "opened their embassies" in screen.text_area.text


async def test_an_editor_that_does_not_exist_is_a_notification(make_catalogue, monkeypatch):
    monkeypatch.setenv("VISUAL", "no-such-editor-anywhere --flag")
    monkeypatch.setattr(editor, "suspended", lambda app: contextlib.nullcontext())
    app = app_on(make_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert any("No editor 'no-such-editor-anywhere'" in n for n in notifications(app))


async def test_an_editor_that_fails_is_a_notification(make_catalogue, stub_editor, monkeypatch):
    monkeypatch.setenv("STUB_EXIT", "3")
    app = app_on(make_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert any("exited with status 3" in n for n in notifications(app))


async def test_a_terminal_that_cannot_be_suspended_is_a_notification(make_catalogue, monkeypatch):
    monkeypatch.setenv("EDITOR", "vi")
    app = app_on(make_catalogue())
    async with app.run_test(size=SIZE) as pilot:  # the headless driver cannot suspend
        await settle(pilot)
        await pilot.press("e")
        assert "This terminal cannot be handed to an editor." in notifications(app)
