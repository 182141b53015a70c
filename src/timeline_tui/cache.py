"""A parsed, validated copy of each catalogue in the user's cache directory.

Parsing and validating 100,000 events of YAML takes seconds; reading them back
from the cache takes under one. Beside the catalogue the file keeps what the
query `Index` precomputes (day bounds, actor and theme masks, search texts), so
the app starts filtering without building them.

The cache is never required: a missing, read-only or unusable cache directory,
or a stale, corrupt or foreign cache file, only means the catalogue is loaded
from its YAML (and the cache rewritten when it can be).

A cache file is used only when all of these match what it was written from:
the catalogue's size, modification time and SHA-256; the path as given and as
resolved; `timeline_tui.__version__`, `FORMAT`, the Python version and the
model's field layout; and the loader's own source files (so an editable install
never serves a catalogue built by older code). Loading does not read the
articles, so they are not part of the key; where each article path resolves to
is, since the loader refuses articles that resolve outside the catalogue's
folder.

The payload is a pickle. That is safe here because the file is our own, in the
user's own cache directory (`XDG_CACHE_HOME`, by default `~/.cache`) and created
with mode 0600: whoever can write it can already run code as the user. Files
not owned by the user are ignored all the same.
"""

from __future__ import annotations

import copyreg
import dataclasses
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timeline_tui import __version__
from timeline_tui.dates import DateSpan, PartialDate
from timeline_tui.errors import Problem
from timeline_tui.model import (
    Actor,
    Catalogue,
    Citation,
    Dispute,
    Event,
    Exclusion,
    Figure,
    Location,
    Source,
    Theme,
)
from timeline_tui.progress import Report
from timeline_tui.query import Index

FORMAT = 2
"""Bump when the layout of a cache file changes."""
EVENTS_PER_SLICE = 5_000
"""Events pickled together (see `_write`)."""
FREEZE_FROM = 10_000
"""Catalogues of this many events are frozen out of the garbage collector's sight
(`gc.freeze`). Below it the collector's walks cost little, and freezing would also
keep whatever cyclic garbage the process holds at that moment (a test run's, say)."""

_MODEL_CLASSES: tuple[type, ...] = (
    Location,
    Source,
    Actor,
    Theme,
    Citation,
    Figure,
    Dispute,
    Event,
    Exclusion,
    Catalogue,
    PartialDate,
    DateSpan,
    Problem,
)


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
    return _frozen(Path(path), use_cache, want_index=False, report=report)[0]


def load_index(path: Path | str, *, use_cache: bool = True, report: Report | None = None) -> Index:
    """`load`, and the catalogue's `Index` with the parts filters need already built
    (stored in the cache beside the catalogue, so a warm start builds nothing)."""
    catalogue, parts = _frozen(Path(path), use_cache, want_index=True, report=report)
    return Index(catalogue) if parts is None else Index.with_parts(catalogue, parts)


def _frozen(
    path: Path, use_cache: bool, want_index: bool, report: Report | None
) -> tuple[Catalogue, dict[str, Any] | None]:
    # The collector stays off until the objects are frozen: re-enabled earlier, its
    # next run would walk every object just made, a quarter of a second at 100,000.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        loaded = _load(path, use_cache, want_index, report)
        if len(loaded[0].events) >= FREEZE_FROM:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()
    return loaded


def _load(
    path: Path, use_cache: bool, want_index: bool, report: Report | None
) -> tuple[Catalogue, dict[str, Any] | None]:
    folder = cache_dir() if use_cache else None
    if folder is None:
        return load_catalogue(path, report), None
    try:
        before = os.stat(path)
        data = path.read_bytes()
        resolved = path.resolve()
    except OSError:
        return load_catalogue(path, report), None  # which reports why the file cannot be read
    key = _key(path, resolved, before, data)
    del data
    cache_file = folder / (hashlib.sha256(key["path_key"].encode()).hexdigest()[:32] + ".pickle")
    cached = _read(cache_file, key, want_index)
    if cached is not None:
        return cached
    catalogue = load_catalogue(path, report)
    # What filters need is built once here and stored, so later starts skip it.
    if report is not None:
        report("indexing", None)
    parts = Index(catalogue).export_parts()
    try:
        after = os.stat(path)
    except OSError:
        return catalogue, parts
    if _stamp(after) == _stamp(before):  # else it changed while we read it: do not cache
        _write(cache_file, key, catalogue, parts, report)
    return catalogue, parts


