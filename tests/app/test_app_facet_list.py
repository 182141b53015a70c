"""The actor and theme lists: moving, narrowing to nothing, and many entries."""

from __future__ import annotations

from app_testing import SIZE, facet_row, main_screen, screen_text, settle, tiny_app
from conftest import tiny_catalogue

from timeline_tui.app.widgets.facet_list import FacetList


def _actors(app) -> FacetList:
    return app.screen.query_one("#actors", FacetList)


async def test_arrows_home_and_end_move_the_highlight(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        actors = _actors(app)
        assert actors.shown_ids == ["freedonia", "firefly", "sylvania"]  # by name
        assert actors.highlighted_id == "freedonia"
        await pilot.press("down")
        assert actors.highlighted_id == "firefly"
        await pilot.press("end")
        assert actors.highlighted_id == "sylvania"
        await pilot.press("down")  # stays on the last
        assert actors.highlighted_id == "sylvania"
        await pilot.press("home")
        assert actors.highlighted_id == "freedonia"
        await pilot.press("up")
        assert actors.highlighted_id == "freedonia"


async def test_narrowing_to_nothing_says_so_and_space_ticks_nothing(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"zzz")
        assert _actors(app).shown_ids == []
        assert "No match: escape clears" in screen_text(app)
        await pilot.press("space")
        await settle(pilot)
        assert main_screen(app).filters.actors == frozenset()
        await pilot.press("escape")
        assert len(_actors(app).shown_ids) == 3


async def test_a_long_list_scrolls_to_the_highlight_and_counts_every_entry(make_catalogue):
    data = tiny_catalogue()
    extra = [{"id": f"party-{n:04}", "name": f"Party {n:04}", "kind": "other"} for n in range(2000)]
    data["actors"].extend(extra)
    data["events"][0]["actors"].append("party-1999")
    app = tiny_app(make_catalogue, data=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", "end")
        actors = _actors(app)
        assert actors.highlighted_id == "sylvania"  # last by name
        assert "Sylvania" in screen_text(app)
        assert "Party 0000" not in screen_text(app)  # scrolled off the top
        await pilot.press(*"1999")
        assert actors.shown_ids == ["party-1999"]
        assert facet_row(actors, "party-1999").split()[-1] == "1"
        await pilot.press("space")
        await settle(pilot)
        assert main_screen(app).filters.actors == {"party-1999"}
        assert [app.index.events[i].id for i in main_screen(app).outcome.matches] == ["recognition"]
