"""The article screen: every event's quotes marked and linked, open date mentions marked.

Most tests use the tiny catalogue, whose article one.txt holds four events' quotes
and one open date mention (its own date line, "2 March 2021"). `marked()` adds an
article of its own with a quote, an excluded date and an open one.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

import pytest
from app_testing import SIZE, highlighted_id, main_screen, screen_text, settle, tiny_app
from conftest import tiny_catalogue
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static
from textual.widgets.text_area import Selection

from timeline_tui.app import article_marks, keys
from timeline_tui.app.article_marks import ArticleMarks, Kind, Locator, QuoteMark
from timeline_tui.app.screens import article as article_screen
from timeline_tui.app.screens.article import ArticleScreen
from timeline_tui.app.screens.help import HelpScreen
from timeline_tui.app.widgets.article_text import ArticleText
from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters
from timeline_tui.sources.coverage import Status
from timeline_tui.sources.provenance import Article

ARTICLE_THREE = """Notes on the [bridge] $2 [million]

Published 5 May 2021.

The bridge opened in June 2020 at a cost of $2 [million].
Talks on a second bridge resumed in March 2021, officials said.
"""


def marked() -> dict[str, Any]:
    """The tiny catalogue with a third article: one quote, one exclusion, one open date."""
    data = copy.deepcopy(tiny_catalogue())
    data["sources"].append(
        {"id": "three", "file": "three.txt", "publisher": "Third", "title": "Bridges",
         "published": "2021-05-05"}
    )  # fmt: skip
    data["events"].append(
        {
            "id": "bridge",
            "date": "2020-06",
            "title": "A [bridge] opens",
            "summary": "A bridge.",
            "actors": ["sylvania"],
            "themes": ["transport"],
            "sources": [{"source": "three", "quote": "The bridge opened in June 2020"}],
        }
    )
    data["excluded"] = [
        {"source": "three", "quote": "Published 5 May 2021.", "reason": "the article's own date"}
    ]
    return data


def screen(app) -> ArticleScreen:
    assert isinstance(app.screen, ArticleScreen), app.screen
    return app.screen


def area(app) -> ArticleText:
    return screen(app).text_area


def static_text(app, selector: str) -> str:
    content = app.screen.query_one(selector, Static).content
    return content.plain if isinstance(content, Content) else str(content)


def marked_words(app, row: int, kind: Kind) -> list[str]:
    """The words of a row drawn with a mark's style, read from the line the TextArea draws."""
    text_area = area(app)
    line = text_area.get_line(row)
    style = text_area.mark_style(kind)
    return [line.plain[s.start : s.end] for s in line.spans if s.style == style]


async def open_article(pilot, *keys: str) -> None:
    await settle(pilot)
    await pilot.press(*keys, "o")
    await settle(pilot)  # the date mentions are found in a worker


# --- quotes -----------------------------------------------------------------------------


async def test_every_events_quotes_are_marked_and_the_events_own_apart(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "G")  # the visit, quoted from one.txt
        quotes = screen(app).marks.quotes
        events = [app.index.events[q.event].id for q in quotes]
        assert events == ["recognition", "embassies", "visit", "trade-2019"]
        assert [q.current for q in quotes] == [False, False, True, False]
        assert marked_words(app, 4, Kind.QUOTE) == [
            "Freedonia recognised Sylvania in December 1991.",
            "The two countries opened embassies in April 1992.",
        ]
        assert marked_words(app, 6, Kind.CURRENT) == [
            "On Monday, President Firefly visited Sylvania and signed a trade deal worth "
            "$1.3 [billion]."
        ]
        legend = static_text(app, "#article-legend")
        assert "this event's quote  other events' quotes: 3" in legend


async def test_tab_and_brackets_move_between_every_events_quotes(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "G")
        text_area = area(app)
        assert text_area.selected_text.startswith("On Monday")  # the event's own quote
        await pilot.press("tab")
        assert text_area.selected_text == "Trade grew by 40 [percent] in 2019"
        assert "Catalogue quote 4 of 4 here  2019  Trade grows by 40 [percent]" in static_text(
            app, "#article-at"
        )
        await pilot.press("tab")  # round to the first
        assert text_area.selected_text == "Freedonia recognised Sylvania in December 1991."
        await pilot.press("shift+tab")
        assert text_area.selected_text == "Trade grew by 40 [percent] in 2019"
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert text_area.selected_text.startswith("The two countries opened embassies")
        await pilot.press("right_square_bracket")
        assert text_area.selected_text.startswith("On Monday")
        assert "this event's quote" in static_text(app, "#article-at")
        # n, p and y still act on the event's own source and quote
        await pilot.press("y")
        assert app.clipboard.startswith("“On Monday, President Firefly")
        assert app.clipboard.endswith(" [event visit]")


