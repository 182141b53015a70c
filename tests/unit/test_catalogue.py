from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import random

import pytest
import yaml
from conftest import tiny_catalogue

from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.dates import Precision
from timeline_tui.catalogue.errors import CatalogueError, Severity
from timeline_tui.cli import main
from timeline_tui.sources.check import check_catalogue


def problems_of(make_catalogue, data=None, **kwargs) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(make_catalogue(data, **kwargs))
    return [str(p) for p in caught.value.problems]


def test_tiny_catalogue_loads_in_date_order(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    assert [e.id for e in catalogue.events] == [
        "recognition",
        "embassies",
        "port",
        "trade-2019",
        "visit",
    ]
    visit = catalogue.event("visit")
    assert visit is not None
    assert visit.date.precision is Precision.DAY
    assert visit.date_text == "On Monday"
    assert visit.figures[0].value == 1.3
    assert catalogue.actors["firefly"].affiliation == "freedonia"
    assert catalogue.sources["two"].published.precision is Precision.YEAR
    assert catalogue.warnings == []
    assert check_catalogue(catalogue) == []


def test_yaml_dates_and_integer_years_are_accepted(make_catalogue):
    data = tiny_catalogue()
    data["events"][2]["date"] = dt.date(2018, 1, 15)
    data["events"][3]["date"] = 2019
    catalogue = load_catalogue(make_catalogue(data))
    assert catalogue.event("port").date.start.iso() == "2018-01-15"
    assert catalogue.event("trade-2019").date.precision is Precision.YEAR


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        (
            lambda d: d["events"][0]["actors"].append("freedonai"),
            "events[recognition].actors[2]: unknown actor 'freedonai'; did you mean 'freedonia'?",
        ),
        (
            lambda d: d["events"][0].__setitem__("themes", ["diplomcy"]),
            "events[recognition].themes[0]: unknown theme 'diplomcy'",
        ),
        (
            lambda d: d["events"][1].__setitem__("id", "recognition"),
            "events[recognition].id: duplicate id 'recognition'",
        ),
        (
            lambda d: d["events"][1].__setitem__("date", "2019-02-30"),
            "events[embassies].date: February 2019 has no day 30",
        ),
        (
            lambda d: d["events"][1].__setitem__("date", "2019-13"),
            "events[embassies].date: month 13 does not exist",
        ),
        (
            lambda d: d["events"][1].__setitem__("end", "1991"),
            "events[embassies].end: the end 1991 is before the start 1992-04",
        ),
        (
            lambda d: d["events"][1]["sources"][0].__setitem__("source", "three"),
            "events[embassies].sources[0].source: unknown source 'three'",
        ),
        (
            lambda d: d["events"][1].__setitem__("actors", 5),
            "events[embassies].actors: expected a list, got the number 5",
        ),
        (
            lambda d: d["events"][1].__setitem__("title", ["a", "b"]),
            "events[embassies].title: expected text, got a list",
        ),
        (lambda d: d["events"][1].pop("title"), "events[embassies].title: missing"),
        (
            lambda d: d["events"][1].__setitem__("sources", []),
            "events[embassies].sources: an event needs at least one source",
        ),
        (
            lambda d: d["sources"][0].__setitem__("file", "../outside.txt"),
            "sources[one].file: '../outside.txt' is outside the catalogue's folder",
        ),
        (
            lambda d: d["sources"][0].__setitem__("file", "/etc/passwd"),
            "sources[one].file: '/etc/passwd' is outside the catalogue's folder",
        ),
        (
            lambda d: d["actors"][2].__setitem__("affiliation", "nowhere"),
            "actors[firefly].affiliation: unknown actor 'nowhere'",
        ),
        (lambda d: d.pop("events"), "events: missing"),
    ],
)
def test_schema_errors_name_file_line_and_field(make_catalogue, mutate, expected):
    data = copy.deepcopy(tiny_catalogue())
    mutate(data)
    path = make_catalogue(data)
    problems = problems_of(make_catalogue, data)
    matching = [p for p in problems if expected in p]
    assert matching, problems
    assert matching[0].startswith(f"{path}:")
    line = int(matching[0][len(str(path)) + 1 :].split(":")[0])
    assert 1 <= line <= len(path.read_text().splitlines())


def test_the_line_is_the_line_of_the_bad_value(make_catalogue):
    text = yaml.safe_dump(tiny_catalogue(), sort_keys=False).replace(
        "date: 1992-04", "date: 1992-13"
    )
    path = make_catalogue(text=text)
    [problem] = problems_of(make_catalogue, text=text)
    line = int(problem.split(":")[1])
    assert "date: 1992-13" in path.read_text().splitlines()[line - 1]


