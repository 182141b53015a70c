"""The command line's options and how each command's parser is built from them.

`Option` describes one option; `Command` says which options a command takes,
and `timeline_tui.cli.COMMANDS` declares every command once. The top-level
parser accepts every option (as `before_<dest>`), so that one given before the
command's name is checked against that command and then means what it means
after it; one the command does not take is a usage error, wherever it stands.
"""

from __future__ import annotations

import argparse
import enum
import sys
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

from timeline_tui import __version__
from timeline_tui.text.printable import printable


class ExitCode(enum.IntEnum):
    OK = 0
    PROBLEMS = 1
    USAGE = 2
    OUTPUT = 3
    """The output could not be written: stdout closed or full."""


class UsageError(Exception):
    """Bad usage that argparse cannot see: reported in one line, exit 2."""


@dataclass(frozen=True)
class Option:
    """A command-line option; `COMMANDS` says which commands take it."""

    flag: str
    help: str
    metavar: str | None = None
    repeatable: bool = False
    switch: bool = False
    filter: bool = False
    """Listed under "filters" in the help."""
    empty: Any = None
    """The value when the option is not given (repeatable: `[]`; switch: False)."""

    @property
    def default(self) -> Any:
        return [] if self.repeatable else False if self.switch else self.empty

    def add_to(self, parser: argparse._ActionsContainer, dest: str, **overrides: Any) -> None:
        settings: dict[str, Any] = {"dest": dest, "default": None, "help": self.help}
        if self.switch:
            settings["action"] = "store_true"
        else:
            settings["metavar"] = self.metavar
            settings["action"] = "append" if self.repeatable else "store"
        settings.update(overrides)
        parser.add_argument(self.flag, **settings)


OPTIONS: dict[str, Option] = {
    "catalog": Option(
        "--catalog", "catalogue file to read (default: the embedded catalogue)", "PATH"
    ),
    "no_cache": Option(
        "--no-cache",
        "read the catalogue's YAML, neither using nor writing the parsed copy kept in "
        "$XDG_CACHE_HOME/timeline-tui",
        switch=True,
    ),
    "actor": Option(
        "--actor",
        "events involving this actor (id, name or alias); repeatable",
        "NAME",
        repeatable=True,
        filter=True,
    ),
    "theme": Option(
        "--theme", "events on this theme; repeatable", "NAME", repeatable=True, filter=True
    ),
    "source": Option(
        "--source", "events citing this source; repeatable", "ID", repeatable=True, filter=True
    ),
    "since": Option(
        "--since", "from this date: 2019, 'April 2019', '2 years ago'", "DATE", filter=True
    ),
    "until": Option("--until", "up to the end of this date", "DATE", filter=True),
    "search": Option(
        "--search",
        "words to find in the title, summary or quotes",
        "TEXT",
        filter=True,
        empty="",
    ),
    "all_of": Option(
        "--and",
        "repeated --actor values must all match, and so must repeated --theme values "
        "(without it, any one matches)",
        switch=True,
        filter=True,
    ),
    "disputed": Option(
        "--disputed", "events whose sources disagree (a recorded dispute)", switch=True, filter=True
    ),
    "min_sources": Option(
        "--min-sources",
        "events cited by at least N different sources (2: corroborated)",
        "N",
        filter=True,
    ),
    "has_figures": Option("--has-figures", "events that state figures", switch=True, filter=True),
    "drafts": Option(
        "--drafts",
        "draft events only (drafted by `timeline draft`, not yet written up)",
        switch=True,
        filter=True,
    ),
    "marked": Option(
        "--marked",
        "events marked in the app (m); marks are kept per catalogue in "
        "$XDG_STATE_HOME/timeline-tui",
        switch=True,
        filter=True,
    ),
    "format": Option("--format", "output format (default: text)", "FORMAT", empty="text"),
    "reverse": Option("--reverse", "latest first", switch=True),
    "raw_csv": Option(
        "--raw-csv",
        "in csv and tsv, keep cells that begin with = + - @, a tab or a carriage return "
        "as they are (by default they get a leading ' so that spreadsheets do not run them "
        "as formulas)",
        switch=True,
    ),
}

LOADING = ("catalog", "no_cache")
FILTERS = (
    "actor",
    "theme",
    "source",
    "since",
    "until",
    "search",
    "all_of",
    "disputed",
    "min_sources",
    "has_figures",
    "drafts",
    "marked",
)


@dataclass(frozen=True)
class Command:
    """A subcommand: its help, the `OPTIONS` it takes, and the function that runs it.

    `name` None is `timeline` without a command. `arguments` adds positional
    arguments; `option_help` rewords an option's help for this command.
    """

    name: str | None
    help: str
    description: str
    options: tuple[str, ...]
    run: Callable[[argparse.Namespace], int]
    formats: tuple[str, ...] = ()
    arguments: Callable[[argparse.ArgumentParser], None] | None = None
    option_help: Mapping[str, str] = field(default_factory=dict)


