"""The command line's all-of and evidence filters, `--marked` export, and the table's ids."""

from __future__ import annotations

import csv
import io
import json
import os

import pytest
from conftest import run_cli as run
from conftest import tiny_catalogue

from timeline_tui.catalogue import load_catalogue
from timeline_tui.cli import _caption
from timeline_tui.output.text import write_table
from timeline_tui.query import Filters, build_filters
from timeline_tui.query.marks import marks_file, save_marks


@pytest.fixture
def catalog(make_catalogue) -> str:
    data = tiny_catalogue()
    data["events"][2]["draft"] = True  # the port
    return str(make_catalogue(data))


def listed(capsys, catalog: str, *options: str) -> list[str]:
    code, out, err = run(capsys, "list", "--format", "json", "--catalog", catalog, *options)
    assert code == 0, err
    return [event["id"] for event in json.loads(out)]


def test_and_makes_repeated_actors_all_match(capsys, catalog):
    actors = ("--actor", "firefly", "--actor", "sylvania")
    assert listed(capsys, catalog, *actors) == ["recognition", "embassies", "port", "visit"]
    assert listed(capsys, catalog, *actors, "--and") == ["visit"]
    assert listed(capsys, catalog, "--and", "--theme", "diplomacy", "--theme", "trade") == ["visit"]


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        (["--disputed"], ["recognition"]),
        (["--min-sources", "2"], ["recognition"]),
        (["--min-sources", "1"], ["recognition", "embassies", "port", "trade-2019", "visit"]),
        (["--has-figures"], ["trade-2019", "visit"]),
        (["--drafts"], ["port"]),
        (["--has-figures", "--actor", "firefly"], ["visit"]),
    ],
)
def test_evidence_options_filter_the_list(capsys, catalog, options, expected):
    assert listed(capsys, catalog, *options) == expected


@pytest.mark.parametrize("value", ["0", "two", "-1"])
def test_min_sources_refuses_what_is_not_a_whole_number_from_one(capsys, catalog, value):
    code, out, err = run(capsys, "list", f"--min-sources={value}", "--catalog", catalog)
    assert code == 2 and out == ""
    assert "--min-sources: expected a whole number of sources from 1" in err
    assert "Traceback" not in err


def test_marked_exports_the_picked_events_as_csv(capsys, catalog):
    save_marks(catalog, ["visit", "recognition"])
    code, out, err = run(capsys, "list", "--marked", "--format", "csv", "--catalog", catalog)
    assert code == 0, err
    assert [row["id"] for row in csv.DictReader(io.StringIO(out))] == ["recognition", "visit"]


def test_marked_with_nothing_marked_lists_nothing(capsys, catalog):
    assert listed(capsys, catalog, "--marked") == []


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_marked_refuses_marks_others_can_write(capsys, catalog):
    save_marks(catalog, ["visit"])
    kept = marks_file(catalog)
    assert kept is not None
    kept.parent.chmod(0o777)
    code, out, err = run(capsys, "list", "--marked", "--catalog", catalog)
    assert code == 2 and out == ""
    assert "--marked: marks not read: others can write to" in err
    assert "Traceback" not in err


def test_the_vocabulary_commands_take_the_evidence_filters(capsys, catalog):
    code, out, err = run(
        capsys, "themes", "--has-figures", "--format", "json", "--catalog", catalog
    )
    assert code == 0, err
    assert {t["id"]: t["events"] for t in json.loads(out)} == {
        "diplomacy": 1,
        "trade": 2,
        "transport": 0,
    }


def test_show_does_not_take_the_evidence_filters(capsys, catalog):
    code, out, err = run(capsys, "show", "visit", "--disputed", "--catalog", catalog)
    assert code == 2 and "does not take --disputed" in err


def test_the_caption_states_the_evidence_filters(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    filters = build_filters(
        catalogue,
        actors=["Firefly", "Sylvania"],
        all_of=True,
        disputed=True,
        min_sources="2",
        has_figures=True,
        drafts=True,
        marked=frozenset({"visit"}),
    )
    assert _caption(filters, 0, catalogue) == (
        "0 of 5 events · actor Rufus T. Firefly and Sylvania · disputed · cited by 2+ sources"
        " · with figures · drafts · marked"
    )


def test_the_caption_says_or_without_and(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    filters = Filters(actors=frozenset({"firefly", "sylvania"}))
    assert "actor Rufus T. Firefly or Sylvania" in _caption(filters, 4, catalogue)


def _table(catalogue, columns: int, monkeypatch) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(columns))
    out = io.StringIO()
    write_table(catalogue, catalogue.events, out, caption=None)
    return out.getvalue().splitlines()


@pytest.mark.parametrize("columns", [200, 100, 60])
def test_the_table_shows_each_events_id(embedded_path, monkeypatch, columns):
    catalogue = load_catalogue(embedded_path)
    lines = _table(catalogue, columns, monkeypatch)
    assert lines[0].split()[-1] == "Id"
    text = "".join(line.rstrip() for line in lines)  # ids fold, never cut
    for event in catalogue.events:
        assert event.id in text or _folded_in(event.id, lines), event.id


def _folded_in(event_id: str, lines: list[str]) -> bool:
    """Whether the id is in the last column, folded over consecutive lines."""
    start = lines[0].rindex("Id")
    column = "".join(line[start:].strip() for line in lines)
    return event_id in column


def test_on_a_wide_terminal_titles_take_the_width(embedded_path, monkeypatch):
    catalogue = load_catalogue(embedded_path)
    lines = _table(catalogue, 200, monkeypatch)
    body = "\n".join(lines)
    unwrapped = [event.title for event in catalogue.events if event.title in body]
    assert len(unwrapped) == len(catalogue.events), "no title wraps at 200 columns"
    for line in lines:
        assert len(line.rstrip()) <= 200
