"""`list_command`: the command line for a set of filters, which reads back as the same filters."""

from __future__ import annotations

import datetime as dt
import shlex
import shutil
import subprocess

import pytest

from timeline_tui import cli
from timeline_tui.catalogue import load_catalogue
from timeline_tui.cli.parser import parse_args
from timeline_tui.output.commandline import (
    NotACommandLine,
    has_escaped_words,
    list_command,
    shell_word,
)
from timeline_tui.query import Filters
from timeline_tui.query.marks import save_marks
from timeline_tui.text.printable import is_printable


def _read_back(command: str, catalogue) -> Filters:
    """The filters `timeline` builds from the command, as the CLI does."""
    words = shlex.split(command)
    assert words[:2] == ["timeline", "list"]
    return cli._filters(parse_args(words[1:], cli.COMMANDS), catalogue)


def test_no_filters_is_plain_list():
    assert list_command(Filters()) == "timeline list"


def test_every_filter_by_id_sorted_and_dates_as_days():
    filters = Filters(
        actors=frozenset({"sylvania", "freedonia"}),
        themes=frozenset({"trade"}),
        sources=frozenset({"one"}),
        since=dt.date(2019, 1, 1),
        until=dt.date(2021, 12, 31),
        text="port deal",
    )
    assert list_command(filters) == (
        "timeline list --actor freedonia --actor sylvania --theme trade --source one "
        "--since 2019-01-01 --until 2021-12-31 --search 'port deal'"
    )


def test_catalogue_path_is_given_and_quoted():
    command = list_command(Filters(), catalogue="my data/events.yaml")
    assert command == "timeline list --catalog 'my data/events.yaml'"


@pytest.mark.parametrize(
    "text",
    [
        "$1.3 [billion]",
        "it's",
        "a; rm -rf /",
        "`whoami`",
        "$(date)",
        '"quoted"',
        "-starts-with-dash",
    ],
)
def test_search_text_survives_the_shell(text):
    command = list_command(Filters(text=text))
    words = shlex.split(command)
    assert words[-1] in (text, f"--search={text}")
    assert words[2:] in (["--search", text], [f"--search={text}"])


def test_read_back_by_the_command_line_gives_the_same_filters(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    filters = Filters(
        actors=frozenset({"firefly", "sylvania"}),
        themes=frozenset({"diplomacy"}),
        since=dt.date(1992, 4, 1),
        until=dt.date(2021, 3, 1),
        text="visited [billion]",
    )
    assert _read_back(list_command(filters), catalogue) == filters


def test_whitespace_in_the_search_is_folded():
    assert list_command(Filters(text="  port   deal ")) == "timeline list --search 'port deal'"


HOSTILE_WORDS = [
    "osc\x1b]0;owned\x07",
    "bell\x07",
    "bidi\u202eevil",
    "tag\U000e0041",
    "soft\u00adhyphen",
    "line\nbreak",
    "back\\slash 'quote' \x1b",
    "\x1b-dash",
]


def _words_by_bash(command: str) -> list[str]:
    """The arguments bash passes to the program for this command line."""
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    script = "printf '%s\\0' " + command.split(" ", 1)[1]
    done = subprocess.run([bash, "-c", script], capture_output=True, check=True)
    return done.stdout.decode("utf-8").split("\0")[:-1]


@pytest.mark.parametrize("word", HOSTILE_WORDS)
def test_an_id_with_control_or_invisible_characters_is_written_printably(word):
    command = list_command(Filters(actors=frozenset({word})))
    assert is_printable(command)
    assert command.isascii()


@pytest.mark.parametrize("word", HOSTILE_WORDS)
def test_an_id_with_control_or_invisible_characters_reads_back_exactly_in_bash(word):
    command = list_command(Filters(actors=frozenset({word}), text=f"find {word}"))
    assert _words_by_bash(command) == [
        "list",
        *(["--actor", word] if not word.startswith("-") else [f"--actor={word}"]),
        "--search",
        " ".join(f"find {word}".split()),
    ]


def test_a_catalogue_path_with_an_escape_sequence_reads_back_exactly_in_bash():
    path = "cat\x1b[2Jalogue/events.yaml"
    command = list_command(Filters(), catalogue=path)
    assert is_printable(command)
    assert _words_by_bash(command) == ["list", "--catalog", path]


def test_a_nul_character_is_refused_with_a_printable_message():
    with pytest.raises(NotACommandLine) as refused:
        list_command(Filters(themes=frozenset({"nul\x00\x1b"})))
    assert is_printable(str(refused.value))
    assert "NUL" in str(refused.value)


def test_printable_words_keep_their_posix_quoting():
    assert shell_word("it's") == shlex.quote("it's")
    assert shell_word("Zürich") == shlex.quote("Zürich")


def test_an_escaped_word_is_told_apart_from_a_quoted_dollar_sign():
    assert has_escaped_words(list_command(Filters(actors=frozenset({"a\x1b"}))))
    assert not has_escaped_words(list_command(Filters(text="a $'b")))
    assert not has_escaped_words(list_command(Filters(text='say "$\'x"')))


EVIDENCE_FILTERS = {
    "--and": Filters(actors=frozenset({"firefly", "sylvania"}), all_of=True),
    "--disputed": Filters(disputed=True),
    "--min-sources 2": Filters(min_sources=2),
    "--has-figures": Filters(has_figures=True),
    "--drafts": Filters(drafts=True),
    "--marked": Filters(marked=frozenset({"visit", "port"})),
}


@pytest.mark.parametrize("option", EVIDENCE_FILTERS)
def test_each_evidence_filter_is_printed_and_reads_back_the_same(make_catalogue, option):
    catalogue = load_catalogue(make_catalogue())
    save_marks(catalogue.path, ["visit", "port"])
    filters = EVIDENCE_FILTERS[option]
    command = list_command(filters)
    assert option in command
    assert _read_back(command, catalogue) == filters


def test_every_filter_at_once_reads_back_the_same(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    save_marks(catalogue.path, ["visit"])
    filters = Filters(
        actors=frozenset({"firefly", "sylvania"}),
        themes=frozenset({"diplomacy", "trade"}),
        since=dt.date(1992, 4, 1),
        text="visited",
        all_of=True,
        disputed=True,
        min_sources=3,
        has_figures=True,
        drafts=True,
        marked=frozenset({"visit"}),
    )
    command = list_command(filters, catalogue=catalogue.path)
    assert command.endswith("--and --disputed --min-sources 3 --has-figures --drafts --marked")
    assert _read_back(command, catalogue) == filters


def test_newest_first_prints_reverse():
    assert list_command(Filters(disputed=True), reverse=True) == (
        "timeline list --disputed --reverse"
    )
