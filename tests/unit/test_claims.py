"""`timeline check` warns of an event whose date or figures its quotes do not bear out."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import tiny_catalogue

from timeline_tui.catalogue.errors import Problem, Severity
from timeline_tui.catalogue.model import Figure
from timeline_tui.sources.check import check_file
from timeline_tui.sources.claims import figure_in

ARTICLE = """The ferry

Published 2 November 1880.

The first ferry crossed the strait on 30 October 1880. Crowds came.
On Monday, the harbour board met and approved a loan of $1.3 billion.
The board said tolls would rise by 11.3 percent. Fares stay unchanged.
"""


def catalogue(*events: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(tiny_catalogue())
    data["sources"].append(
        {
            "id": "ferry",
            "file": "ferry.txt",
            "publisher": "The Gazette",
            "title": "The ferry",
            "published": "1880-11-02",
        }
    )
    data["events"] = list(events)
    return data


def event(date: str, quote: str, **more: Any) -> dict[str, Any]:
    return {
        "id": "crossing",
        "date": date,
        "title": "The ferry crosses",
        "summary": "A crossing.",
        "actors": ["sylvania"],
        "themes": ["transport"],
        "sources": [{"source": "ferry", "quote": quote}],
        **more,
    }


def claims(make_catalogue, *events: dict[str, Any]) -> list[Problem]:
    path = make_catalogue(catalogue(*events), articles={"ferry.txt": ARTICLE})
    loaded, problems = check_file(path)
    assert loaded is not None, problems
    return [p for p in problems if "quotes" in p.message]


CROSSING = "The first ferry crossed the strait on 30 October 1880."
LOAN = "On Monday, the harbour board met and approved a loan of $1.3 billion."


def test_a_day_its_quotes_do_not_mention_is_warned(make_catalogue):
    (problem,) = claims(make_catalogue, event("1880-10-31", CROSSING))
    assert problem.severity is Severity.WARNING
    assert problem.field == "events[crossing].date"
    assert problem.message == "1880-10-31 overlaps no date its quotes mention (30 October 1880)"


def test_the_day_its_quote_mentions_is_not_warned(make_catalogue):
    assert claims(make_catalogue, event("1880-10-30", CROSSING)) == []


def test_a_month_holding_the_quoted_day_is_not_warned(make_catalogue):
    assert claims(make_catalogue, event("1880-10", CROSSING)) == []


def test_a_date_text_that_matches_is_enough(make_catalogue):
    quote = "The board said tolls would rise by 11.3 percent."
    assert claims(make_catalogue, event("1880-10-30", quote, date_text="30 October 1880")) == []


def test_a_quote_without_a_date_is_not_warned(make_catalogue):
    assert claims(make_catalogue, event("1875", "Crowds came.")) == []


def test_a_relative_mention_is_resolved_against_the_publication(make_catalogue):
    # the article was published on Tuesday 2 November 1880: "On Monday" is 1 November
    assert claims(make_catalogue, event("1880-11-01", LOAN)) == []
    (problem,) = claims(make_catalogue, event("1880-11-05", LOAN))
    assert problem.message == "1880-11-05 overlaps no date its quotes mention (Monday)"


def figure(value: object) -> dict[str, Any]:
    return {"label": "a figure", "value": value, "unit": "USD billion"}


def test_a_figure_its_quotes_state_is_not_warned(make_catalogue):
    assert claims(make_catalogue, event("1880-11-01", LOAN, figures=[figure(1.3)])) == []


def test_a_figure_absent_from_its_quotes_is_warned_at_its_line(make_catalogue):
    path = make_catalogue(
        catalogue(event("1880-11-01", LOAN, figures=[figure(1.3), figure(2.5)])),
        articles={"ferry.txt": ARTICLE},
    )
    _, problems = check_file(path)
    (problem,) = [p for p in problems if "quotes" in p.message]
    assert problem.file == str(path)
    assert problem.field == "events[crossing].figures[1].value"
    assert problem.message == "2.5 appears in none of the event's quotes"
    assert "2.5" in path.read_text().splitlines()[problem.line - 1]


def test_a_date_warning_is_located_at_its_event(make_catalogue):
    path = make_catalogue(catalogue(event("1880-10-31", CROSSING)), articles={"ferry.txt": ARTICLE})
    _, problems = check_file(path)
    (problem,) = [p for p in problems if "quotes" in p.message]
    assert problem.file == str(path)
    assert "crossing" in path.read_text().splitlines()[problem.line - 1]


def test_a_figure_is_a_whole_number_not_part_of_one():
    assert not figure_in(Figure("tolls", 1.3, "percent"), ["tolls would rise by 11.3 percent"])
    assert figure_in(Figure("tolls", 11.3, "percent"), ["tolls would rise by 11.3 percent"])


@pytest.mark.parametrize(
    ("value", "quote"),
    [
        (821000, "deals worth $821,000"),
        (3, "a rise of 3.0 percent"),
        (3.0, "three ferries"),
        (3700000000, "trade of $3.7 billion"),
        (1.3, "a 1.3bn loan"),
        (-70.7, "exports fell by 70.7%"),
        (6, "its sixth-largest partner"),
    ],
)
def test_a_figure_is_found_as_prose_writes_it(value, quote):
    assert figure_in(Figure("x", value, ""), [quote])


def test_the_embedded_catalogue_has_no_claim_warnings(embedded_path: Path):
    _, problems = check_file(embedded_path)
    assert [str(p) for p in problems if "quotes" in p.message] == []


def test_a_quote_with_only_absolute_dates_does_not_import_dateparser(tmp_path, make_catalogue):
    import subprocess

    path = make_catalogue(catalogue(event("1880-10-31", CROSSING)), articles={"ferry.txt": ARTICLE})
    code = (
        "import sys; from pathlib import Path; from timeline_tui.sources.check import check_file;"
        f"check_file(Path({str(path)!r})); print('dateparser' in sys.modules)"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def test_an_event_with_an_unverified_quote_is_judged_once_it_stands(make_catalogue):
    path = make_catalogue(
        catalogue(event("1880-10-31", "Words the article lacks.", figures=[figure(9)])),
        articles={"ferry.txt": ARTICLE},
    )
    _, problems = check_file(path)
    assert [p.field for p in problems] == ["events[crossing].sources[0].quote"]


def test_quotes_are_read_as_coverage_reads_their_articles(embedded_path: Path):
    from timeline_tui.catalogue import load_catalogue
    from timeline_tui.sources.check import read_articles
    from timeline_tui.sources.claims import _mentions_within
    from timeline_tui.sources.mentions import find_mentions

    loaded = load_catalogue(embedded_path)
    articles, _ = read_articles(loaded)
    whole = {
        source_id: find_mentions(article.text, loaded.sources[source_id].published)
        for source_id, article in articles.items()
    }
    compared = 0
    for event in loaded.events:
        for citation in event.citations:
            article = articles[citation.source]
            place = article.find(citation.quote)
            assert place is not None
            published = loaded.sources[citation.source].published
            alone = _mentions_within(article, place.start, place.end, published)
            expected = [
                (m.text, m.resolved)
                for m in whole[citation.source]
                if m.end > place.start and m.start < place.end
            ]
            assert [(m.text, m.resolved) for m in alone] == expected, event.id
            compared += len(expected)
    assert compared > 100
