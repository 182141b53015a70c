"""The `timeline` command. stdout carries data only; messages go to stderr.

Only `_browse` imports the Textual app, so every pipe stays quick.
"""

from __future__ import annotations

import argparse
import enum
import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from timeline_tui import __version__
from timeline_tui.cache import load_index
from timeline_tui.embedded import embedded_catalogue_path
from timeline_tui.errors import CatalogueError, Severity
from timeline_tui.model import Catalogue
from timeline_tui.output import (
    LIST_FORMATS,
    SHOW_FORMATS,
    VOCABULARY_FORMATS,
    write_event_detail,
    write_events,
    write_vocabulary,
)
from timeline_tui.progress import ProgressLine
from timeline_tui.query import Filters, Index, QueryError, build_filters
from timeline_tui.textsafe import printable


class ExitCode(enum.IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2


class UsageError(Exception):
    """Bad usage that argparse cannot see: reported in one line, exit 2."""


# Options every command accepts, before or after the command name. Their defaults
# are suppressed so that a subcommand's copy does not overwrite the top level's.
_COMMON_DEFAULTS: dict[str, Any] = {
    "catalog": None,
    "no_cache": False,
    "actor": [],
    "theme": [],
    "source": [],
    "since": None,
    "until": None,
    "search": "",
}


def _common_options(filters: bool) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    parser.add_argument(
        "--catalog", metavar="PATH", help="catalogue file to read (default: the embedded catalogue)"
    )
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="read the catalogue's YAML, neither using nor writing the parsed copy kept in "
        "$XDG_CACHE_HOME/timeline-tui",
    )
    if filters:
        group = parser.add_argument_group("filters")
        group.add_argument(
            "--actor",
            action="append",
            metavar="NAME",
            help="events involving this actor (id, name or alias); repeatable",
        )
        group.add_argument(
            "--theme", action="append", metavar="NAME", help="events on this theme; repeatable"
        )
        group.add_argument(
            "--source", action="append", metavar="ID", help="events citing this source; repeatable"
        )
        group.add_argument(
            "--since", metavar="DATE", help="from this date: 2019, 'April 2019', '2 years ago'"
        )
        group.add_argument("--until", metavar="DATE", help="up to the end of this date")
        group.add_argument(
            "--search", metavar="TEXT", help="words to find in the title, summary or quotes"
        )
    return parser


