"""`timeline list` on a pipe writes each event's stored bytes, the same bytes as encoding it.

The first list of a catalogue in a format keeps every event's output in the cache
(`cache.records`); later ones write the stored bytes of the events they show.
Every case compares the bytes with those the events' writer gives.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli, tiny_catalogue

from timeline_tui.cli import listing

ROOT = Path(__file__).resolve().parents[2]
COMMAND = [sys.executable, "-m", "timeline_tui"]
FORMATS = {
    "text": ["--format", "text"],
    "json": ["--format", "json"],
    "jsonl": ["--format", "jsonl"],
    "csv": ["--format", "csv"],
    "tsv": ["--format", "tsv"],
    "csv --raw-csv": ["--format", "csv", "--raw-csv"],
    "tsv --raw-csv": ["--format", "tsv", "--raw-csv"],
}
SELECTIONS = {
    "no filter": [],
    "a filter": ["--search", "trade"],
    "--reverse": ["--reverse"],
    "a filter, reversed": ["--search", "trade", "--reverse"],
    "nothing matches": ["--search", "no-event-says-this"],
}
ASCII = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}


def awkward_catalogue() -> dict[str, Any]:
    """The tiny catalogue with what each format must treat with care: formulas, CSV's
    quotes and commas, line breaks and tabs, escapes, text beyond ASCII, and a figure
    too large for msgspec (JSON Lines then falls back to the standard library)."""
    data = tiny_catalogue()
    visit = data["events"][4]
    visit["title"] = '=HYPERLINK("x") visits, café — 😀\ttab \x1b[2J'
    visit["summary"] = 'He said "yes",\nthen\r\nleft.'
    visit["notes"] = ["-1 first\nsecond", "@home", "+plus\\slash"]
    visit["places"] = ["Zürich, Sylvania"]
    data["events"][3]["figures"] = [{"label": "huge", "value": 2**70, "unit": None}]
    return data


@pytest.fixture(params=["embedded", "awkward", "generated"])
def any_catalog(request, embedded_path, make_catalogue) -> str:
    if request.param == "embedded":
        return str(embedded_path)
    if request.param == "awkward":
        return str(make_catalogue(awkward_catalogue()))
    return str(request.getfixturevalue("generated"))


def records_files(cache_home: Path) -> list[str]:
    folder = cache_home / "timeline-tui"
    return sorted(p.name.split(".", 1)[1] for p in folder.glob("*.records"))


def without_stored_records(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists as before there were stored records: every event encoded and written."""
    monkeypatch.setattr(listing, "stored_records", lambda *args: None)
    monkeypatch.setattr(listing, "store_records", lambda *args: None)


def listed(capsysbinary, catalog: str, *args: str) -> bytes:
    """stdout of `timeline list --catalog CATALOG ARGS...`, which must succeed."""
    code, out, _ = run_cli(capsysbinary, "list", "--catalog", catalog, *args)
    assert code == 0
    return out