async def test_enter_goes_to_the_quotes_event_and_keeps_the_filters(make_catalogue):
    app = tiny_app(make_catalogue, Filters(actors=frozenset({"freedonia"})))
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "G")  # the last matching event is trade-2019
        await pilot.press("shift+tab", "shift+tab")  # back past the visit to the embassies
        await pilot.press("enter")
        await settle(pilot)
        assert highlighted_id(app) == "embassies"
        assert main_screen(app).filters == Filters(actors=frozenset({"freedonia"}))
        assert app.focused is main_screen(app).timeline


async def test_enter_clears_the_filters_only_for_a_hidden_event_and_says_so(make_catalogue):
    app = tiny_app(make_catalogue, Filters(themes=frozenset({"diplomacy"})))
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "G")  # the visit
        await pilot.press("tab", "enter")  # trade-2019 is not on diplomacy
        await settle(pilot)
        assert main_screen(app).filters == Filters()
        assert highlighted_id(app) == "trade-2019"
        assert any("cleared" in str(n.message) for n in app._notifications)


async def test_enter_outside_a_quote_says_so_and_stays(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        area(app).selection = Selection.cursor((0, 0))  # the headline
        await pilot.pause()
        assert "tab next quote" in static_text(app, "#article-at")
        await pilot.press("enter")
        assert isinstance(app.screen, ArticleScreen)
        assert any("no quote" in str(n.message) for n in app._notifications)
        area(app).selection = Selection.cursor((4, 60))  # inside the embassies' quote
        await pilot.press("enter")
        await settle(pilot)
        assert highlighted_id(app) == "embassies"


async def test_escape_goes_back_without_moving(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "j")
        await pilot.press("tab", "tab", "escape")
        await settle(pilot)
        assert highlighted_id(app) == "embassies"


# --- date mentions ----------------------------------------------------------------------


async def test_open_and_excluded_mentions_are_marked_with_a_legend(make_catalogue):
    app = tiny_app(make_catalogue, data=marked(), articles={"three.txt": ARTICLE_THREE})
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "slash", *"bridge", "enter")
        found = screen(app).mentions
        assert found is not None and found.problem is None
        assert [(m.text, m.status) for m in found.mentions] == [
            ("5 May 2021", Status.EXCLUDED),
            ("June 2020", Status.COVERED),
            ("March 2021", Status.OPEN),
        ]
        assert marked_words(app, 2, Kind.EXCLUDED) == ["5 May 2021"]
        assert marked_words(app, 5, Kind.OPEN) == ["March 2021"]
        assert marked_words(app, 4, Kind.CURRENT) == ["The bridge opened in June 2020"]
        legend = static_text(app, "#article-legend")
        assert "open date mentions: 1  excluded: 1" in legend
        # } goes to the open mention and says what it is
        await pilot.press("right_curly_bracket")
        assert area(app).selected_text == "March 2021"
        where = static_text(app, "#article-at")
        assert "“March 2021” → Mar 2021 (month)  open:" in where
        await pilot.press("left_curly_bracket")  # the only one: it stays
        assert area(app).selected_text == "March 2021"
        area(app).selection = Selection.cursor((2, 12))
        await pilot.pause()
        assert "excluded: the article's own date" in static_text(app, "#article-at")


async def test_the_article_shows_at_once_and_the_marks_arrive_from_the_worker(
    make_catalogue, monkeypatch
):
    gate = threading.Event()
    real = article_screen.find_source_mentions
    calls: list[str] = []

    def slow(catalogue, source_id):
        calls.append(source_id)
        gate.wait(timeout=10)
        return real(catalogue, source_id)

    monkeypatch.setattr(article_screen, "find_source_mentions", slow)
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        # the article and its quotes are there while the mentions are being found
        assert "Ties between Freedonia and Sylvania" in area(app).text
        assert screen(app).mentions is None
        assert "finding the date mentions…" in static_text(app, "#article-legend")
        assert marked_words(app, 2, Kind.OPEN) == []
        assert len(screen(app).marks.quotes) == 4
        gate.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert marked_words(app, 2, Kind.OPEN) == ["2 March 2021"]
        assert "open date mentions: 1  excluded: 0" in static_text(app, "#article-legend")
        # kept per source: opening it again finds none anew, and the marks show at once
        await pilot.press("escape", "j", "o")
        await pilot.pause()
        assert marked_words(app, 2, Kind.OPEN) == ["2 March 2021"]
        assert calls == ["one"]


async def test_a_failing_search_for_mentions_is_said_in_the_legend(make_catalogue, monkeypatch):
    def failing(catalogue, source_id):
        raise RuntimeError("no [dates] today")

    monkeypatch.setattr(article_screen, "find_source_mentions", failing)
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        legend = static_text(app, "#article-legend")
        assert "date mentions not found: RuntimeError: no [dates] today" in legend
        assert len(screen(app).marks.quotes) == 4  # the quotes are still marked


