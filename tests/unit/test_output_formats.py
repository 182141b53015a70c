"""Every format valid for the program that reads it, whatever the catalogue holds."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.model import Catalogue, Dispute, Event, Figure
from timeline_tui.output import write_event_detail, write_events, write_vocabulary
from timeline_tui.output.tabular import spreadsheet_safe

OSC_TITLE = "\x1b]0;owned\x07"


@pytest.fixture
def catalogue(make_catalogue) -> Catalogue:
    return load_catalogue(make_catalogue())


def with_event(catalogue: Catalogue, **changes: object) -> tuple[Catalogue, Event]:
    """The catalogue's `visit` event with some fields changed."""
    event = dataclasses.replace(catalogue.event("visit"), **changes)  # type: ignore[type-var]
    return catalogue, event


def written(catalogue: Catalogue, event: Event, format_name: str, **options: bool) -> str:
    out = io.StringIO()
    write_events(catalogue, [event], format_name, out, **options)
    return out.getvalue()


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def tsv_rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.split("\n") if line]


# CSV and TSV


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_neutralises_a_cell_a_spreadsheet_would_run(catalogue, start):
    catalogue, event = with_event(catalogue, title=f'{start}HYPERLINK("http://x")')
    row = csv_rows(written(catalogue, event, "csv"))[0]
    assert row["title"] == f'\'{start}HYPERLINK("http://x")'


def test_raw_csv_keeps_formula_cells_as_they_are(catalogue):
    catalogue, event = with_event(catalogue, title="=1+2")
    assert csv_rows(written(catalogue, event, "csv", raw=True))[0]["title"] == "=1+2"


def test_csv_quotes_a_bare_carriage_return_so_the_row_holds(catalogue):
    catalogue, event = with_event(catalogue, title="one\r=cmd|' /C calc'!A0")
    text = written(catalogue, event, "csv")
    rows = csv_rows(text)
    assert len(rows) == 1 and rows[0]["title"] == "one\r=cmd|' /C calc'!A0"
    assert text.count("\n") == 2


def test_tsv_neutralises_and_escapes_so_every_row_is_one_line(catalogue):
    catalogue, event = with_event(catalogue, title="=A1\tB\nC\rD\\E", summary="-1")
    rows = tsv_rows(written(catalogue, event, "tsv"))
    assert len(rows) == 2 and len(rows[1]) == len(rows[0])
    cells = dict(zip(rows[0], rows[1], strict=True))
    assert cells["title"] == "'=A1\\tB\\nC\\rD\\\\E"
    assert cells["summary"] == "'-1"


def test_csv_gives_each_source_once_and_quotes_one_per_line(catalogue):
    event = catalogue.event("recognition")
    assert event is not None
    doubled = dataclasses.replace(event, citations=event.citations + event.citations[:1])
    row = csv_rows(written(catalogue, doubled, "csv"))[0]
    assert row["sources"] == "one; two"
    assert row["quotes"].split("\n") == [c.quote for c in doubled.citations]


def test_a_line_break_inside_a_quote_cannot_be_taken_for_the_separator(catalogue):
    event = catalogue.event("recognition")
    assert event is not None
    citation = dataclasses.replace(event.citations[0], quote="Freedonia recognised\nSylvania")
    broken = dataclasses.replace(event, citations=(citation, event.citations[1]))
    row = csv_rows(written(catalogue, broken, "csv"))[0]
    assert row["quotes"].split("\n") == [
        "Freedonia recognised Sylvania",
        "Freedonia recognised Sylvania in 1992",
    ]


def test_vocabulary_csv_leaves_a_missing_value_empty(catalogue):
    out = io.StringIO()
    write_vocabulary([{"id": "x", "affiliation": None, "events": 1}], "csv", out)
    assert out.getvalue() == "id,affiliation,events\nx,,1\n"


def test_vocabulary_csv_neutralises_formulas(catalogue):
    out = io.StringIO()
    write_vocabulary([{"id": "x", "name": "@SUM(A1)", "events": 1}], "csv", out)
    assert out.getvalue().splitlines()[1] == "x,'@SUM(A1),1"


def test_spreadsheet_safe_leaves_ordinary_cells_alone():
    assert spreadsheet_safe("2019-04") == "2019-04"
    assert spreadsheet_safe("") == ""


# JSON


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
@pytest.mark.parametrize("format_name", ["json", "jsonl"])
def test_json_writes_a_figure_that_is_not_a_number_as_a_string(catalogue, value, format_name):
    catalogue, event = with_event(catalogue, figures=(Figure("odd", value, "units"),))
    text = written(catalogue, event, format_name)
    document = json.loads(text, parse_constant=pytest.fail)
    record = document[0] if format_name == "json" else document
    assert record["figures"][0]["value"] == repr(value)


def test_show_json_is_strict_json_too(catalogue):
    catalogue, event = with_event(catalogue, figures=(Figure("odd", float("nan"), ""),))
    out = io.StringIO()
    write_event_detail(catalogue, event, "json", out)
    assert json.loads(out.getvalue(), parse_constant=pytest.fail)["figures"][0]["value"] == "nan"


