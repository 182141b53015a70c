"""Catalogue and article text is shown literally: never markup, never escape sequences."""

from __future__ import annotations

import copy

from app_testing import main_screen, screen_text, settle, tiny_app
from conftest import ARTICLE_ONE, tiny_catalogue
from textual.command import CommandPalette
from textual.widgets import TextArea

from timeline_tui.app.widgets.facet_list import FacetList

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
        assert "[red]Evil[/] Corp" in app.screen.query_one("#actors", FacetList).prompt_text(
            "sylvania"
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
        await pilot.pause(0.3)
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        text = screen_text(app)
        assert "Actor: [red]Evil[/] Corp" in text
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
