"""The key bar: the keys that work where the focus is, clickable, never cut in half."""

from __future__ import annotations

from app_testing import SIZE, main_screen, tiny_app

from timeline_tui.app.widgets.key_bar import KeyBar


def _bar_text(app) -> str:
    return app.screen.query_one(KeyBar).render().plain


async def test_the_bar_follows_the_focus(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        assert "⏎ Quotes" in _bar_text(app)
        assert "space Toggle" not in _bar_text(app)
        await pilot.press("a")
        await pilot.pause()
        assert "space Toggle" in _bar_text(app)
        assert "⏎ Quotes" not in _bar_text(app)


async def test_clicking_a_hint_presses_its_key(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        bar = app.screen.query_one(KeyBar)
        text = _bar_text(app)
        column = text.index("f Filters")
        assert main_screen(app).pane.display
        await pilot.click(bar, offset=(column + 1 + 1, 0))  # +1: the bar's padding
        await pilot.pause()
        assert not main_screen(app).pane.display
        await pilot.click(bar, offset=(text.index("  ") + 1 + 1, 0))  # a gap: nothing
        await pilot.pause()
        assert not main_screen(app).pane.display


async def test_hints_that_do_not_fit_are_left_out_whole(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=(40, 24)) as pilot:
        await pilot.pause()
        text = _bar_text(app)
        assert len(text) <= 40 - 2
        assert text.endswith(("Quotes", "Help", "Search", "Actors"))
        wide = tiny_app(make_catalogue)
    async with wide.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _bar_text(wide).endswith("q Quit")
