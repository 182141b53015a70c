"""The `timeline list ...` command that prints what a set of filters shows.

A view found by hand in the app can then be piped to `head`, `jq` or a
spreadsheet. Pure: no Textual, no catalogue loading.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from timeline_tui.query import Filters
from timeline_tui.text.printable import is_printable, printable


class NotACommandLine(ValueError):
    """A filter holds a character no command line can carry (NUL)."""


def list_command(
    filters: Filters,
    *,
    catalogue: Path | str | None = None,
    program: str = "timeline",
    reverse: bool = False,
) -> str:
    """The shell command that lists the events these filters match.

    Actors, themes and sources are given by id (sorted, so the command is stable),
    the date range by the ISO days it starts and ends on, which the command line
    reads back as exactly those days, and the evidence filters as their switches
    (`--and`, `--disputed`, `--min-sources N`, `--has-figures`, `--drafts`,
    `--marked`; the last reads the marks kept for the catalogue when it runs).
    Every word is quoted for a POSIX shell.

    Args:
        filters: What the app shows.
        catalogue: The catalogue file, or None for the embedded one (no `--catalog`).
        program: The command's name.
        reverse: Newest first (`--reverse`).

    Returns:
        One line, such as `timeline list --actor china --since 2019-01-01`.

    Raises:
        NotACommandLine: A word holds a NUL character, which no argument can.
    """
    words = [program, "list"]
    if catalogue is not None:
        words += _option("--catalog", str(catalogue))
    for option, values in (
        ("--actor", filters.actors),
        ("--theme", filters.themes),
        ("--source", filters.sources),
    ):
        for value in sorted(values):
            words += _option(option, value)
    if filters.since is not None:
        words += _option("--since", filters.since.isoformat())
    if filters.until is not None:
        words += _option("--until", filters.until.isoformat())
    search = " ".join(filters.text.split())
    if search:
        words += _option("--search", search)
    words += _evidence_options(filters)
    if reverse:
        words.append("--reverse")
    return " ".join(shell_word(word) for word in words)


def shell_word(word: str) -> str:
    """`word` quoted so that a shell reads it back exactly, in printable characters only."""
    if "\0" in word:
        raise NotACommandLine(
            f"“{printable(word)}” holds a NUL character, which no command line can carry."
        )
    if is_printable(word):
        return shlex.quote(word)
    return "$'" + "".join(_ansi_c(character) for character in word) + "'"


def _ansi_c(character: str) -> str:
    """One character inside `$'...'`: itself when printable, else its UTF-8 bytes escaped."""
    if character in "\\'":
        return "\\" + character
    if is_printable(character):
        return character
    return "".join(f"\\x{byte:02x}" for byte in character.encode("utf-8"))


def _evidence_options(filters: Filters) -> list[str]:
    """`--and`, `--disputed`, `--min-sources N`, `--has-figures`, `--drafts`, `--marked`."""
    words = []
    if filters.all_of:
        words.append("--and")
    if filters.disputed:
        words.append("--disputed")
    if filters.min_sources:
        words += ["--min-sources", str(filters.min_sources)]
    if filters.has_figures:
        words.append("--has-figures")
    if filters.drafts:
        words.append("--drafts")
    if filters.marked is not None:
        words.append("--marked")  # the marks themselves are read from the state folder
    return words


def _option(name: str, value: str) -> list[str]:
    if value.startswith("-"):
        # argparse would read `--search -x` as a missing value followed by an option
        return [f"{name}={value}"]
    return [name, value]


def has_escaped_words(command: str) -> bool:
    """Whether a command from `list_command` writes a word as `$'...'` (outside any quotes)."""
    quote = ""
    position = 0
    while position < len(command):
        character = command[position]
        if quote:
            if character == quote:
                quote = ""
        elif command.startswith("$'", position):
            return True
        elif character in "'\"":
            quote = character
        position += 1
    return False
