"""Holding the screen's next frame until a filter result arrives.

A keystroke's own echo (the letter in the search box, a tick) would get a frame
of its own; Textual paints at most 60 times a second, so the frame with the
result could only follow a frame period later, and painting the echo competes
with the filtering thread for the interpreter. The result is usually ready
within a few milliseconds, so the echo waits for it, up to a limit: one frame
shows both, and a slow result never keeps the keystroke from showing.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import Any

from textual.app import App
from textual.timer import Timer

HOLD_LIMIT = 0.1
"""Seconds the screen waits for a result before it shows the keystroke without it."""


class FrameHold:
    """One hold on an app's painting at a time; `release` ends it, and so does the limit."""

    def __init__(self, app: App[Any], limit: float = HOLD_LIMIT) -> None:
        self._app = app
        self._limit = limit
        self._held: ExitStack | None = None
        self._timer: Timer | None = None

    @property
    def held(self) -> bool:
        return self._held is not None

    def hold(self) -> None:
        if self.held:
            return
        self._held = ExitStack()
        self._held.enter_context(self._app.batch_update())
        self._timer = self._app.set_timer(self._limit, self.release, name="frame hold")

    def release(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self._held is not None:
            held, self._held = self._held, None
            held.close()


def hold_frame(app: App[Any]) -> None:
    """Hold the app's next frame, if it keeps a `frame_hold` (the timeline app does)."""
    if (frame_hold := _frame_hold_of(app)) is not None:
        frame_hold.hold()


def release_frame(app: App[Any]) -> None:
    if (frame_hold := _frame_hold_of(app)) is not None:
        frame_hold.release()


def _frame_hold_of(app: App[Any]) -> FrameHold | None:
    frame_hold = getattr(app, "frame_hold", None)
    return frame_hold if isinstance(frame_hold, FrameHold) else None
