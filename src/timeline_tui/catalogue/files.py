"""Reading catalogues and articles from disk: regular files only, within a size limit.

A FIFO opened for reading waits for a writer, and a device such as `/dev/zero`
never ends: either would hang or exhaust memory. Every file is therefore opened
without blocking and checked with `fstat` before a byte is read. A catalogue may
also arrive through a pipe (`--catalog <(cat events.yaml)`, `/dev/stdin`), which
is read once. An article must stay inside its catalogue's folder, and that is
checked each time it is read, not once at load: the file may have been replaced
by a link since.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_CATALOGUE_BYTES = 512 * 2**20
"""About ten times the size of a 100,000-event catalogue."""
MAX_ARTICLE_BYTES = 16 * 2**20
"""A long article is a few hundred kilobytes."""


class Unreadable(Exception):
    """A file that is not read; `reason` says why in a few words."""

    def __init__(self, reason: str, *, missing: bool = False, line: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.missing = missing
        """True when there is no file of that name at all."""
        self.line = line
        """The line at fault, when the file was read but is not text."""


def why_unreadable(error: OSError) -> str:
    """The reason an `OSError` gives, in the words every message uses."""
    if isinstance(error, FileNotFoundError):
        return "no such file"
    if isinstance(error, IsADirectoryError):
        return "is a directory, not a file"
    if isinstance(error, PermissionError):
        return "permission denied"
    return error.strerror or str(error)


def unreadable_sentence(subject: str, error: Unreadable, missing: str = "not found") -> str:
    """`subject` and why it is not read: "article 'a.txt' is a directory, not a file"."""
    if error.missing:
        return f"{subject} {missing}"
    if error.reason.startswith("is "):
        return f"{subject} {error.reason}"
    return f"{subject} cannot be read: {error.reason}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if stat.S_ISFIFO(mode):
        kind = "a named pipe (FIFO)"
    elif stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        kind = "a device"
    elif stat.S_ISSOCK(mode):
        kind = "a socket"
    else:
        kind = "not a regular file"
    return f"is {kind}: only regular files are read"


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size} bytes"


def _open(path: Path | str, flags: int = 0) -> int:
    try:
        return os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | flags)
    except OSError as error:
        raise Unreadable(
            why_unreadable(error), missing=isinstance(error, FileNotFoundError)
        ) from None


def _read_all(descriptor: int, limit: int, what: str) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise Unreadable(f"is larger than {_megabytes(limit)}, the limit for {what}")


def read_catalogue_bytes(path: Path | str) -> bytes:
    """The bytes of a catalogue: a regular file, or a pipe read once to its end.

    Raises:
        Unreadable: a device, socket or directory; a file over `MAX_CATALOGUE_BYTES`.
    """
    descriptor = _open(path)
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISFIFO(mode):
            # a pipe's writer may not have written yet: wait for it, as `cat` would
            os.set_blocking(descriptor, True)
        elif not stat.S_ISREG(mode):
            raise Unreadable(_kind(mode))
        elif os.fstat(descriptor).st_size > MAX_CATALOGUE_BYTES:
            size = _megabytes(os.fstat(descriptor).st_size)
            raise Unreadable(
                f"is {size}, larger than {_megabytes(MAX_CATALOGUE_BYTES)}, "
                "the limit for a catalogue"
            )
        try:
            return _read_all(descriptor, MAX_CATALOGUE_BYTES, "a catalogue")
        except OSError as error:
            raise Unreadable(why_unreadable(error)) from None
    finally:
        os.close(descriptor)


def is_pipe(path: Path | str) -> bool:
    """Whether `path` is read once (a pipe, a terminal) rather than a file kept on disk."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False  # the reader says why it cannot be read
    return not stat.S_ISREG(mode)


def catalogue_folder(path: Path | str) -> Path:
    """The folder a catalogue's articles are named from.

    A symbolic link to a catalogue names its articles beside the file it points
    to, as `git` and editors do. A catalogue that comes through a pipe has no
    folder of its own: its articles are named from the current folder.
    """
    if is_pipe(path):
        return Path.cwd()
    return Path(os.path.realpath(path)).parent


def read_article_bytes(path: Path, folder: Path) -> bytes:
    """The bytes of an article, a regular file inside `folder` (links followed).

    Raises:
        Unreadable: saying why it is not read.
    """
    real = os.path.realpath(path)
    try:
        Path(real).relative_to(os.path.realpath(folder))
    except ValueError:
        raise Unreadable(
            f"leads outside the catalogue's folder (to {real}); refusing to read it"
        ) from None
    # O_NOFOLLOW: a link swapped in since `realpath` looked is refused, not followed
    return read_regular_bytes(real, MAX_ARTICLE_BYTES, "an article", os.O_NOFOLLOW)


def read_regular_bytes(path: Path | str, limit: int, what: str, flags: int = 0) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (`what` names it in messages).

    Raises:
        Unreadable: saying why it is not read.
    """
    descriptor = _open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise Unreadable(_kind(status.st_mode))
        if status.st_size > limit:
            raise Unreadable(
                f"is {_megabytes(status.st_size)}, larger than "
                f"{_megabytes(limit)}, the limit for {what}"
            )
        try:
            return _read_all(descriptor, limit, what)
        except OSError as error:
            raise Unreadable(why_unreadable(error)) from None
    finally:
        os.close(descriptor)


def read_article_text(path: Path, folder: Path) -> str:
    """An article's text (UTF-8, a byte-order mark dropped); see `read_article_bytes`."""
    data = read_article_bytes(path, folder)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise Unreadable(
            f"is not valid UTF-8 (byte {data[error.start]:#04x} on line {line})", line=line
        ) from None


def source_folder(path: Path, file: str) -> Path:
    """The catalogue folder a source's `path` was made from: `path` is `folder / file`."""
    depth = len(Path(file).parts)
    return path.parents[depth - 1] if depth else path
