from __future__ import annotations

import datetime as dt
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters, Index, QueryError, build_filters, resolve_names


@pytest.fixture
def index(make_catalogue) -> Index:
    return Index(load_catalogue(make_catalogue()))


def ids(index: Index, filters: Filters) -> list[str]:
    return [e.id for e in index.matching_events(filters)]


def test_no_filter_matches_everything_in_date_order(index):
    assert ids(index, Filters()) == ["recognition", "embassies", "port", "trade-2019", "visit"]


def test_names_resolve_by_id_name_or_alias_in_any_case(index):
    catalogue = index.catalogue
    for name in ("freedonia", "FREEDONIA", "Fredonia", "  Freedonia "):
        assert resolve_names(catalogue, "actors", [name]) == {"freedonia"}
    assert resolve_names(catalogue, "actors", ["rufus t. firefly"]) == {"firefly"}


def test_unknown_name_suggests_close_matches(index):
    with pytest.raises(QueryError, match=r"unknown actor 'Freedona'; did you mean 'Freedonia'"):
        resolve_names(index.catalogue, "actors", ["Freedona"])
    with pytest.raises(QueryError, match="unknown theme 'port'"):
        resolve_names(index.catalogue, "themes", ["port"])


def test_or_within_a_facet_and_across_facets(index):
    catalogue = index.catalogue
    either = build_filters(catalogue, actors=["firefly", "sylvania"])
    assert ids(index, either) == ["recognition", "embassies", "port", "visit"]
    both = build_filters(catalogue, actors=["firefly", "sylvania"], themes=["trade"])
    assert ids(index, both) == ["visit"]


@pytest.mark.parametrize(
    ("since", "until", "expected"),
    [
        ("1992", None, ["embassies", "port", "trade-2019", "visit"]),
        (None, "1991", ["recognition"]),
        ("December 1991", "December 1991", ["recognition"]),
        ("1 April 1992", "30 April 1992", ["embassies"]),
        ("30 April 1992", "30 April 1992", ["embassies"]),
        ("31 December 2019", "28 February 2021", ["trade-2019"]),
        ("2021-03-01", "2021-03-01", ["visit"]),
        ("2021-03-02", None, []),
    ],
)
def test_date_range_matches_overlapping_intervals(index, since, until, expected):
    filters = build_filters(index.catalogue, since=since, until=until)
    assert ids(index, filters) == expected


def test_since_after_until_is_an_error(index):
    with pytest.raises(QueryError, match="after --until"):
        build_filters(index.catalogue, since="2020", until="2019")


def test_unreadable_date_is_an_error(index):
    with pytest.raises(QueryError, match="--since: cannot read 'the other day, maybe'"):
        build_filters(index.catalogue, since="the other day, maybe")


def test_search_is_case_insensitive_over_title_summary_and_quotes(index):
    assert ids(index, Filters(text="EMBASSIES")) == ["embassies"]
    assert ids(index, Filters(text="[billion]")) == ["visit"]  # only in a quote
    assert ids(index, Filters(text="sylvania 1992")) == ["recognition"]  # every word
    assert ids(index, Filters(text="nothing like this")) == []


def test_search_narrowing_and_widening_give_the_same_as_fresh(index):
    fresh = Index(index.catalogue)
    for text in ("s", "sy", "syl", "sylvania", "sylvania op", "sylvania", "", "port"):
        assert ids(index, Filters(text=text)) == ids(Index(fresh.catalogue), Filters(text=text))


def test_source_filter(index):
    assert ids(index, build_filters(index.catalogue, sources=["two"])) == ["recognition", "port"]


def test_facet_counts_apply_the_other_facets_only(index):
    filters = build_filters(index.catalogue, actors=["firefly"], themes=["trade"])
    assert index.facet_counts(filters, "actors")["sylvania"] == 1  # trade events with sylvania
    assert index.facet_counts(filters, "actors")["freedonia"] == 1
    themes = index.facet_counts(filters, "themes")
    assert themes == {"diplomacy": 1, "trade": 1, "transport": 0}


@settings(max_examples=60, deadline=None)
@given(
    actors=st.sets(st.sampled_from(["freedonia", "sylvania", "firefly"])),
    themes=st.sets(st.sampled_from(["diplomacy", "trade", "transport"])),
    since=st.none() | st.dates(dt.date(1990, 1, 1), dt.date(2022, 1, 1)),
    span=st.integers(0, 12000),
    text=st.sampled_from(["", "sylvania", "the", "trade deal", "says 1992", "zzz"]),
)
def test_index_agrees_with_a_plain_scan(tiny_index, actors, themes, since, span, text):
    until = since + dt.timedelta(days=span) if since else None
    filters = Filters(
        actors=frozenset(actors), themes=frozenset(themes), since=since, until=until, text=text
    )
    expected = [
        e.id
        for e in tiny_index.events
        if (not actors or actors & set(e.actors))
        and (not themes or themes & set(e.themes))
        and e.date.overlaps(since, until)
        and all(w in " ".join(searched_texts(e)).casefold() for w in text.casefold().split())
    ]
    assert ids(tiny_index, filters) == expected


def searched_texts(event) -> list[str]:
    disputes = [text for d in event.disputes for text in (d.about, d.note)]
    quotes = [c.quote for c in event.citations]
    return [event.title, event.summary, *quotes, *event.notes, *disputes]


@pytest.fixture(scope="module")
def tiny_index(tmp_path_factory) -> Index:
    import yaml
    from conftest import ARTICLE_ONE, ARTICLE_TWO, tiny_catalogue

    folder = tmp_path_factory.mktemp("tiny")
    (folder / "one.txt").write_text(ARTICLE_ONE)
    (folder / "two.txt").write_text(ARTICLE_TWO)
    (folder / "events.yaml").write_text(yaml.safe_dump(tiny_catalogue()))
    return Index(load_catalogue(folder / "events.yaml"))


def test_bitmasks_hold_for_many_events(tmp_path):
    from timeline_tui.query.bitmask import mask_of, set_bits

    rng = random.Random(7)
    chosen = sorted(rng.sample(range(5000), 700))
    assert set_bits(mask_of(chosen, 5000)) == chosen
    assert set_bits(0) == []


def test_search_ignores_white_space_and_case_like_the_plain_scan(make_catalogue):
    from conftest import tiny_catalogue

    data = tiny_catalogue()
    data["events"][0]["summary"] = "Straße\tand\n  line\u00a0break, \x00nul"
    path = make_catalogue(data)
    index = Index(load_catalogue(path))
    assert ids(index, Filters(text="STRASSE")) == ["recognition"]
    assert ids(index, Filters(text="\x00nul")) == ["recognition"]
    assert ids(index, Filters(text="break,")) == ["recognition"]
