"""Which options each command takes: the same before or after its name, refused where unused."""

from __future__ import annotations

import pytest
from conftest import run_cli as run

from timeline_tui.cli import COMMANDS, main
from timeline_tui.cli.parser import OPTIONS

VALUES = {
    "catalog": None,  # given by every test
    "no_cache": [],
    "actor": ["sylvania"],
    "theme": ["trade"],
    "source": ["one"],
    "since": ["2019"],
    "until": ["2020"],
    "search": ["trade"],
    "all_of": [],
    "disputed": [],
    "min_sources": ["2"],
    "has_figures": [],
    "drafts": [],
    "marked": [],
    "format": ["json"],
    "reverse": [],
    "raw_csv": [],
}
ARGUMENTS = {"show": ["visit"], "add-source": ["article.txt"]}


def _cases(taken: bool) -> list[tuple[str | None, str]]:
    return [
        (name, dest)
        for name, command in COMMANDS.items()
        for dest in OPTIONS
        if dest != "catalog" and (dest in command.options) is taken
    ]


def _words(dest: str) -> list[str]:
    return [OPTIONS[dest].flag, *VALUES[dest]]


def _label(case: tuple[str | None, str]) -> str:
    return f"{case[0] or 'no-command'}-{case[1]}"


def test_every_option_has_a_test_value():
    assert set(VALUES) == set(OPTIONS)


@pytest.mark.parametrize("case", _cases(taken=False), ids=_label)
@pytest.mark.parametrize("where", ["before", "after"])
def test_an_option_the_command_does_not_take_is_a_usage_error(capsys, catalog, case, where):
    name, dest = case
    command = [name, *ARGUMENTS.get(name, [])] if name else []
    option = _words(dest)
    line = [*option, *command] if where == "before" else [*command, *option]
    if "catalog" in COMMANDS[name].options:
        line += ["--catalog", catalog]
    code, out, err = run(capsys, *line)
    assert code == 2 and out == ""
    assert f"does not take {OPTIONS[dest].flag}" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("case", [c for c in _cases(taken=True) if c[0]], ids=_label)
def test_an_option_the_command_takes_means_the_same_before_and_after(capsys, catalog, case):
    name, dest = case
    command = [name, *ARGUMENTS.get(name, [])]
    after = run(capsys, *command, *_words(dest), "--catalog", catalog)
    before = run(capsys, *_words(dest), *command, "--catalog", catalog)
    assert before == after
    assert after[0] in (0, 1), after[2]


def test_an_option_changes_what_the_command_does_wherever_it_stands(capsys, catalog):
    everything = run(capsys, "list", "--catalog", catalog)
    assert run(capsys, "--search", "trade", "list", "--catalog", catalog) != everything
    assert run(capsys, "list", "--search", "trade", "--catalog", catalog) != everything


def test_coverage_takes_source_before_or_after_the_command(capsys, catalog):
    for line in (["--source", "nosuch", "coverage"], ["coverage", "--source", "nosuch"]):
        code, out, err = run(capsys, *line, "--catalog", catalog)
        assert code == 2 and out == "" and "unknown source 'nosuch'" in err


def test_repeated_options_on_both_sides_add_up(capsys, catalog):
    split = run(capsys, "--actor", "firefly", "list", "--actor", "freedonia", "--catalog", catalog)
    together = run(
        capsys, "list", "--actor", "firefly", "--actor", "freedonia", "--catalog", catalog
    )
    assert split == together and split[1].count("\n") == 4


def test_a_bad_format_before_the_command_is_refused_as_after(capsys, catalog):
    code, out, err = run(capsys, "--format", "yaml", "list", "--catalog", catalog)
    assert code == 2 and out == "" and "invalid choice: 'yaml'" in err


def test_the_refusal_names_the_commands_that_take_the_option(capsys, catalog):
    _, _, err = run(capsys, "--raw-csv", "--catalog", catalog)
    assert "without a command does not take --raw-csv; `list`, `actors`, `themes`" in err


def test_the_bare_command_takes_reverse_as_list_does(capsys, catalog):
    # on a terminal it opens the app newest first, as `r` shows it
    code, out, _ = run(capsys, "--reverse", "--catalog", catalog)
    assert code == 0
    assert (code, out) == run(capsys, "list", "--reverse", "--catalog", catalog)[:2]
    assert out.splitlines()[0].split("\t")[1] == "visit"


def test_the_bare_command_keeps_its_filters(capsys, catalog):
    assert run(capsys, "--actor", "firefly", "--catalog", catalog) == run(
        capsys, "list", "--actor", "firefly", "--catalog", catalog
    )


def test_the_help_of_each_command_lists_only_its_options(capsys):
    for name, command in COMMANDS.items():
        if name is None:
            continue
        assert main([name, "--help"]) == 0
        out = capsys.readouterr().out
        for dest, option in OPTIONS.items():
            assert (option.flag in out) is (dest in command.options), (name, option.flag)


def test_argparse_messages_are_printable(capsys, catalog):
    code, _, err = run(capsys, "list", "--format", "\x1b]0;owned\x07", "--catalog", catalog)
    assert code == 2 and "\x1b" not in err and "\x07" not in err and "\\x1b" in err
