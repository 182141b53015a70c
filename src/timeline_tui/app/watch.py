"""Noticing that a catalogue or its articles changed, and what a reload keeps. No Textual.

Files are polled (a stat each), not watched through the system: no dependency,
and the same on every platform. A save by rename shows as a new inode.
"""

from __future__ import annotations

import dataclasses
import os
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


class FileWatch:
    """Remembers how a set of files looked; says when any of them changed since."""

    def __init__(self, paths: Iterable[Path]) -> None:
        self._stamps = {path: stamp(path) for path in paths}

    @property
    def paths(self) -> tuple[Path, ...]:
        return tuple(self._stamps)

    def changed(self) -> bool:
        """Whether a file changed since the last call (or since the watch began)."""
        changed = False
        for path, before in self._stamps.items():
            now = stamp(path)
            if now != before:
                self._stamps[path] = now
                changed = True
        return changed

    def watch(self, paths: Iterable[Path]) -> None:
        """Also watch `paths` (an article the catalogue now cites), from how they are now."""
        for path in paths:
            if path not in self._stamps:
                self._stamps[path] = stamp(path)

    def forget_others(self, paths: Iterable[Path]) -> None:
        """Stop watching every file but `paths`."""
        keep = set(paths)
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
