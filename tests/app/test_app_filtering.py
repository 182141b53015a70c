"""Filtering from the keyboard: the counts beside actors and themes follow the filters."""

from __future__ import annotations

from app_testing import (
    SIZE,
    facet_row,
    highlighted_id,
    main_screen,
    settle,
    shown_ids,
    tiny_app,
    wait_until,
)

from timeline_tui.app.widgets.facet_list import FacetList
from timeline_tui.app.widgets.filter_summary import describe_filters
from timeline_tui.query import Filters


def counts_shown(app, facet: str) -> dict[str, int]:
    """The number at the end of each entry's line, as the person reads it."""
    facet_list = app.screen.query_one(f"#{facet}", FacetList)
    return {
        entry_id: int(facet_row(facet_list, entry_id).split()[-1].replace(",", ""))
        for entry_id in facet_list.shown_ids
    }


def ticked(app, facet: str) -> set[str]:
    facet_list = app.screen.query_one(f"#{facet}", FacetList)
    return {i for i in facet_list.shown_ids if facet_row(facet_list, i).startswith("✓")}


async def test_counts_start_as_each_entrys_number_of_events(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert counts_shown(app, "actors") == {"freedonia": 3, "firefly": 1, "sylvania": 4}
        assert counts_shown(app, "themes") == {"diplomacy": 3, "trade": 2, "transport": 1}


async def test_counts_follow_a_theme_ticked_from_the_keyboard(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"trade", "space")
        await settle(pilot)
        # actors: how many trade events each would show
        assert counts_shown(app, "actors") == {"freedonia": 1, "firefly": 1, "sylvania": 1}
        # themes: the other themes' counts ignore the theme filter itself
        await pilot.press("escape")
        assert counts_shown(app, "themes") == {"diplomacy": 3, "trade": 2, "transport": 1}
        assert ticked(app, "themes") == {"trade"}
        assert counts_shown(app, "actors") == app.index.facet_counts(
            main_screen(app).filters, "actors"
        )


async def test_actor_and_theme_combine_with_and_and_values_with_or(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"sylv", "space", "escape", "escape")
        await settle(pilot)
        assert shown_ids(app) == ["recognition", "embassies", "port", "visit"]
        await pilot.press("t", *"dipl", "space", "escape", *"transp", "space", "escape")
        await settle(pilot)
        assert main_screen(app).filters.themes == {"diplomacy", "transport"}
        assert shown_ids(app) == ["recognition", "embassies", "port", "visit"]
        await pilot.press("escape", "a", *"free", "space")
        await settle(pilot)
        assert main_screen(app).filters.actors == {"sylvania", "freedonia"}
        assert ticked(app, "actors") == {"freedonia"}  # the list is narrowed to "free"
        assert counts_shown(app, "themes") == {"diplomacy": 3, "trade": 2, "transport": 1}


async def test_counts_follow_the_search_and_the_dates(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"sylvania", "enter")
        await settle(pilot)
        expected = app.index.facet_counts(main_screen(app).filters, "themes")
        assert counts_shown(app, "themes") == expected
        await pilot.press("d", *"2019", "enter")
        await settle(pilot)
        assert counts_shown(app, "themes") == {"diplomacy": 1, "trade": 1, "transport": 0}


async def test_the_summary_line_says_what_is_filtered(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a", *"fire", "space", "escape", "escape")
        await settle(pilot)
        words = describe_filters(main_screen(app).filters, app.index.catalogue)
        assert words == ["actor Rufus T. Firefly"]
        assert "1 of 5 events · actor Rufus T. Firefly" in str(
            app.screen.query_one("#summary").content
        )


async def test_filtering_keeps_the_cursor_on_its_event_or_the_next_one(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "j")  # the port, 2018
        await pilot.press("t", *"trade", "space")
        await settle(pilot)
        assert shown_ids(app) == ["trade-2019", "visit"]
        assert highlighted_id(app) == "trade-2019"
        await pilot.press("space")  # untick: back to all, cursor stays
        await settle(pilot)
        assert highlighted_id(app) == "trade-2019"


async def test_a_stale_result_never_replaces_a_newer_one(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"port", "backspace", "backspace", "backspace", "backspace")
        await settle(pilot)
        assert main_screen(app).filters == Filters()
        assert shown_ids(app) == ["recognition", "embassies", "port", "trade-2019", "visit"]


async def test_a_click_on_the_density_strip_goes_to_that_years_events(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        strip = app.screen.query_one("#density")
        cells = strip.bins()
        cell = next(i for i, b in enumerate(cells) if b.first == 2018)
        await pilot.click(strip, offset=(cell + 1, 0))  # +1: the strip's padding
        assert highlighted_id(app) == "port"


async def test_a_click_on_a_theme_ticks_it(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        themes = app.screen.query_one("#themes", FacetList)
        row = themes.shown_ids.index("transport")
        await pilot.click(themes, offset=(5, row + 1))  # +1: the list's top border
        await settle(pilot)
        assert main_screen(app).filters.themes == {"transport"}
        assert shown_ids(app) == ["port"]


async def test_a_large_catalogues_density_strip_follows_the_first_screen(
    make_catalogue, monkeypatch
):
    from timeline_tui.app import filtering
    from timeline_tui.app.density import density_by_year
    from timeline_tui.app.widgets.density_strip import DensityStrip

    monkeypatch.setattr(filtering, "DENSITY_LATER_FROM", 1)
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        strip = app.screen.query_one("#density", DensityStrip)
        await wait_until(pilot, lambda: bool(strip._by_year))
        events = app.index.catalogue.events
        assert strip._by_year == density_by_year(event.date for event in events)
        assert len(shown_ids(app)) == len(events)


async def test_a_large_catalogues_counts_follow_its_events(make_catalogue, monkeypatch):
    import threading

    from timeline_tui.app import filtering
    from timeline_tui.app.cells import COUNTING
    from timeline_tui.app.widgets.density_strip import DensityStrip
    from timeline_tui.app.widgets.evidence_filters import EvidenceFilters

    monkeypatch.setattr(filtering, "COUNTS_LATER_FROM", 1)
    gate = threading.Event()
    count = filtering.FilterEngine.count

    def held(self, outcome, *args, **kwargs):
        if outcome.filters.text:  # a search's counts wait for the gate
            gate.wait(10)
        return count(self, outcome, *args, **kwargs)

    monkeypatch.setattr(filtering.FilterEngine, "count", held)
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        actors = app.screen.query_one("#actors", FacetList)
        strip = app.screen.query_one("#density", DensityStrip)
        assert counts_shown(app, "actors") == {"freedonia": 3, "firefly": 1, "sylvania": 4}
        await pilot.press("slash", *"trade")
        searched = Filters(text="trade")
        expected = [app.index.events[i].id for i in app.index.matching(searched)]
        assert 0 < len(expected) < len(app.index.events)
        await wait_until(pilot, lambda: shown_ids(app) == expected)
        await pilot.pause()
        # the events are in; every count says it is being made
        assert not main_screen(app).outcome.counted
        assert {facet_row(actors, i).split()[-1] for i in actors.shown_ids} == {COUNTING}
        evidence = app.screen.query_one("#evidence", EvidenceFilters)
        assert COUNTING in str(evidence.render())
        assert strip.has_class("-counting")
        gate.set()
        await wait_until(pilot, lambda: main_screen(app).outcome.counted)
        await pilot.pause()
        assert counts_shown(app, "actors") == app.index.facet_counts(searched, "actors")
        assert not strip.has_class("-counting")
        assert COUNTING not in str(evidence.render())
