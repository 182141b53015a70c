"""Each event's stored output: read back only when it is exactly what was stored, for
this catalogue's digest and kind, from a file only the user could have written."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from timeline_tui import cache
from timeline_tui.cache import folder
from timeline_tui.cache import records as records_module
from timeline_tui.cache.records import store_records, stored_records

DIGEST = "0123456789abcdef" * 4
RECORDS = [[b'{"id":"a"}\n', b""], [b'{"id":"ccc"}\n', b"\xc3\xa9\n", b"x\n"]]
FLAT = [record for piece in RECORDS for record in piece]


@pytest.fixture
def catalogue(make_catalogue) -> Path:
    return make_catalogue()


def records_path(cache_home: Path, catalogue: Path, kind: str = "jsonl") -> Path:
    name = cache.entry_name(catalogue.resolve()).rsplit(".", 1)[0]
    return cache_home / "timeline-tui" / f"{name}.{kind}.records"


def read_back(catalogue: Path, digest: str = DIGEST, kind: str = "jsonl", size: int = len(FLAT)):
    return stored_records(catalogue, digest, kind, size)


def test_stored_records_read_back_by_position_and_in_spans(catalogue):
    assert store_records(catalogue, DIGEST, "jsonl", RECORDS) is not None
    records = read_back(catalogue)
    assert records is not None and len(records) == len(FLAT)
    assert [bytes(records[i]) for i in range(len(records))] == FLAT
    assert bytes(records.span(1, 4)) == b"".join(FLAT[1:4])
    with pytest.raises(IndexError):
        records[len(FLAT)]


def test_what_is_stored_is_given_back(catalogue):
    stored = store_records(catalogue, DIGEST, "csv-raw", iter(RECORDS))
    assert stored is not None
    assert [bytes(stored[i]) for i in range(len(stored))] == FLAT


def test_a_catalogue_without_events_has_no_records(catalogue):
    assert store_records(catalogue, DIGEST, "text", []) is not None
    records = read_back(catalogue, kind="text", size=0)
    assert records is not None and len(records) == 0


def test_nothing_stored_is_a_miss(catalogue):
    assert read_back(catalogue) is None


def test_another_digest_kind_or_number_of_events_is_a_miss(catalogue):
    store_records(catalogue, DIGEST, "jsonl", RECORDS)
    assert read_back(catalogue, digest="f" * 64) is None
    assert read_back(catalogue, kind="text") is None
    assert read_back(catalogue, size=len(FLAT) - 1) is None
    assert read_back(catalogue, size=len(FLAT) + 1) is None
    assert read_back(catalogue) is not None


def test_any_flipped_byte_is_a_miss(catalogue, cache_home):
    store_records(catalogue, DIGEST, "jsonl", RECORDS)
    path = records_path(cache_home, catalogue)
    genuine = path.read_bytes()
    every = range(len(FLAT))
    for at in range(len(genuine)):
        altered = bytearray(genuine)
        altered[at] ^= 0x01
        path.write_bytes(bytes(altered))
        found = read_back(catalogue)
        assert found is None or not found.check(every), f"byte {at}"
    path.write_bytes(genuine)
    found = read_back(catalogue)
    assert found is not None and found.check(every)


def test_only_the_blocks_written_from_are_read(catalogue, cache_home, monkeypatch):
    monkeypatch.setattr(records_module, "BLOCK", 2)
    assert store_records(catalogue, DIGEST, "jsonl", RECORDS) is not None
    path = records_path(cache_home, catalogue)
    genuine = path.read_bytes()
    # a flipped byte in the last record (block 2 of 0, 1, 2): a miss for it alone
    at = genuine.index(b"x\n")
    path.write_bytes(genuine[:at] + b"y" + genuine[at + 1 :])
    found = read_back(catalogue)
    assert found is not None
    assert found.check([0, 1, 3]) and found.check([])
    assert not found.check([4]) and not found.check([1, 4])
    assert not found.check(range(len(FLAT)))


@pytest.mark.parametrize("count", [1, 2, 3, 4, 5, 6])
def test_blocks_end_wherever_the_slices_do(catalogue, monkeypatch, count):
    monkeypatch.setattr(records_module, "BLOCK", 2)
    lines = [b"%d\n" % i for i in range(count)]
    made = [lines[start : start + 3] for start in range(0, count, 3)]  # slices of 3
    stored = store_records(catalogue, DIGEST, "text", made)
    assert stored is not None and len(stored) == count
    assert all(stored.check([i]) for i in range(count))
    assert bytes(stored.span(0, count)) == b"".join(lines)


def test_a_cut_short_or_lengthened_file_is_a_miss(catalogue, cache_home):
    store_records(catalogue, DIGEST, "jsonl", RECORDS)
    path = records_path(cache_home, catalogue)
    genuine = path.read_bytes()
    for length in range(len(genuine)):
        path.write_bytes(genuine[:length])
        assert read_back(catalogue) is None, f"{length} bytes"
    path.write_bytes(genuine + b"\0")
    assert read_back(catalogue) is None


def test_a_foreign_file_under_the_name_is_a_miss(catalogue, cache_home):
    cache.load(catalogue)  # the catalogue's own entry: ours, but not records
    path = records_path(cache_home, catalogue)
    path.write_bytes(
        cache_home.joinpath("timeline-tui", cache.entry_name(catalogue.resolve())).read_bytes()
    )
    path.chmod(0o600)
    assert read_back(catalogue) is None
    path.write_bytes(os.urandom(4096))
    assert read_back(catalogue) is None


def test_records_others_can_write_are_not_read(catalogue, cache_home):
    store_records(catalogue, DIGEST, "jsonl", RECORDS)
    path = records_path(cache_home, catalogue)
    path.chmod(0o666)
    assert read_back(catalogue) is None
    path.chmod(0o600)
    assert read_back(catalogue) is not None


def test_a_symlinked_records_file_is_not_followed(catalogue, cache_home, tmp_path):
    store_records(catalogue, DIGEST, "jsonl", RECORDS)
    path = records_path(cache_home, catalogue)
    elsewhere = tmp_path / "records-elsewhere"
    path.rename(elsewhere)
    path.symlink_to(elsewhere)
    assert read_back(catalogue) is None
    assert store_records(catalogue, DIGEST, "jsonl", RECORDS) is not None
    assert not path.is_symlink(), "the records written replace the link"


def test_a_folder_others_can_write_is_neither_read_nor_written(catalogue, cache_home):
    store_records(catalogue, DIGEST, "jsonl", RECORDS)
    records_path(cache_home, catalogue).parent.chmod(0o777)
    assert read_back(catalogue) is None
    assert store_records(catalogue, DIGEST, "text", RECORDS) is None
    assert not records_path(cache_home, catalogue, "text").exists()


@pytest.mark.parametrize("kind", ["../jsonl", "JSONL", "json.l", "", "-raw", "csv raw"])
def test_a_kind_that_is_not_a_plain_name_is_refused(catalogue, cache_home, kind):
    assert store_records(catalogue, DIGEST, kind, RECORDS) is None
    assert read_back(catalogue, kind=kind) is None
    assert not (cache_home / "timeline-tui").exists()


def test_records_that_fail_while_being_made_leave_nothing_behind(catalogue, cache_home):
    def failing():
        yield RECORDS[0]
        raise UnicodeEncodeError("utf-8", "\udc80", 0, 1, "surrogates not allowed")

    assert store_records(catalogue, DIGEST, "jsonl", failing()) is None
    assert list((cache_home / "timeline-tui").iterdir()) == []


def test_records_count_towards_the_bound_and_go_oldest_first(
    make_catalogue, cache_home, monkeypatch
):
    paths = [make_catalogue(name=f"{letter}.yaml") for letter in "abc"]
    big = [[b"x" * 1000]]
    store_records(paths[0], DIGEST, "jsonl", big)
    size = records_path(cache_home, paths[0]).stat().st_size
    monkeypatch.setattr(folder, "MAX_TOTAL_BYTES", size * 5 // 2)  # room for two
    store_records(paths[1], DIGEST, "jsonl", big)
    now = time.time()
    os.utime(records_path(cache_home, paths[0]), (now - 200, now - 200))
    os.utime(records_path(cache_home, paths[1]), (now - 100, now - 100))
    assert stored_records(paths[0], DIGEST, "jsonl", 1) is not None  # a hit: `a` used last
    store_records(paths[2], DIGEST, "jsonl", big)
    kept = [records_path(cache_home, path).exists() for path in paths]
    assert kept == [True, False, True], "b, used longest ago, goes"


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs to give a file to another user"
)
def test_records_another_user_owns_are_not_read(catalogue, cache_home):
    store_records(catalogue, DIGEST, "jsonl", RECORDS)
    path = records_path(cache_home, catalogue)
    os.chown(path, 65534, 65534)  # nobody
    assert read_back(catalogue) is None
