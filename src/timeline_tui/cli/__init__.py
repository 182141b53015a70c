"""The `timeline` command: `commands` declares each command and runs it, `parser` builds
argparse from those declarations, `streams` keeps stdout for data and stderr for messages,
`listing` runs `list`, and `authoring` holds the commands that write a catalogue."""

from timeline_tui.cli.commands import COMMANDS, _filters, build_parser, main
from timeline_tui.cli.listing import _caption

__all__ = ["COMMANDS", "_caption", "_filters", "build_parser", "main"]
