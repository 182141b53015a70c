"""Evidence filters, marks, newest first and jumping to a date, in the app."""

from __future__ import annotations

import os

import pytest
from app_testing import (
    highlighted_id,
    main_screen,
    settle,
    shown_ids,
    timeline,
    tiny_app,
    wait_until,
)
from conftest import tiny_catalogue

from timeline_tui.app.app import TimelineApp
from timeline_tui.app.filtering import FilterEngine
from timeline_tui.app.widgets.evidence_filters import EvidenceFilters
from timeline_tui.app.widgets.jump_box import JumpBox
from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters, Index
from timeline_tui.query.marks import load_marks, marks_file, save_marks

SIZE = (110, 36)


def evidence(app: TimelineApp) -> EvidenceFilters:
    return main_screen(app).query_one("#evidence", EvidenceFilters)


def evidence_row(app: TimelineApp, row: int) -> str:
    return evidence(app).render().split()[row].plain


def draft_catalogue() -> dict:
    data = tiny_catalogue()
    data["events"][2]["draft"] = True  # the port
    return data


async def press_evidence(pilot, switch: str) -> None:
    from timeline_tui.app.widgets.evidence_filters import SWITCHES

    await pilot.press("v")
    widget = evidence(pilot.app)
    widget.cursor = SWITCHES.index(switch)
    await pilot.press("space")
    await settle(pilot)


