from __future__ import annotations

import pytest

from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import TitleMatcher


@pytest.fixture
def titles(make_catalogue) -> tuple[TitleMatcher, list[str]]:
    events = load_catalogue(make_catalogue()).events
    return TitleMatcher(events), [event.title for event in events]


def found(titles: tuple[TitleMatcher, list[str]], query: str, *span: int) -> list[str]:
    matcher, names = titles
    return [names[position] for position in matcher.matching(query, *span)]


def test_every_word_must_be_in_the_title_in_any_case_and_order(titles):
    assert found(titles, "SYLVANIA freedonia") == ["Freedonia recognises Sylvania"]
    assert found(titles, "sylvania") == ["Freedonia recognises Sylvania", "Firefly visits Sylvania"]


def test_words_match_inside_words_and_brackets_are_plain_text(titles):
    assert found(titles, "recog") == ["Freedonia recognises Sylvania"]
    assert found(titles, "[percent]") == ["Trade grows by 40 [percent]"]


def test_a_query_without_words_matches_every_title(titles):
    matcher, names = titles
    assert list(matcher.matching("  ")) == list(range(len(names)))


def test_only_positions_from_start_up_to_stop_are_looked_at(titles):
    matcher, names = titles
    every = list(matcher.matching("s"))
    assert list(matcher.matching("s", 1, 3)) == [p for p in every if 1 <= p < 3]
    assert list(matcher.matching("s", 2, len(names) + 10)) == [p for p in every if p >= 2]


def test_no_title_matches_a_missing_word(titles):
    assert found(titles, "sylvania zeppelin") == []
