"""The app runs in a terminal of any size and shows every date the loader accepts."""

from __future__ import annotations

import copy

import pytest
from app_testing import main_screen, settle, shown_ids, tiny_app
from conftest import tiny_catalogue


@pytest.mark.parametrize("size", [(1, 1), (10, 5), (20, 10)])
async def test_a_tiny_terminal_runs_every_key_without_a_traceback(make_catalogue, size):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=size) as pilot:
        await pilot.press(
            "G", "enter", "n", "escape", "f", "slash", *"port", "escape", "question_mark"
        )
        await settle(pilot)
        await pilot.press("escape", "L", "escape", "o", "escape", "j", "k")
        await settle(pilot)
    assert app.return_code in (None, 0)


def far_future() -> dict:
    data = copy.deepcopy(tiny_catalogue())
    last = copy.deepcopy(data["events"][-1])
    last.update(id="far", date="9999-12-31", title="The last day")
    data["events"].append(last)
    span = copy.deepcopy(data["events"][3])
    span.update(id="long", date="2019", end="9999", title="A span to the end")
    data["events"].insert(4, span)
    return data


async def test_an_event_on_the_last_day_of_9999_and_a_span_ending_in_9999_are_shown(
    make_catalogue,
):
    app = tiny_app(make_catalogue, data=far_future())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "far" in shown_ids(app)
        assert "long" in shown_ids(app)
        by_year = main_screen(app).outcome.by_year
        assert by_year[9999] == pytest.approx(1 + 1 / (9999 - 2019 + 1), rel=1e-3)
        await pilot.press("G")
        await settle(pilot)
        assert main_screen(app).timeline.highlighted_event is not None


async def test_an_event_in_year_1_is_shown(make_catalogue):
    data = copy.deepcopy(tiny_catalogue())
    data["events"][0]["date"] = "0001-01-01"
    app = tiny_app(make_catalogue, data=data)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "recognition" in shown_ids(app)
