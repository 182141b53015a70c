from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import run_cli as run
from conftest import tiny_catalogue

from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.dates import PartialDate, Precision
from timeline_tui.catalogue.errors import CatalogueError
from timeline_tui.output.coverage import write_report
from timeline_tui.sources.coverage import Status, analyse
from timeline_tui.sources.mentions import find_mentions
from timeline_tui.sources.provenance import Article

THURSDAY = PartialDate(2024, 7, 11)
ROOT = Path(__file__).resolve().parents[2]


def found(text: str, published: PartialDate | None = THURSDAY) -> dict[str, tuple[str | None, str]]:
    """Each mention's words -> (resolved ISO, precision)."""
    return {
        m.text: (None if m.resolved is None else m.resolved.iso(), m.precision.label)
        for m in find_mentions(text, published)
    }


# ---- finding mentions


def test_relative_forms_are_read_against_the_publication_date():
    mentions = found(
        "On Monday, Azerbaijan hosted the summit. Aliyev visited China last week. "
        "No date here. The interview was published a day before his visit. "
        "Earlier this year, trade grew. Nor here. He had spoken about it days earlier. "
        "Talks were held 20 years ago."
    )
    assert mentions == {
        "Monday": ("2024-07-08", "day"),
        # a week is its seven days, Monday to Sunday
        "last week": ("2024-07-01/2024-07-07", "day"),
        "a day before": ("2024-07-10", "day"),
        "Earlier this year": ("2024", "year"),
        # no count: one step coarser than its unit
        "days earlier": ("2024-07", "month"),
        "20 years ago": ("2004", "year"),
    }


def test_relative_forms_are_no_finer_than_a_coarse_publication_date():
    april = PartialDate(2025, 4)
    assert found("It was published on Monday, a day before the visit.", april) == {
        "Monday": ("2025-04", "month"),
        "a day before": ("2025-04", "month"),
    }
    # a date named without its year falls in the year of publication
    assert found("(Turan, April 24)", PartialDate(2019)) == {"April 24": ("2019-04-24", "day")}


def test_an_undated_article_leaves_relative_and_yearless_mentions_unresolved():
    assert found("On Monday, on April 24 and on 4 July 2024.", None) == {
        "Monday": (None, "day"),
        "April 24": (None, "day"),
        "4 July 2024": ("2024-07-04", "day"),
    }


def test_the_forms_dateparser_search_misses_or_mangles():
    text = (
        "In 1994, Heydar Aliyev made his first visit. In late April, an essay appeared. "
        "(1994, March 7-10). Official visit. Jafarli, S. (2020, September 22). Relations. "
        "Malik, A. (2021, September). Banking. "
        "Commitments grew between 2014, the year before signing the MoU, and 2016, the year "
        "after. The Forum opened (, April 24). By 2017, five projects ran. "
        "Trade grew in mid-2019 and over 2014–2016 and in the 1990s, see 2021-06-03."
    )
    assert found(text) == {
        "1994": ("1994", "year"),
        "late April": ("2024-04", "month"),
        "1994, March 7-10": ("1994-03-07/1994-03-10", "day"),
        "2020, September 22": ("2020-09-22", "day"),
        "2021, September": ("2021-09", "month"),
        "2014": ("2014", "year"),
        "2016": ("2016", "year"),
        "April 24": ("2024-04-24", "day"),
        "2017": ("2017", "year"),
        "mid-2019": ("2019", "year"),
        "2014–2016": ("2014/2016", "year"),
        "1990s": ("1990/1999", "year"),
        "2021-06-03": ("2021-06-03", "day"),
    }


def test_day_month_and_year_forms_keep_the_precision_of_their_words():
    text = (
        "China recognised it in December 1991. They met on 4 July and on 22 April 2025, "
        "on April 12, 2017, on Feb 1, 2022, on Sept. 11, 2001 and on the 5th of May 2019. "
        "It joined in July, see 7–10 March 2020, a March interview, since 2015."
    )
    assert found(text) == {
        "December 1991": ("1991-12", "month"),
        "4 July": ("2024-07-04", "day"),
        "22 April 2025": ("2025-04-22", "day"),
        "April 12, 2017": ("2017-04-12", "day"),
        "Feb 1, 2022": ("2022-02-01", "day"),
        "Sept. 11, 2001": ("2001-09-11", "day"),
        "5th of May 2019": ("2019-05-05", "day"),
        "July": ("2024-07", "month"),
        "7–10 March 2020": ("2020-03-07/2020-03-10", "day"),
        "March": ("2024-03", "month"),
        "2015": ("2015", "year"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "China has invested roughly $90 billion in loans.",
        "Five projects were valued at $54 million.",
        "Implementation took only 307 days, and 3,333 days (9.1 years) elsewhere.",
        "Travel between Europe and China was cut to 12 days.",
        "Eurasia Daily Monitor, 78(16).",
        "Imports rose, a 40 percent rise from the previous year.",
        "There were around 245 Azerbaijani companies operating in Beijing.",
        "Azerbaijan may be a reason, and we cover it now. Join today.",
        "Protesters march on the capital; the second forum; the 10th member.",
        "Theresa May met April Smith.",
        "It built 1,500 kilometres of railways and 2000 tonnes of steel, up 7.9%.",
        "Volume: 16 Issue: 62",
        "Read https://thediplomat.com/2020/12/middle-corridor-2019-04-24/ for more.",
        "Baku-Tbilisi-Kars (BTK) Rail Line, West 2 CR Express.",
        "In 2014, the year before signing; the year after.",
    ],
)
def test_plain_non_dates_are_not_mentions(text):
    assert set(found(text)) <= {"2014"}


