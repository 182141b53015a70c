"""Marked events: the ids a person picked, kept per catalogue in the user's state folder.

Marks live in `$XDG_STATE_HOME/timeline-tui/marks/` (by default
`~/.local/state/timeline-tui/marks/`), one JSON file per catalogue, named by a
hash of the catalogue's resolved path, never beside the catalogue: a catalogue
may be shared or read-only, and marks are one reader's. Files are written
atomically (a temporary file, then `os.replace`) with mode 0600.

Marks are read only from folders and files the user owns and no one else can
write, as the cache is: another user able to write them could choose what
`timeline list --marked` exports. Otherwise `MarksError` says why, and nothing
is read or written.

Textual-free: the command line's `--marked` and the app's `m` share it.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterable
from pathlib import Path

FOLDER = "timeline-tui"


class MarksError(Exception):
    """Marks that cannot be read or written; the message names the path and why."""


def state_dir() -> Path | None:
    """`$XDG_STATE_HOME/timeline-tui`, or `~/.local/state/timeline-tui`; None without a home.

    A relative `XDG_STATE_HOME` is ignored, as the XDG specification asks.
    """
    base = os.environ.get("XDG_STATE_HOME", "")
    if base and os.path.isabs(base):
        return Path(base) / FOLDER
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
        return None
    return home / ".local" / "state" / FOLDER


def marks_file(catalogue_path: Path | str) -> Path | None:
    """Where the marks of this catalogue are kept (whether or not there are any yet)."""
    folder = state_dir()
    if folder is None:
        return None
    return folder / "marks" / f"{_key(catalogue_path)}.json"


def load_marks(catalogue_path: Path | str) -> frozenset[str]:
    """The ids marked in this catalogue; none when nothing was marked yet.

    Raises:
        MarksError: when the state folder or the file is not the user's own or
            others can write it, or the file is not a marks file.
    """
    path = marks_file(catalogue_path)
    if path is None:
        return frozenset()
    try:
        with open(path, "rb") as stream:
            _check_trusted("read", path.parent.parent, path.parent)
            _check_owned("read", path, os.fstat(stream.fileno()))
            data = stream.read()
    except FileNotFoundError:
        return frozenset()
    except OSError as error:
        raise MarksError(f"cannot read the marks in {path}: {error.strerror or error}") from None
    try:
        content = json.loads(data)
    except (ValueError, UnicodeDecodeError):
        content = None
    marks = content.get("marks") if isinstance(content, dict) else None
    if not isinstance(marks, list) or not all(isinstance(mark, str) for mark in marks):
        raise MarksError(
            f"{path} is not a marks file (JSON with a list of event ids under 'marks'): "
            "delete it to start again"
        )
    return frozenset(marks)


def save_marks(catalogue_path: Path | str, ids: Iterable[str]) -> None:
    """Keep these ids as the catalogue's marks, replacing the ones kept before.

    Raises:
        MarksError: without a state folder, when it is not the user's own or
            others can write it, or when the file cannot be written.
    """
    path = marks_file(catalogue_path)
    if path is None:
        raise MarksError("no folder to keep marks in: set XDG_STATE_HOME or HOME")
    content = {"catalogue": str(_resolved(catalogue_path)), "marks": sorted(set(ids))}
    temporary: str | None = None
    try:
        path.parent.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.parent.mkdir(exist_ok=True, mode=0o700)
        _check_trusted("kept", path.parent.parent, path.parent)
        import tempfile  # only writing marks needs it

        descriptor, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=path.name + ".", suffix=".tmp"
        )
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump(content, stream, indent=1)
            stream.write("\n")
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise MarksError(f"cannot keep the marks in {path}: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            try:
                os.unlink(temporary)
            except OSError:
                pass


def toggle_mark(catalogue_path: Path | str, event_id: str) -> frozenset[str]:
    """Mark the event, or unmark it if it was marked; the marks now kept.

    Raises:
        MarksError: as `load_marks` and `save_marks` do.
    """
    marks = load_marks(catalogue_path) ^ {event_id}
    save_marks(catalogue_path, marks)
    return marks


def _resolved(catalogue_path: Path | str) -> Path:
    return Path(catalogue_path).expanduser().resolve()


def _key(catalogue_path: Path | str) -> str:
    """The same for every path to one file (relative, through links), so that the
    command line and the app find the same marks."""
    return hashlib.sha256(
        str(_resolved(catalogue_path)).encode("utf-8", "surrogateescape")
    ).hexdigest()[:32]


def _check_trusted(doing: str, *folders: Path) -> None:
    for folder in folders:
        try:
            info = os.stat(folder)
        except FileNotFoundError:
            continue
        _check_owned(doing, folder, info)


def _check_owned(doing: str, path: Path, info: os.stat_result) -> None:
    """Refuse what the user does not own or what others can write."""
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise MarksError(
            f"marks not {doing}: {path} belongs to another user; "
            "set XDG_STATE_HOME to a folder of your own"
        )
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise MarksError(
            f"marks not {doing}: others can write to {path}; "
            f"`chmod go-w {path}` makes it yours alone"
        )