def test_unknown_keys_warn_with_the_close_match(make_catalogue):
    data = tiny_catalogue()
    data["events"][0]["acters"] = list(data["events"][0]["actors"])
    catalogue = load_catalogue(make_catalogue(data))
    [warning] = catalogue.warnings
    assert warning.severity is Severity.WARNING
    assert "events[recognition].acters" in str(warning)
    assert "did you mean 'actors'?" in str(warning)


def test_duplicate_yaml_keys_are_detected(make_catalogue):
    text = yaml.safe_dump(tiny_catalogue(), sort_keys=False).replace(
        "  title: Embassies open\n", "  title: Embassies open\n  title: Again\n"
    )
    [problem] = problems_of(make_catalogue, text=text)
    assert "duplicate key 'title'" in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "is empty"),
        ("- a\n- b\n", "expected a mapping"),
        ("events: [\n", "not valid YAML"),
        ("a: !!python/object/apply:os.system ['true']\n", "tag"),
        ("a: &x [1]\nb: *x\n", "aliases"),
    ],
)
def test_not_a_catalogue(make_catalogue, text, expected):
    [problem] = problems_of(make_catalogue, text=text)
    assert expected in problem


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(CatalogueError, match="no such file") as caught:
        load_catalogue(tmp_path / "absent.yaml")
    assert caught.value.unreadable
    with pytest.raises(CatalogueError, match="directory"):
        load_catalogue(tmp_path)


def test_bom_is_accepted_and_bad_utf8_is_located(make_catalogue, tmp_path):
    path = make_catalogue()
    text = path.read_text(encoding="utf-8")
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    assert len(load_catalogue(path).events) == 5
    path.write_bytes(b"title: x\nsources: \xff\n")
    with pytest.raises(CatalogueError, match=r":2: is not valid UTF-8"):
        load_catalogue(path)


def test_quote_not_in_article_gets_did_you_mean(make_catalogue):
    data = tiny_catalogue()
    data["events"][1]["sources"][0]["quote"] = "The two countries opened embassy in April 1992."
    catalogue = load_catalogue(make_catalogue(data))
    [problem] = check_catalogue(catalogue)
    assert problem.field == "events[embassies].sources[0].quote"
    assert "quote not found in one.txt" in problem.message
    assert "did you mean: 'The two countries opened embassies in April 1992.'" in problem.message


def test_quotes_tolerate_only_white_space_differences(make_catalogue):
    data = tiny_catalogue()
    data["events"][1]["sources"][0]["quote"] = "The two\n countries   opened embassies"
    assert check_catalogue(load_catalogue(make_catalogue(data))) == []
    data["events"][1]["sources"][0]["quote"] = "the two countries opened embassies"
    assert len(check_catalogue(load_catalogue(make_catalogue(data)))) == 1


def test_missing_article_and_late_event_are_reported(make_catalogue, tmp_path):
    data = tiny_catalogue()
    data["events"][1]["date"] = "2022"
    path = make_catalogue(data)
    (tmp_path / "two.txt").unlink()
    problems = [str(p) for p in check_catalogue(load_catalogue(path))]
    assert any("sources[two].file: article 'two.txt' not found" in p for p in problems)
    assert any(
        "events[embassies].date: warning: 2022 is after the publication" in p for p in problems
    )


def test_symlink_out_of_the_folder_is_refused(make_catalogue, tmp_path_factory):
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("secret")
    path = make_catalogue()
    (path.parent / "link.txt").symlink_to(outside)
    data = tiny_catalogue()
    data["sources"][0]["file"] = "link.txt"
    problems = problems_of(make_catalogue, data)
    assert any("outside the catalogue's folder" in p for p in problems)


def test_check_reports_every_problem_in_one_run(capsys, make_catalogue):
    data = copy.deepcopy(tiny_catalogue())
    data["sources"][1]["file"] = "gone.txt"
    data["events"][1]["actors"] = ["freedonai"]  # embassies
    data["events"][3]["sources"][0]["quote"] = "Trade shrank."  # trade-2019
    path = make_catalogue(data)
    code = main(["check", "--catalog", str(path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert "embassies].actors[0]: unknown actor 'freedonai'" in out
    assert "sources[two].file: article 'gone.txt' not found" in out
    assert "events[trade-2019].sources[0].quote: quote not found in one.txt" in out
    assert len(out.splitlines()) == 3
    assert "3 error(s)" in err


def test_a_catalogue_built_out_of_date_order_puts_its_events_in_order(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    shuffled = dataclasses.replace(
        catalogue, events=random.Random(3).sample(catalogue.events, len(catalogue.events))
    )
    assert [e.id for e in shuffled.events] == [e.id for e in catalogue.events]


def test_a_catalogue_built_in_date_order_keeps_its_events_list(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    in_order = dataclasses.replace(catalogue, events=catalogue.events)
    assert in_order.events is catalogue.events