@pytest.mark.parametrize(
    "text", ["December 1991", "22 April 2025", "April 12, 2017", "Feb 1, 2022", "2015"]
)
def test_dates_that_name_their_year_read_as_dateparser_reads_them(text):
    """Such dates skip dateparser for speed; what it would say is what they get."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["en"], settings={"RETURN_TIME_AS_PERIOD": True})
    data = parser.get_date_data(text)
    precision = {"day": Precision.DAY, "month": Precision.MONTH, "year": Precision.YEAR}
    expected = PartialDate.from_date(data.date_obj.date(), precision[data.period])
    (mention,) = find_mentions(text, THURSDAY)
    assert mention.resolved is not None and mention.resolved.start == expected
    assert mention.precision is expected.precision


def test_a_day_that_does_not_exist_is_no_date():
    assert found("It happened on 30 February 2021 and on April 31.") == {}


def test_a_footnote_marker_does_not_hide_a_year():
    assert found("diplomatic channels shortly after in April 1992.1 The two countries") == {
        "April 1992": ("1992-04", "month")
    }


def test_mention_offsets_are_the_words_in_the_original_text():
    text = "Ties\n\nOn\u00a05\u00a0July, Azertag reported it.\n"
    (mention,) = find_mentions(text, THURSDAY)
    assert text[mention.start : mention.end] == "5\u00a0July"
    assert mention.text == "5 July"
    assert Article(text).line_and_column(mention.start) == (3, 4)


def test_every_date_dateparser_search_finds_in_the_seeds_is_found_or_plainly_not_a_date():
    """The finder replaces `search_dates`: it must not lose a date that search finds."""
    from dateparser.search import search_dates

    plainly_not_dates = {
        "today", "now", "we", "We", "may", "$90", "at $54", "a 40", "78(16)", "307 days",
        "at 3,333 days", "1 years", "12 days", "the 10th", "of the 30th", "1 The two",
        "In just two months",
    }  # fmt: skip
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    missed = []
    for seed in seeds:
        article = Article.read(seed)
        mentions = find_mentions(article.text, THURSDAY)
        offset = 0
        # search_dates reports no-break spaces as spaces: one character for one
        for paragraph in re.sub(r"\s", " ", article.text).split(" " * 2):
            hits = search_dates(
                paragraph, languages=["en"],
                settings={"RELATIVE_BASE": dt.datetime(2024, 7, 11)},
            )  # fmt: skip
            position = 0
            for hit, _ in hits or []:
                position = paragraph.index(hit, position)
                start, end = offset + position, offset + position + len(hit)
                position += len(hit)
                if hit in plainly_not_dates:
                    continue
                if not any(m.start < end and start < m.end for m in mentions):
                    missed.append((seed.name, hit))
            offset += len(paragraph) + 2
    assert missed == []


# ---- covered, excluded, open


ARTICLE = (
    "Report\n\n"
    "They met in 2001. They met again in 2002. Trade grew in 2003 and\n"
    "boomed in 2004.\n\n"
    "A port opened in 2005. Nobody knows about 2006.\n"
)


def catalogue_with(events: list[dict], excluded: list[dict] | None = None) -> dict:
    data = tiny_catalogue()
    data["sources"].append(
        {"id": "three", "file": "three.txt", "publisher": "P", "title": "T",
         "published": "2024-07-11"}
    )  # fmt: skip
    data["events"].extend(events)
    if excluded is not None:
        data["excluded"] = excluded
    return data


def event(event_id: str, date: str, quote: str) -> dict:
    return {
        "id": event_id, "date": date, "title": event_id, "summary": "s",
        "actors": ["freedonia"], "themes": ["trade"],
        "sources": [{"source": "three", "quote": quote}],
    }  # fmt: skip


def statuses(make_catalogue, data: dict) -> dict[str, tuple[Status, str | None]]:
    path = make_catalogue(data, articles={"three.txt": ARTICLE})
    report = analyse(load_catalogue(path), ["three"])
    return {m.mention.text: (m.status, m.event or m.reason) for m in report.mentions}


def test_a_quote_covers_the_mentions_of_its_sentence_only(make_catalogue):
    data = catalogue_with([event("again", "2002", "They met again")])
    assert statuses(make_catalogue, data) == {
        "2001": (Status.OPEN, None),
        "2002": (Status.COVERED, "again"),
        "2003": (Status.OPEN, None),
        "2004": (Status.OPEN, None),
        "2005": (Status.OPEN, None),
        "2006": (Status.OPEN, None),
    }


def test_a_quote_across_sentences_covers_every_sentence_it_touches(make_catalogue):
    # the sentence "Trade grew in 2003 and boomed in 2004." runs over a line break
    data = catalogue_with([event("boom", "2003", "in 2002. Trade grew")])
    result = statuses(make_catalogue, data)
    assert result["2001"] == (Status.OPEN, None)
    assert result["2002"] == result["2003"] == result["2004"] == (Status.COVERED, "boom")
    assert result["2005"] == (Status.OPEN, None)


def test_the_covering_event_is_the_one_whose_date_the_mention_names(make_catalogue):
    data = catalogue_with([
        event("grew", "2003", "Trade grew in 2003 and boomed in 2004."),
        event("boomed", "2004", "boomed in 2004"),
    ])  # fmt: skip
    result = statuses(make_catalogue, data)
    assert result["2003"] == (Status.COVERED, "grew")
    assert result["2004"] == (Status.COVERED, "boomed")


def test_exclusions_set_aside_their_sentence_and_a_citation_wins(make_catalogue):
    data = catalogue_with(
        [event("port-2005", "2005", "A port opened")],
        excluded=[
            {"source": "three", "quote": "Nobody knows", "reason": "speculation"},
            {"source": "three", "quote": "A port opened in 2005.", "reason": "also cited"},
            {"source": "three", "quote": "They met in", "reason": "not about trade"},
        ],
    )
    result = statuses(make_catalogue, data)
    assert result["2001"] == (Status.EXCLUDED, "not about trade")
    assert result["2005"] == (Status.COVERED, "port-2005")
    assert result["2006"] == (Status.EXCLUDED, "speculation")
    assert result["2002"] == (Status.OPEN, None)


def test_an_exclusion_for_another_article_excludes_nothing_here(make_catalogue):
    data = catalogue_with(
        [], excluded=[{"source": "one", "quote": "Freedonia", "reason": "wrong article"}]
    )
    path = make_catalogue(data, articles={"three.txt": "Freedonia met in 2001.\n"})
    (mention,) = analyse(load_catalogue(path), ["three"]).mentions
    assert mention.status is Status.OPEN


# ---- the command


def test_exit_1_and_each_open_mention_with_its_sentence(capsys, make_catalogue, monkeypatch):
    path = make_catalogue()
    monkeypatch.chdir(path.parent)
    code, out, err = run(capsys, "coverage", "--catalog", str(path))
    assert code == 1 and err == ""
    lines = out.splitlines()
    # the tiny catalogue quotes everything but the publication line of article one
    assert lines[:2] == ["one.txt:3:1: 2 March 2021 -> 2021-03-02 (day)", "    2 March 2021"]
    table = {line.split()[0]: line.split()[1:] for line in lines[3:]}
    assert table == {
        "source": ["found", "covered", "excluded", "open"],
        "one": ["5", "4", "0", "1"],
        "two": ["2", "2", "0", "0"],
        "total": ["7", "6", "0", "1"],
    }


def test_exit_0_when_every_mention_is_covered_or_excluded(capsys, make_catalogue):
    data = tiny_catalogue()
    data["excluded"] = [{"source": "one", "quote": "2 March 2021", "reason": "publication date"}]
    code, out, _ = run(capsys, "coverage", "--catalog", str(make_catalogue(data)))
    assert code == 0
    assert out.splitlines()[0].split() == ["source", "found", "covered", "excluded", "open"]
    assert out.splitlines()[1].split() == ["one", "5", "4", "1", "0"]


def test_source_option_limits_the_articles(capsys, make_catalogue):
    code, out, _ = run(capsys, "coverage", "--catalog", str(make_catalogue()), "--source", "two")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["source", "two"]


def test_exit_2_for_an_unknown_source(capsys, make_catalogue):
    code, out, err = run(capsys, "coverage", "--catalog", str(make_catalogue()),
                         "--source", "nope")  # fmt: skip
    assert code == 2 and out == ""
    assert "unknown source 'nope'" in err


def test_exit_2_when_an_article_cannot_be_read(capsys, make_catalogue):
    data = tiny_catalogue()
    data["sources"][1]["file"] = "missing.txt"
    code, out, err = run(capsys, "coverage", "--catalog", str(make_catalogue(data)))
    assert code == 2 and out == ""
    assert "'missing.txt' not found" in err


def test_json_lists_every_mention_and_a_summary_per_source(capsys, make_catalogue):
    path = make_catalogue()
    code, out, _ = run(capsys, "coverage", "--catalog", str(path), "--format", "json")
    assert code == 1
    document = json.loads(out)
    assert document["summary"] == {
        "one": {"found": 5, "covered": 4, "excluded": 0, "open": 1},
        "two": {"found": 2, "covered": 2, "excluded": 0, "open": 0},
    }
    mentions = document["mentions"]
    assert [m["text"] for m in mentions] == [
        "2 March 2021", "December 1991", "April 1992", "Monday", "2019", "January 2018", "1992",
    ]  # fmt: skip
    monday = mentions[3]
    assert monday == {
        "source": "one",
        "file": "one.txt",
        "line": 7,
        "column": 4,
        "text": "Monday",
        "resolved": "2021-03-01",
        "precision": "day",
        "status": "covered",
        "event": "visit",
        "reason": None,
        "sentence": "On Monday, President Firefly visited Sylvania and signed a trade deal worth "
        "$1.3 [billion].",
    }
    assert mentions[0]["status"] == "open" and mentions[0]["event"] is None
    assert {m["precision"] for m in mentions} == {"day", "month", "year"}


def test_article_text_cannot_act_on_the_terminal(capsys, make_catalogue):
    data = copy.deepcopy(tiny_catalogue())
    path = make_catalogue(data, articles={"two.txt": "It opened \x1b]0;owned\x07 in 2031.\n"})
    code, out, _ = run(capsys, "coverage", "--catalog", str(path), "--source", "two")
    assert code == 1
    assert "\x1b" not in out and "\x07" not in out
    assert "It opened \\x1b]0;owned\\x07 in 2031." in out


def test_unknown_report_format_and_source_are_refused(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    with pytest.raises(ValueError, match="unknown source"):
        analyse(catalogue, ["nope"])
    with pytest.raises(ValueError, match="unknown format"):
        write_report(analyse(catalogue), "xml", io.StringIO())


def test_analyse_raises_for_an_unreadable_article(make_catalogue):
    data = tiny_catalogue()
    data["sources"][0]["file"] = "gone.txt"
    with pytest.raises(CatalogueError):
        analyse(load_catalogue(make_catalogue(data)), ["one"])


def test_check_reports_an_excluded_quote_that_is_not_verbatim(capsys, make_catalogue):
    data = tiny_catalogue()
    data["excluded"] = [{"source": "one", "quote": "2 March 2022", "reason": "publication date"}]
    code, out, _ = run(capsys, "check", "--catalog", str(make_catalogue(data)))
    assert code == 1
    assert "excluded[0].quote: quote not found in one.txt; did you mean: '2 March 2021'" in out


def test_the_embedded_catalogue_has_mentions_in_every_article(embedded_path):
    catalogue = load_catalogue(embedded_path)
    report = analyse(catalogue)
    summary = report.summary()
    assert list(summary) == list(catalogue.sources)
    assert all(row.found > 0 for row in summary.values())
    assert all(m.mention.precision in Precision for m in report.mentions)


def test_an_exclusion_that_excludes_nothing_is_noted(capsys, make_catalogue):
    data = tiny_catalogue()
    data["excluded"] = [
        {"source": "one", "quote": "2 March 2021", "reason": "publication date"},
        {"source": "two", "quote": "Sylvania and the port", "reason": "a heading, no date"},
    ]
    code, out, _ = run(capsys, "coverage", "--catalog", str(make_catalogue(data)))
    notes = [line for line in out.splitlines() if "note:" in line]
    assert len(notes) == 1
    assert "excluded[1].quote: note: excludes no date mention: 'Sylvania and the port'" in notes[0]
    code, out, _ = run(
        capsys, "coverage", "--catalog", str(make_catalogue(data)), "--format", "json"
    )
    [idle] = json.loads(out)["idle_exclusions"]
    assert idle["quote"] == "Sylvania and the port"


def test_json_gives_article_paths_as_the_catalogue_writes_them_wherever_it_runs(
    capsys, make_catalogue, tmp_path, monkeypatch
):
    path = make_catalogue()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    _, out, _ = run(capsys, "coverage", "--catalog", str(path), "--format", "json")
    assert {m["file"] for m in json.loads(out)["mentions"]} == {"one.txt", "two.txt"}
    monkeypatch.chdir(path.parent)
    _, again, _ = run(capsys, "coverage", "--catalog", str(path), "--format", "json")
    assert again == out
