from __future__ import annotations

import copy
import csv
import io
import json
import os
import subprocess
import sys

import pytest
from conftest import run_cli as run
from conftest import tiny_catalogue

from timeline_tui.cli import build_parser, main


def test_list_on_a_pipe_is_one_plain_line_per_event(capsys, catalog):
    code, out, err = run(capsys, "list", "--catalog", catalog)
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "1991-12\trecognition\tFreedonia recognises Sylvania"
    assert lines[3] == "2019\ttrade-2019\tTrade grows by 40 [percent]"
    assert "\x1b" not in out


def test_no_command_on_a_pipe_lists(capsys, catalog):
    assert run(capsys, "--catalog", catalog) == run(capsys, "list", "--catalog", catalog)


def test_filters_before_or_after_the_command(capsys, catalog):
    expected = run(capsys, "list", "--catalog", catalog, "--actor", "firefly")
    assert run(capsys, "--actor", "firefly", "--catalog", catalog, "list") == expected
    assert expected[1].count("\n") == 1


def test_json_has_the_documented_fields(capsys, catalog):
    code, out, _ = run(capsys, "list", "--catalog", catalog, "--format", "json")
    events = json.loads(out)
    assert code == 0 and len(events) == 5
    first = events[0]
    assert first["id"] == "recognition"
    assert first["date"] == "1991-12" and first["precision"] == "month" and first["end"] is None
    assert first["actors"] == ["Freedonia", "Sylvania"]
    assert first["themes"] == ["Diplomacy"]
    assert first["sources"][1] == {
        "source": "two",
        "file": "two.txt",
        "quote": "Freedonia recognised Sylvania in 1992",
    }
    assert first["disputes"][0]["about"] == "date"
    assert events[4]["date"] == "2021-03-01" and events[4]["date_text"] == "On Monday"


