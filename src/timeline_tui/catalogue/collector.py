"""Keeping the cyclic garbage collector out of the way while a catalogue is built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """The cyclic collector off for the block, back as it was after it.

    Building a catalogue makes a great many small objects, none of them cycles; each
    allocation threshold passed would otherwise start a collection that walks them all.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
