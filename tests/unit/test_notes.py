"""Notes (caveats and context) beside disputes (articles that disagree)."""

from __future__ import annotations

import pytest
from conftest import tiny_catalogue

from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.errors import CatalogueError, Severity
from timeline_tui.query import Filters, Index


def event_data(data: dict, event_id: str) -> dict:
    return next(e for e in data["events"] if e["id"] == event_id)


def problems_of(make_catalogue, data) -> list[str]:
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(make_catalogue(data))
    return [str(p) for p in caught.value.problems]


def test_notes_are_loaded_in_order(make_catalogue):
    data = tiny_catalogue()
    event_data(data, "embassies")["notes"] = ["First caveat.", "Second, on context."]
    catalogue = load_catalogue(make_catalogue(data))
    embassies = catalogue.event("embassies")
    assert embassies is not None
    assert embassies.notes == ("First caveat.", "Second, on context.")
    assert embassies.disputes == ()
    assert catalogue.warnings == []


def test_an_event_without_notes_has_none(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    assert all(event.notes == () for event in catalogue.events)


def test_notes_that_are_not_a_list_are_refused_with_their_place(make_catalogue):
    data = tiny_catalogue()
    event_data(data, "embassies")["notes"] = "a single string"
    [problem] = problems_of(make_catalogue, data)
    assert "events[embassies].notes: expected a list, got text" in problem


def test_a_note_that_is_not_text_is_refused_with_its_index(make_catalogue):
    data = tiny_catalogue()
    event_data(data, "embassies")["notes"] = ["fine", {"about": "date"}]
    [problem] = problems_of(make_catalogue, data)
    assert "events[embassies].notes[1]: expected text, got a mapping" in problem


def test_an_empty_note_is_refused(make_catalogue):
    data = tiny_catalogue()
    event_data(data, "embassies")["notes"] = ["  "]
    [problem] = problems_of(make_catalogue, data)
    assert "events[embassies].notes[0]: empty note" in problem


def test_a_dispute_on_an_event_citing_one_article_warns(make_catalogue):
    data = tiny_catalogue()
    event_data(data, "embassies")["disputes"] = [{"about": "date", "note": "Doubtful."}]
    catalogue = load_catalogue(make_catalogue(data))
    [warning] = catalogue.warnings
    assert warning.severity is Severity.WARNING
    assert "events[embassies].disputes" in str(warning)
    assert "cites a single article" in str(warning)


def test_a_dispute_between_two_cited_articles_does_not_warn(make_catalogue):
    catalogue = load_catalogue(make_catalogue())  # recognition: two articles disagree
    recognition = catalogue.event("recognition")
    assert recognition is not None and recognition.disputes
    assert catalogue.warnings == []


def test_two_quotes_from_one_article_are_still_one_side(make_catalogue):
    data = tiny_catalogue()
    event = event_data(data, "embassies")
    event["sources"].append({"source": "one", "quote": "Freedonia recognised Sylvania"})
    event["disputes"] = [{"about": "date", "note": "The article contradicts itself."}]
    catalogue = load_catalogue(make_catalogue(data))
    assert [w.field for w in catalogue.warnings] == ["events[embassies].disputes"]


def matching_ids(catalogue, text: str) -> list[str]:
    return [e.id for e in Index(catalogue).matching_events(Filters(text=text))]


def test_search_finds_a_word_only_in_a_note(make_catalogue):
    data = tiny_catalogue()
    event_data(data, "port")["notes"] = ["The opening month is uncorroborated."]
    catalogue = load_catalogue(make_catalogue(data))
    assert matching_ids(catalogue, "uncorroborated") == ["port"]
    assert matching_ids(catalogue, "port uncorroborated") == ["port"]


def test_search_finds_a_word_only_in_a_dispute_note(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    # "says" stands only in the recognition event's dispute note
    assert matching_ids(catalogue, "says") == ["recognition"]


def test_search_finds_what_a_dispute_is_about(make_catalogue):
    data = tiny_catalogue()
    event_data(data, "recognition")["disputes"][0]["about"] = "chronology"
    catalogue = load_catalogue(make_catalogue(data))
    assert matching_ids(catalogue, "chronology") == ["recognition"]
