"""The command palette (ctrl+p) finds events, actors and themes by name."""

from __future__ import annotations

from app_testing import (
    SIZE,
    highlighted_id,
    main_screen,
    screen_text,
    settle,
    tiny_app,
    wait_until,
)
from textual.command import CommandPalette

from timeline_tui.app.commands import _titles
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.query import Filters


async def palette(pilot, query: str, expect: str) -> None:
    """Type `query` into the palette and wait until its background search shows `expect`."""
    await pilot.press("ctrl+p", *query)
    await wait_until(pilot, lambda: expect in screen_text(pilot.app))
    assert isinstance(pilot.app.screen, CommandPalette)


async def test_an_event_found_by_title_is_highlighted(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "embassies", "Apr 1992  Embassies open")
        await pilot.press("enter")
        await settle(pilot)
        assert highlighted_id(app) == "embassies"


async def test_an_event_hidden_by_the_filters_clears_them_to_show_it(make_catalogue):
    app = tiny_app(make_catalogue, Filters(themes=frozenset({"trade"})))
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "port opens", "clears the filters that hide it")
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).filters == Filters()
        assert highlighted_id(app) == "port"


class _Screen:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue


def test_titles_are_folded_once_per_catalogue_and_again_after_a_reload(make_catalogue):
    screen = _Screen(load_catalogue(make_catalogue()))
    titles = _titles(screen)
    assert _titles(screen) is titles
    screen.catalogue = load_catalogue(make_catalogue())  # what a reload does
    assert _titles(screen) is not titles
    assert list(_titles(screen).matching("embassies")) == list(titles.matching("embassies"))


async def test_a_theme_found_by_name_is_ticked_and_found_again_unticked(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "Filter by theme: transp", "show only its events")
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).filters.themes == {"transport"}
        await palette(pilot, "Filter by theme: transp", "stop filtering by it")
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).filters == Filters()


async def test_catalogue_themes_read_apart_from_the_colour_theme_command(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await palette(pilot, "theme", "Filter by theme: Transport")
        text = screen_text(app)
        assert "Theme: Transport" not in text.replace("Filter by theme: Transport", "")
