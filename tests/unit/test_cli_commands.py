"""`timeline sources`, and the filters stated above the terminal's table."""

from __future__ import annotations

import csv
import io
import json

from conftest import run_cli as run
from conftest import tiny_catalogue

from timeline_tui.catalogue import load_catalogue
from timeline_tui.cli import _caption, main
from timeline_tui.query import build_filters

SOURCE_ONE = {
    "id": "one",
    "publisher": "The Daily",
    "title": "Ties",
    "date": "2021-03-02",
    "file": "one.txt",
    "events": 4,
}


def test_sources_json_lists_each_source_with_its_events(capsys, catalog):
    code, out, err = run(capsys, "sources", "--catalog", catalog, "--format", "json")
    assert code == 0 and err == ""
    rows = json.loads(out)
    assert rows[0] == SOURCE_ONE
    assert rows[1]["id"] == "two" and rows[1]["events"] == 2


def test_sources_jsonl_is_one_source_per_line(capsys, catalog):
    _, out, _ = run(capsys, "sources", "--catalog", catalog, "--format", "jsonl")
    assert json.loads(out.splitlines()[0]) == SOURCE_ONE


def test_sources_csv_and_tsv_have_the_same_columns(capsys, catalog):
    _, out, _ = run(capsys, "sources", "--catalog", catalog, "--format", "csv")
    assert next(csv.DictReader(io.StringIO(out))) == {k: str(v) for k, v in SOURCE_ONE.items()}
    _, out, _ = run(capsys, "sources", "--catalog", catalog, "--format", "tsv")
    assert out.splitlines()[1].split("\t") == [str(v) for v in SOURCE_ONE.values()]


def test_sources_text_shows_count_id_publisher_title_and_date(capsys, catalog):
    _, out, _ = run(capsys, "sources", "--catalog", catalog)
    assert out.splitlines()[0].split() == ["4", "one", "The", "Daily:", "Ties", "(2021-03-02)"]


def test_sources_text_shows_only_what_a_source_has(capsys, make_catalogue):
    data = tiny_catalogue()
    del data["sources"][0]["publisher"]  # a plain-text article added with add-source
    del data["sources"][1]["published"], data["sources"][1]["published_note"]
    _, out, _ = run(capsys, "sources", "--catalog", str(make_catalogue(data)))
    assert out.splitlines()[0].split() == ["4", "one", "Ties", "(2021-03-02)"]
    assert out.splitlines()[1].split() == ["2", "two", "The", "Weekly:", "Port"]


def test_show_names_a_source_without_a_publisher_by_its_title(capsys, make_catalogue):
    data = tiny_catalogue()
    del data["sources"][0]["publisher"]
    _, out, _ = run(capsys, "show", "embassies", "--catalog", str(make_catalogue(data)))
    assert "[one] Ties (2 March 2021)" in out


def test_sources_counts_follow_the_filters(capsys, catalog):
    _, out, _ = run(capsys, "sources", "--catalog", catalog, "--since", "2020", "--format", "json")
    assert {row["id"]: row["events"] for row in json.loads(out)} == {"one": 1, "two": 0}


def test_unknown_source_points_to_the_sources_command_that_exists(capsys, catalog):
    code, _, err = run(capsys, "list", "--catalog", catalog, "--source", "nope")
    assert code == 2 and "`timeline sources` lists them" in err
    assert run(capsys, "sources", "--catalog", catalog)[0] == 0


def test_actors_csv_leaves_a_missing_affiliation_empty(capsys, catalog):
    _, out, _ = run(capsys, "actors", "--catalog", catalog, "--format", "csv")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    assert rows["freedonia"]["affiliation"] == ""
    assert rows["firefly"]["affiliation"] == "freedonia"
    assert "None" not in out


def test_the_table_caption_states_the_filters_as_understood(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    filters = build_filters(catalogue, actors=["Firefly"], since="1990", until="1999")
    assert _caption(filters, 2, catalogue) == (
        "2 of 5 events · actor Rufus T. Firefly · from 1 Jan 1990 · to 31 Dec 1999"
    )


def test_the_table_caption_without_filters_counts_events(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    assert _caption(build_filters(catalogue), 5, catalogue) == "5 of 5 events"


def test_without_catalog_the_events_yaml_here_is_read_before_the_embedded_one(
    capsys, make_catalogue, monkeypatch, tmp_path
):
    path = make_catalogue()
    monkeypatch.chdir(path.parent)
    assert main(["check"]) == 0
    assert capsys.readouterr().err.startswith("events.yaml: OK")
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    monkeypatch.chdir(empty)
    assert main(["check"]) == 0
    assert "62 events" in capsys.readouterr().err, "no events.yaml here: the embedded catalogue"