def _stamp(stat: os.stat_result) -> tuple[int, int, int, int]:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_dev)


def _key(path: Path, resolved: Path, stat: os.stat_result, data: bytes) -> dict[str, Any]:
    """Everything a cache file must match to stand for this catalogue."""
    return {
        "format": FORMAT,
        "version": __version__,
        "python": sys.version_info[:2],
        "code": _code_fingerprint(),
        "path_key": f"{resolved}\0{path}",
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "sha256": hashlib.sha256(data).hexdigest(),
    }


def _code_fingerprint() -> str:
    """The model's field layout and the package's source files (size, mtime).

    Every module outside the app counts, not only today's loader modules: a
    module that comes to take part in loading must not leave stale copies
    behind. The price is a rebuild after any edit in a development checkout.
    """
    parts = [
        f"{cls.__name__}:{','.join(f.name for f in dataclasses.fields(cls))}"
        for cls in _MODEL_CLASSES
    ]
    try:
        with os.scandir(Path(__file__).parent) as entries:
            for entry in sorted(entries, key=lambda entry: entry.name):
                if entry.name.endswith(".py"):
                    stat = entry.stat()
                    parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    except OSError:
        pass  # a zipped install: the version still guards it
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _article_places(catalogue: Catalogue) -> list[tuple[str, str]]:
    """Where each article path resolves: the loader's "inside the folder" check depends on it."""
    return [(source.id, str(source.path.resolve())) for source in catalogue.sources.values()]


def _read(
    cache_file: Path, key: dict[str, Any], want_index: bool
) -> tuple[Catalogue, dict[str, Any] | None] | None:
    """The cached catalogue (and index parts, if wanted and there), or None on a miss."""
    try:
        with open(cache_file, "rb") as stream:
            stat = os.fstat(stream.fileno())
            if hasattr(os, "getuid") and stat.st_uid != os.getuid():
                return None
            # A small header first, so that a stale file is rejected without
            # reading the rest; then the events in slices, the rest of the
            # catalogue, and the index parts, read only when asked for.
            header = pickle.load(stream)
            if not isinstance(header, dict) or header.get("key") != key:
                return None
            events: list[Event] = []
            for _ in range(header["event_slices"]):
                events.extend(pickle.load(stream))
            catalogue = pickle.load(stream)
            if isinstance(catalogue, Catalogue):
                catalogue.events = events
            parts = pickle.load(stream) if want_index else None
    except Exception:  # any unreadable cache file is a miss, whatever the reason
        return None
    if not isinstance(catalogue, Catalogue) or not isinstance(parts, (dict, type(None))):
        return None
    try:
        if _article_places(catalogue) != header.get("articles"):
            return None
    except OSError:
        return None
    return catalogue, parts