async def test_n_and_p_mark_the_other_sources_article(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)  # recognition: one.txt, then two.txt
        await pilot.press("n")
        await settle(pilot)
        quotes = screen(app).marks.quotes
        assert [(app.index.events[q.event].id, q.current) for q in quotes] == [
            ("port", False),
            ("recognition", True),
        ]
        assert "open date mentions: 0" in static_text(app, "#article-legend")
        await pilot.press("p")
        await settle(pilot)
        assert len(screen(app).marks.quotes) == 4


async def test_markup_like_article_text_stays_literal(make_catalogue):
    app = tiny_app(make_catalogue, data=marked(), articles={"three.txt": ARTICLE_THREE})
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "slash", *"bridge", "enter")
        text = screen_text(app)
        assert "Notes on the [bridge] $2 [million]" in text
        assert "at a cost of $2 [million]." in text
        assert "A [bridge] opens" in static_text(app, "#article-at")


async def test_escapes_in_an_article_do_not_shift_the_marks(make_catalogue):
    data = marked()
    article = ARTICLE_THREE.replace("The bridge", "\x1b[31mThe bridge")
    app = tiny_app(make_catalogue, data=data, articles={"three.txt": article})
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot, "slash", *"bridge", "enter")
        assert "\\x1b[31mThe bridge" in area(app).text
        assert marked_words(app, 4, Kind.CURRENT) == ["The bridge opened in June 2020"]


async def test_an_article_that_cannot_be_read_has_no_marks(make_catalogue, tmp_path):
    app = tiny_app(make_catalogue)
    (tmp_path / "one.txt").unlink()
    async with app.run_test(size=SIZE) as pilot:
        await open_article(pilot)
        assert "one.txt is missing" in static_text(app, "#article-problem")
        assert not app.screen.query_one("#article-legend").display
        assert screen(app).marks.quotes == []
        await pilot.press("tab", "enter")  # nothing to move to or go to
        assert isinstance(app.screen, ArticleScreen)


async def test_help_lists_the_article_keys(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = static_text(app, "#help-text")
        for binding in keys.ARTICLE:
            assert isinstance(binding, Binding) and binding.tooltip in text


# --- the marks, without the app ---------------------------------------------------------


def test_places_are_counted_on_the_printable_text():
    text = "ab\x1bcd\nline two\tx"
    locate = Locator(text)
    assert locate(0) == (0, 0)
    assert locate(4) == (0, 7)  # "ab\\x1bc": the escape takes four columns
    assert locate(6) == (1, 0)
    assert locate(len(text)) == (1, 10)


def test_a_mark_over_several_rows_is_cut_per_row():
    quote = QuoteMark((1, 4), (3, 2), event=0, citation=0, current=False)
    marks = ArticleMarks([quote])
    assert marks.row(0) == []
    assert marks.row(1) == [(4, None, Kind.QUOTE)]
    assert marks.row(2) == [(0, None, Kind.QUOTE)]
    assert marks.row(3) == [(0, 2, Kind.QUOTE)]


@pytest.mark.parametrize(
    ("where", "current", "delta", "expected"),
    [
        ((0, 0), None, 1, 0),
        ((0, 5), None, 1, 1),  # inside the first: the next is the second
        ((9, 0), None, 1, 0),  # after the last: round to the first
        ((0, 0), None, -1, 2),
        ((5, 0), None, -1, 2),
        ((4, 5), None, -1, 1),  # inside the last: the previous is the second
        ((0, 0), 1, 1, 2),  # from a quote moved to, whatever the cursor
        ((0, 0), 2, 1, 0),
    ],
)
def test_stepping_between_quotes_wraps(where, current, delta, expected):
    quotes = [QuoteMark((r, 2), (r, 9), r, 0, False) for r in (0, 2, 4)]
    assert ArticleMarks(quotes).step_quote(where, current, delta) == expected


def test_quotes_standing_in_the_same_place_are_both_stepped_to():
    twins = [QuoteMark((1, 0), (1, 5), event, 0, False) for event in (3, 7)]
    marks = ArticleMarks(twins)
    first = marks.step_quote((0, 0), None, 1)
    assert first == 0
    assert marks.step_quote((1, 0), first, 1) == 1


def test_a_mention_search_that_fails_is_a_problem_not_an_error(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    found = article_marks.find_source_mentions(catalogue, "no-such-source")
    assert found.mentions == ()
    assert found.problem is not None and "no-such-source" in found.problem


def test_quote_marks_skip_quotes_not_in_the_article(make_catalogue):
    data = copy.deepcopy(tiny_catalogue())
    data["events"][1]["sources"][0]["quote"] = "Words the article never had."
    catalogue = load_catalogue(make_catalogue(data))
    article = Article(catalogue.sources["one"].path.read_text(encoding="utf-8"))
    marks = article_marks.quote_marks(
        catalogue, "one", article, catalogue.events[0], Locator(article.text)
    )
    assert [catalogue.events[m.event].id for m in marks] == ["recognition", "trade-2019", "visit"]
    assert [m.current for m in marks] == [True, False, False]
