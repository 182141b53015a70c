"""Every key of the main screen, driven with Pilot on the tiny catalogue."""

from __future__ import annotations

import datetime as dt

from app_testing import (
    SIZE,
    highlighted_id,
    main_screen,
    screen_text,
    settle,
    shown_ids,
    timeline,
    tiny_app,
)
from textual.content import Content
from textual.widgets import Input, Static, TextArea

from timeline_tui.app import key_help
from timeline_tui.app.screens.article import ArticleScreen
from timeline_tui.app.screens.command import CommandScreen
from timeline_tui.app.screens.help import HelpScreen
from timeline_tui.app.widgets.facet_list import FacetList
from timeline_tui.app.widgets.filter_pane import FilterPane
from timeline_tui.query import Filters


def static_text(app, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Content) else str(content)


def date_problem(app) -> str:
    return static_text(app, "#date-problem")


ALL = ["recognition", "embassies", "port", "trade-2019", "visit"]


async def test_opens_on_every_event_in_date_order_with_the_first_highlighted(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_ids(app) == ALL
        assert highlighted_id(app) == "recognition"
        assert app.focused is timeline(app)
        text = screen_text(app)
        assert "5 of 5 events" in text
        for date in ("Dec 1991", "Apr 1992", "Jan 2018", "2019", "1 Mar 2021"):
            assert date in text


async def test_starts_with_the_command_line_filters(make_catalogue):
    filters = Filters(actors=frozenset({"freedonia"}), since=dt.date(1992, 1, 1))
    app = tiny_app(make_catalogue, filters)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown_ids(app) == ["embassies", "trade-2019"]
        assert app.screen.query_one("#since", Input).value == "1992-01-01"
        assert "2 of 5 events · actor Freedonia · from 1 Jan 1992" in screen_text(app)


async def test_j_k_and_arrows_move_one_event(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j")
        assert highlighted_id(app) == "embassies"
        await pilot.press("down", "down")
        assert highlighted_id(app) == "trade-2019"
        await pilot.press("k")
        assert highlighted_id(app) == "port"
        await pilot.press("up", "up", "up")  # stops at the first
        assert highlighted_id(app) == "recognition"


async def test_g_G_home_end_go_to_the_ends(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G")
        assert highlighted_id(app) == "visit"
        await pilot.press("g")
        assert highlighted_id(app) == "recognition"
        await pilot.press("end")
        assert highlighted_id(app) == "visit"
        await pilot.press("home")
        assert highlighted_id(app) == "recognition"


async def test_page_down_and_up_move_a_screenful(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=(100, 14)) as pilot:  # room for about three events
        await pilot.press("pagedown")
        after_one_page = highlighted_id(app)
        assert after_one_page not in (None, "recognition", "embassies")
        await pilot.press("pagedown", "pagedown")
        assert highlighted_id(app) == "visit"
        await pilot.press("pageup")
        assert highlighted_id(app) != "visit"
        await pilot.press("pageup", "pageup", "pageup")
        assert highlighted_id(app) == "recognition"


async def test_enter_opens_the_sources_and_escape_closes_them(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        assert not screen.quotes_open
        await pilot.press("enter")
        assert screen.quotes_open
        assert screen.quotes.event is app.index.events[0]
        await pilot.press("j")  # the sources follow the cursor
        assert screen.quotes.event is app.index.events[1]
        await pilot.press("escape")
        assert not screen.quotes_open
        assert app.focused is timeline(app)


async def test_slash_searches_and_enter_returns_to_the_timeline(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        assert app.focused is app.screen.query_one("#search", Input)
        await pilot.press(*"port")
        await settle(pilot)
        assert shown_ids(app) == ["port"]
        assert "1 of 5 events" in screen_text(app)
        await pilot.press("enter")
        assert app.focused is timeline(app)


async def test_letters_typed_in_the_search_box_do_not_trigger_keys(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"qcat")  # q would quit, c clear, a/t focus lists
        await settle(pilot)
        assert app.is_running
        assert app.screen.query_one("#search", Input).value == "qcat"
        assert shown_ids(app) == []
        assert "No events match" in screen_text(app)


async def test_a_narrows_the_actors_by_typing_and_space_ticks(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("a")
        actors = app.screen.query_one("#actors", FacetList)
        assert app.focused is actors
        await pilot.press(*"fire")  # matches Rufus T. Firefly by name
        assert actors.shown_ids == ["firefly"]
        await pilot.press("space")
        await settle(pilot)
        assert main_screen(app).filters.actors == {"firefly"}
        assert shown_ids(app) == ["visit"]
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        assert len(actors.shown_ids) == 3
        await pilot.press(*"fredonia", "enter")  # an alias; enter ticks too
        await settle(pilot)
        assert main_screen(app).filters.actors == {"firefly", "freedonia"}
        assert shown_ids(app) == ["recognition", "embassies", "trade-2019", "visit"]
        await pilot.press("escape")  # clears the narrowing first
        assert actors.narrowing == ""
        assert app.focused is actors
        await pilot.press("escape")
        assert app.focused is timeline(app)


async def test_t_ticks_themes_and_unticks_them(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"trans", "space")
        await settle(pilot)
        assert shown_ids(app) == ["port"]
        await pilot.press("space")
        await settle(pilot)
        assert shown_ids(app) == ALL


async def test_d_reads_a_date_range_like_the_command_line(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        assert app.focused is app.screen.query_one("#since", Input)
        await pilot.press(*"April 1992", "enter")
        await settle(pilot)
        assert app.focused is app.screen.query_one("#until", Input)
        await pilot.press(*"2019", "enter")
        await settle(pilot)
        assert main_screen(app).filters.since == dt.date(1992, 4, 1)
        assert main_screen(app).filters.until == dt.date(2019, 12, 31)
        assert shown_ids(app) == ["embassies", "port", "trade-2019"]
        assert app.focused is timeline(app)


async def test_an_unreadable_date_is_said_plainly_and_changes_nothing(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"xyzzy", "enter")
        await settle(pilot)
        assert main_screen(app).filters == Filters()
        assert date_problem(app).startswith("Since: cannot read 'xyzzy' as a date: write a year")
        assert "Since: cannot read 'xyzzy' as a" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k", *"2019", "enter")  # fixed: the message goes
        await settle(pilot)
        assert date_problem(app) == ""
        assert not app.screen.query_one("#date-problem").display
        assert shown_ids(app) == ["trade-2019", "visit"]


async def test_a_range_that_ends_before_it_starts_is_refused(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", *"2020", "enter", *"2019", "enter")
        await settle(pilot)
        assert date_problem(app) == (
            "Since 1 Jan 2020 is after until 31 Dec 2019: no date is in that range."
        )
        # `since` alone was read when enter moved on to `until`; the bad range is not applied
        assert main_screen(app).filters == Filters(since=dt.date(2020, 1, 1))


async def test_c_clears_every_filter_and_every_box(make_catalogue):
    app = tiny_app(make_catalogue, Filters(themes=frozenset({"trade"}), since=dt.date(2019, 1, 1)))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"grew", "escape")
        await settle(pilot)
        assert shown_ids(app) == ["trade-2019"]
        await pilot.press("c")
        await settle(pilot)
        assert main_screen(app).filters == Filters()
        assert shown_ids(app) == ALL
        assert highlighted_id(app) == "trade-2019"  # the cursor stays on its event
        for box in ("#search", "#since", "#until"):
            assert app.screen.query_one(box, Input).value == ""


async def test_f_hides_and_shows_the_filter_pane(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        pane = app.screen.query_one(FilterPane)
        await pilot.press("f")
        assert not pane.display
        await pilot.press("f")
        assert pane.display
        await pilot.press("f", "slash")  # a filter key brings it back
        assert pane.display
        assert app.focused is app.screen.query_one("#search", Input)


async def test_o_opens_the_article_at_the_quote_and_escape_comes_back(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "o")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        area = app.screen.query_one(TextArea)
        assert area.selected_text.startswith("On Monday, President Firefly visited Sylvania")
        assert area.selected_text.endswith("$1.3 [billion].")
        await pilot.press("escape")
        assert main_screen(app)


async def test_n_and_p_move_between_the_sources_of_an_event(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        screen = main_screen(app)
        await pilot.press("enter")
        assert screen.quotes.source_index == 0
        await pilot.press("n")
        assert screen.quotes.source_index == 1
        assert screen.quotes.citation is not None and screen.quotes.citation.source == "two"
        await pilot.press("n")  # round again
        assert screen.quotes.source_index == 0
        await pilot.press("p")
        assert screen.quotes.source_index == 1
        await pilot.press("o")  # the article of the current source
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        assert app.screen.query_one(TextArea).selected_text == (
            "Freedonia recognised Sylvania in 1992"
        )
        await pilot.press("p")  # the article screen moves between sources too
        assert app.screen.query_one(TextArea).selected_text == (
            "Freedonia recognised Sylvania in December 1991."
        )


async def test_y_copies_the_quote_with_its_citation_and_the_event_id(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y")
        assert app.clipboard == (
            "“Freedonia recognised Sylvania in December 1991.” — The Daily, “Ties”, 2 March 2021"
            " [event recognition]"
        )
        await pilot.press("enter", "n", "y")
        assert app.clipboard.startswith("“Freedonia recognised Sylvania in 1992” — A. Writer")


async def test_question_mark_shows_every_key_and_escape_closes_it(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app, "#help-text")
        assert "timeline list --catalog" in text
        for _, _, meaning in key_help.help_lines():
            assert meaning in text
        await pilot.press("escape")
        assert main_screen(app)


async def test_L_shows_the_command_for_this_view_and_y_copies_it(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t", *"trade", "space", "escape")
        await settle(pilot)
        await pilot.press("L")  # still in the list: it narrows
        assert not isinstance(app.screen, CommandScreen)
        await pilot.press("escape", "escape", "L")
        assert isinstance(app.screen, CommandScreen)
        assert app.screen.command.endswith("events.yaml --theme trade")
        await pilot.press("y")
        assert app.clipboard == main_screen(app).command_line()
        assert main_screen(app)


async def test_q_quits(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        assert app.return_code is None
        await pilot.press("q")
    assert app.return_code == 0


async def test_a_click_highlights_and_a_second_click_shows_the_sources(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        view = timeline(app)
        line = view._lines.line_of(2)  # the port's row
        await pilot.click(view, offset=(20, line))
        assert highlighted_id(app) == "port"
        assert not main_screen(app).quotes_open
        await pilot.click(view, offset=(20, line))
        assert main_screen(app).quotes_open


async def test_an_empty_catalogue_opens_and_says_so(make_catalogue):
    data = {"sources": [], "actors": [], "themes": [], "events": []}
    app = tiny_app(make_catalogue, data=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "G", "enter", "o", "y", "n", "slash", *"x")
        await settle(pilot)
        assert "The catalogue has no events." in screen_text(app)
        assert "0 of 0 events" in screen_text(app)
