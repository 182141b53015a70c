"""The frame hold: a keystroke's echo waits for its result, but never for long."""

from __future__ import annotations

import threading

from app_testing import SIZE, main_screen, settle, shown_ids, tiny_app, wait_until
from textual.app import App, ComposeResult
from textual.widgets import Static

from timeline_tui.app.frame_hold import FrameHold


class _Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("text")


async def test_a_hold_ends_at_its_limit_when_nobody_releases_it():
    app = _Bare()
    async with app.run_test() as pilot:
        hold = FrameHold(app, limit=0.05)
        hold.hold()
        hold.hold()  # one hold at a time
        assert hold.held
        await wait_until(pilot, lambda: not hold.held, timeout=1)


async def test_release_ends_the_hold_once():
    app = _Bare()
    async with app.run_test() as pilot:
        hold = FrameHold(app, limit=10)
        hold.hold()
        hold.release()
        hold.release()
        assert not hold.held
        await pilot.pause()


async def test_typing_a_search_leaves_nothing_held(make_catalogue):
    app = tiny_app(make_catalogue)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", *"port")
        await settle(pilot)
        assert not app.frame_hold.held
        assert shown_ids(app) == ["port"]
        await pilot.press("escape", "c")  # clearing sets the box, then the filters
        await settle(pilot)
        assert not app.frame_hold.held
        assert main_screen(app).filters.is_empty


async def test_a_slow_result_does_not_hold_the_keystroke_back(make_catalogue):
    app = tiny_app(make_catalogue)
    engine = app.engine
    run = engine.run
    result_may_come = threading.Event()

    def slow_run(filters, *args, **kwargs):
        if filters.text:  # the first result, on mount, comes at once
            result_may_come.wait(timeout=10)
        return run(filters, *args, **kwargs)

    engine.run = slow_run  # type: ignore[method-assign]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash", "p")
        assert app.frame_hold.held
        # the limit ends the hold while the result is still on its way
        await wait_until(pilot, lambda: not app.frame_hold.held, timeout=1)
        assert main_screen(app).outcome.filters.text == ""
        result_may_come.set()
        await settle(pilot)
        assert main_screen(app).outcome.filters.text == "p"
