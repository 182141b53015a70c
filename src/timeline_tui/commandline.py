"""The `timeline list ...` command that prints what a set of filters shows.

A view found by hand in the app can then be piped to `head`, `jq` or a
spreadsheet. Pure: no Textual, no catalogue loading.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from timeline_tui.query import Filters


def list_command(
    filters: Filters,
    *,
    catalogue: Path | str | None = None,
    program: str = "timeline",
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

    Returns:
        One line, such as `timeline list --actor china --since 2019-01-01`.
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
    return " ".join(shlex.quote(word) for word in words)


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
