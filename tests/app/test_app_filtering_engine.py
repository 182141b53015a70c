"""The engine behind the main screen, without Textual: one call gives all the screen shows."""

from __future__ import annotations

import dataclasses
import datetime as dt

from timeline_tui.app.density import density_by_year
from timeline_tui.app.filtering import FilterEngine
from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters, Index


def test_one_run_gives_matches_lines_counts_and_density(make_catalogue):
    index = Index(load_catalogue(make_catalogue()))
    engine = FilterEngine(index)
    assert engine.year_range == (1991, 2021)
    filters = Filters(themes=frozenset({"diplomacy"}), since=dt.date(1992, 1, 1))
    outcome = engine.run(filters)
    assert outcome.filters == filters
    assert list(outcome.matches) == index.matching(filters)
    assert sum(block.count for block in outcome.lines.blocks) == len(outcome.matches)
    assert outcome.actor_counts == index.facet_counts(filters, "actors")
    assert outcome.theme_counts == index.facet_counts(filters, "themes")
    assert outcome.by_year == density_by_year(index.events[i].date for i in outcome.matches)


def test_every_event_matching_is_a_range(make_catalogue):
    index = Index(load_catalogue(make_catalogue()))
    outcome = FilterEngine(index).run(Filters())
    assert outcome.matches == range(5)


def test_a_large_catalogues_first_result_leaves_the_density_for_later(make_catalogue, monkeypatch):
    from timeline_tui.app import filtering

    index = Index(load_catalogue(make_catalogue()))
    monkeypatch.setattr(filtering, "DENSITY_LATER_FROM", len(index.events))
    engine = FilterEngine(index)
    narrowed = Filters(themes=frozenset({"diplomacy"}))
    for filters in (Filters(), narrowed):
        first = engine.run(filters, first=True)
        assert first.by_year is None
        assert list(first.matches) == index.matching(filters)
    later = engine.run(Filters())
    assert later.by_year == density_by_year(event.date for event in index.events)
    assert engine.run(narrowed, first=True).by_year is not None, "counted once built"


def test_a_small_catalogues_first_result_has_its_density(make_catalogue):
    index = Index(load_catalogue(make_catalogue()))
    outcome = FilterEngine(index).run(Filters(), first=True)
    assert outcome.by_year == density_by_year(event.date for event in index.events)


def test_a_result_without_counts_is_the_same_result_once_counted(make_catalogue):
    index = Index(load_catalogue(make_catalogue()))
    engine = FilterEngine(index)
    marks = frozenset({index.events[1].id})
    for filters in (Filters(), Filters(text="open"), Filters(themes=frozenset({"diplomacy"}))):
        for reverse in (False, True):
            whole = engine.run(filters, marks, reverse=reverse)
            shown = engine.run(filters, marks, reverse=reverse, counted=False)
            assert whole.counted and not shown.counted
            assert list(shown.matches) == list(whole.matches)
            assert shown.lines.blocks == whole.lines.blocks
            assert (shown.actor_counts, shown.theme_counts, shown.by_year) == (None, None, None)
            assert shown.evidence_counts is None
            counted = engine.count(shown)
            assert counted.counted and counted.lines is shown.lines
            assert dataclasses.replace(counted, lines=whole.lines) == whole


def test_a_large_catalogues_results_come_before_their_counts(make_catalogue, monkeypatch):
    from timeline_tui.app import filtering

    index = Index(load_catalogue(make_catalogue()))
    assert not FilterEngine(index).counts_follow()
    monkeypatch.setattr(filtering, "COUNTS_LATER_FROM", len(index.events))
    assert FilterEngine(index).counts_follow()


def test_counting_stops_between_two_counts_once_no_longer_wanted(make_catalogue):
    index = Index(load_catalogue(make_catalogue()))
    engine = FilterEngine(index)
    shown = engine.run(Filters(text="open"), counted=False)
    asked: list[int] = []

    def cancelled_after(steps: int):
        def cancelled() -> bool:
            asked.append(1)
            return len(asked) > steps

        return cancelled

    for steps in range(4):
        asked.clear()
        assert engine.count(shown, cancelled=cancelled_after(steps)) is None
        assert len(asked) == steps + 1
    asked.clear()
    assert engine.count(shown, cancelled=cancelled_after(4)) == engine.count(shown)
