"""Showing how far a long load has got, on the terminal's error stream.

The loaders report through a plain callable, `report(phase, fraction)`, and
know nothing of terminals; `ProgressLine` is the one the command line passes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from timeline_tui.text.printable import printable

Report = Callable[[str, "float | None"], None]
"""`report("reading", 0.42)`: a phase of loading and the share of it done, if known."""

SHOW_AFTER = 0.5
"""Seconds before the line appears: a quick load shows nothing."""
REDRAW_EVERY = 0.1


class ProgressLine:
    """`timeline: loading events.yaml: reading 42%`, redrawn in place, erased when done.

    Only on a terminal: redirected, the error stream gets no progress lines.
    """

    def __init__(
        self,
        stream: TextIO,
        label: str,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self._label = printable(label)
        self._clock = clock
        self._started = clock()
        self._drawn_at: float | None = None
        self._phase = ""
        try:
            self._active = stream.isatty()
        except (AttributeError, ValueError):
            self._active = False

    def __call__(self, phase: str, fraction: float | None) -> None:
        if not self._active:
            return
        now = self._clock()
        if now - self._started < SHOW_AFTER:
            return
        drawn_at = self._drawn_at
        if phase == self._phase and drawn_at is not None and now - drawn_at < REDRAW_EVERY:
            return
        self._phase, self._drawn_at = phase, now
        done = "" if fraction is None else f" {min(100, max(0, round(fraction * 100)))}%"
        self._write(f"\rtimeline: loading {self._label}: {phase}{done}\x1b[K")

    def close(self) -> None:
        """Erase the line, if it was drawn."""
        if self._drawn_at is not None:
            self._write("\r\x1b[K")
            self._drawn_at = None

    def _write(self, text: str) -> None:
        try:
            self._stream.write(text)
            self._stream.flush()
        except (OSError, ValueError):
            self._active = False
