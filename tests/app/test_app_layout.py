"""A layout for any terminal: the pane folds away when narrow, titles wrap, lists and the
key bar say only what is true where the focus is, and the density strip filters by year."""

from __future__ import annotations

import datetime as dt

import pytest
from app_testing import SIZE, facet_row, main_screen, screen_text, settle, shown_ids, tiny_app
from textual.widgets import Input

from timeline_tui.app.app import TimelineApp
from timeline_tui.app.density import YearBin, axis_line, bin_years, label_step
from timeline_tui.app.widgets.facet_list import FacetList
from timeline_tui.app.widgets.key_bar import KeyBar
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.embedded import embedded_catalogue_path
from timeline_tui.query import Filters, Index


def embedded_app() -> TimelineApp:
    return TimelineApp(Index(load_catalogue(embedded_catalogue_path())), Filters())


def bar_keys(app) -> list[str]:
    return [hint.display for hint in app.screen.query_one(KeyBar).hints]


async def test_below_100_columns_the_filter_pane_folds_away_and_the_timeline_takes_the_width(
    make_catalogue,
):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert not screen.pane.display
        assert screen.timeline.region.width == 80


@pytest.mark.parametrize("key", ["f", "a", "t", "slash", "d"])
async def test_the_pane_keys_bring_it_back_over_the_timeline_and_escape_folds_it(
    make_catalogue, key
):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        await pilot.press(key)
        await pilot.pause()
        assert screen.pane.display and screen.pane.has_focus_within
        assert screen.timeline.region.width == 80  # over it, not beside it
        await pilot.press("escape")
        await pilot.pause()
        assert not screen.pane.display
        assert screen.focused is screen.timeline


async def test_a_wide_screen_keeps_the_pane_beside_the_timeline(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        assert screen.pane.display
        assert screen.timeline.region.x >= screen.pane.region.right


async def test_a_title_too_long_for_its_line_goes_on_to_the_second():
    app = embedded_app()
    async with app.run_test(size=(60, 50)) as pilot:
        await settle(pilot)
        rows = screen_text(app).split("\n")
        first = next(n for n, row in enumerate(rows) if "China recognises" in row)
        assert "…" not in rows[first]
        assert "independence" in rows[first] + rows[first + 1]


async def test_themes_show_by_the_names_the_pane_gives_them(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        timeline = main_screen(app).timeline
        rows = [timeline.render_line(y).text for y in range(4)]
        assert any("Diplomacy" in row for row in rows)
        assert not any("#diplomacy" in row for row in rows)


async def test_an_unfocused_list_shows_no_cursor(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        actors = app.screen.query_one("#actors", FacetList)
        first, second = actors.shown_ids[:2]
        assert actors.highlighted_id == first
        assert not actors.has_focus

        def backgrounds(entry_id: str) -> set[object]:
            row = actors.shown_ids.index(entry_id)
            return {segment.style.bgcolor for segment in actors.render_line(row)}

        assert backgrounds(first) == backgrounds(second)
        assert facet_row(actors, first)  # the row itself is drawn
        await pilot.press("a")
        await pilot.pause()
        assert backgrounds(first) != backgrounds(second)


async def test_in_a_list_the_key_bar_leaves_out_keys_the_list_takes_as_text(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        await pilot.pause()
        keys = bar_keys(app)
        assert not {"c", "f", "q", "?"} & set(keys)
        assert "esc" in keys


async def test_in_a_text_box_the_key_bar_is_not_empty(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen.focused, Input)
        assert bar_keys(app) == ["esc"]


async def test_a_click_on_the_density_strip_filters_to_that_year_and_again_to_every_year(
    make_catalogue,
):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        strip = app.screen.query_one("#density")
        cell = next(i for i, b in enumerate(strip.bins()) if b.first == 2018)
        await pilot.click(strip, offset=(cell + 1, 0))  # +1: the strip's padding
        await settle(pilot)
        filters = main_screen(app).filters
        assert (filters.since, filters.until) == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))
        assert shown_ids(app) == ["port"]
        assert app.screen.query_one("#since", Input).value == "2018"
        await pilot.click(strip, offset=(cell + 1, 0))
        await settle(pilot)
        assert main_screen(app).filters == Filters()


async def test_y_filters_to_the_highlighted_events_year_and_again_to_every_year(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "j", "Y")  # the port, 2018
        await settle(pilot)
        assert shown_ids(app) == ["port"]
        await pilot.press("Y")
        await settle(pilot)
        assert len(shown_ids(app)) == 5


def test_axis_labels_are_years_when_there_is_room_and_decades_when_not():
    assert label_step(5, 60) == 1
    assert label_step(35, 80) == 5
    assert label_step(35, 40) == 10
    line = axis_line(bin_years({}, 1991, 2025, 70))  # two cells a year: every fifth year
    assert "1995" in line and "2000" in line and "2020" in line
    assert line.index("2000") == (2000 - 1991) * 2  # under its own year's first cell
    assert axis_line(bin_years({}, 1991, 2025, 35)).split() == ["2000", "2010", "2020"]


def test_the_cursors_year_is_labelled_and_round_years_keep_clear_of_it():
    bins = [YearBin(1991 + n, 1991 + n, 1.0) for n in range(35)]
    line = axis_line(bins, cursor=2001)
    assert "▲2001" in line
    assert "2000" not in line  # it would touch the cursor's label
    assert "2010" in line
