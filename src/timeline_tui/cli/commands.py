"""The `timeline` command. stdout carries data only; messages go to stderr.

`COMMANDS` declares, once, which options each command takes; the parsers are
built from it. An option means the same before or after the command's name, and
an option the command does not use is a usage error wherever it stands.

Only `_browse` imports the Textual app, so every pipe stays quick.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from timeline_tui.cache import load_index
from timeline_tui.cache.entry import Damaged
from timeline_tui.catalogue.embedded import embedded_catalogue_path
from timeline_tui.catalogue.errors import CatalogueError, Severity
from timeline_tui.catalogue.files import is_pipe
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.cli.authoring import AUTHORING_COMMANDS
from timeline_tui.cli.listing import _list, _summarise
from timeline_tui.cli.parser import (
    FILTERS,
    LOADING,
    Command,
    ExitCode,
    UsageError,
    build_parsers,
    parse_args,
)
from timeline_tui.cli.streams import (
    OutputError,
    degrade_encoding,
    silence_stdout,
    stdout_writer,
)
from timeline_tui.cli.streams import error as _error
from timeline_tui.output import (
    LIST_FORMATS,
    SHOW_FORMATS,
    VOCABULARY_FORMATS,
    source_row,
    write_event_detail,
    write_vocabulary,
)
from timeline_tui.query import Filters, Index, QueryError, build_filters
from timeline_tui.text.printable import printable
from timeline_tui.text.progress import ProgressLine


def main(argv: Sequence[str] | None = None) -> int:
    degrade_encoding()
    try:
        args = parse_args(argv, COMMANDS)
    except SystemExit as stop:  # argparse has printed its message
        return int(stop.code or 0)
    try:
        return COMMANDS[args.command].run(args)
    except BrokenPipeError:
        # the reader (head, less) has gone: that is how pipes end, not an error
        silence_stdout()
        return ExitCode.OK
    except KeyboardInterrupt:
        return 130
    except OutputError as error:
        silence_stdout()
        _error(str(error))
        return ExitCode.OUTPUT
    except (UsageError, QueryError) as error:
        _error(str(error))
        return ExitCode.USAGE
    except Damaged as error:
        # an event slice altered on disk after the entry was opened, and the
        # catalogue changed too, so its events could not be read again to match
        _error(f"{error}; run the command again")
        return ExitCode.PROBLEMS
    except CatalogueError as error:
        _error(str(error.problems[0]))
        if len(error.problems) > 1:
            _error(
                f"and {len(error.problems) - 1} more: `timeline check` lists them all", prefix=False
            )
        return ExitCode.USAGE


def _load_index(args: argparse.Namespace) -> Index:
    """The catalogue named by `--catalog` (or the embedded one), through the cache."""
    path = _catalogue_path(args)
    # a pipe is read once, so it has nothing a cache could be checked against
    use_cache = not args.no_cache and not is_pipe(path)
    with _progress_line(path) as report:
        index = load_index(path, use_cache=use_cache, report=report)
    return index


@contextmanager
def _progress_line(path: Path) -> Iterator[ProgressLine]:
    """How far a long load has got, on stderr when it is a terminal; erased when done."""
    line = ProgressLine(sys.stderr, path.name)
    try:
        yield line
    finally:
        line.close()


def _catalogue_path(args: argparse.Namespace) -> Path:
    """`--catalog`; else `events.yaml` in this folder, as the writing commands take it, so
    `timeline check` after `timeline draft --write` checks what was written; else the
    embedded catalogue."""
    if args.catalog:
        return Path(args.catalog)
    here = Path("events.yaml")
    return here if here.is_file() else embedded_catalogue_path()


def _filters(args: argparse.Namespace, catalogue: Catalogue) -> Filters:
    marked = _marks(catalogue) if args.marked else None
    return build_filters(
        catalogue,
        actors=args.actor,
        themes=args.theme,
        sources=args.source,
        since=args.since,
        until=args.until,
        search=args.search,
        all_of=args.all_of,
        disputed=args.disputed,
        min_sources=args.min_sources,
        has_figures=args.has_figures,
        drafts=args.drafts,
        marked=marked,
    )


def _marks(catalogue: Catalogue) -> frozenset[str]:
    """The events marked in this catalogue (`--marked`).

    Raises:
        UsageError: when the marks cannot be read, saying why.
    """
    from timeline_tui.query.marks import MarksError, load_marks

    try:
        return load_marks(catalogue.path)
    except MarksError as error:
        raise UsageError(f"--marked: {error}") from None


def _browse(index: Index, filters: Filters, *, use_cache: bool, reverse: bool) -> int:
    # Textual takes a while to import: only the app pays for it.
    from timeline_tui.app.app import TimelineApp

    TimelineApp(index, filters, use_cache=use_cache, reverse=reverse).run()
    return ExitCode.OK


def _show(args: argparse.Namespace) -> int:
    index = _load_index(args)
    catalogue = index.catalogue
    position = index.position(args.event_id)
    if position is None:
        raise UsageError(
            f"no event {args.event_id!r} in {catalogue.path}"
            + _suggest(args.event_id, list(index.event_ids()))
        )
    with stdout_writer() as out:
        write_event_detail(catalogue, catalogue.events[position], args.format, out)
    _summarise(index, [position], use_cache=not args.no_cache)
    return ExitCode.OK


def _suggest(word: str, ids: list[str], most: int = 8) -> str:
    """`; did you mean 'a', 'b'?`: ids containing the word, then near misses."""
    import difflib

    folded = word.casefold()
    containing = [i for i in ids if folded and folded in i.casefold()]
    near = difflib.get_close_matches(word, ids, n=3)
    found = list(dict.fromkeys([*containing, *near]))
    if not found:
        return "; `timeline list` lists the events with their ids"
    more = f" (and {len(found) - most} more)" if len(found) > most else ""
    return f"; did you mean {', '.join(repr(i) for i in found[:most])}{more}?"


def _vocabulary(args: argparse.Namespace) -> int:
    index = _load_index(args)
    catalogue = index.catalogue
    filters = _filters(args, catalogue)
    facet = args.command
    counts = index.facet_counts(filters, facet)
    rows: list[dict[str, Any]]
    if facet == "actors":
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
    elif facet == "themes":
        rows = [
            {
                "id": t.id,
                "name": t.name,
                "description": t.description,
                "events": counts.get(t.id, 0),
            }
            for t in catalogue.themes.values()
        ]
    else:
        rows = [source_row(s, counts.get(s.id, 0)) for s in catalogue.sources.values()]
    with stdout_writer() as out:
        write_vocabulary(rows, args.format, out, raw=args.raw_csv)
    _summarise(index, index.matching(filters), use_cache=not args.no_cache)
    return ExitCode.OK


def _check(args: argparse.Namespace) -> int:
    # here, not at the top: the other commands load through the cache, without YAML
    from timeline_tui.sources.check import check_file

    path = _catalogue_path(args)
    with _progress_line(path) as report:
        catalogue, problems = check_file(path, report)
    with stdout_writer() as out:
        for problem in problems:
            out.write(printable(str(problem)) + "\n")
    errors = sum(1 for p in problems if p.severity is Severity.ERROR)
    warnings = len(problems) - errors
    if catalogue is None or errors:
        _error(f"{path}: {errors} error(s), {warnings} warning(s)", prefix=False, indent="")
        return ExitCode.PROBLEMS
    quotes = sum(len(e.citations) for e in catalogue.events) + len(catalogue.excluded)
    _error(
        f"{path}: OK: {len(catalogue.events)} events, {quotes} quotes verified in "
        f"{len(catalogue.sources)} sources" + (f", {warnings} warning(s)" if warnings else ""),
        prefix=False,
        indent="",
    )
    return ExitCode.OK


def _coverage(args: argparse.Namespace) -> int:
    from timeline_tui.output.coverage import write_report
    from timeline_tui.sources.coverage import analyse

    catalogue = _load_index(args).catalogue
    unknown = [s for s in args.source if s not in catalogue.sources]
    if unknown:
        raise UsageError(
            f"unknown source {unknown[0]!r}; the catalogue has {', '.join(catalogue.sources)}"
        )
    report = analyse(catalogue, args.source or None)
    with stdout_writer() as out:
        write_report(report, args.format, out)
    return ExitCode.PROBLEMS if report.open_mentions else ExitCode.OK


def _show_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("event_id", metavar="ID", help="the event's id")


def _vocabulary_command(name: str, what: str) -> Command:
    return Command(
        name,
        help=f"list the {what} with their event counts",
        description=f"List the catalogue's {what}, each with the number of events that "
        "match the filters.",
        options=(*LOADING, *FILTERS, "format", "raw_csv"),
        run=_vocabulary,
        formats=VOCABULARY_FORMATS,
    )


COMMANDS: dict[str | None, Command] = {
    command.name: command
    for command in (
        Command(
            None,
            help="",
            description="Explore a catalogue of dated, sourced events. With no command, "
            "opens the app on a terminal and lists events on a pipe.",
            options=(*LOADING, *FILTERS, "reverse"),
            run=_list,
        ),
        Command(
            "list",
            help="print matching events",
            description="Print the matching events in date order.",
            options=(*LOADING, *FILTERS, "format", "reverse", "raw_csv"),
            run=_list,
            formats=LIST_FORMATS,
        ),
        Command(
            "show",
            help="print one event in full",
            description="Print one event with its quotes and sources.",
            options=(*LOADING, "format"),
            run=_show,
            formats=SHOW_FORMATS,
            arguments=_show_arguments,
        ),
        _vocabulary_command("actors", "actors"),
        _vocabulary_command("themes", "themes"),
        Command(
            "sources",
            help="list the sources (articles) with the number of events citing each",
            description="List the catalogue's sources: id, publisher, title, date, file "
            "(relative to the catalogue's folder) and the number of events that cite it "
            "and match the filters.",
            options=(*LOADING, *FILTERS, "format", "raw_csv"),
            run=_vocabulary,
            formats=VOCABULARY_FORMATS,
        ),
        Command(
            "check",
            help="validate a catalogue and verify every quote",
            description="Validate the catalogue and check that every quote stands verbatim "
            "in its article. Exit 0 when clean, 1 when problems were found.",
            options=("catalog",),
            run=_check,
        ),
        Command(
            "coverage",
            help="find dated statements in the articles that the catalogue leaves out",
            description="List every date mention in the articles that no event quotes and "
            "no exclusion explains. Exit 0 when nothing is open, 1 when something is.",
            options=(*LOADING, "source", "format"),
            run=_coverage,
            formats=("text", "json", "yaml"),
            option_help={"source": "only this source's article; repeatable"},
        ),
        *AUTHORING_COMMANDS,
    )
}


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser, with a subparser per command of `COMMANDS`."""
    return build_parsers(COMMANDS)[0]
