"""The `timeline list` command line that prints what the app shows (`L`, and `?`)."""

from __future__ import annotations

from pathlib import Path

from timeline_tui.catalogue.embedded import embedded_catalogue_path
from timeline_tui.output.commandline import list_command
from timeline_tui.query import Filters


def view_command_line(catalogue_path: Path, filters: Filters, *, reverse: bool = False) -> str:
    """The command for `filters` on the catalogue at `catalogue_path`, in printable text.

    The embedded catalogue needs no `--catalog`; another is named as short as it can be.

    Raises:
        NotACommandLine: A filter or the catalogue's path holds a NUL character.
    """
    catalogue: str | None = None
    if catalogue_path.resolve() != embedded_catalogue_path().resolve():
        catalogue = _shown_path(catalogue_path)
    return list_command(filters, catalogue=catalogue, reverse=reverse)


def _shown_path(path: Path) -> str:
    """A path as short as it can be said from here: relative below the working folder."""
    resolved = path.resolve()
    try:
        return str(resolved.relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(resolved)
