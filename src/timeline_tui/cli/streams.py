"""stdout and stderr, whatever state they are in: closed, full, or unable to encode.

stdout carries data only; a failure to write it is an `OutputError` (one line,
exit 3). Messages go to stderr through `error`, printable, and are lost quietly
when stderr itself is closed or full.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from timeline_tui.text.printable import printable


class OutputError(Exception):
    """stdout cannot take the output: reported in one line, exit 3."""


@contextmanager
def stdout_writer() -> Iterator[IO[str]]:
    """stdout to write to; a closed or failing one becomes an `OutputError`."""
    out = sys.stdout
    if out is None:
        raise OutputError("standard output is closed: nothing written")
    try:
        yield out
        out.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputError(f"cannot write to standard output: {reason}") from None


def is_terminal(stream: IO[str] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (OSError, ValueError):
        return False


def error(
    message: str, *, prefix: bool = True, indent: str = "  ", stream: IO[str] | None = None
) -> None:
    """One line on stderr, printable; a closed or failing stderr loses it quietly."""
    target = stream or sys.stderr
    if target is None:
        return
    text = printable(message)
    try:
        target.write((f"timeline: {text}" if prefix else f"{indent}{text}") + "\n")
        target.flush()
    except (OSError, ValueError):
        pass


ESCAPE_ERRORS = "timeline-escape"


def _escape_unencodable(error: UnicodeError) -> tuple[str, int]:
    """`\\uXXXX` for each character the stream cannot encode (a surrogate pair above
    U+FFFF): what JSON writes for such a character, and readable elsewhere."""
    if not isinstance(error, UnicodeEncodeError):
        raise error
    escaped = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:
            code -= 0x10000
            escaped.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            escaped.append(f"\\u{code:04x}")
    return "".join(escaped), error.end


codecs.register_error(ESCAPE_ERRORS, _escape_unencodable)


def degrade_encoding() -> None:
    """On a stream that cannot encode the catalogue's text (an ASCII locale), escape it.

    Each character it cannot encode is written as `\\uXXXX`, so JSON stays valid
    JSON and text stays readable, instead of the write failing half-way.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        reconfigure = getattr(stream, "reconfigure", None)
        if not encoding or reconfigure is None:
            continue
        try:
            "“—é😀".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                reconfigure(errors=ESCAPE_ERRORS)
            except (OSError, ValueError):
                pass


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again."""
    if sys.stdout is None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)
