"""Open a file at a line in the person's editor (`$VISUAL`, `$EDITOR`, else `vi`).

The app is suspended while the editor runs, so the editor has the terminal to
itself. `suspended` is the only part that needs a real terminal: tests replace it.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from textual.app import App, SuspendNotSupported
from textual.message import Message

from timeline_tui.text.printable import printable

FALLBACK_EDITOR = "vi"

GOTO_EDITORS = frozenset({"code", "code-insiders", "codium", "vscodium", "cursor"})
"""Editors that take `--goto FILE:LINE`."""
COLON_EDITORS = frozenset({"hx", "helix", "subl", "zed"})
"""Editors that take `FILE:LINE`. Every other editor gets `+LINE FILE`, which vi, vim,
neovim, nano, emacs, micro, kakoune, joe and mg read."""


class EditorClosed(Message):
    """Sent to the app when an editor run from it has exited: a file may have changed."""


class EditorError(Exception):
    """`$VISUAL` or `$EDITOR` cannot be read as a command; the message says why."""


def editor_command(
    path: Path, line: int | None, environ: Mapping[str, str] | None = None
) -> list[str]:
    """The command that opens `path` at `line` (1-based; None: at the start).

    Args:
        path: The file to open.
        line: The line to put the cursor on.
        environ: Where `VISUAL` and `EDITOR` are read (default: the process's).

    Raises:
        EditorError: the variable holds no command, or unbalanced quotes.
    """
    environ = os.environ if environ is None else environ
    variable = next((name for name in ("VISUAL", "EDITOR") if environ.get(name, "").strip()), None)
    value = environ[variable] if variable else FALLBACK_EDITOR
    try:
        words = shlex.split(value)
    except ValueError as error:
        raise EditorError(f"${variable} cannot be read as a command ({error}): {value!r}") from None
    if not words:
        raise EditorError(f"${variable} holds no command: {value!r}")
    name = Path(words[0]).name
    if line is None:
        return [*words, str(path)]
    if name in GOTO_EDITORS:
        return [*words, "--goto", f"{path}:{line}"]
    if name in COLON_EDITORS:
        return [*words, f"{path}:{line}"]
    return [*words, f"+{line}", str(path)]


@contextmanager
def suspended(app: App[Any]) -> Iterator[None]:
    """The terminal handed back to the shell's programs meanwhile (`App.suspend`)."""
    with app.suspend():
        yield


def open_in_editor(app: App[Any], path: Path, line: int | None) -> bool:
    """Run the editor on `path` at `line` with the app suspended; True if it exited with 0.

    Whatever goes wrong (no such editor, a failing one, a terminal that cannot be
    handed over) is a notification, never an exception.
    """
    try:
        command = editor_command(path, line)
    except EditorError as error:
        app.notify(printable(str(error)), severity="error", markup=False)
        return False
    shown = printable(command[0])
    try:
        with suspended(app):
            returncode = subprocess.run(command, check=False).returncode
        app.post_message(EditorClosed())
    except FileNotFoundError:
        app.notify(
            f"No editor {shown!r}: set $VISUAL or $EDITOR to one that is installed.",
            severity="error",
            markup=False,
        )
        return False
    except SuspendNotSupported:
        app.notify("This terminal cannot be handed to an editor.", severity="error", markup=False)
        return False
    except OSError as error:
        reason = printable(error.strerror or str(error))
        app.notify(f"Cannot run {shown!r}: {reason}", severity="error", markup=False)
        return False
    if returncode != 0:
        app.notify(f"{shown} exited with status {returncode}.", severity="warning", markup=False)
        return False
    return True
