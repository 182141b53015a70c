"""Catalogue and article text is shown literally: never markup, never escape sequences."""

from __future__ import annotations

import copy

from app_testing import facet_row, main_screen, screen_text, settle, tiny_app, wait_until
from conftest import ARTICLE_ONE, tiny_catalogue
from textual.command import CommandPalette
from textual.widgets import TextArea

from timeline_tui.app.screens.command import CommandScreen
from timeline_tui.app.widgets.facet_list import FacetList
from timeline_tui.query import Filters
from timeline_tui.text.printable import is_printable

WIDE = (160, 40)
TITLE = "[bold]x[/] costs $1.3 [billion] \x1b[2J\x1b]52;c;cHduZWQ=\x07"
ARTICLE = "Intro.\n\nNoise \x1b[31m[bold]red[/bold] and then $1.3 [billion] was paid.\n"


def hostile() -> dict:
    data = copy.deepcopy(tiny_catalogue())
    data["actors"][1]["name"] = "[red]Evil[/] Corp"
    data["themes"][0]["name"] = "[b]Bold[/b] theme"
    data["sources"][0]["publisher"] = "[i]Pub[/i] \u202eevil"
    data["sources"].append(
        {
            "id": "three",
            "file": "three.txt",
            "publisher": "Third",
            "title": "[link=https://x.invalid]t[/link]",
            "published": "2021",
        }
    )
    visit = data["events"][4]
    visit["title"] = TITLE
    visit["summary"] = "zero\u200bwidth and [b]not bold[/b]"
    visit["sources"].append({"source": "three", "quote": "$1.3 [billion] was paid."})
    return data


def no_raw_controls(text: str) -> None:
    for dangerous in ("\x1b", "\x07", "\u202e", "\u200b"):
        assert dangerous not in text, repr(dangerous)


async def test_the_timeline_shows_brackets_and_escapes_literally(make_catalogue):
    app = tiny_app(make_catalogue, data=hostile(), articles={"three.txt": ARTICLE})
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        no_raw_controls(text)
        assert "[bold]x[/] costs $1.3 [billion] \\x1b[2J\\x1b]52;c;cHduZWQ=\\x07" in text
        assert "Trade grows by 40 [percent]" in text
        assert "Freedonia, [red]Evil[/] Corp" in text
        assert "[red]Evil[/] Corp" in facet_row(
            app.screen.query_one("#actors", FacetList), "sylvania"
        )
        assert "[b]Bold[/b] theme" in text


async def test_the_sources_panel_shows_brackets_and_escapes_literally(make_catalogue):
    app = tiny_app(make_catalogue, data=hostile(), articles={"three.txt": ARTICLE})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("G", "enter", "n")
        await pilot.pause()
        text = screen_text(app)
        no_raw_controls(text)
        assert "[i]Pub[/i] \\u202eevil" in text
        assert "zero\\u200bwidth and [b]not bold[/b]" in text
        assert "Noise \\x1b[31m[bold]red[/bold] and then $1.3 [billion] was paid." in text
        assert "“[link=https://x.invalid]t[/link]”" in text


async def test_the_article_screen_shows_escapes_visibly_and_selects_the_quote(make_catalogue):
    app = tiny_app(make_catalogue, data=hostile(), articles={"three.txt": ARTICLE})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("G", "enter", "n", "o")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        no_raw_controls(area.text)
        assert "\\x1b[31m[bold]red[/bold]" in area.text
        assert area.selected_text == "$1.3 [billion] was paid."
        no_raw_controls(screen_text(app))


async def test_the_summary_and_copied_quote_are_literal_and_safe(make_catalogue):
    app = tiny_app(make_catalogue, data=hostile(), articles={"three.txt": ARTICLE})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("a", *"evil", "space", "escape", "escape")
        await settle(pilot)
        assert "actor [red]Evil[/] Corp" in screen_text(app)
        await pilot.press("G", "y")
        no_raw_controls(app.clipboard)
        assert "[i]Pub[/i] \\u202eevil" in app.clipboard
        assert main_screen(app).filters.actors == {"sylvania"}


async def test_the_command_palette_shows_names_literally(make_catalogue):
    app = tiny_app(make_catalogue, data=hostile(), articles={"three.txt": ARTICLE})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p", *"evil")
        await wait_until(pilot, lambda: "Filter by actor: [red]Evil[/] Corp" in screen_text(app))
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).filters.actors == {"sylvania"}


