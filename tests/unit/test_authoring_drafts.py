"""`timeline draft` and `coverage --format yaml`: stubs for the open date mentions."""

from __future__ import annotations

import io

import yaml
from conftest import tiny_catalogue

from timeline_tui.authoring.drafts import draft_events, named_actors
from timeline_tui.authoring.writer import add_entries
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.errors import Severity
from timeline_tui.cli import main
from timeline_tui.output.coverage import write_report
from timeline_tui.sources.check import check_catalogue
from timeline_tui.sources.coverage import analyse
from timeline_tui.sources.provenance import Article


def test_each_open_sentence_gets_a_stub_quoting_it_verbatim(make_catalogue):
    path = make_catalogue()
    catalogue = load_catalogue(path)
    drafts = draft_events(catalogue)
    open_sentences = {(m.source, m.sentence) for m in analyse(catalogue).open_mentions}
    assert len(drafts.events) == len(open_sentences) - len(
        {(m.source, m.sentence) for m in drafts.undated}
    )
    for event in drafts.events:
        citation = event["sources"][0]
        assert Article.read(catalogue.sources[citation["source"]].path).find(citation["quote"])
        assert event["draft"] is True


def test_a_stub_takes_the_mentions_date_and_words(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    by_text = {e["date_text"]: e for e in draft_events(catalogue).events}
    stub = by_text["2 March 2021"]
    assert (stub["date"], stub["sources"]) == (
        "2021-03-02",
        [{"source": "one", "quote": "2 March 2021"}],
    )
    assert "end" not in stub
    assert stub["id"] == "one-2021-03-02"


def test_actors_are_those_named_in_the_sentence(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    sentence = "Fredonia met Sylvania's envoy; Fireflyers and Freedonians cheered."
    assert named_actors(sentence, catalogue.actors.values()) == ["freedonia", "sylvania"]


def test_written_drafts_cover_every_dated_mention_and_are_warned_about(make_catalogue):
    path = make_catalogue()
    drafts = draft_events(load_catalogue(path))
    add_entries(path, {"events": drafts.events})
    catalogue = load_catalogue(path)
    assert all(m.mention.resolved is None for m in analyse(catalogue).open_mentions)
    warnings = [p for p in check_catalogue(catalogue) if p.message.startswith("draft to review")]
    assert len(warnings) == len(drafts.events)
    assert all(p.severity is Severity.WARNING for p in warnings)


def test_draft_prints_the_stubs_as_yaml_by_default(make_catalogue, capsys):
    path = make_catalogue()
    before = path.read_bytes()
    assert main(["draft", "--catalog", str(path)]) == 0
    printed = yaml.safe_load(capsys.readouterr().out)
    assert printed["events"] and all(e["draft"] for e in printed["events"])
    assert path.read_bytes() == before


def test_coverage_yaml_prints_exclusion_stubs_that_check_flags(make_catalogue):
    path = make_catalogue()
    catalogue = load_catalogue(path)
    out = io.StringIO()
    write_report(analyse(catalogue), "yaml", out)
    stubs = yaml.safe_load(out.getvalue())["excluded"]
    assert stubs and all(s["reason"].startswith("TO WRITE") for s in stubs)
    add_entries(path, {"excluded": stubs})
    reloaded = load_catalogue(path)
    assert analyse(reloaded).open_mentions == []
    flagged = [p for p in check_catalogue(reloaded) if "write its reason" in p.message]
    assert len(flagged) == len(stubs)
    assert all(p.severity is Severity.WARNING for p in flagged)


def test_a_range_becomes_a_date_and_an_end(make_catalogue):
    text = "Sylvania and the port\n\nThe port was rebuilt in 2014–2016 by Fredonia.\n"
    catalogue = load_catalogue(make_catalogue(articles={"two.txt": text}))
    stubs = draft_events(catalogue, ["two"]).events
    assert [(e["date"], e["end"], e["actors"]) for e in stubs] == [("2014", "2016", ["freedonia"])]


def test_an_undated_relative_mention_is_reported_not_drafted(make_catalogue):
    data = tiny_catalogue()
    data["sources"][1]["published"] = None
    text = "Sylvania and the port\n\nThe port reopened last week.\n"
    catalogue = load_catalogue(make_catalogue(data, articles={"two.txt": text}))
    drafts = draft_events(catalogue, ["two"])
    assert drafts.events == []
    assert [m.mention.text for m in drafts.undated] == ["last week"]
