"""Events and quotes that could not be verified in their articles are marked as such."""

from __future__ import annotations

import copy

from app_testing import SIZE, screen_text, settle, tiny_app
from conftest import tiny_catalogue
from test_app_quote_viewer import viewer_text

from timeline_tui.app.widgets.quote_viewer import QuoteViewer
from timeline_tui.app.widgets.timeline_rows import UNVERIFIED_MARK


def broken() -> dict:
    data = copy.deepcopy(tiny_catalogue())
    data["events"][0]["sources"][0]["quote"] = "Words no article holds."  # recognition
    return data


async def verified(pilot) -> None:
    """Wait for the citations to be verified, which happens after the first paint."""
    viewer = pilot.app.screen.query_one(QuoteViewer)
    for _ in range(200):
        await settle(pilot)
        if viewer.verified:
            return
    raise AssertionError("the citations were never verified")


def row_of(text: str, title: str) -> str:
    """The timeline's row for an event (above the sources panel, which may repeat the title)."""
    return next(line for line in text.splitlines() if title in line)


async def test_an_event_with_an_unverified_quote_is_marked_on_its_row(make_catalogue):
    app = tiny_app(make_catalogue, data=broken())
    async with app.run_test(size=SIZE) as pilot:
        await verified(pilot)
        text = screen_text(app)
        assert f"{UNVERIFIED_MARK}Dec 1991" in row_of(text, "Freedonia recognises Sylvania")
        assert UNVERIFIED_MARK not in row_of(text, "Embassies open")


async def test_the_unverified_quote_says_why_in_the_sources_panel(make_catalogue):
    app = tiny_app(make_catalogue, data=broken())
    async with app.run_test(size=SIZE) as pilot:
        await verified(pilot)
        await pilot.press("enter")  # recognition: its first quote is not in one.txt
        await settle(pilot)
        text = viewer_text(app)
        assert f"{UNVERIFIED_MARK} 1 of its quotes could not be verified" in text
        assert f"{UNVERIFIED_MARK} Not verified: quote not found in one.txt." in text
        assert text.count("Not verified") == 1


async def test_a_verified_catalogue_has_no_marks(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await verified(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(QuoteViewer).unverified == {}
        assert "Not verified" not in viewer_text(app)
        for title in ("Freedonia recognises Sylvania", "Embassies open"):
            assert UNVERIFIED_MARK not in row_of(screen_text(app), title)