async def test_the_tiny_catalogues_own_brackets_show(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("G", "enter")
        text = screen_text(app)
        assert "signed a trade deal worth $1.3 [billion]." in text
        assert "$1.3 [billion]" in ARTICLE_ONE


HOSTILE_ID = "syl\x1b]0;owned\x07\u202evania"
"""An actor id with an OSC sequence that retitles the window, a BEL and a bidi override."""


def hostile_ids() -> dict:
    data = copy.deepcopy(tiny_catalogue())
    data["actors"][1]["id"] = HOSTILE_ID
    data["actors"][1]["name"] = "Sylvania \x1b]52;c;cHduZWQ=\x07"
    for event in data["events"]:
        event["actors"] = [HOSTILE_ID if a == "sylvania" else a for a in event["actors"]]
    return data


def sylvania_ticked() -> Filters:
    return Filters(actors=frozenset({HOSTILE_ID}))


def printable_only(text: str) -> None:
    assert is_printable(text.replace("\n", " ")), repr(text)


async def test_the_command_screen_shows_a_hostile_id_printably(make_catalogue):
    app = tiny_app(make_catalogue, sylvania_ticked(), data=hostile_ids())
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandScreen))
        text = screen_text(app)
        printable_only(text)
        assert "$'syl\\x1b]0;owned\\x07\\xe2\\x80\\xaevania'" in text
        assert "$'...' writes them" in text


async def test_y_on_the_command_screen_sends_a_printable_command(make_catalogue):
    app = tiny_app(make_catalogue, sylvania_ticked(), data=hostile_ids())
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("L")
        await wait_until(pilot, lambda: isinstance(app.screen, CommandScreen))
        await pilot.press("y")
        await wait_until(pilot, lambda: not isinstance(app.screen, CommandScreen))
        printable_only(app.clipboard)
        assert app.clipboard.startswith("timeline list --catalog ")
        assert app.clipboard.endswith("--actor $'syl\\x1b]0;owned\\x07\\xe2\\x80\\xaevania'")
        text = screen_text(app)
        printable_only(text)
        assert "Sent the command to the terminal's clipboard." in text


async def test_y_on_the_main_screen_says_the_quote_was_sent(make_catalogue):
    app = tiny_app(make_catalogue, data=hostile_ids())
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("G", "y")
        await wait_until(
            pilot, lambda: "Sent the quote and its citation to the terminal's" in screen_text(app)
        )
        printable_only(app.clipboard)


async def test_a_nul_in_an_id_is_refused_with_a_visible_message(make_catalogue):
    nul_id = "nul\x00\x1b[2J"
    data = copy.deepcopy(tiny_catalogue())
    data["themes"][2]["id"] = nul_id
    data["events"][2]["themes"] = [nul_id]
    app = tiny_app(make_catalogue, Filters(themes=frozenset({nul_id})), data=data)
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("L")
        await wait_until(pilot, lambda: "has no command line" in screen_text(app))
        assert not isinstance(app.screen, CommandScreen)
        text = screen_text(app)
        printable_only(text)
        assert "nul\\x00\\x1b[2J" in text


async def test_the_palette_shows_a_hostile_id_and_name_printably(make_catalogue):
    app = tiny_app(make_catalogue, data=hostile_ids())
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("ctrl+p", *"sylvania")
        await wait_until(pilot, lambda: "actor syl" in screen_text(app))
        text = screen_text(app)
        printable_only(text)
        assert "actor syl\\x1b]0;owned\\x07\\u202evania: show only its events" in text
        assert "Sylvania \\x1b]52;c;cHduZWQ=\\x07" in text
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).filters.actors == {HOSTILE_ID}
        printable_only(screen_text(app))


INVISIBLE = "soft\u00adhyphen tag\U000e0041 times\u2062 filler\u3164 isolate\u2066"


async def test_the_article_screen_escapes_format_and_default_ignorable_characters(
    make_catalogue,
):
    article = f"Intro.\n\n{INVISIBLE} and then $1.3 [billion] was paid.\n"
    app = tiny_app(make_catalogue, data=hostile(), articles={"three.txt": article})
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("G", "enter", "n", "o")
        await wait_until(pilot, lambda: bool(app.screen.query(TextArea)))
        area = app.screen.query_one(TextArea)
        assert (
            "soft\\xadhyphen tag\\U000e0041 times\\u2062 filler\\u3164 isolate\\u2066" in area.text
        )
        assert is_printable(area.text.replace("\n", " "))


async def test_a_hostile_event_id_shows_printably_in_the_sources_and_on_the_clipboard(
    make_catalogue,
):
    data = copy.deepcopy(tiny_catalogue())
    data["events"][0]["id"] = HOSTILE_ID
    app = tiny_app(make_catalogue, data=data)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "id syl\\x1b]0;owned\\x07\\u202evania" in text
        printable_only(text)
        await pilot.press("y")
        printable_only(app.clipboard)
        assert app.clipboard.endswith("[event syl\\x1b]0;owned\\x07\\u202evania]")
