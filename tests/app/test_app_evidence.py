"""Evidence in view: the sources panel opens at the quote that matched, on screen, with its id."""

from __future__ import annotations

import re

from app_testing import SIZE, main_screen, screen_text, settle, tiny_app, wait_until
from textual.content import Content
from textual.widgets import Static

from timeline_tui.app.app import TimelineApp
from timeline_tui.app.screens.article import ArticleScreen
from timeline_tui.app.widgets.key_bar import KeyBar
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.embedded import embedded_catalogue_path
from timeline_tui.query import Filters, Index


def embedded_app(filters: Filters | None = None) -> TimelineApp:
    return TimelineApp(Index(load_catalogue(embedded_catalogue_path())), filters or Filters())


def current_section(app) -> Static:
    return app.screen.query_one(".quote-source.-current", Static)


def plain(static: Static) -> str:
    content = static.content
    return content.plain if isinstance(content, Content) else str(content)


def underlined(static: Static) -> list[str]:
    """The words of a Static drawn underlined (the search's words)."""
    content = static.content
    assert isinstance(content, Content)
    return [
        content.plain[span.start : span.end]
        for span in content.spans
        if "underline" in str(span.style)
    ]


def shown_in(app, widget) -> str:
    """What a widget shows on screen, its edge marks and line breaks gone (a wrapped quote
    reads whole)."""
    region = widget.region
    rows = screen_text(app).split("\n")[region.y : region.bottom]
    text = " ".join(row[region.x : region.right] for row in rows)
    return " ".join(re.sub(r"[▌▕│]", " ", text).split())


def bar_keys(app) -> list[str]:
    return [hint.display for hint in app.screen.query_one(KeyBar).hints]


async def test_the_viewer_opens_at_the_first_quote_that_matches_the_search(make_catalogue):
    # recognition's first quote says December 1991, its second 1992
    app = tiny_app(make_catalogue, Filters(text="1992"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).quotes.source_index == 1
        assert "The Weekly" in plain(current_section(app))


async def test_without_a_search_the_viewer_opens_at_the_first_quote(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert main_screen(app).quotes.source_index == 0


async def test_search_words_are_highlighted_in_the_title_and_the_quote(make_catalogue):
    app = tiny_app(make_catalogue, Filters(text="sylvania 1992"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        title = app.screen.query_one("#quote-event", Static)
        assert "Sylvania" in underlined(title)
        assert {"Sylvania", "1992"} <= set(underlined(current_section(app)))


async def test_search_words_are_highlighted_in_the_article(make_catalogue):
    app = tiny_app(make_catalogue, Filters(text="december"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        await settle(pilot)
        area = app.screen.text_area
        row = next(n for n, line in enumerate(area.text.split("\n")) if "December" in line)
        line = area.get_line(row)
        start = line.plain.index("December")
        assert any(
            span.start <= start < span.end and "underline" in str(span.style) for span in line.spans
        )


async def test_the_matching_quote_is_on_screen_at_120_by_40():
    app = embedded_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"turnover", "enter", "enter")
        await settle(pilot)
        await pilot.pause()
        assert "Quote 2 of 2" in plain(current_section(app))
        assert "Trade turnover totals $1.3 [billion]" in shown_in(app, main_screen(app).quotes)


async def test_the_quote_is_on_screen_below_figures_and_a_dispute_note():
    app = embedded_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = main_screen(app)
        events = app.index.catalogue.events
        heavy = [n for n, e in enumerate(events) if e.figures and e.disputes]
        assert heavy, "the embedded catalogue has events with figures and disputes"
        for event in heavy[:3]:
            screen.go_to_event(event)
            await pilot.press("enter")
            await settle(pilot)
            await pilot.pause()
            viewer = screen.quotes
            region = viewer.quote_region
            top = viewer.scroll_offset.y
            assert top <= region.y < top + viewer.scrollable_content_region.height
            await pilot.press("escape")


async def test_j_and_k_scroll_the_focused_sources_panel():
    app = embedded_app(Filters(text="turnover"))
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        viewer = main_screen(app).quotes
        viewer.focus()
        await pilot.press("home")
        await pilot.pause()
        assert viewer.scroll_offset.y == 0
        await pilot.press("j", "j")
        await pilot.pause()
        assert viewer.scroll_offset.y == 2
        await pilot.press("k")
        await pilot.pause()
        assert viewer.scroll_offset.y == 1


async def test_the_sources_keys_are_in_the_key_bar_wherever_the_focus_is(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=(160, 30)) as pilot:
        assert "n" not in bar_keys(app)  # no sources panel: the bar keeps its room
        await pilot.press("enter")
        await settle(pilot)
        assert {"n", "p", "o", "y", "z"} <= set(bar_keys(app))
        main_screen(app).quotes.focus()
        await pilot.pause()
        assert {"n", "p", "o", "y", "z"} <= set(bar_keys(app))
        await pilot.press("n")
        assert main_screen(app).quotes.source_index == 1


async def test_the_sources_panel_shows_the_event_id(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(pilot)
        assert "id recognition" in plain(app.screen.query_one("#quote-event", Static))


async def test_the_sources_panel_leaves_the_timeline_half_the_height():
    app = embedded_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        screen = main_screen(app)
        assert screen.timeline.region.height >= 16
        assert screen.quotes.region.height >= 16


async def test_z_gives_the_sources_panel_the_whole_screen_and_back(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "z")
        await pilot.pause()
        screen = main_screen(app)
        assert not screen.timeline.display or screen.timeline.region.height == 0
        assert screen.quotes.region.height == SIZE[1] - 1  # all but the key bar
        assert screen.focused is screen.quotes
        await pilot.press("z")
        await pilot.pause()
        assert screen.timeline.region.height > 0
        assert screen.focused is screen.timeline


async def test_the_article_counts_the_events_quotes_and_sources_apart(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        heading = plain(app.screen.query_one("#article-heading", Static))
        assert "This event's quote 1 of 2 (2 sources)" in heading


async def test_o_from_the_timeline_opens_the_article_of_the_quote_that_matches(make_catalogue):
    app = tiny_app(make_catalogue, Filters(text="1992"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")  # recognition: its second quote, from two.txt, says 1992
        await wait_until(pilot, lambda: isinstance(app.screen, ArticleScreen))
        assert app.screen.citation_index == 1


async def test_y_from_the_timeline_copies_the_quote_that_matches(make_catalogue):
    app = tiny_app(make_catalogue, Filters(text="1992"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("y")
        assert app.clipboard.startswith("“Freedonia recognised Sylvania in 1992”")
