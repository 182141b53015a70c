"""Noticing that a catalogue or its articles changed, and what a reload keeps. No Textual.

Files are polled (a stat each), not watched through the system: no dependency,
and the same on every platform. A save by rename shows as a new inode.
"""

from __future__ import annotations

import dataclasses
import os
import time
from collections.abc import Container, Iterable
from pathlib import Path

from timeline_tui.catalogue.model import Catalogue
from timeline_tui.query import Filters

Stamp = tuple[int, int, int] | None
"""(mtime_ns, size, inode) of a file; None when it cannot be read."""


def stamp(path: Path) -> Stamp:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_mtime_ns, status.st_size, status.st_ino


def watched_paths(catalogue: Catalogue) -> tuple[Path, ...]:
    """The catalogue's file and each article it cites, once each."""
    paths = dict.fromkeys([catalogue.path, *(s.path for s in catalogue.sources.values())])
    return tuple(paths)


PER_LOOK = 500
"""Files stamped per look beyond the catalogue itself: ten thousand articles take a
tenth of a second to stat, too long for the app's thread every half second, so a
large catalogue's articles are looked at in turns (the catalogue every time)."""


class FileWatch:
    """Remembers how a set of files looked; says when any of them changed since.

    The first file (the catalogue) is looked at on every call; the others
    `PER_LOOK` at a time, in turns. A file first looked at after the watch
    began counts as changed if it was modified after that moment.
    """

    def __init__(self, paths: Iterable[Path]) -> None:
        self._paths = list(dict.fromkeys(paths))
        self._began = time.time_ns()
        self._stamps = {path: stamp(path) for path in self._paths[: PER_LOOK + 1]}
        self._turn = 1

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self._paths)

    def changed(self) -> bool:
        """Whether a file changed since the last call (or since the watch began)."""
        paths = self._paths
        if len(paths) <= PER_LOOK + 1:
            looked_at = paths
        else:
            if self._turn >= len(paths):
                self._turn = 1
            looked_at = [paths[0], *paths[self._turn : self._turn + PER_LOOK]]
            self._turn += PER_LOOK
        changed = False
        for path in looked_at:
            now = stamp(path)
            if path not in self._stamps:
                self._stamps[path] = now
                changed |= now is not None and now[0] > self._began
            elif now != self._stamps[path]:
                self._stamps[path] = now
                changed = True
        return changed

    def watch(self, paths: Iterable[Path]) -> None:
        """Also watch `paths` (an article the catalogue now cites), from how they are now."""
        known = set(self._paths)
        for path in paths:
            if path not in known:
                known.add(path)
                self._stamps[path] = stamp(path)
                self._paths.append(path)

    def forget_others(self, paths: Iterable[Path]) -> None:
        """Stop watching every file but `paths`."""
        keep = set(paths)
        self._paths = [path for path in self._paths if path in keep]
        for path in [p for p in self._stamps if p not in keep]:
            del self._stamps[path]


def carry_filters(filters: Filters, catalogue: Catalogue) -> tuple[Filters, list[str]]:
    """`filters` for a reloaded catalogue: ids it no longer has are dropped.

    Returns:
        The filters, and each dropped id as `actor ID`, `theme ID` or `source ID`.
    """
    dropped: list[str] = []

    def kept(label: str, chosen: frozenset[str], vocabulary: Container[str]) -> frozenset[str]:
        dropped.extend(f"{label} {value}" for value in sorted(chosen) if value not in vocabulary)
        return frozenset(value for value in chosen if value in vocabulary)

    carried = dataclasses.replace(
        filters,
        actors=kept("actor", filters.actors, catalogue.actors),
        themes=kept("theme", filters.themes, catalogue.themes),
        sources=kept("source", filters.sources, catalogue.sources),
    )
    return carried, dropped