def refuse_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, encoding an event for output fails the test."""

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("an event was encoded")

    monkeypatch.setattr(listing, "event_records", refused)
    monkeypatch.setattr(listing, "write_events", refused)


@pytest.mark.parametrize("options", FORMATS.values(), ids=FORMATS.keys())
def test_stored_records_write_the_bytes_the_events_writer_writes(
    capsysbinary, monkeypatch, cache_home, any_catalog, options
):
    expected = {}
    with monkeypatch.context() as patched:
        without_stored_records(patched)
        for name, selection in SELECTIONS.items():
            expected[name] = listed(capsysbinary, any_catalog, *options, *selection)
    assert records_files(cache_home) == []
    assert expected["a filter"] and expected["a filter"] != expected["no filter"]
    for run in ("made and stored", "read back"):
        if run == "read back":
            refuse_encoding(monkeypatch)
        for name, selection in SELECTIONS.items():
            out = listed(capsysbinary, any_catalog, *options, *selection)
            assert out == expected[name], f"{name}, {run}"
        assert len(records_files(cache_home)) == 1


def records_file(cache_home: Path, kind: str) -> Path:
    (path,) = (cache_home / "timeline-tui").glob(f"*.{kind}.records")
    return path


@pytest.mark.parametrize("damage", ["a flipped byte", "cut short"])
def test_damaged_records_are_made_again_and_the_output_stays_right(
    capsysbinary, monkeypatch, cache_home, catalog, damage
):
    expected = listed(capsysbinary, catalog, "--format", "csv", "--no-cache")
    assert listed(capsysbinary, catalog, "--format", "csv") == expected
    path = records_file(cache_home, "csv")
    data = bytearray(path.read_bytes())
    if damage == "a flipped byte":
        at = data.index(b"Embassies open")
        data[at] ^= 0x20  # "embassies open": still a plausible record
    else:
        del data[len(data) // 2 :]
    path.write_bytes(bytes(data))
    assert listed(capsysbinary, catalog, "--format", "csv") == expected
    assert path.read_bytes() != data, "the records are stored again"
    refuse_encoding(monkeypatch)
    assert listed(capsysbinary, catalog, "--format", "csv") == expected


def test_records_of_events_not_listed_are_not_read(capsysbinary, monkeypatch, cache_home, catalog):
    from timeline_tui.cache import records

    monkeypatch.setattr(records, "BLOCK", 1)  # a checksum per event
    search = ("--format", "csv", "--search", "port")
    expected = listed(capsysbinary, catalog, *search, "--no-cache")
    assert b"The port opens" in expected and b"Embassies open" not in expected
    listed(capsysbinary, catalog, "--format", "csv")  # stores every event's row
    path = records_file(cache_home, "csv")
    data = bytearray(path.read_bytes())
    data[data.index(b"Embassies open")] ^= 0x20  # an event the search leaves out
    path.write_bytes(bytes(data))
    refuse_encoding(monkeypatch)
    assert listed(capsysbinary, catalog, *search) == expected
    assert path.read_bytes() == data, "used as it is"


def test_a_changed_catalogue_is_listed_from_new_records(capsysbinary, cache_home, make_catalogue):
    data = tiny_catalogue()
    path = make_catalogue(data)
    before = listed(capsysbinary, str(path), "--format", "jsonl")
    data["events"][1]["title"] = "Embassies open at last"
    make_catalogue(data)
    after = listed(capsysbinary, str(path), "--format", "jsonl")
    assert b"Embassies open at last" in after and after != before
    assert after == listed(capsysbinary, str(path), "--format", "jsonl", "--no-cache")


def test_no_cache_stores_no_records(capsysbinary, cache_home, catalog):
    listed(capsysbinary, catalog, "--format", "jsonl", "--no-cache")
    assert not (cache_home / "timeline-tui").exists()


def test_an_unusable_cache_folder_still_lists_every_event(capsysbinary, cache_home, catalog):
    expected = listed(capsysbinary, catalog, "--format", "tsv", "--no-cache")
    folder = cache_home / "timeline-tui"
    folder.mkdir(mode=0o777)
    folder.chmod(0o777)  # others could write: the cache is not used
    assert listed(capsysbinary, catalog, "--format", "tsv") == expected
    assert list(folder.iterdir()) == []


def run_shell(line: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    """A shell line where `$T` is the command, in this test's cache."""
    return subprocess.run(
        ["bash", "-c", line],
        capture_output=True,
        env={**os.environ, "T": " ".join(COMMAND), **env},
        timeout=120,
    )


@pytest.mark.parametrize("format_name", ["text", "jsonl"])
def test_an_ascii_locale_still_escapes_what_it_cannot_encode(
    cache_home, make_catalogue, format_name
):
    data = tiny_catalogue()
    data["events"][4]["title"] = "Firefly visits Sylvania — café 😀"
    catalog = make_catalogue(data)
    line = f"$T list --format {format_name} --catalog {catalog}"
    utf8 = run_shell(line, PYTHONUTF8="1")
    assert "café 😀".encode() in utf8.stdout
    assert records_file(cache_home, format_name).exists()
    escaped = run_shell(line, **ASCII)
    assert escaped.returncode == 0 and escaped.stderr == b""
    assert escaped.stdout.isascii()
    assert b"caf\\u00e9 \\ud83d\\ude00" in escaped.stdout


def test_head_on_a_pipe_stays_quiet_from_stored_records(cache_home, generated):
    line = f"set -o pipefail; $T list --format jsonl --catalog {generated} | head -1"
    for run in ("made and stored", "read back"):
        result = run_shell(line)
        assert result.returncode == 0 and result.stderr == b"", run
        assert len(result.stdout.splitlines()) == 1
        assert records_file(cache_home, "jsonl").exists()


def test_a_full_device_from_stored_records_is_one_line_and_exit_3(cache_home, catalog):
    line = f"$T list --format csv --catalog {catalog}"
    assert run_shell(line + " > /dev/null").returncode == 0
    assert records_file(cache_home, "csv").exists()
    result = run_shell(line + " > /dev/full")
    assert result.returncode == 3
    assert result.stderr.decode().splitlines() == [
        "timeline: cannot write to standard output: No space left on device"
    ]
