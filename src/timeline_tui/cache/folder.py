"""The cache folder, opened so that no file or link another user placed is ever read.

`XDG_CACHE_HOME` may point at a shared or world-writable folder. If another
user could create our folder there, or put a link or a FIFO under an entry's
name, reading the cache would serve bytes they chose (or hang). So, as OpenSSH
(`StrictModes`) and Python's `tempfile` reason, the folder is used only when it
is a real directory, owned by the user and writable by no one else; it is then
held open and every file is reached through that handle (`dir_fd`), so the
folder cannot be swapped between the check and the use. An entry is opened
without following links, without blocking (a FIFO), and read only when it is a
regular file owned by the user and writable by no one else.

The folder's total size is bounded: after each write, temporaries older than
`STALE_TEMPORARY_SECONDS` (left by a process killed while writing) are
removed, and entries are removed oldest first (by last use: a hit touches its
entry) until the rest fit in `MAX_TOTAL_BYTES`.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

SUFFIX = ".msgpack"
QUOTES_SUFFIX = ".quotes"
"""Beside an entry: the outcome of verifying its catalogue's quotes (`quotes.py`)."""
RECORDS_SUFFIX = ".records"
"""Beside an entry, after the kind (`NAME.jsonl.records`): each event's output (`records.py`)."""
KEPT_SUFFIXES = (SUFFIX, QUOTES_SUFFIX, RECORDS_SUFFIX)
"""Entries this version reads; `prune` removes the others `_ENTRY_NAME` matches."""
MAX_TOTAL_BYTES = 512 * 1024 * 1024
"""All entries together but the newest; 100,000 events take about 90 MB."""
STALE_TEMPORARY_SECONDS = 15 * 60
"""A temporary this old is no longer being written: a write takes seconds."""

_ENTRY_NAME = re.compile(r"^[0-9a-f]{32}\.(msgpack|quotes|pickle|[a-z]+(-[a-z]+)*\.records)$")
"""Entries, this format's and earlier ones' (`.pickle`, never read again)."""
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _same_catalogue(name: str, other: str) -> bool:
    """Whether two files of the folder are kept for the same catalogue: the names of
    an entry and of what is kept beside it start with the same digest."""
    return name[:32] == other[:32]


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else."""
    return info.st_uid == os.geteuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _usable_here() -> bool:
    """Whether the checks above can be made: POSIX with `dir_fd` and `O_NOFOLLOW`."""
    return (
        hasattr(os, "geteuid")
        and bool(_NOFOLLOW and _DIRECTORY)
        and {os.open, os.rename, os.unlink, os.utime} <= os.supports_dir_fd  # rename: replace too
    )


class Folder:
    """An open cache folder that passed the checks; use as a context manager."""

    def __init__(self, descriptor: int) -> None:
        self._fd = descriptor

    @classmethod
    def open(cls, path: Path, *, create: bool) -> Folder | None:
        """The folder at `path` if it is safe to use (created 0700 if asked), else None."""
        if not _usable_here():
            return None
        try:
            if create:
                os.makedirs(path, mode=0o700, exist_ok=True)
            descriptor = os.open(path, os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC)
        except OSError:
            return None
        try:
            if _private(os.fstat(descriptor)):
                return cls(descriptor)
        except OSError:
            pass
        os.close(descriptor)
        return None

    def __enter__(self) -> Folder:
        return self

    def __exit__(self, *_: object) -> None:
        os.close(self._fd)

    @contextlib.contextmanager
    def reading(self, name: str) -> Iterator[tuple[BinaryIO, int] | None]:
        """The entry `name` open for reading with its size, or None when it must not be read."""
        try:
            descriptor = os.open(
                name, os.O_RDONLY | _NOFOLLOW | _NONBLOCK | _CLOEXEC, dir_fd=self._fd
            )
        except OSError:  # missing, or a link (ELOOP)
            yield None
            return
        with os.fdopen(descriptor, "rb", buffering=1 << 20) as stream:
            info = os.fstat(descriptor)
            yield (stream, info.st_size) if stat.S_ISREG(info.st_mode) and _private(info) else None

    def touch(self, name: str) -> None:
        """Mark the entry as just used, for `prune`'s oldest-first order."""
        with contextlib.suppress(OSError):
            os.utime(name, dir_fd=self._fd, follow_symlinks=False)

    def write(self, name: str, write: Callable[[BinaryIO], None]) -> bool:
        """Write an entry atomically (a temporary, then a rename); False if it failed."""
        temporary = f"{name}.{os.urandom(8).hex()}.tmp"
        try:
            descriptor = os.open(
                temporary,
                os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC,
                0o600,
                dir_fd=self._fd,
            )
        except OSError:
            return False
        try:
            # straight to the file: a buffer would add the whole entry to peak memory
            with os.fdopen(descriptor, "wb", buffering=1 << 20) as stream:
                write(stream)
            os.replace(temporary, name, src_dir_fd=self._fd, dst_dir_fd=self._fd)
            return True
        except Exception:  # the cache is never required
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=self._fd)
            return False

    def prune(self, *, keep: str | None = None, now: float | None = None) -> None:
        """Remove stale temporaries and old-format entries, then the oldest entries
        until the rest fit in `MAX_TOTAL_BYTES`; never `keep`, the file just
        written, nor the files kept beside it for the same catalogue (its entry,
        its records, its quotes' outcome), however large: a million events take
        about 1 GB, its JSON Lines records 700 MB, and removing one of them to
        make room for the other would make every run a cold one."""
        now = time.time() if now is None else now
        entries: list[tuple[float, str, int]] = []
        try:
            with os.scandir(self._fd) as listing:
                found = [(item.name, item.stat(follow_symlinks=False)) for item in listing]
        except OSError:
            return
        for name, info in found:
            if not stat.S_ISREG(info.st_mode):
                continue
            if name.endswith(".tmp"):
                if now - info.st_mtime > STALE_TEMPORARY_SECONDS:
                    self.remove(name)
            elif _ENTRY_NAME.match(name):
                if name.endswith(KEPT_SUFFIXES):
                    entries.append((info.st_mtime, name, info.st_size))
                else:
                    self.remove(name)
        total = sum(size for _, _, size in entries)
        for _, name, size in sorted(entries):
            if total <= MAX_TOTAL_BYTES:
                break
            if keep is not None and _same_catalogue(name, keep):
                continue
            self.remove(name)
            total -= size

    def remove(self, name: str) -> None:
        with contextlib.suppress(OSError):
            os.unlink(name, dir_fd=self._fd)