def build_parser() -> argparse.ArgumentParser:
    common, filtered = _common_options(False), _common_options(True)
    parser = argparse.ArgumentParser(
        prog="timeline",
        description="Explore a catalogue of dated, sourced events. With no command, opens "
        "the app on a terminal and lists events on a pipe.",
        parents=[filtered],
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    listing = commands.add_parser(
        "list",
        parents=[filtered],
        help="print matching events",
        description="Print the matching events in date order.",
    )
    listing.add_argument(
        "--format", choices=LIST_FORMATS, default="text", help="output format (default: text)"
    )
    listing.add_argument("--reverse", action="store_true", help="latest first")

    show = commands.add_parser(
        "show",
        parents=[common],
        help="print one event in full",
        description="Print one event with its quotes and sources.",
    )
    show.add_argument("event_id", metavar="ID", help="the event's id")
    show.add_argument("--format", choices=SHOW_FORMATS, default="text")

    for name, what in (("actors", "actors"), ("themes", "themes")):
        vocabulary = commands.add_parser(
            name,
            parents=[filtered],
            help=f"list the {what} with their event counts",
            description=f"List the catalogue's {what}, each with the number of events "
            "that match the filters.",
        )
        vocabulary.add_argument("--format", choices=VOCABULARY_FORMATS, default="text")

    commands.add_parser(
        "check",
        parents=[common],
        help="validate a catalogue and verify every quote",
        description="Validate the catalogue and check that every quote stands verbatim "
        "in its article. Exit 0 when clean, 1 when problems were found.",
    )

    coverage = commands.add_parser(
        "coverage",
        parents=[common],
        help="find dated statements in the articles that the catalogue leaves out",
        description="List every date mention in the articles that no event quotes and no "
        "exclusion explains. Exit 0 when nothing is open, 1 when something is.",
    )
    coverage.add_argument(
        "--source", action="append", metavar="ID", default=[], help="only this source; repeatable"
    )
    coverage.add_argument("--format", choices=("text", "json"), default="text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse has printed its message
        return int(stop.code or 0)
    for name, default in _COMMON_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, default)
    try:
        return _run(args)
    except BrokenPipeError:
        # the reader (head, less) has gone: that is how pipes end, not an error
        _silence_stdout()
        return ExitCode.OK
    except KeyboardInterrupt:
        return 130
    except (UsageError, QueryError) as error:
        _error(str(error))
        return ExitCode.USAGE
    except CatalogueError as error:
        _error(str(error.problems[0]))
        if len(error.problems) > 1:
            _error(
                f"and {len(error.problems) - 1} more: `timeline check` lists them all", prefix=False
            )
        return ExitCode.USAGE


def _run(args: argparse.Namespace) -> int:
    command = args.command
    if command == "check":
        return _check(args)
    path = _catalogue_path(args)
    with _progress_line(path) as report:
        index = load_index(path, use_cache=not args.no_cache, report=report)
    catalogue = index.catalogue
    if command == "coverage":
        return _coverage(args, catalogue)
    if command == "show":
        return _show(args, catalogue)
    filters = _filters(args, catalogue)
    if command in ("actors", "themes"):
        return _vocabulary(command, index, filters, args.format)
    if command is None and sys.stdout.isatty() and sys.stdin.isatty():
        return _browse(args, index, filters)
    events = index.matching_events(filters)
    if getattr(args, "reverse", False):
        events.reverse()
    out = sys.stdout
    write_events(catalogue, events, getattr(args, "format", "text"), out, terminal=out.isatty())
    out.flush()
    return ExitCode.OK


@contextmanager
def _progress_line(path: Path) -> Iterator[ProgressLine]:
    """How far a long load has got, on stderr when it is a terminal; erased when done."""
    line = ProgressLine(sys.stderr, path.name)
    try:
        yield line
    finally:
        line.close()


def _catalogue_path(args: argparse.Namespace) -> Path:
    return Path(args.catalog) if args.catalog else embedded_catalogue_path()


def _filters(args: argparse.Namespace, catalogue: Catalogue) -> Filters:
    return build_filters(
        catalogue,
        actors=args.actor,
        themes=args.theme,
        sources=args.source,
        since=args.since,
        until=args.until,
        search=args.search,
    )


def _browse(args: argparse.Namespace, index: Index, filters: Filters) -> int:
    try:
        # Textual takes a while to import: only the app pays for it.
        from timeline_tui.app.app import TimelineApp
    except ModuleNotFoundError as error:
        if error.name is None or not error.name.startswith("timeline_tui.app"):
            raise
        write_events(
            index.catalogue, index.matching_events(filters), "text", sys.stdout, terminal=True
        )
        return ExitCode.OK
    TimelineApp(index, filters, use_cache=not args.no_cache).run()
    return ExitCode.OK


def _show(args: argparse.Namespace, catalogue: Catalogue) -> int:
    event = catalogue.event(args.event_id)
    if event is None:
        import difflib

        close = difflib.get_close_matches(args.event_id, [e.id for e in catalogue.events], n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise UsageError(f"no event {args.event_id!r} in {catalogue.path}{hint}")
    write_event_detail(catalogue, event, args.format, sys.stdout)
    return ExitCode.OK


def _vocabulary(command: str, index: Index, filters: Filters, format_name: str) -> int:
    catalogue = index.catalogue
    counts = index.facet_counts(filters, "actors" if command == "actors" else "themes")
    rows: list[dict[str, Any]]
    if command == "actors":
        rows = [
            {
                "id": a.id,
                "name": a.name,
                "kind": a.kind,
                "aliases": list(a.aliases),
                "affiliation": a.affiliation,
                "events": counts.get(a.id, 0),
            }
            for a in catalogue.actors.values()
        ]
    else:
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "description": t.description,
                "events": counts.get(t.id, 0),
            }
            for t in catalogue.themes.values()
        ]
    write_vocabulary(rows, format_name, sys.stdout)
    return ExitCode.OK


def _check(args: argparse.Namespace) -> int:
    # here, not at the top: the other commands load through the cache, without YAML
    from timeline_tui.check import check_file

    path = _catalogue_path(args)
    with _progress_line(path) as report:
        catalogue, problems = check_file(path, report)
    for problem in problems:
        print(printable(str(problem)))
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if catalogue is None or errors:
        print(f"{path}: {errors} error(s), {warnings} warning(s)", file=sys.stderr)
        return ExitCode.PROBLEMS
    quotes = sum(len(e.citations) for e in catalogue.events) + len(catalogue.excluded)
    print(
        f"{path}: OK: {len(catalogue.events)} events, {quotes} quotes verified in "
        f"{len(catalogue.sources)} sources" + (f", {warnings} warning(s)" if warnings else ""),
        file=sys.stderr,
    )
    return ExitCode.OK


def _coverage(args: argparse.Namespace, catalogue: Catalogue) -> int:
    from timeline_tui.coverage import analyse, write_report

    unknown = [s for s in args.source if s not in catalogue.sources]
    if unknown:
        raise UsageError(
            f"unknown source {unknown[0]!r}; the catalogue has {', '.join(catalogue.sources)}"
        )
    report = analyse(catalogue, args.source or None)
    write_report(report, args.format, sys.stdout)
    return ExitCode.PROBLEMS if report.open_mentions else ExitCode.OK


def _error(message: str, *, prefix: bool = True, stream: IO[str] | None = None) -> None:
    text = printable(message)
    print(f"timeline: {text}" if prefix else f"  {text}", file=stream or sys.stderr)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    finally:
        os.close(devnull)