def test_every_format_gives_a_file_as_the_catalogue_writes_it(catalogue):
    source = catalogue.sources["one"]
    catalogue.sources["one"] = dataclasses.replace(source, file="seeds/one.txt")
    event = catalogue.event("visit")
    assert event is not None
    assert json.loads(written(catalogue, event, "json"))[0]["sources"][0]["file"] == (
        "seeds/one.txt"
    )
    out = io.StringIO()
    write_event_detail(catalogue, event, "json", out)
    assert json.loads(out.getvalue())["sources"][0]["file"] == "seeds/one.txt"
    out = io.StringIO()
    write_event_detail(catalogue, event, "text", out)
    assert "— seeds/one.txt" in out.getvalue()


# TimelineJS and Markdown


def test_timelinejs_escapes_every_string_for_html(catalogue):
    attack = '<img src=x onerror="alert(1)">'
    theme = catalogue.themes["diplomacy"]
    catalogue.themes["diplomacy"] = dataclasses.replace(theme, name=attack)
    catalogue, event = with_event(catalogue, id=f"visit{attack}", title=attack, summary=attack)
    document = json.loads(written(catalogue, event, "timelinejs"))
    slide = document["events"][0]
    for text in (slide["group"], slide["unique_id"], slide["text"]["headline"]):
        assert "<" not in text and "&lt;img" in text
    assert "<img" not in slide["text"]["text"]


def test_markdown_escapes_html_entities_and_strikethrough(catalogue):
    catalogue, event = with_event(catalogue, title="<b>A & B</b> ~~gone~~")
    text = written(catalogue, event, "markdown")
    assert "\\<b\\>A \\& B\\</b\\> \\~\\~gone\\~\\~" in text


# Terminal text


@pytest.mark.parametrize("format_name", ["text", "markdown"])
def test_an_id_with_an_osc_sequence_reaches_text_output_printable(catalogue, format_name):
    catalogue, event = with_event(catalogue, id=f"visit{OSC_TITLE}", title=f"t{OSC_TITLE}")
    text = written(catalogue, event, format_name)
    assert "\x1b" not in text and "\x07" not in text and "x1b" in text


def test_show_text_makes_every_field_printable(catalogue):
    catalogue, event = with_event(
        catalogue, id=f"v{OSC_TITLE}", notes=(f"n{OSC_TITLE}",), date_text=OSC_TITLE
    )
    out = io.StringIO()
    write_event_detail(catalogue, event, "text", out)
    assert "\x1b" not in out.getvalue()


def test_vocabulary_text_makes_ids_and_names_printable():
    out = io.StringIO()
    write_vocabulary([{"id": f"x{OSC_TITLE}", "name": OSC_TITLE, "events": 1}], "text", out)
    assert "\x1b" not in out.getvalue()


def test_the_terminal_table_states_the_filters(catalogue):
    out = io.StringIO()
    write_events(catalogue, catalogue.events, "text", out, terminal=True, caption="5 of 5 events")
    assert out.getvalue().startswith("5 of 5 events")


# Notes and disputes

NOTE = "The figure is the article's estimate."


@pytest.fixture
def noted(catalogue: Catalogue) -> tuple[Catalogue, Event]:
    return with_event(
        catalogue, notes=(NOTE,), disputes=(Dispute("date", "One says 2020, one 2021."),)
    )


@pytest.mark.parametrize("format_name", ["json", "jsonl"])
def test_json_carries_notes_and_disputes_apart(noted, format_name):
    text = written(*noted, format_name)
    record = json.loads(text)[0] if format_name == "json" else json.loads(text)
    assert record["notes"] == [NOTE]
    assert record["disputes"] == [{"about": "date", "note": "One says 2020, one 2021."}]


def test_csv_carries_notes_and_disputes_apart(noted):
    row = csv_rows(written(*noted, "csv"))[0]
    assert row["notes"] == NOTE and row["disputes"] == "date: One says 2020, one 2021."


def test_markdown_carries_notes_and_disputes_apart(noted):
    text = written(*noted, "markdown")
    assert "  - *Note:* The figure is the article's estimate.\n" in text
    assert "  - *Sources differ (date):* One says 2020, one 2021.\n" in text


def test_show_carries_notes_and_disputes_apart(noted):
    catalogue, event = noted
    out = io.StringIO()
    write_event_detail(catalogue, event, "text", out)
    assert f"Note: {NOTE}" in out.getvalue()
    assert "Sources differ (date): One says 2020, one 2021." in out.getvalue()
    out = io.StringIO()
    write_event_detail(catalogue, event, "json", out)
    assert json.loads(out.getvalue())["notes"] == [NOTE]


def test_an_event_without_notes_has_an_empty_list(catalogue):
    assert json.loads(written(catalogue, catalogue.events[0], "json"))[0]["notes"] == []
