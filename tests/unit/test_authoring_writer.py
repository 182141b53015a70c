"""Adding entries to a catalogue file keeps every byte that was there."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from timeline_tui.authoring.writer import WriteRefused, add_entries, insert_entries
from timeline_tui.authoring.yamltext import Commented, render_document, scalar
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.errors import CatalogueError
from timeline_tui.catalogue.yamlfile import load_yaml

HAND_WRITTEN = """\
# My catalogue.   Odd   spacing and comments are mine.
title: "Ferries"   # quoted on purpose

sources:
    # the first article
    -   id: one
        file: one.txt
        publisher: The Daily
        title: Ties
    -   id: two
        file: two.txt
        publisher: 'The Weekly'
        title: Port
    # a trailing comment about sources

actors: [{id: a, name: Alice, kind: person}]
themes: []
events:
  - id: first
    date: '2021'
    title: First
    summary: It happened.
    actors: [a]
    themes: []
    sources: [{source: one, quote: Hello}]
# the end
"""

NEW_SOURCE = {
    "id": "three",
    "file": "three.txt",
    "publisher": "Gazette: Evening #2",
    "title": 'He said "no"\nand left',
    "author": Commented(None, "the article gives no author"),
}


@pytest.fixture
def hand_written(tmp_path):
    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.txt").write_text("Hello world.\n")
    path = tmp_path / "events.yaml"
    path.write_bytes(HAND_WRITTEN.encode())
    return path


def test_the_existing_bytes_are_unchanged_apart_from_the_added_entries(hand_written):
    add_entries(hand_written, {"sources": [NEW_SOURCE]})
    after = hand_written.read_text()
    added = (
        "    -   id: three\n"
        "        file: three.txt\n"
        '        publisher: "Gazette: Evening #2"\n'
        '        title: "He said \\"no\\"\\nand left"\n'
        "        author: null  # the article gives no author\n"
    )
    cut = HAND_WRITTEN.index("    # a trailing comment")
    assert after == HAND_WRITTEN[:cut] + added + HAND_WRITTEN[cut:]


def test_added_entries_read_back_exactly(hand_written):
    add_entries(hand_written, {"sources": [NEW_SOURCE]})
    source = load_catalogue(hand_written).sources["three"]
    assert (source.publisher, source.title, source.author) == (
        "Gazette: Evening #2",
        'He said "no"\nand left',
        None,
    )


def test_the_previous_version_is_kept_beside_it(hand_written):
    add_entries(hand_written, {"sources": [NEW_SOURCE]})
    assert (hand_written.parent / "events.yaml~").read_text() == HAND_WRITTEN


def test_an_empty_flow_list_becomes_a_block_list(hand_written):
    entry = {"id": "t", "name": "Transport", "description": "Ferries."}
    add_entries(hand_written, {"themes": [entry]})
    after = hand_written.read_text()
    assert "themes:\n  - id: t\n    name: Transport\n    description: Ferries.\n" in after
    assert (
        after.replace(
            "themes:\n  - id: t\n    name: Transport\n    description: Ferries.\n", "themes: []\n"
        )
        == HAND_WRITTEN
    )


def test_entries_follow_the_lists_spacing(tmp_path):
    text = "events:\n  - id: a\n    x: 1\n\n  - id: b\n    x: 2\n"
    result = insert_entries(text, "events", [{"id": "c", "x": 3}])
    assert result == text + "\n  - id: c\n    x: 3\n"


def test_windows_line_ends_are_kept(tmp_path):
    text = "events:\r\n  - id: a\r\n  - id: b\r\n"
    assert insert_entries(text, "events", [{"id": "c"}]) == text + "  - id: c\r\n"


def test_a_flow_list_with_entries_is_refused():
    with pytest.raises(WriteRefused, match="flow style"):
        insert_entries("actors: [{id: a}]\n", "actors", [{"id": "b"}])


def test_a_catalogue_that_does_not_load_is_not_written(hand_written):
    broken = HAND_WRITTEN.replace("title: First\n", "")
    hand_written.write_text(broken)
    with pytest.raises(CatalogueError):
        add_entries(hand_written, {"sources": [NEW_SOURCE]})
    assert hand_written.read_text() == broken
    assert not (hand_written.parent / "events.yaml~").exists()


def test_entries_that_would_not_load_are_refused(hand_written):
    with pytest.raises(WriteRefused, match="would not load"):
        add_entries(hand_written, {"sources": [{"id": "one", "file": "one.txt"}]})
    assert hand_written.read_text() == HAND_WRITTEN
    assert [p.name for p in hand_written.parent.iterdir() if p.name.startswith(".")] == []


def test_an_insertion_that_would_change_a_block_scalar_is_refused():
    text = "events:\n  - id: a\n    note: |\n      line\n      # not a comment\n"
    with pytest.raises(WriteRefused, match="would change"):
        from timeline_tui.authoring.writer import _verify

        _verify(text, insert_entries(text, "events", [{"id": "b"}]), {"events": [{"id": "b"}]}, "x")


@given(st.text())
def test_any_text_reads_back_exactly_as_a_scalar(text):
    assert load_yaml(f"key: {scalar(text)}\n", "t") == {"key": text}
    assert yaml.safe_load(f"key: {scalar(text)}\n") == {"key": text}


@given(st.lists(st.text(), max_size=3))
def test_any_list_of_texts_reads_back_exactly(texts):
    document = render_document("items", [{"id": "x", "names": texts}])
    assert load_yaml(document, "t") == {"items": [{"id": "x", "names": texts}]}


@pytest.mark.parametrize(
    "text", ["yes", "No", "null", "~", "2024-03-14", "12", "1e3", "a: b", "x #y", "- z", "'q'"]
)
def test_text_that_yaml_would_read_otherwise_is_quoted(text):
    assert scalar(text).startswith('"')


def test_a_linked_catalogue_is_written_through_its_link(hand_written, tmp_path):
    link = tmp_path / "link.yaml"
    link.symlink_to(hand_written)
    add_entries(link, {"sources": [NEW_SOURCE]})
    assert link.is_symlink()
    assert "id: three" in hand_written.read_text()
