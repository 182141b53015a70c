"""The embedded catalogue: clean, complete in span, every article and vocabulary entry used."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters, Index, build_filters
from timeline_tui.sources.check import check_catalogue

SHARED_SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


@pytest.fixture(scope="module")
def catalogue(embedded_path):
    return load_catalogue(embedded_path)


def test_check_is_clean(catalogue):
    assert [str(p) for p in check_catalogue(catalogue)] == []


def test_span_from_recognition_to_the_2025_visit(catalogue):
    first, last = catalogue.events[0], catalogue.events[-1]
    assert dt.date(1991, 1, 1) <= first.date.first_day <= dt.date(1992, 12, 31)
    assert last.date.start.year == 2025 and last.date.start.month == 4


def test_every_article_is_cited(catalogue):
    cited = {c.source for e in catalogue.events for c in e.citations}
    assert cited == set(catalogue.sources)


def test_no_vocabulary_entry_is_dead(catalogue):
    index = Index(catalogue)
    for facet in ("actors", "themes"):
        counts = index.facet_counts(Filters(), facet)
        vocabulary = getattr(catalogue, facet)
        assert [name for name in vocabulary if counts.get(name, 0) == 0] == []


def test_seeds_are_the_shared_articles_byte_for_byte(embedded_path):
    seeds = sorted((embedded_path.parent / "seeds").glob("*.txt"))
    assert len(seeds) == 5
    if not SHARED_SEEDS.is_dir():
        pytest.skip("no shared/ beside this checkout")
    for seed in seeds:
        shared = SHARED_SEEDS / seed.name
        digest = hashlib.sha256
        assert digest(seed.read_bytes()).digest() == digest(shared.read_bytes()).digest()


def test_coverage_leaves_nothing_open(catalogue):
    from timeline_tui.sources.coverage import analyse

    report = analyse(catalogue)
    open_mentions = [
        f"{m.file}:{m.line}:{m.column}: {m.mention.text}" for m in report.open_mentions
    ]
    assert open_mentions == []
    assert len(report.mentions) > 50


def test_every_dispute_quotes_at_least_two_articles(catalogue):
    one_sided = [e.id for e in catalogue.events if e.disputes and len(e.source_ids) < 2]
    assert one_sided == []


def test_caveats_are_notes_not_disputes(catalogue):
    for event_id in ("sco-founded-1996", "xi-aliyev-meeting-beijing-2019"):
        event = catalogue.event(event_id)
        assert event is not None and event.notes and not event.disputes


def test_disagreements_are_recorded_not_resolved(catalogue):
    disputed = [e for e in catalogue.events if e.disputes]
    assert len(disputed) >= 5
    # a dispute between articles cites both sides
    astana = catalogue.event("xi-aliyev-strategic-partnership-2024")
    assert astana is not None and len(astana.source_ids) >= 2
    assert any(d.about for d in astana.disputes)


@pytest.mark.parametrize(
    ("name", "event_id"),
    [
        ("Kyrgyzstan", "sco-founded-1996"),
        ("Tajikistan", "sco-founded-1996"),
        ("UAE", "brics-expansion-2024"),
        ("Ethiopia", "brics-expansion-2024"),
        ("Egypt", "brics-expansion-2024"),
        ("Zaur Shiriyev", "azerbaijan-brics-application-2024"),
        ("Azerbaijan", "ding-tao-sco-solidarity-2024"),
        ("CCP", "liu-jianchao-meets-aliyev-2025"),
        ("BRI", "belt-and-road-launch-2013"),
        ("OBOR", "belt-and-road-launch-2013"),
        ("One Belt, One Road", "belt-and-road-launch-2013"),
        ("Middle Corridor", "middle-corridor-growth-2022"),
        ("TITR", "middle-corridor-growth-2022"),
        ("Trans-Caspian International Transport Route", "middle-corridor-growth-2022"),
        ("Trans-Caspian International Transit Route", "middle-corridor-growth-2022"),
    ],
)
def test_names_the_articles_use_filter_to_their_events(catalogue, name, event_id):
    filters = build_filters(catalogue, actors=[name])
    assert event_id in [e.id for e in Index(catalogue).matching_events(filters)]


def test_one_meeting_dated_differently_is_not_a_span(catalogue):
    meeting = catalogue.event("xi-aliyev-strategic-partnership-2024")
    assert meeting is not None
    assert meeting.date.end is None and meeting.date.start.iso() == "2024-07"
    assert any(d.about == "date" for d in meeting.disputes)


def test_the_karabakh_applications_are_dated_by_their_report(catalogue):
    applications = catalogue.event("chinese-companies-apply-karabakh")
    assert applications is not None
    assert applications.date.first_day >= dt.date(2024, 7, 1)
