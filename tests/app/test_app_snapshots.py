"""Screenshots of the main screen, a filtered view, the sources, the article and help,
at 100×30, 80×24, 120×40 and 60×50.

The catalogue is the tiny one at a fixed path (tests/app/data), so no tmp path
shows; cursors do not blink; filtering workers are waited for.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from app_testing import fixed_app, settle, stop_blinking

ROOT = Path(__file__).resolve().parents[2]
SIZE = (100, 30)


@pytest.fixture(autouse=True)
def _from_the_checkout(monkeypatch):
    # help shows `--catalog tests/app/data/events.yaml`, relative to the working folder
    monkeypatch.chdir(ROOT)


def pressing(*keys: str):
    async def run_before(pilot) -> None:
        await settle(pilot)
        stop_blinking(pilot.app)
        await pilot.press(*keys)
        await settle(pilot)
        stop_blinking(pilot.app)
        await pilot.pause()

    return run_before


def test_main_screen(snap_compare):
    assert snap_compare(fixed_app(), run_before=pressing(), terminal_size=SIZE)


def test_main_screen_at_80_by_24(snap_compare):
    assert snap_compare(fixed_app(), run_before=pressing("j"), terminal_size=(80, 24))


def test_filtered_by_actor_theme_and_search(snap_compare):
    keys = (
        "a",
        *"sylv",
        "space",
        "escape",
        "escape",
        "t",
        *"dipl",
        "space",
        "escape",
        "escape",
        "slash",
        *"firefly",
        "enter",
    )
    assert snap_compare(fixed_app(), run_before=pressing(*keys), terminal_size=SIZE)


def test_actor_list_focused_narrowed_and_ticked(snap_compare):
    # "ia" narrows to Freedonia and Sylvania; the cursor moves to the second and ticks it
    keys = ("a", *"ia", "down", "space")
    assert snap_compare(fixed_app(), run_before=pressing(*keys), terminal_size=SIZE)


def test_quote_viewer_with_two_sources_that_disagree(snap_compare):
    assert snap_compare(fixed_app(), run_before=pressing("enter", "n"), terminal_size=SIZE)


def test_article_at_the_quote(snap_compare):
    assert snap_compare(fixed_app(), run_before=pressing("G", "o"), terminal_size=SIZE)


def test_article_with_every_quote_and_the_open_dates_marked(snap_compare):
    # tab moves from the visit's own quote to another event's; the date line is open
    assert snap_compare(fixed_app(), run_before=pressing("G", "o", "tab"), terminal_size=SIZE)


def test_help_screen(snap_compare):
    keys = ("t", *"trade", "space", "escape", "escape", "question_mark")
    assert snap_compare(fixed_app(), run_before=pressing(*keys), terminal_size=SIZE)


def test_sources_at_the_quote_that_matches_the_search_at_120_by_40(snap_compare):
    keys = ("slash", *"1992", "enter", "enter")
    assert snap_compare(fixed_app(), run_before=pressing(*keys), terminal_size=(120, 40))


def test_main_screen_at_60_by_50_with_the_pane_folded(snap_compare):
    assert snap_compare(fixed_app(), run_before=pressing("j"), terminal_size=(60, 50))


def test_actor_list_over_the_timeline_at_80_by_24(snap_compare):
    assert snap_compare(fixed_app(), run_before=pressing("a"), terminal_size=(80, 24))


def test_sources_on_the_whole_screen_at_80_by_24(snap_compare):
    assert snap_compare(fixed_app(), run_before=pressing("enter", "z"), terminal_size=(80, 24))


def test_evidence_group_a_star_and_a_draft_at_120_by_40(snap_compare):
    from timeline_tui.app.app import TimelineApp
    from timeline_tui.catalogue import load_catalogue
    from timeline_tui.query import Index
    from timeline_tui.query.marks import save_marks

    path = Path(__file__).parent / "data" / "with_a_draft.yaml"
    save_marks(path, {"embassies"})
    app = TimelineApp(Index(load_catalogue(path)))
    assert snap_compare(app, run_before=pressing("v", "down"), terminal_size=(120, 40))
