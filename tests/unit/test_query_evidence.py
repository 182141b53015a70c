"""All-of within a facet, the evidence filters and their counts, jump to a date."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest
from conftest import tiny_catalogue

from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.model import Event
from timeline_tui.query import (
    EVIDENCE,
    Filters,
    Index,
    QueryError,
    build_filters,
    first_at_or_after,
)


@pytest.fixture
def index(make_catalogue) -> Index:
    data = tiny_catalogue()
    data["events"][2]["draft"] = True  # the port
    return Index(load_catalogue(make_catalogue(data)))


@pytest.fixture(scope="module")
def embedded(embedded_path) -> Index:
    return Index(load_catalogue(embedded_path))


def ids(index: Index, filters: Filters) -> list[str]:
    return [e.id for e in index.matching_events(filters)]


def scan(index: Index, keep: Callable[[Event], bool]) -> list[str]:
    return [e.id for e in index.events if keep(e)]


def test_all_of_needs_every_actor_any_of_one(index):
    catalogue = index.catalogue
    any_of = build_filters(catalogue, actors=["firefly", "sylvania"])
    all_of = build_filters(catalogue, actors=["firefly", "sylvania"], all_of=True)
    assert ids(index, any_of) == ["recognition", "embassies", "port", "visit"]
    assert ids(index, all_of) == ["visit"]


def test_all_of_applies_to_themes_and_leaves_sources_any_of(index):
    catalogue = index.catalogue
    themes = build_filters(catalogue, themes=["diplomacy", "trade"], all_of=True)
    assert ids(index, themes) == ["visit"]
    sources = build_filters(catalogue, sources=["one", "two"], all_of=True)
    assert ids(index, sources) == ids(index, Filters())


def test_embedded_azerbaijan_and_china_all_of_against_a_plain_count(embedded):
    catalogue = embedded.catalogue
    both = {"azerbaijan", "china"}
    expected_all = scan(embedded, lambda e: both <= set(e.actors))
    expected_any = scan(embedded, lambda e: bool(both & set(e.actors)))
    all_of = build_filters(catalogue, actors=["Azerbaijan", "China"], all_of=True)
    any_of = build_filters(catalogue, actors=["Azerbaijan", "China"])
    assert ids(embedded, all_of) == expected_all
    assert ids(embedded, any_of) == expected_any
    assert (len(expected_all), len(expected_any)) == (38, 59)


def test_each_evidence_filter_matches_a_plain_scan(embedded):
    checks: dict[str, tuple[Filters, Callable[[Event], bool]]] = {
        "disputed": (Filters(disputed=True), lambda e: bool(e.disputes)),
        "corroborated": (Filters(min_sources=2), lambda e: len(e.source_ids) >= 2),
        "three sources": (Filters(min_sources=3), lambda e: len(e.source_ids) >= 3),
        "figures": (Filters(has_figures=True), lambda e: bool(e.figures)),
        "drafts": (Filters(drafts=True), lambda e: e.draft),
    }
    for name, (filters, keep) in checks.items():
        assert ids(embedded, filters) == scan(embedded, keep), name
    assert ids(embedded, Filters(disputed=True)), "the embedded catalogue records disputes"


def test_evidence_filters_on_the_tiny_catalogue(index):
    assert ids(index, Filters(disputed=True)) == ["recognition"]
    assert ids(index, Filters(min_sources=2)) == ["recognition"]
    assert ids(index, Filters(min_sources=1)) == ids(index, Filters())
    assert ids(index, Filters(min_sources=3)) == []
    assert ids(index, Filters(has_figures=True)) == ["trade-2019", "visit"]
    assert ids(index, Filters(drafts=True)) == ["port"]
    assert ids(index, Filters(marked=frozenset({"visit", "port", "gone"}))) == ["port", "visit"]
    assert ids(index, Filters(marked=frozenset())) == []


def test_evidence_filters_combine_with_the_others(index):
    filters = Filters(has_figures=True, themes=frozenset({"trade"}), actors=frozenset({"firefly"}))
    assert ids(index, filters) == ["visit"]
    assert ids(index, Filters(has_figures=True, disputed=True)) == []


def test_evidence_counts_follow_the_other_filters(index):
    marks = frozenset({"visit", "embassies"})
    assert index.evidence_counts(Filters(), marks) == {
        "disputed": 1,
        "min_sources": 1,
        "has_figures": 2,
        "drafts": 1,
        "marked": 2,
    }
    trade = Filters(themes=frozenset({"trade"}))
    assert index.evidence_counts(trade, marks) == {
        "disputed": 0,
        "min_sources": 0,
        "has_figures": 2,
        "drafts": 0,
        "marked": 1,
    }


def test_an_evidence_count_is_what_turning_it_on_would_show(embedded):
    """Each count, beside every combination of the other evidence filters, equals the
    number of events listed once that filter is turned on as well."""
    events = embedded.events
    marks = frozenset(e.id for e in events[::5])
    switches = {
        "disputed": {"disputed": True},
        "min_sources": {"min_sources": 2},
        "has_figures": {"has_figures": True},
        "drafts": {"drafts": True},
        "marked": {"marked": marks},
    }
    assert set(switches) == set(EVIDENCE)
    base = {"actors": frozenset({"china"}), "since": dt.date(2015, 1, 1)}
    for on in itertools.chain.from_iterable(itertools.combinations(EVIDENCE, k) for k in range(3)):
        settings = dict(base)
        for name in on:
            settings.update(switches[name])
        counts = embedded.evidence_counts(Filters(**settings), marks)  # type: ignore[arg-type]
        for name in EVIDENCE:
            turned = Filters(**{**settings, **switches[name]})  # type: ignore[arg-type]
            assert counts[name] == len(embedded.matching(turned)), (on, name)


def test_min_sources_counts_for_the_chosen_number(index):
    assert index.evidence_counts(Filters(min_sources=1))["min_sources"] == 5
    assert index.evidence_counts(Filters(min_sources=3))["min_sources"] == 0


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", "", "²"])
def test_min_sources_must_be_a_whole_number_from_one(index, value):
    with pytest.raises(QueryError, match="--min-sources: expected a whole number"):
        build_filters(index.catalogue, min_sources=value)


def test_facet_counts_all_of_count_within_the_chosen_values(index):
    chosen = Filters(actors=frozenset({"sylvania"}), all_of=True)
    counts = index.facet_counts(chosen, "actors")
    # with Sylvania chosen, adding Freedonia leaves the two events both are in
    assert counts == {"freedonia": 2, "sylvania": 4, "firefly": 1}
    for actor, count in counts.items():
        widened = Filters(actors=frozenset({"sylvania", actor}), all_of=True)
        assert len(index.matching(widened)) == count


def test_jump_goes_to_the_first_event_starting_on_or_after_a_date(index):
    positions = {e.id: i for i, e in enumerate(index.events)}
    assert first_at_or_after(index, "2019") == positions["trade-2019"]
    assert first_at_or_after(index, "Apr 1992") == positions["embassies"]
    assert first_at_or_after(index, "May 1992") == positions["port"]
    assert first_at_or_after(index, "1900") == 0
    assert first_at_or_after(index, dt.date(2021, 3, 2)) is None


def test_jump_keeps_to_the_events_shown(index):
    positions = {e.id: i for i, e in enumerate(index.events)}
    figures = Filters(has_figures=True)
    assert first_at_or_after(index, "1992", figures) == positions["trade-2019"]
    assert first_at_or_after(index, "2020", figures) == positions["visit"]


def test_jump_reads_relative_dates_and_refuses_what_is_not_a_date(index):
    assert first_at_or_after(index, "200 years ago") == 0
    with pytest.raises(QueryError, match="cannot read"):
        first_at_or_after(index, "someday")


def test_jump_agrees_with_a_plain_scan_on_the_embedded_catalogue(embedded):
    events = embedded.events
    for year in range(1990, 2027):
        day = dt.date(year, 7, 1)
        starting = [i for i, e in enumerate(events) if e.date.first_day >= day]
        assert first_at_or_after(embedded, day) == (starting[0] if starting else None)
