"""Each event's stored output, written back for any selection, is what `write_events` writes."""

from __future__ import annotations

import io
import random

import pytest

from timeline_tui.catalogue import load_catalogue
from timeline_tui.output import jsonlines, write_events
from timeline_tui.output.prepared import RECORD_KINDS, event_records, record_kind, write_records

FORMATS = [("text", False), ("json", False), ("jsonl", False), ("csv", False), ("tsv", False),
           ("csv", True), ("tsv", True)]  # fmt: skip


class InMemory:
    """Records kept in a list, as `cache.records.Records` keeps them in a file."""

    def __init__(self, slices: list[list[bytes]]) -> None:
        self.records = [record for piece in slices for record in piece]

    def __len__(self) -> int:
        return len(self.records)

    def span(self, start: int, stop: int) -> bytes:
        return b"".join(self.records[start:stop])


@pytest.fixture(scope="module")
def catalogue(embedded_path):
    return load_catalogue(embedded_path)


def written(catalogue, positions, format_name, raw):
    out = io.StringIO()
    events = [catalogue.events[i] for i in positions]
    write_events(catalogue, events, format_name, out, raw=raw)
    return out.getvalue().encode()


def stored_and_written(catalogue, positions, format_name, raw):
    kind = record_kind(format_name, raw=raw)
    records = InMemory(list(event_records(catalogue, catalogue.events, kind)))
    out = io.BytesIO()
    write_records(records, positions, format_name, out)
    return out.getvalue()


@pytest.mark.parametrize(("format_name", "raw"), FORMATS)
def test_any_selection_in_any_order_is_written_as_the_events_writer_writes_it(
    catalogue, format_name, raw
):
    count = len(catalogue.events)
    chance = random.Random(5)
    selections = [
        list(range(count)),
        list(range(count))[::-1],
        [],
        [0],
        [count - 1],
        sorted(chance.sample(range(count), 20)),
        chance.sample(range(count), 20),
        [3, 4, 5, 9, 10, 2, 1, 0],
    ]
    for positions in selections:
        assert stored_and_written(catalogue, positions, format_name, raw) == written(
            catalogue, positions, format_name, raw
        ), positions


def test_each_event_has_one_record_per_kind(catalogue):
    for kind in RECORD_KINDS:
        slices = list(event_records(catalogue, catalogue.events, kind))
        assert sum(len(piece) for piece in slices) == len(catalogue.events), kind


def test_json_and_jsonl_share_their_records_and_markdown_has_none():
    assert record_kind("json") == record_kind("jsonl") == "jsonl"
    assert record_kind("csv", raw=True) == "csv-raw" and record_kind("tsv") == "tsv"
    assert record_kind("markdown") is None and record_kind("timelinejs") is None


def test_records_span_slices_in_order(catalogue):
    events = catalogue.events * (jsonlines.SLICE // len(catalogue.events) + 2)
    slices = list(event_records(catalogue, events, "text"))
    assert len(slices) > 1
    records = [record for piece in slices for record in piece]
    assert [record.split(b"\t")[1].decode() for record in records] == [e.id for e in events]


def test_a_slice_msgspec_cannot_encode_is_stored_as_the_standard_library_writes_it(
    catalogue, monkeypatch
):
    # what msgspec cannot encode sends the slice through `event_record` and `json.dumps`
    monkeypatch.setattr(jsonlines, "finite", lambda value: object())
    event = next(e for e in catalogue.events if e.figures)
    (records,) = event_records(catalogue, [event], "jsonl")
    assert records[0].startswith(b'{"id": ')
    out = io.StringIO()
    write_events(catalogue, [event], "jsonl", out)
    assert records == [out.getvalue().encode()]
