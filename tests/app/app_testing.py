"""Helpers for the app's tests: the tiny catalogue as an app, and readers of the screen.

Not a conftest.py: a second module named `conftest` would shadow tests/conftest.py
for the unit tests that import from it.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from timeline_tui.app.app import TimelineApp
from timeline_tui.app.screens.main import MainScreen
from timeline_tui.app.widgets.facet_list import FacetList
from timeline_tui.app.widgets.timeline_view import TimelineView
from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters, Index

DATA = Path(__file__).parent / "data"
"""The tiny catalogue at a fixed path, for snapshots (a tmp_path would show on screen)."""
SIZE = (100, 30)


def tiny_app(
    make_catalogue: Callable[..., Path],
    filters: Filters | None = None,
    data: dict[str, Any] | None = None,
    articles: dict[str, str] | None = None,
) -> TimelineApp:
    """An app on the tiny catalogue (or `data`) written by the `make_catalogue` fixture."""
    catalogue = load_catalogue(make_catalogue(data, articles=articles))
    return TimelineApp(Index(catalogue), filters or Filters())


def fixed_app(filters: Filters | None = None) -> TimelineApp:
    return TimelineApp(Index(load_catalogue(DATA / "events.yaml")), filters or Filters())


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until filtering (in a worker thread) is done and its result is on screen."""
    for _ in range(3):  # a date read finishes, then starts the filtering it asks for
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], timeout: float = 5) -> None:
    """Let the app run until `condition` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"still waiting after {timeout} s"
        await pilot.pause(0.01)


def main_screen(app: TimelineApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


def timeline(app: TimelineApp) -> TimelineView:
    return main_screen(app).timeline


def highlighted_id(app: TimelineApp) -> str | None:
    event = timeline(app).highlighted_event
    return None if event is None else app.index.events[event].id


def shown_ids(app: TimelineApp) -> list[str]:
    outcome = main_screen(app).outcome
    assert outcome is not None
    return [app.index.events[i].id for i in outcome.matches]


_SVG_TEXT = re.compile(
    r'<text [^>]*?x="([0-9.]+)" [^>]*?textLength="([0-9.]+)" '
    r'clip-path="url\(#[^)]*-line-(\d+)\)">(.*?)</text>'
)


def screen_text(app: App[Any]) -> str:
    """Every character on the screen, as plain text, read from the app's screenshot."""
    width, height = app.size
    rows = [[" "] * width for _ in range(height)]
    for x, length, line, escaped in _SVG_TEXT.findall(app.export_screenshot()):
        text = html.unescape(escaped).replace("\N{NO-BREAK SPACE}", " ")
        cell = float(length) / len(text)  # the screenshot's width of one character
        column = round(float(x) / cell)
        for character in text:
            cells = cell_len(character)
            if column + cells <= width:
                rows[int(line)][column : column + cells] = [character, *[""] * (cells - 1)]
            column += cells
    return "\n".join("".join(row) for row in rows)


def facet_row(facet_list: FacetList, entry_id: str) -> str:
    """An entry's row as the list draws it (the entry must be scrolled into view)."""
    row = facet_list.shown_ids.index(entry_id) - facet_list.scroll_offset.y
    return facet_list.render_line(row).text.strip()


def stop_blinking(app: TimelineApp) -> None:
    """Cursors shown steadily, so screenshots do not depend on the moment they are taken."""
    for widget in app.screen.query(Input):
        widget.cursor_blink = False
    for area in app.screen.query(TextArea):
        area.cursor_blink = False