def test_empty_result_is_valid_json_and_exit_0(capsys, catalog):
    code, out, _ = run(capsys, "list", "--catalog", catalog, "--search", "zzz", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_jsonl_is_one_object_per_line(capsys, catalog):
    _, out, _ = run(capsys, "list", "--catalog", catalog, "--format", "jsonl")
    assert [json.loads(line)["id"] for line in out.splitlines()][-1] == "visit"


def test_csv_and_tsv_read_back(capsys, catalog):
    _, out, _ = run(capsys, "list", "--catalog", catalog, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["actors"] == "Freedonia; Sylvania"
    assert rows[0]["quotes"] == (
        "Freedonia recognised Sylvania in December 1991.\nFreedonia recognised Sylvania in 1992"
    )
    assert rows[0]["display_date"] == "Dec 1991" and rows[4]["date_text"] == "On Monday"
    _, out, _ = run(capsys, "list", "--catalog", catalog, "--format", "tsv")
    rows = list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [r["id"] for r in rows] == ["recognition", "embassies", "port", "trade-2019", "visit"]
    assert rows[4]["figures"] == "trade deal: 1.3 USD billion"


def test_csv_round_trips_awkward_text_exactly(capsys, make_catalogue):
    data = tiny_catalogue()
    data["events"][0]["summary"] = 'Line one,\nline "two"\x1b[2J [bold]x[/]'
    _, out, _ = run(capsys, "list", "--catalog", str(make_catalogue(data)), "--format", "csv")
    assert next(csv.DictReader(io.StringIO(out)))["summary"] == data["events"][0]["summary"]
    _, out, _ = run(capsys, "list", "--catalog", str(make_catalogue(data)), "--format", "json")
    assert json.loads(out)[0]["summary"] == data["events"][0]["summary"]


def test_markdown_escapes_and_footnotes(capsys, catalog):
    _, out, _ = run(capsys, "list", "--catalog", catalog, "--format", "markdown")
    assert out.startswith("# Freedonia and Sylvania\n")
    assert "## 1991\n" in out and "## 2021\n" in out
    assert "Trade grows by 40 \\[percent\\]" in out
    assert "[^1][^2]" in out
    assert "[^6]: “On Monday, President Firefly visited Sylvania" in out
    assert "*Sources differ (date):* One says December 1991" in out


def test_timelinejs_dates_have_only_their_known_parts(capsys, catalog):
    _, out, _ = run(capsys, "list", "--catalog", catalog, "--format", "timelinejs")
    document = json.loads(out)
    slides = {s["unique_id"]: s for s in document["events"]}
    assert slides["trade-2019"]["start_date"] == {"year": 2019}
    assert slides["embassies"]["start_date"] == {"year": 1992, "month": 4}
    assert slides["embassies"]["display_date"] == "April 1992"
    assert slides["visit"]["start_date"] == {"year": 2021, "month": 3, "day": 1}
    assert slides["visit"]["group"] == "Diplomacy"
    assert slides["visit"]["text"]["headline"] == "Firefly visits Sylvania"


def test_show_prints_quotes_and_sources(capsys, catalog):
    code, out, _ = run(capsys, "show", "recognition", "--catalog", catalog)
    assert code == 0
    assert "December 1991" in out
    assert "“Freedonia recognised Sylvania in 1992”" in out
    assert "The Weekly: Port (2021)" in out
    assert "Sources differ (date)" in out
    code, out, _ = run(capsys, "show", "visit", "--catalog", catalog, "--format", "json")
    assert json.loads(out)["sources"][0]["publisher"] == "The Daily"


def test_show_unknown_event_suggests_near_misses(capsys, catalog):
    code, out, err = run(capsys, "show", "embasies", "--catalog", catalog)
    assert code == 2 and out == ""
    assert "no event 'embasies'" in err and "did you mean 'embassies'" in err


def test_show_unknown_event_suggests_ids_containing_the_word(capsys, catalog):
    code, out, err = run(capsys, "show", "TRADE", "--catalog", catalog)
    assert code == 2 and out == ""
    assert "did you mean 'trade-2019'?" in err


def test_show_unknown_event_without_any_likeness_points_to_list(capsys, catalog):
    _, _, err = run(capsys, "show", "zzz", "--catalog", catalog)
    assert "`timeline list` lists the events" in err


def test_vocabularies_count_matching_events(capsys, catalog):
    code, out, _ = run(capsys, "actors", "--catalog", catalog, "--format", "json")
    counts = {row["id"]: row["events"] for row in json.loads(out)}
    assert counts == {"freedonia": 3, "sylvania": 4, "firefly": 1}
    _, out, _ = run(capsys, "themes", "--catalog", catalog, "--actor", "sylvania")
    assert out.splitlines()[0].split() == ["3", "diplomacy", "Diplomacy"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["list", "--actor", "Nobody"], "unknown actor 'Nobody'"),
        (["list", "--since", "whenever"], "--since: cannot read 'whenever'"),
        (["list", "--since", "2020", "--until", "2019"], "after --until"),
        (["list", "--format", "yaml"], "invalid choice: 'yaml'"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_usage_exits_2_with_one_plain_message(capsys, catalog, args, message):
    code, out, err = run(capsys, *args, "--catalog", catalog)
    assert code == 2 and out == ""
    assert message in err
    assert "Traceback" not in err


def test_unloadable_catalogue_exits_2(capsys, make_catalogue):
    data = tiny_catalogue()
    data["events"][0]["actors"] = ["nobody"]
    data["events"][1]["themes"] = ["nothing"]
    code, out, err = run(capsys, "list", "--catalog", str(make_catalogue(data)))
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 2
    assert "unknown actor 'nobody'" in err and "1 more" in err


def test_check_clean_and_with_problems(capsys, make_catalogue):
    code, out, err = run(capsys, "check", "--catalog", str(make_catalogue()))
    assert code == 0 and out == "" and "OK: 5 events, 6 quotes verified in 2 sources" in err
    data = tiny_catalogue()
    data["events"][2]["sources"][0]["quote"] = "The port opened in 2018"
    data["events"][1]["actors"] = ["nobody"]
    code, out, err = run(capsys, "check", "--catalog", str(make_catalogue(data)))
    assert code == 1
    assert "unknown actor 'nobody'" in out


def test_check_missing_catalogue_exits_2(capsys, tmp_path):
    code, _, err = run(capsys, "check", "--catalog", str(tmp_path / "nope.yaml"))
    assert code == 2 and "nope.yaml: no such file" in err


def test_every_command_has_help(capsys):
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in commands:
        assert main([name, "--help"]) == 0
        out, _ = capsys.readouterr()
        assert out.startswith("usage: timeline " + name)
        assert len(out.splitlines()) > 3


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("timeline ")


def _run_command(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "timeline_tui", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )


def test_head_closes_the_pipe_quietly(make_catalogue):
    # many events, so the writer is still writing when head has gone
    data = tiny_catalogue()
    base = data["events"][1]
    data["events"] += [{**copy.deepcopy(base), "id": f"copy-{i}"} for i in range(3000)]
    path = make_catalogue(data)
    result = subprocess.run(
        [
            "bash",
            "-c",
            f"set -o pipefail; {sys.executable} -m timeline_tui"
            f" list --catalog {path} --format jsonl | head -1",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == 1


def test_no_colour_on_a_pipe_and_with_no_color(make_catalogue):
    path = str(make_catalogue())
    result = _run_command("list", "--catalog", path, env={"FORCE_COLOR": ""})
    assert "\x1b" not in result.stdout
    result = _run_command(
        "list",
        "--catalog",
        path,
        "--format",
        "text",
        env={"NO_COLOR": "1", "TTY_COMPATIBLE": "1", "FORCE_COLOR": ""},
    )
    assert "\x1b" not in result.stdout


def test_rich_table_on_a_terminal_honours_no_color(make_catalogue, monkeypatch):
    from timeline_tui.catalogue import load_catalogue
    from timeline_tui.output import write_events

    catalogue = load_catalogue(make_catalogue())
    for no_color, coloured in (("1", False), (None, True)):
        if no_color:
            monkeypatch.setenv("NO_COLOR", no_color)
        else:
            monkeypatch.delenv("NO_COLOR", raising=False)
        monkeypatch.setenv("FORCE_COLOR", "1")
        out = io.StringIO()
        write_events(catalogue, catalogue.events, "text", out, terminal=True)
        assert ("\x1b[36m" in out.getvalue()) is coloured  # cyan dates
        assert "[percent]" in out.getvalue()


def test_a_markdown_footnote_leaves_out_a_publisher_the_article_did_not_give(
    capsys, make_catalogue
):
    data = tiny_catalogue()
    data["sources"][0]["publisher"] = ""
    _, out, _ = run(capsys, "list", "--catalog", str(make_catalogue(data)), "--format", "markdown")
    footnotes = [line for line in out.splitlines() if line.startswith("[^")]
    assert footnotes and not [line for line in footnotes if "— ," in line], "no empty place"
    assert any("” — *" in line for line in footnotes), "the title alone"
    assert any("” — The Weekly, *" in line for line in footnotes), "both where both are given"
