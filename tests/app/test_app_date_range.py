"""Every date the loader accepts can be shown: the earliest and the latest years."""

from __future__ import annotations

import copy

from app_testing import SIZE, settle, timeline, tiny_app
from conftest import tiny_catalogue


async def test_the_first_and_the_last_accepted_years_are_shown(make_catalogue):
    data = copy.deepcopy(tiny_catalogue())
    data["events"][0]["date"] = "0001"
    data["events"][1]["date"] = "9999-12-31"
    data["events"][2]["date"] = "9999"
    data["events"][2]["end"] = "9999-12"
    app = tiny_app(make_catalogue, data=data)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        assert timeline(app).highlighted_event is not None
        assert app.is_running
