"""The index agrees with a plain scan on thousands of events: every fast path taken.

The tiny catalogue cannot reach the paths that only pay off at scale: binary
search over date-ordered events with long spans, candidate-only text search,
dense and sparse bitmask conversions, facet counts tallied per event.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from timeline_tui.catalogue.dates import DateSpan, PartialDate
from timeline_tui.catalogue.model import Actor, Catalogue, Citation, Event, Location, Source, Theme
from timeline_tui.query import Filters, Index
from timeline_tui.query.bitmask import mask_flags, mask_of, set_bits

WORDS = ["trade", "port", "rail", "summit", "loan", "treaty", "gas", "visit", "Straße", "ÉTÉ"]
ACTORS = [f"actor-{n}" for n in range(40)]
THEMES = [f"theme-{n}" for n in range(6)]
SOURCES = [f"source-{n}" for n in range(30)]


def _date(rng: random.Random) -> PartialDate:
    year = rng.randint(1950, 2024)
    roll = rng.random()
    if roll < 0.15:
        return PartialDate(year)
    if roll < 0.35:
        return PartialDate(year, rng.randint(1, 12))
    return PartialDate(year, rng.randint(1, 12), rng.randint(1, 28))


def _catalogue(size: int, seed: int) -> Catalogue:
    rng = random.Random(seed)
    here = Location("synthetic.yaml", 1, "")
    events = []
    for number in range(size):
        start = _date(rng)
        end = None
        if rng.random() < 0.1:
            later = start.first_day + dt.timedelta(days=rng.choice([30, 400, 3000, 20000]))
            end = PartialDate(min(later.year, 9999), later.month, later.day)
        words = " ".join(rng.choices(WORDS, k=5))
        events.append(
            Event(
                id=f"event-{number:05d}",
                date=DateSpan(start, end),
                date_text=None,
                title=f"Title {number} {rng.choice(WORDS)}",
                summary=f"{words}\n  and\tmore",
                actors=tuple(rng.sample(ACTORS, rng.randint(1, 3)))
                + (("actor-0",) if rng.random() < 0.05 else ()),  # a repeated actor now and then
                themes=tuple(rng.sample(THEMES, rng.randint(1, 2))),
                places=(),
                figures=(),
                citations=tuple(
                    Citation(rng.choice(SOURCES), f"quote {rng.choice(WORDS)} {number}", here)
                    for _ in range(rng.randint(1, 2))
                ),
                disputes=(),
                location=here,
            )
        )
    events.sort(key=lambda e: (e.date.sort_key(), e.id))
    return Catalogue(
        path=Path("synthetic.yaml"),
        sources={
            s: Source(s, f"{s}.txt", Path(f"{s}.txt"), "P", "T", None, None, None, here)
            for s in SOURCES
        },
        actors={a: Actor(a, a, "country", (), None, here) for a in ACTORS},
        themes={t: Theme(t, t, "", here) for t in THEMES},
        events=events,
    )


def _plain(catalogue: Catalogue, filters: Filters) -> list[str]:
    terms = filters.text.casefold().split()
    return [
        e.id
        for e in catalogue.events
        if (not filters.actors or filters.actors & set(e.actors))
        and (not filters.themes or filters.themes & set(e.themes))
        and (not filters.sources or filters.sources & set(e.source_ids))
        and e.date.overlaps(filters.since, filters.until)
        and all(
            t in " ".join([e.title, e.summary, *(c.quote for c in e.citations)]).casefold()
            for t in terms
        )
    ]


def _plain_counts(catalogue: Catalogue, filters: Filters, facet: str) -> dict[str, int]:
    others = Filters(
        **{
            name: getattr(filters, name)
            for name in ("actors", "themes", "sources", "since", "until", "text")
            if name != facet
        }
    )
    wanted = set(_plain(catalogue, others))
    counts: dict[str, int] = {}
    for event in catalogue.events:
        values = event.source_ids if facet == "sources" else getattr(event, facet)
        for value in set(values):
            counts[value] = counts.get(value, 0) + (event.id in wanted)
    return counts


@pytest.fixture(scope="module")
def big() -> Catalogue:
    return _catalogue(3000, seed=11)


def test_date_ranges_agree_with_a_plain_scan(big):
    index = Index(big)
    rng = random.Random(5)
    for _ in range(60):
        since = dt.date(rng.randint(1940, 2030), rng.randint(1, 12), rng.randint(1, 28))
        until = since + dt.timedelta(days=rng.choice([0, 1, 31, 365, 4000]))
        for filters in (
            Filters(since=since, until=until),
            Filters(since=since),
            Filters(until=until),
        ):
            assert [e.id for e in index.matching_events(filters)] == _plain(big, filters)


def test_events_out_of_date_order_still_filter_right(big):
    shuffled = Catalogue(
        path=big.path,
        sources=big.sources,
        actors=big.actors,
        themes=big.themes,
        events=random.Random(2).sample(big.events, len(big.events)),
    )
    index = Index(shuffled)
    for filters in (
        Filters(since=dt.date(2000, 1, 1)),
        Filters(until=dt.date(1960, 6, 30)),
        Filters(since=dt.date(1990, 3, 1), until=dt.date(1990, 3, 31)),
    ):
        assert [e.id for e in index.matching_events(filters)] == _plain(shuffled, filters)


def test_typing_and_backspacing_agree_with_a_plain_scan(big):
    index = Index(big)
    fresh = Index(big)
    sequence = [
        "s",
        "st",
        "str",
        "stra",
        "straß",
        "straße",
        "straß",
        "stra",
        "",
        "t",
        "tr",
        "tra",
        "trade",
        "trade ",
        "trade p",
        "trade po",
        "trade port",
        "trade po",
        "été",
        "ete",
        "quote 29",
        "quote 2999",
        "title 1 visit",
    ]
    for text in sequence:
        filters = Filters(text=text)
        expected = _plain(big, filters)
        assert [e.id for e in index.matching_events(filters)] == expected, text
        assert [e.id for e in Index(fresh.catalogue).matching_events(filters)] == expected


def test_facets_and_counts_agree_with_a_plain_scan(big):
    index = Index(big)
    rng = random.Random(9)
    for _ in range(25):
        filters = Filters(
            actors=frozenset(rng.sample(ACTORS, rng.choice([0, 0, 1, 2]))),
            themes=frozenset(rng.sample(THEMES, rng.choice([0, 1]))),
            sources=frozenset(rng.sample(SOURCES, rng.choice([0, 0, 3]))),
            since=rng.choice([None, dt.date(1990, 1, 1)]),
            text=rng.choice(["", "", "gas", "quote trade", "nothing-like-this"]),
        )
        assert [e.id for e in index.matching_events(filters)] == _plain(big, filters)
        for facet in ("actors", "themes", "sources"):
            assert index.facet_counts(filters, facet) == _plain_counts(big, filters, facet), facet


@pytest.mark.parametrize("density", [0.0, 0.0005, 0.01, 0.2, 0.9, 1.0])
def test_masks_convert_both_ways_at_every_density(density):
    rng = random.Random(3)
    size = 20_000
    chosen = sorted(rng.sample(range(size), int(size * density)))
    mask = mask_of(chosen, size)
    assert mask == mask_of(iter(chosen), size) == sum(1 << i for i in chosen)
    assert set_bits(mask) == chosen
    flags = mask_flags(mask, size)
    assert len(flags) == size and [i for i, f in enumerate(flags) if f] == chosen
