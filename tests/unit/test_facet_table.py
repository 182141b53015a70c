"""A facet's values event by event: tallied, they count what ANDing every value's
mask counts, without reading an event."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline_tui import cache
from timeline_tui.cache import stored
from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters, Index
from timeline_tui.query import index as index_module
from timeline_tui.query.facet_table import FacetTable

event_values = st.lists(st.lists(st.sampled_from("abcdef"), max_size=4).map(tuple), max_size=30)


@given(event_values)
def test_each_events_values_are_numbered_once_each(values):
    table = FacetTable.of(values)
    assert len(table) == len(values) and table.fits(len(values))
    for position, names in enumerate(values):
        numbers = table.numbers[table.starts[position] : table.starts[position + 1]]
        assert [table.names[n] for n in numbers] == list(dict.fromkeys(names))
    assert sorted(table.names) == sorted({name for names in values for name in names})


@given(event_values, st.data())
def test_members_and_tallies_are_what_the_events_say(values, data):
    table = FacetTable.of(values)
    members = table.members()
    for name in table.names:
        assert list(members[name]) == [i for i, names in enumerate(values) if name in names]
    chosen = data.draw(st.sets(st.integers(0, len(values) - 1)) if values else st.just(set()))
    expected = {name: sum(name in values[i] for i in chosen) for name in table.names}
    assert table.tally(sorted(chosen)) == expected


def test_a_table_of_another_size_does_not_fit():
    table = FacetTable.of([("a",), ("b", "a")])
    assert table.fits(2) and not table.fits(1) and not table.fits(3)


FILTERS = [
    Filters(text="trade"),
    Filters(text="port", since=dt.date(2015, 1, 1)),
    Filters(disputed=True),
    Filters(has_figures=True, until=dt.date(2010, 1, 1)),
    Filters(since=dt.date(2020, 1, 1), until=dt.date(2020, 12, 31)),
]


@pytest.mark.parametrize("filters", FILTERS)
def test_tallied_counts_are_the_masks_counts(generated, monkeypatch, filters):
    index = Index(load_catalogue(generated))
    counted = {}
    for strategy, below in (("tally", 1), ("masks", 1 << 60)):
        monkeypatch.setattr(index_module, "TALLY_BELOW", below)
        counted[strategy] = {f: index.facet_counts(filters, f) for f in ("actors", "themes")}
        made = set(index._facet_masks)
        assert made == ({"actors", "themes"} if strategy == "masks" else set()), strategy
    assert counted["tally"] == counted["masks"]
    assert any(counted["masks"]["actors"].values()), "the filter keeps some events"


def test_counts_among_few_events_read_no_event_from_the_cache(generated, monkeypatch):
    cache.load_index(generated)  # writes the entry
    cached = cache.load_index(generated)
    fresh = Index(load_catalogue(generated))
    monkeypatch.setattr(index_module, "TALLY_BELOW", 1 << 60)  # counted by the masks
    facets = ("actors", "themes")
    expected = [{f: fresh.facet_counts(filters, f) for f in facets} for filters in FILTERS]

    def refused(*args: object) -> None:
        raise AssertionError("an event was read")

    monkeypatch.setattr(stored.Events, "__getitem__", refused)
    monkeypatch.setattr(index_module, "TALLY_BELOW", 1)  # tally whenever any event is left
    assert [{f: cached.facet_counts(filters, f) for f in facets} for filters in FILTERS] == expected
    assert cached._facet_masks == {}, "no mask made"
