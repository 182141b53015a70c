"""JSON Lines encoded by msgspec read back as the very records `event_record` builds."""

from __future__ import annotations

import dataclasses
import json

from timeline_tui.catalogue import load_catalogue
from timeline_tui.output.jsonlines import SLICE, event_lines
from timeline_tui.output.records import event_record


def test_every_embedded_event_reads_back_as_its_record(embedded_path):
    catalogue = load_catalogue(embedded_path)
    lines = "".join(event_lines(catalogue, catalogue.events)).splitlines()
    assert [json.loads(line) for line in lines] == [
        event_record(catalogue, event) for event in catalogue.events
    ]


def test_keys_come_in_the_records_order(embedded_path):
    catalogue = load_catalogue(embedded_path)
    event = catalogue.events[0]
    line = next(event_lines(catalogue, [event]))
    assert list(json.loads(line)) == list(event_record(catalogue, event))


def test_a_figure_beyond_64_bits_is_written_exactly(embedded_path):
    catalogue = load_catalogue(embedded_path)
    event = next(e for e in catalogue.events if e.figures)
    huge = dataclasses.replace(event.figures[0], value=10**30)
    changed = dataclasses.replace(event, figures=(huge,))
    (line,) = "".join(event_lines(catalogue, [changed])).splitlines()
    assert json.loads(line)["figures"][0]["value"] == 10**30


def test_more_events_than_a_slice_keep_their_order(embedded_path):
    catalogue = load_catalogue(embedded_path)
    events = catalogue.events * (SLICE // len(catalogue.events) + 2)
    ids = [json.loads(line)["id"] for line in "".join(event_lines(catalogue, events)).splitlines()]
    assert ids == [event.id for event in events]
