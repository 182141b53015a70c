"""The commands that write: `init`, `add-source` and `draft`.

Each imports its authoring module when it runs, so the reading commands never load
trafilatura or the writer.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from timeline_tui.cli.parser import Command, ExitCode, UsageError
from timeline_tui.cli.streams import error as _error
from timeline_tui.cli.streams import stdout_writer

WRITE_TO = "catalogue file, or its folder, to write to (default: ./events.yaml)"


def _init(args: argparse.Namespace) -> int:
    from timeline_tui.authoring.scaffold import InitRefused, init_catalogue

    try:
        path = init_catalogue(Path(args.folder), args.title)
    except InitRefused as error:
        _error(str(error))
        return ExitCode.PROBLEMS
    _error(f"created {path}; add articles with `timeline add-source`", prefix=False, indent="")
    return ExitCode.OK


def _writable_catalogue(args: argparse.Namespace) -> Path:
    path = Path(args.catalog or "events.yaml")
    if path.is_dir():
        path = path / "events.yaml"
    if not path.exists():
        raise UsageError(
            f"no catalogue at {path}: give --catalog PATH, or start one with `timeline init`"
        )
    return path


def _add_source(args: argparse.Namespace) -> int:
    from timeline_tui.authoring.articles import AddRefused, WriteRefused, add_sources

    path = _writable_catalogue(args)
    try:
        added = add_sources(path, [Path(f) for f in args.files], args.source_id)
    except (AddRefused, WriteRefused) as error:
        _error(str(error))
        return ExitCode.PROBLEMS
    for item in added:
        article = item.article
        date = article.published.iso() if article.published else "undated"
        _error(f"added {item.source_id} ({date}) as {item.file}", prefix=False, indent="")
        if article.unsaid:
            _error(f"the article gives no {', no '.join(article.unsaid)}: left empty", prefix=False)
    return ExitCode.OK


def _draft(args: argparse.Namespace) -> int:
    from timeline_tui.authoring.drafts import draft_events
    from timeline_tui.authoring.writer import WriteRefused, add_entries
    from timeline_tui.authoring.yamltext import render_document
    from timeline_tui.catalogue import load_catalogue

    path = _writable_catalogue(args)
    catalogue = load_catalogue(path)
    unknown = [s for s in args.source if s not in catalogue.sources]
    if unknown:
        raise UsageError(
            f"unknown source {unknown[0]!r}; the catalogue has {', '.join(catalogue.sources)}"
        )
    drafts = draft_events(catalogue, args.source or None)
    for mention in drafts.undated:
        _error(
            f"{mention.file}:{mention.line}:{mention.column}: {mention.mention.text!r} cannot be "
            "dated (the article has no publication date): no draft",
        )
    if not args.write:
        with stdout_writer() as out:
            out.write(render_document("events", drafts.events))
        return ExitCode.OK
    if not drafts.events:
        _error(f"{path}: no open date mention to draft; nothing written", prefix=False, indent="")
        return ExitCode.OK
    try:
        add_entries(path, {"events": drafts.events})
    except WriteRefused as error:
        _error(str(error))
        return ExitCode.PROBLEMS
    _error(f"{path}: added {len(drafts.events)} draft event(s)", prefix=False, indent="")
    return ExitCode.OK


def _init_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", metavar="DIR", nargs="?", default=".")
    parser.add_argument("--title", help="the catalogue's title (default: the folder's name)")


def _add_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", metavar="FILE", nargs="+", help="a .txt or .html article")
    parser.add_argument("--id", dest="source_id", metavar="ID", help="the new source's id")


def _draft_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--write", action="store_true", help="add the stubs to the catalogue")


AUTHORING_COMMANDS = (
    Command(
        "init",
        help="start a catalogue in a new folder",
        description="Create DIR (default: here) with an events.yaml that documents the "
        "format in comments, and a folder for articles. Never overwrites a catalogue.",
        options=(),
        run=_init,
        arguments=_init_arguments,
    ),
    Command(
        "add-source",
        help="store an article (text or saved web page) and list it as a source",
        description="Store each article's text in the catalogue's articles folder and add a "
        "`sources` entry with its metadata, origin, time added and SHA-256. A web page "
        "becomes its main text through trafilatura.",
        options=("catalog",),
        run=_add_source,
        arguments=_add_source_arguments,
        option_help={"catalog": WRITE_TO},
    ),
    Command(
        "draft",
        help="draft an event for every open date mention",
        description="Print an event stub (draft: true) for every sentence whose date "
        "mentions no event quotes or exclusion explains; --write adds them to the catalogue.",
        options=("catalog", "source"),
        run=_draft,
        arguments=_draft_arguments,
        option_help={"catalog": WRITE_TO, "source": "only this source's article; repeatable"},
    ),
)