def _write(
    cache_file: Path,
    key: dict[str, Any],
    catalogue: Catalogue,
    parts: dict[str, Any],
    report: Report | None = None,
) -> None:
    """Write atomically (a temporary file, then `os.replace`); give up silently on any error."""
    temporary: str | None = None
    try:
        events = catalogue.events
        slices = range(0, len(events), EVENTS_PER_SLICE)
        header = {"key": key, "articles": _article_places(catalogue), "event_slices": len(slices)}
        cache_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        import tempfile  # only a miss writes: the pipe path need not import it

        descriptor, temporary = tempfile.mkstemp(
            dir=cache_file.parent, prefix=cache_file.name + ".", suffix=".tmp"
        )
        # straight to the file: a buffer would add the whole file to peak memory
        with os.fdopen(descriptor, "wb", buffering=1 << 20) as stream:
            pickle.dump(header, stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _dispatch_table()  # type: ignore[misc]
            # The pickler's memo keeps every object it wrote alive, and with them the
            # argument tuples the reducers below make: in slices, with the memo
            # cleared after each, writing adds tens of megabytes less to the peak.
            for written, start in enumerate(slices, 1):
                pickler.dump(events[start : start + EVENTS_PER_SLICE])
                pickler.clear_memo()
                if report is not None:
                    report("saving", written / len(slices))
            pickler.dump(dataclasses.replace(catalogue, events=[]))
            pickle.dump(parts, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cache_file)
        temporary = None
    except Exception:  # the cache is never required
        pass
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


# Pickling. By default a frozen slotted dataclass pickles through
# dataclasses' `__getstate__`/`__setstate__`, which call `fields()` for every
# object: two seconds each way for 100,000 events. Instead each class is
# reduced to its field values (a C `attrgetter`) and rebuilt by a constructor
# generated below that sets the slots directly, skipping `__init__` and
# `__post_init__`: the values were validated when the cache was written.
# Equal dates and repeated names (actor and theme ids) are shared, so the file
# and the loaded catalogue are smaller.


def _make_constructor(cls: type) -> Callable[..., Any]:
    names = [f.name for f in dataclasses.fields(cls)]
    arguments = ", ".join(f"v{i}" for i in range(len(names)))
    body = "".join(f"    set_(o, {name!r}, v{i})\n" for i, name in enumerate(names))
    namespace: dict[str, Any] = {"new": object.__new__, "set_": object.__setattr__, "cls": cls}
    exec(f"def build({arguments}):\n    o = new(cls)\n{body}    return o\n", namespace)
    build: Callable[..., Any] = namespace["build"]
    build.__name__ = build.__qualname__ = f"_build_{cls.__name__}"
    build.__module__ = __name__
    return build


# pickle refers to each constructor by module and name, so they are module globals
_CONSTRUCTORS: dict[type, Callable[..., Any]] = {}
for _cls in _MODEL_CLASSES:
    _CONSTRUCTORS[_cls] = globals()[f"_build_{_cls.__name__}"] = _make_constructor(_cls)
del _cls


def _dispatch_table() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    from operator import attrgetter

    table: dict[type, Callable[[Any], tuple[Any, ...]]] = dict(copyreg.dispatch_table)
    dates: dict[PartialDate, PartialDate] = {}
    names: dict[str, str] = {}

    def shared_names(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple([names.setdefault(value, value) for value in values])

    for cls, build in _CONSTRUCTORS.items():
        fields = attrgetter(*(f.name for f in dataclasses.fields(cls)))
        table[cls] = lambda obj, build=build, fields=fields: (build, fields(obj))

    build_span = _CONSTRUCTORS[DateSpan]

    def span(obj: DateSpan) -> tuple[Any, ...]:
        end = obj.end if obj.end is None else dates.setdefault(obj.end, obj.end)
        return (build_span, (dates.setdefault(obj.start, obj.start), end))

    build_event, event_fields = (
        _CONSTRUCTORS[Event],
        attrgetter(*(f.name for f in dataclasses.fields(Event))),
    )
    position = {f.name: i for i, f in enumerate(dataclasses.fields(Event))}
    actors_at, themes_at = position["actors"], position["themes"]

    def event(obj: Event) -> tuple[Any, ...]:
        values = list(event_fields(obj))
        values[actors_at] = shared_names(obj.actors)
        values[themes_at] = shared_names(obj.themes)
        return (build_event, tuple(values))

    build_citation = _CONSTRUCTORS[Citation]

    def citation(obj: Citation) -> tuple[Any, ...]:
        return (build_citation, (names.setdefault(obj.source, obj.source), obj.quote, obj.location))

    table[DateSpan] = span
    table[Event] = event
    table[Citation] = citation
    return table
