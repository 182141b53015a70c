"""A parsed, validated copy of each catalogue in the user's cache directory.

Parsing and validating 100,000 events of YAML takes seconds; reading them back
from the cache takes a fraction of one. Beside the catalogue the entry keeps
what the query `Index` precomputes (day bounds, actor and theme memberships,
search texts, totals), so the app starts filtering without building them. The
entry is mapped into memory and read as asked for (`stored.py`): opening a
million events reads a few megabytes; each event is decoded when it is first
shown or written.

The cache is never required: a missing, read-only, unsafe or unusable cache
directory, or a stale, corrupt or foreign entry, only means the catalogue is
loaded from its YAML (and the entry rewritten when it can be).

What is trusted, and why:
- The folder (`folder.py`) only when it is the user's own and writable by no
  one else, and an entry only when it is a regular file, not a link, owned by
  the user: another user sharing `XDG_CACHE_HOME` cannot plant or redirect one.
- Even then an entry's bytes are data, never code: MessagePack decoded into the
  model's dataclasses, each value's type checked (`entry.py`). A pickle would
  run whatever code its bytes name, so a file whose bytes someone else chose
  (an "article" from a catalogue bundle, reached through a link) would run as
  the user; this format cannot.
- Each frame's and each event slice's SHA-256 is checked before it is decoded:
  a flipped byte is a miss (an event slice found altered later, the catalogue
  is read again from its YAML).

An entry is used only when all of these match what it was written from: the
catalogue's resolved path, size, modification and change times, inode and
device (any write changes the change time, which no program can set back);
`timeline_tui.__version__`, `FORMAT`, the Python version, the model's
dataclasses and their fields, and the package's source files (so an editable
install never serves a catalogue built by older code). The catalogue's bytes
are not read on a warm start: hashing 480 MB of YAML would be most of a
second. Only when the file changed within `RECENT_SECONDS` of the entry's
writing, when a second write could have kept every time stamp, does the key
also hold the SHA-256 of its bytes, checked at every read. One entry serves every
spelling of the path (relative, absolute, through a link): the spelling kept in
messages and `Catalogue.path` is rewritten on the way out. Loading does not
read the articles, so they are not part of the key; where each article path
resolves to is, since the loader refuses articles that resolve outside the
catalogue's folder.

The folder is bounded (`folder.MAX_TOTAL_BYTES`, oldest entries removed first).
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import os
import stat
import sys
import time
import typing
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from timeline_tui import __version__
from timeline_tui.cache import entry
from timeline_tui.cache.folder import SUFFIX, Folder
from timeline_tui.cache.spelling import respeller
from timeline_tui.cache.stored import Events, Parts, parts_frames
from timeline_tui.catalogue.collector import gc_paused
from timeline_tui.catalogue.files import Unreadable, read_catalogue_bytes
from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.query import Index, IndexParts
from timeline_tui.query.parts import StoredParts
from timeline_tui.text.progress import Report

__all__ = [
    "FORMAT",
    "cache_dir",
    "entry_name",
    "load",
    "load_index",
    "loaded_digest",
    "model_layout",
]

FORMAT = 5
"""Bump when the layout of an entry changes."""
EVENTS_PER_SLICE = 1_000
"""Events whose digest is checked together: the first row shown from a slice
checks about a megabyte (under a millisecond); a whole slice decodes in a few."""
RECENT_SECONDS = 2.0
"""A catalogue changed this recently may change again within one tick of the file
system's clock: its entry's key holds the SHA-256 of its bytes as well."""
FREEZE_FROM = 10_000
"""Catalogues of this many events are frozen out of the garbage collector's sight
(`gc.freeze`). Below it the collector's walks cost little, and freezing would also
keep whatever cyclic garbage the process holds at that moment (a test run's, say)."""


_LOADED: dict[str, str] = {}
"""Per path as given, the digest of the key its catalogue was last loaded under."""


def loaded_digest(path: Path | str) -> str | None:
    """A digest of everything the catalogue last loaded from `path` in this process was
    made from (its bytes' SHA-256, path, size, modification time, the code: the
    entry's key), or None when it was not loaded through the cache, or its file
    changed while it was read. What is derived from the catalogue alone can be
    kept under it."""
    return _LOADED.get(str(path))


def _remember(path: Path, key: dict[str, Any]) -> None:
    _LOADED[str(path)] = hashlib.sha256(repr(sorted(key.items())).encode()).hexdigest()


def load_catalogue(path: Path | str, report: Report | None = None) -> Catalogue:
    """`catalogue.load_catalogue`, imported on a miss only: a warm start needs no
    YAML parser, and importing PyYAML would be a fifth of a small `timeline list`."""
    from timeline_tui.catalogue import load_catalogue as parse

    return parse(path, report)


def cache_dir() -> Path | None:
    """`$XDG_CACHE_HOME/timeline-tui`, or `~/.cache/timeline-tui`; None without a home.

    A relative `XDG_CACHE_HOME` is ignored, as the XDG specification asks.
    """
    base = os.environ.get("XDG_CACHE_HOME", "")
    if base and os.path.isabs(base):
        return Path(base) / "timeline-tui"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
        return None
    return home / ".cache" / "timeline-tui"


def load(path: Path | str, *, use_cache: bool = True, report: Report | None = None) -> Catalogue:
    """The catalogue at `path`, from the cache when it is current, else from its YAML.

    Either way, from `FREEZE_FROM` events, the objects are then moved out of the
    cyclic garbage collector's sight (`gc.freeze`): the catalogue lives as long
    as the process, and a full collection would otherwise walk its million
    objects now and then, a pause of a few tenths of a second in the app.

    Raises:
        CatalogueError: as `catalogue.load_catalogue` does.
    """
    return _frozen(Path(path), use_cache, report).catalogue


def load_index(path: Path | str, *, use_cache: bool = True, report: Report | None = None) -> Index:
    """`load`, and the catalogue's `Index`, its parts stored in the cache beside the
    catalogue and read when a filter first needs them, so a warm start builds nothing."""
    return _frozen(Path(path), use_cache, report)


def _frozen(path: Path, use_cache: bool, report: Report | None) -> Index:
    # The collector stays off until the objects are frozen: re-enabled earlier, its
    # next run would walk every object just made, a quarter of a second at 100,000.
    with gc_paused():
        loaded = _load(path, use_cache, report)
        if len(loaded.events) >= FREEZE_FROM:
            gc.freeze()
    return loaded


def _load(path: Path, use_cache: bool, report: Report | None) -> Index:
    _LOADED.pop(str(path), None)
    location = cache_dir() if use_cache else None
    if location is None:
        return Index(load_catalogue(path, report))
    try:
        before = os.stat(path)
        if not stat.S_ISREG(before.st_mode):
            return Index(load_catalogue(path, report))  # a pipe is read once, never cached
        resolved = path.resolve()
    except OSError:
        return Index(load_catalogue(path, report))  # which reports why the file cannot be read
    key = _key(resolved, before)
    name = entry_name(resolved)
    folder = Folder.open(location, create=False)
    if folder is not None:
        with folder:
            cached = _read(location, folder, name, key, path)
        if cached is not None:
            return Index(*cached)
    catalogue = load_catalogue(path, report)
    # What filters need is built once here and stored, so later starts skip it.
    if report is not None:
        report("indexing", None)
    index = Index(catalogue)
    parts = index.export_parts()
    try:
        after = os.stat(path)
        if _recent(after):
            key["sha256"] = hashlib.sha256(read_catalogue_bytes(path)).hexdigest()
            after = os.stat(path)
    except (OSError, Unreadable):
        return index
    if _stamp(after) == _stamp(before):  # else it changed while we read it: do not cache
        _remember(path, key)
        folder = Folder.open(location, create=True)
        if folder is not None:
            with folder:
                _write(folder, name, key, path, catalogue, parts, report)
    return index


def entry_name(resolved: Path) -> str:
    """The entry's file name: one per file, however its path is spelled."""
    digest = hashlib.sha256(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()
    return digest[:32] + SUFFIX


def _stamp(stat: os.stat_result) -> tuple[int, int, int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)


def _recent(stat: os.stat_result) -> bool:
    return max(stat.st_mtime, stat.st_ctime) > time.time() - RECENT_SECONDS


def _key(resolved: Path, stat: os.stat_result) -> dict[str, Any]:
    """Everything an entry must match to stand for this catalogue (`sha256` is
    added when the file changed just before the entry was written)."""
    return {
        "format": FORMAT,
        "version": __version__,
        "python": "{}.{} {}".format(*sys.version_info[:2], sys.byteorder),
        "code": _code_fingerprint(),
        "path": str(resolved),
        "stamp": list(_stamp(stat)),
    }


def _same_key(stored: Any, key: dict[str, Any], path: Path) -> bool:
    """Whether an entry's stored key stands for the catalogue now at `path`."""
    if not isinstance(stored, dict):
        return False
    digest = stored.get("sha256")
    if digest is not None:
        try:
            key = {**key, "sha256": hashlib.sha256(read_catalogue_bytes(path)).hexdigest()}
        except (OSError, Unreadable):
            return False
    return bool(stored == entry.normalised(key))


def model_layout() -> dict[str, list[str]]:
    """Every dataclass a cached catalogue holds, reached from `Catalogue` through the
    field annotations, with its fields: a new field or class changes the key."""
    layout: dict[str, list[str]] = {}
    waiting: list[Any] = [Catalogue]
    while waiting:
        kind = waiting.pop()
        if dataclasses.is_dataclass(kind) and isinstance(kind, type):
            name = f"{kind.__module__}.{kind.__qualname__}"
            if name in layout:
                continue
            hints = typing.get_type_hints(kind)
            fields = dataclasses.fields(kind)
            layout[name] = [f"{field.name}: {hints[field.name]}" for field in fields]
            waiting.extend(hints[field.name] for field in fields)
        else:
            waiting.extend(typing.get_args(kind))
    return layout


def _code_fingerprint() -> str:
    """The model's layout and the package's source files (size, mtime).

    Every module outside the app counts, not only today's loader modules: a
    module that comes to take part in loading must not leave stale copies
    behind. The price is a rebuild after any edit in a development checkout.
    """
    parts = [f"{name}({', '.join(fields)})" for name, fields in sorted(model_layout().items())]
    package = Path(__file__).parent.parent
    try:
        for module in sorted(package.rglob("*.py")):
            if module.relative_to(package).parts[0] != "app":
                stat = module.stat()
                parts.append(f"{module}:{stat.st_size}:{stat.st_mtime_ns}")
    except OSError:
        pass  # a zipped install: the version still guards it
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _article_places(catalogue: Catalogue) -> list[list[str]]:
    """Where each article path resolves: the loader's "inside the folder" check depends on it.

    Each folder is resolved once and each article that is not a link placed in
    it: the same answer as `Path.resolve` for each, without walking the whole
    path of each of ten thousand articles (a fifth of a second), and in strings,
    not `Path`s, which cost as much again.
    """
    folders: dict[str, str] = {}
    places = []
    for source in catalogue.sources.values():
        where = str(source.path)
        folder, name = os.path.split(where)
        try:
            link = stat.S_ISLNK(os.lstat(where).st_mode)
        except OSError:
            link = True  # missing: as `resolve` has it
        if link or name in ("", ".", ".."):
            place = str(source.path.resolve())
        else:
            real = folders.get(folder)
            if real is None:
                real = folders[folder] = str(Path(folder).resolve())
            place = os.path.join(real, name)
        places.append([source.id, place])
    return places


def _read(
    location: Path, folder: Folder, name: str, key: dict[str, Any], path: Path
) -> tuple[Catalogue, StoredParts] | None:
    """The cached catalogue, its events and index parts read as they are asked for;
    None on a miss."""
    try:
        with folder.reading(name) as opened:
            if opened is None:
                return None
            stored = entry.Entry(*opened)
        header = stored.frame("header", _decode_header)
        if not _same_key(header.get("key"), key, path):
            return None
        key = header["key"]
        catalogue = stored.frame("catalogue", _decode_catalogue)
        if _article_places(catalogue) != header.get("articles"):
            return None
        given = header.get("given")
        if not isinstance(given, str):
            return None
    except Exception:  # any unreadable entry is a miss, whatever the reason
        return None
    folder.touch(name)
    adjust = None
    if given != str(path):
        adjust = respeller(Path(given), path)
        adjust(catalogue)
    parts = Parts(stored, stored.event_count)

    def reload() -> Sequence[Event]:
        """The events read again from the file, once an event slice is found altered."""
        again = Folder.open(location, create=False)
        if again is not None:
            with again:
                again.remove(name)
        return _load(path, True, None).events

    catalogue.events = Events(stored, parts.ids, adjust, reload)
    _remember(path, key)
    return catalogue, parts


_decode_header = entry.decoder(dict[str, Any])
_decode_catalogue = entry.decoder(Catalogue)


def entry_frames(header: dict[str, Any], catalogue: Catalogue, parts: IndexParts) -> dict[str, Any]:
    """What an entry holds before the events: the header, the catalogue without its
    events, the index parts."""
    return {
        "header": header,
        "catalogue": dataclasses.replace(catalogue, events=[]),
        **parts_frames(parts, [event.id for event in catalogue.events]),
    }


def _write(
    folder: Folder,
    name: str,
    key: dict[str, Any],
    path: Path,
    catalogue: Catalogue,
    parts: IndexParts,
    report: Report | None,
) -> None:
    """Write the entry, then bound the folder's size; give up silently on any error."""
    try:
        header = {"key": key, "given": str(path), "articles": _article_places(catalogue)}
    except OSError:
        return
    frames = entry_frames(header, catalogue, parts)

    def saved(share: float) -> None:
        if report is not None:
            report("saving", share)

    folder.write(
        name,
        lambda stream: entry.write(stream, frames, catalogue, EVENTS_PER_SLICE, saved),
    )
    folder.prune(keep=name)