async def test_evidence_group_shows_a_count_beside_each_filter(make_catalogue) -> None:
    app = tiny_app(make_catalogue, data=draft_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = [evidence_row(app, n) for n in range(6)]
    assert rows[0].strip().endswith("any of")
    assert rows[1].split()[-1] == "1"  # disputed: the recognition
    assert rows[2].split()[-1] == "1"  # cited by two sources: the recognition
    assert rows[3].split()[-1] == "2"  # figures: trade and the visit
    assert rows[4].split()[-1] == "1"  # drafts: the port
    assert rows[5].split()[-1] == "0"  # nothing marked yet


async def test_evidence_counts_follow_the_other_filters(make_catalogue) -> None:
    app = tiny_app(make_catalogue, Filters(actors=frozenset({"sylvania"})))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert main_screen(app).outcome.evidence_counts["has_figures"] == 1  # the visit


async def test_toggling_an_evidence_filter_narrows_the_timeline(make_catalogue) -> None:
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_evidence(pilot, "has_figures")
        assert shown_ids(app) == ["trade-2019", "visit"]
        assert "--has-figures" in main_screen(app).command_line()
        await press_evidence(pilot, "has_figures")
        assert len(shown_ids(app)) == 5


async def test_corroborated_toggle_asks_for_two_sources(make_catalogue) -> None:
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v", "down", "down", "space")  # past any of / all of, disputed
        await settle(pilot)
        assert main_screen(app).filters.min_sources == 2
        assert shown_ids(app) == ["recognition"]


def test_the_filtering_worker_counts_the_evidence_with_the_marks(make_catalogue) -> None:
    engine = FilterEngine(Index(load_catalogue(make_catalogue())))
    outcome = engine.run(Filters(disputed=True), frozenset({"recognition", "port"}))
    assert outcome.matches == [0]
    assert outcome.evidence_counts["marked"] == 1  # the port is not disputed
    assert outcome.evidence_counts["has_figures"] == 0  # the disputed one states none
    assert engine.run(Filters()).evidence_counts["has_figures"] == 2


async def test_all_of_switch_needs_every_actor(make_catalogue) -> None:
    filters = Filters(actors=frozenset({"freedonia", "sylvania"}))
    app = tiny_app(make_catalogue, filters)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(shown_ids(app)) == 5
        await press_evidence(pilot, "all_of")
        assert shown_ids(app) == ["recognition", "embassies"]
        assert evidence_row(app, 0).strip().endswith("all of")
        assert "--and" in main_screen(app).command_line()


async def test_command_line_evidence_options_open_the_app_with_them_set(make_catalogue) -> None:
    app = tiny_app(make_catalogue, Filters(disputed=True))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_ids(app) == ["recognition"]
        assert evidence_row(app, 1).split()[0] == "✓"


async def test_m_marks_the_highlighted_event_with_a_star_and_keeps_it(make_catalogue) -> None:
    app = tiny_app(make_catalogue)
    path = app.index.catalogue.path
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        row = timeline(app).render_line(1).text
        assert "★" in row
        assert main_screen(app).outcome.evidence_counts["marked"] == 1
    assert load_marks(path) == {"recognition"}
    assert str(os.environ["XDG_STATE_HOME"]) in str(marks_file(path))


async def test_marks_kept_before_show_as_stars(make_catalogue) -> None:
    path = make_catalogue()
    save_marks(path, {"embassies"})
    app = TimelineApp(Index(load_catalogue(path)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "★" not in timeline(app).render_line(1).text  # the recognition
        assert "★" in timeline(app).render_line(4).text  # the embassies


async def test_unmarking_under_the_marked_filter_hides_the_event(make_catalogue) -> None:
    path = make_catalogue()
    save_marks(path, {"embassies", "port"})
    app = TimelineApp(Index(load_catalogue(path)), Filters(marked=frozenset({"embassies", "port"})))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_ids(app) == ["embassies", "port"]
        await pilot.press("m")
        await settle(pilot)
        assert shown_ids(app) == ["port"]
        assert "--marked" in main_screen(app).command_line()


async def test_marks_that_cannot_be_kept_are_a_notification(make_catalogue, isolated_state) -> None:
    app = tiny_app(make_catalogue)
    folder = isolated_state / "timeline-tui"
    folder.mkdir()
    folder.chmod(0o777)  # others can write it: marks are refused
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        assert any("others can write" in n.message for n in app._notifications)
        assert "★" not in timeline(app).render_line(1).text


async def test_draft_events_carry_a_mark(make_catalogue) -> None:
    app = tiny_app(make_catalogue, data=draft_catalogue())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = [timeline(app).render_line(y).text for y in range(12)]
    port = next(row for row in rows if "port opens" in row)
    assert "✎" in port
    assert sum("✎" in row for row in rows) == 1


async def test_r_puts_the_newest_first_with_years_descending(make_catalogue) -> None:
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert shown_ids(app) == ["visit", "trade-2019", "port", "embassies", "recognition"]
        assert timeline(app).render_line(0).text.startswith("── 2021")
        assert main_screen(app).command_line().endswith("--reverse")
        await pilot.press("r")
        await settle(pilot)
        assert shown_ids(app)[0] == "recognition"


async def test_r_keeps_the_highlighted_event(make_catalogue) -> None:
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j")
        assert highlighted_id(app) == "port"
        await pilot.press("r")
        await settle(pilot)
        assert highlighted_id(app) == "port"
        await pilot.press("j")
        assert highlighted_id(app) == "embassies"


@pytest.mark.parametrize(
    ("typed", "expected"), [("2019", "trade-2019"), ("Apr 1992", "embassies"), ("2000", "port")]
)
async def test_colon_jumps_to_the_first_event_at_or_after_a_date(
    make_catalogue, typed: str, expected: str
) -> None:
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("colon")
        await pilot.press(*typed, "enter")
        await wait_until(pilot, lambda: highlighted_id(app) == expected)
        assert not main_screen(app).query_one("#jump", JumpBox).is_open
        assert main_screen(app).focused is timeline(app)


async def test_colon_jump_to_a_relative_date(make_catalogue) -> None:
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("colon", *"40 years ago", "enter")
        await wait_until(pilot, lambda: highlighted_id(app) == "recognition", timeout=20)


async def test_an_unreadable_jump_date_shows_the_readers_message(make_catalogue) -> None:
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("colon", *"whenever", "enter")
        jump = main_screen(app).query_one("#jump", JumpBox)
        problem = jump.query_one("#jump-problem")
        await wait_until(pilot, lambda: problem.has_class("-shown"), timeout=20)
        assert "whenever" in str(problem.content)
        assert jump.is_open
        await pilot.press("escape")
        assert not jump.is_open
        assert main_screen(app).focused is timeline(app)


async def test_a_jump_past_every_event_says_so(make_catalogue) -> None:
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("colon", *"2030", "enter")
        problem = main_screen(app).query_one("#jump-problem")
        await wait_until(pilot, lambda: problem.has_class("-shown"))
        assert "No event" in str(problem.content)