class _Parser(argparse.ArgumentParser):
    """argparse, with every message made printable (a user's words are echoed in them)."""

    def _print_message(self, message: str, file: Any = None) -> None:
        stream = file or sys.stderr
        if message and stream is not None:
            try:
                stream.write(printable(message, multiline=True))
            except (OSError, ValueError):
                pass


def _command_parser(commands: Any, command: Command) -> argparse.ArgumentParser:
    """The command's parser, still without its options: `_fill` adds them."""
    assert command.name is not None
    parser: argparse.ArgumentParser = commands.add_parser(
        command.name, help=command.help, description=command.description, add_help=False
    )
    return parser


def _fill(parser: argparse.ArgumentParser, command: Command) -> None:
    """Add the command's arguments and options (with `-h`, as argparse would) to its parser."""
    parser.add_argument(
        "-h",
        "--help",
        action="help",
        default=argparse.SUPPRESS,
        help="show this help message and exit",
    )
    if command.arguments is not None:
        command.arguments(parser)
    filters = parser.add_argument_group("filters")
    for dest in command.options:
        option = OPTIONS[dest]
        overrides: dict[str, Any] = {}
        if dest in command.option_help:
            overrides["help"] = command.option_help[dest]
        if dest == "format":
            overrides["choices"] = command.formats
            overrides["help"] = f"output format: {', '.join(command.formats)} (default: text)"
        grouped = option.filter and dest not in command.option_help
        option.add_to(filters if grouped else parser, dest, **overrides)


def build_parsers(
    commands: Mapping[str | None, Command], *, filled: Collection[str] | None = None
) -> tuple[argparse.ArgumentParser, dict[str | None, argparse.ArgumentParser]]:
    """The top-level parser and each command's, keyed by command name (None: no command).

    The top level accepts every option, stored as `before_<dest>`, so that one given
    before the command's name can be checked against that command; the options of
    `timeline` without a command are the only ones its help shows. Only the commands
    named in `filled` (by default all) get their options; the others only their name
    and help line, which is all the top level's help and parsing need of them.
    """
    bare = commands[None]
    parser = _Parser(prog="timeline", description=bare.description)
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    filters = parser.add_argument_group("filters")
    for dest, option in OPTIONS.items():
        shown = dest in bare.options
        option.add_to(
            filters if option.filter else parser,
            f"before_{dest}",
            **({} if shown else {"help": argparse.SUPPRESS}),
        )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    parsers: dict[str | None, argparse.ArgumentParser] = {None: parser}
    for command in commands.values():
        if command.name is not None:
            parsers[command.name] = _command_parser(subparsers, command)
            if filled is None or command.name in filled:
                _fill(parsers[command.name], command)
    return parser, parsers


def parse_args(
    argv: Sequence[str] | None, commands: Mapping[str | None, Command]
) -> argparse.Namespace:
    """Parse the line; exits 2 (through argparse) on any option the command does not take.

    Every option's `dest` is set on the result: its value, or its default where the
    command does not take it.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    # Which command it is depends only on the top level, which knows every option:
    # a first pass finds it, and only that command's parser gets its options, a
    # few milliseconds on every run rather than all the commands' options.
    parser, parsers = build_parsers(commands, filled=())
    chosen = parser.parse_known_args(argv)[0].command
    if chosen is not None:
        _fill(parsers[chosen], commands[chosen])
    args, extras = parser.parse_known_args(argv)
    command = commands[args.command]
    here = parsers[args.command]
    flags = {option.flag: dest for dest, option in OPTIONS.items()}
    for extra in extras:
        word = extra.split("=", 1)[0]
        if word in flags:
            _refuse(here, command, word, commands)
    if extras:
        here.error(f"unrecognized arguments: {' '.join(extras)}")
    for dest, option in OPTIONS.items():
        before = getattr(args, f"before_{dest}")
        delattr(args, f"before_{dest}")
        after = getattr(args, dest, None)
        if before is not None and dest not in command.options:
            _refuse(here, command, option.flag, commands)
        if option.repeatable:
            value = [*(before or []), *(after or [])]
        else:
            value = after if after is not None else before
        setattr(args, dest, option.default if value is None else value)
    if "format" in command.options and args.format not in command.formats:
        choices = ", ".join(repr(f) for f in command.formats)
        here.error(f"argument --format: invalid choice: {args.format!r} (choose from {choices})")
    return args


def _refuse(
    parser: argparse.ArgumentParser,
    command: Command,
    flag: str,
    commands: Mapping[str | None, Command],
) -> NoReturn:
    users = [f"`{c.name}`" for c in commands.values() if c.name and _takes(c, flag)]
    where = f"`timeline {command.name}`" if command.name else "`timeline` without a command"
    takers = "takes" if len(users) == 1 else "take"
    hint = f"; {', '.join(users)} {takers} it" if users else ""
    parser.error(f"{where} does not take {flag}{hint}")


def _takes(command: Command, flag: str) -> bool:
    return any(OPTIONS[dest].flag == flag for dest in command.options)
