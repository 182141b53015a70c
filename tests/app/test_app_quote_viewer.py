"""The sources panel: one source or several, figures, disagreements, missing articles."""

from __future__ import annotations

import copy

from app_testing import SIZE, main_screen, settle, tiny_app
from conftest import tiny_catalogue
from textual.content import Content
from textual.widgets import Static, TextArea

from timeline_tui.app.screens.article import ArticleScreen
from timeline_tui.app.widgets.quote_viewer import QuoteViewer


def viewer_text(app) -> str:
    viewer = app.screen.query_one(QuoteViewer)
    parts = []
    for static in viewer.query(Static):
        content = static.content
        parts.append(content.plain if isinstance(content, Content) else str(content))
    return "\n".join(parts)


def current_section(app) -> str:
    section = app.screen.query_one(".quote-source.-current", Static)
    content = section.content
    return content.plain if isinstance(content, Content) else str(content)


async def test_a_single_source_event(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")  # embassies: one source
        text = viewer_text(app)
        assert "Embassies open" in text
        assert "April 1992" in text
        assert "Quote 1 of 1" in text
        assert "(n/p)" not in text
        assert "The Daily · “Ties” · 2 Mar 2021" in text
        assert "The two countries opened embassies in April 1992." in text
        assert "A single source." in text
        assert main_screen(app).check_action("source", (1,)) is False


async def test_several_sources_with_their_disagreement(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # recognition: two sources that disagree on the date
        text = viewer_text(app)
        assert "Quote 1 of 2  (n/p)" in text and "Quote 2 of 2" in text
        assert "The Daily · “Ties” · 2 Mar 2021" in text
        assert "A. Writer · The Weekly · “Port” · 2021" in text
        assert "≠ Sources disagree (date): One says December 1991, two says 1992." in text
        assert "A single source." not in text
        # the quote stands inside its paragraph: the words around it are there too
        assert "Freedonia recognised Sylvania in 1992, according to this account." in text
        assert "The Daily" in current_section(app)
        await pilot.press("n")
        assert "The Weekly" in current_section(app)


async def test_figures_and_the_date_wording_are_shown(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("G", "enter")
        text = viewer_text(app)
        assert "1 March 2021 · “On Monday”" in text
        assert "Figure: trade deal: 1.3 USD billion" in text
        assert "signed a trade deal worth $1.3 [billion]." in text


async def test_a_missing_article_is_said_inline(make_catalogue, tmp_path):
    app = tiny_app(make_catalogue)
    (tmp_path / "two.txt").unlink()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        text = viewer_text(app)
        assert "The article file two.txt is missing." in text
        assert "Freedonia recognised Sylvania in 1992" in text  # the catalogue's quote
        await pilot.press("n", "o")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        problem = app.screen.query_one("#article-problem", Static).content
        assert "two.txt is missing" in str(problem)
        assert app.screen.query_one(TextArea).text == "Freedonia recognised Sylvania in 1992"


async def test_a_quote_not_in_its_article_is_said_inline(make_catalogue):
    data = copy.deepcopy(tiny_catalogue())
    data["events"][1]["sources"][0]["quote"] = "Words the article never had."
    app = tiny_app(make_catalogue, data=data)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("j", "enter")
        assert "This quote is not in one.txt" in viewer_text(app)
        await pilot.press("o")
        await pilot.pause()
        area = app.screen.query_one(TextArea)
        assert area.text.startswith("Ties between Freedonia and Sylvania")
        assert "not in one.txt" in str(app.screen.query_one("#article-problem", Static).content)


async def test_the_viewer_follows_the_cursor_and_starts_at_the_first_source(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "n")
        assert main_screen(app).quotes.source_index == 1
        await pilot.press("j", "k")
        await settle(pilot)
        assert main_screen(app).quotes.source_index == 0
        assert "Quote 1 of 2" in current_section(app)


async def test_n_opens_the_sources_at_the_next_one(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        assert main_screen(app).quotes_open
        assert main_screen(app).quotes.source_index == 1
        await pilot.press("escape", "j", "n")  # embassies has one source: nothing to move to
        assert not main_screen(app).quotes_open
