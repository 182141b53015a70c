"""The cache never reads what another user could plant, never hangs, and stays bounded."""

from __future__ import annotations

import dataclasses
import io
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from conftest import tiny_catalogue

from timeline_tui import cache
from timeline_tui.cache import entry, folder
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.query import Filters, Index

NOBODY = 65534
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
GENUINE = "Freedonia recognises Sylvania"


def entry_path(cache_home: Path, catalogue: Path) -> Path:
    return cache_home / "timeline-tui" / cache.entry_name(catalogue.resolve())


def forged_entry(catalogue: Path) -> bytes:
    """An entry that matches `catalogue`'s key but holds a catalogue someone else chose:
    what an attacker who knows the format would plant."""
    genuine = load_catalogue(catalogue)
    first = dataclasses.replace(genuine.events[0], title="forged")
    forged = dataclasses.replace(genuine, events=[first, *genuine.events[1:]])
    key = cache._key(catalogue.resolve(), os.stat(catalogue))
    header = {"key": key, "given": str(catalogue), "articles": cache._article_places(forged)}
    stream = io.BytesIO()
    frames = cache.entry_frames(header, forged, Index(forged).export_parts())
    entry.write(stream, frames, forged, cache.EVENTS_PER_SLICE, lambda share: None)
    return stream.getvalue()


def as_another_user(work: Callable[[], int]) -> int:
    """Run `work` in a forked child as the unprivileged user `nobody`; its exit code."""
    child = os.fork()
    if child == 0:
        code = 99
        try:
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            code = work()
        except BaseException:
            traceback.print_exc()
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status)


def test_a_forged_entry_is_served_when_planted_in_the_users_own_folder(make_catalogue, loads):
    """The premise of the tests below: the forged entry is a valid one, so only the
    folder and file checks keep it out."""
    path = make_catalogue()
    target = entry_path(Path(os.environ["XDG_CACHE_HOME"]), path)
    target.parent.mkdir(mode=0o700)
    target.write_bytes(forged_entry(path))
    target.chmod(0o600)
    assert cache.load(path).events[0].title == "forged"
    assert loads == []


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder every user can reach and write in, like /tmp (pytest's own are private)."""
    made = Path(tempfile.mkdtemp(prefix="timeline-shared-"))
    made.chmod(0o1777)
    yield made
    shutil.rmtree(made)


def test_another_users_folder_in_a_shared_cache_home_is_not_used(
    make_catalogue, loads, shared, monkeypatch
):
    path = make_catalogue()
    planted = forged_entry(path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(shared))
    name = cache.entry_name(path.resolve())

    def plant() -> int:
        theirs = shared / "timeline-tui"
        theirs.mkdir(mode=0o755)
        (theirs / name).write_bytes(planted)
        return 0

    if IS_ROOT:
        assert as_another_user(plant) == 0
        assert (shared / "timeline-tui").stat().st_uid == NOBODY
    else:  # cannot switch users: the folder is made to look another user's
        plant()
        real = os.geteuid()
        monkeypatch.setattr(os, "geteuid", lambda: real + 1)
    catalogue = cache.load(path)
    assert catalogue.events[0].title == GENUINE
    assert len(loads) == 1
    cache.load(path)
    assert len(loads) == 2, "and nothing is written there either"
    assert (shared / "timeline-tui" / name).read_bytes() == planted


def test_a_symlinked_entry_is_not_followed(make_catalogue, loads, cache_home):
    path = make_catalogue()
    # a file the user owns whose bytes someone else chose: an article of a bundle, say
    article = path.parent / "article.txt"
    article.write_bytes(forged_entry(path))
    article.chmod(0o600)
    link = entry_path(cache_home, path)
    link.parent.mkdir(mode=0o700)
    link.symlink_to(article)
    assert cache.load(path).events[0].title == GENUINE
    assert len(loads) == 1
    assert article.read_bytes() == forged_entry(path), "the link's target is left alone"
    assert not link.is_symlink(), "the entry written replaces the link"
    assert cache.load(path).events[0].title == GENUINE
    assert len(loads) == 1


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o1777])
def test_a_folder_others_can_write_is_not_used(make_catalogue, loads, cache_home, mode):
    path = make_catalogue()
    target = entry_path(cache_home, path)
    target.parent.mkdir()
    target.parent.chmod(mode)
    target.write_bytes(forged_entry(path))
    target.chmod(0o600)
    assert cache.load(path).events[0].title == GENUINE
    cache.load(path)
    assert len(loads) == 2
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_an_entry_others_can_write_is_not_read(make_catalogue, loads, cache_home):
    path = make_catalogue()
    target = entry_path(cache_home, path)
    target.parent.mkdir(mode=0o700)
    target.write_bytes(forged_entry(path))
    target.chmod(0o666)
    assert cache.load(path).events[0].title == GENUINE
    assert len(loads) == 1


def test_a_fifo_in_the_cache_folder_does_not_hang(make_catalogue, cache_home, tmp_path):
    path = make_catalogue()
    fifo = entry_path(cache_home, path)
    fifo.parent.mkdir(mode=0o700)
    os.mkfifo(fifo)
    os.mkfifo(fifo.parent / "other.tmp")
    code = (
        f"import sys; from timeline_tui import cache\nprint(len(cache.load({str(path)!r}).events))"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "5"
    assert stat.S_ISREG(fifo.lstat().st_mode), "the entry written replaces the FIFO"


def test_a_flipped_byte_is_a_miss(make_catalogue, loads, cache_home):
    path = make_catalogue()
    cache.load(path)
    written = entry_path(cache_home, path)
    data = bytearray(written.read_bytes())
    at = data.index(GENUINE.encode()) + len(GENUINE) - 1
    data[at] ^= 0x20  # "Sylvania" becomes "SylvaniA": still a valid entry, but altered
    written.write_bytes(bytes(data))
    assert cache.load(path).events[0].title == GENUINE
    assert len(loads) == 2
    assert cache.load(path).events[0].title == GENUINE
    assert len(loads) == 2, "the rewritten entry is used"


def test_stale_temporaries_are_removed_and_fresh_ones_kept(make_catalogue, cache_home):
    path = make_catalogue()
    folder_path = cache_home / "timeline-tui"
    folder_path.mkdir(mode=0o700)
    stale = folder_path / "0123.abcd.tmp"
    fresh = folder_path / "4567.ef01.tmp"
    for temporary in (stale, fresh):
        temporary.write_bytes(b"x" * 1000)
    hour_ago = time.time() - 3600
    os.utime(stale, (hour_ago, hour_ago))
    cache.load(path)  # a miss: writes, then tidies up
    names = sorted(p.name for p in folder_path.iterdir())
    assert names == sorted([fresh.name, cache.entry_name(path.resolve())])


def test_entries_are_removed_oldest_first_beyond_the_size_bound(
    make_catalogue, cache_home, monkeypatch, loads
):
    paths = [make_catalogue(name=f"{letter}.yaml") for letter in "abc"]
    entries = [entry_path(cache_home, path) for path in paths]
    cache.load(paths[0])
    size = entries[0].stat().st_size
    monkeypatch.setattr(folder, "MAX_TOTAL_BYTES", size * 5 // 2)  # room for two
    cache.load(paths[1])
    now = time.time()
    os.utime(entries[0], (now - 200, now - 200))
    os.utime(entries[1], (now - 100, now - 100))
    cache.load(paths[0])  # a hit: `a` becomes the most recently used
    assert len(loads) == 2
    cache.load(paths[2])
    assert [e.exists() for e in entries] == [True, False, True], "b, used longest ago, goes"
    cache.load(paths[0])
    assert len(loads) == 3


def test_entries_of_an_earlier_format_are_removed(make_catalogue, cache_home):
    folder_path = cache_home / "timeline-tui"
    folder_path.mkdir(mode=0o700)
    old = folder_path / ("0" * 32 + ".pickle")
    old.write_bytes(b"an entry no version reads any more")
    unrelated = folder_path / "notes.txt"
    unrelated.write_text("kept")
    cache.load(make_catalogue())
    assert not old.exists() and unrelated.exists()


@pytest.mark.skipif(not IS_ROOT, reason="needs a second user (test_cache.py covers chmod 0500)")
def test_an_unwritable_cache_folder_still_works_without_the_cache(
    make_catalogue, shared, monkeypatch
):
    source = make_catalogue()
    for file in source.parent.iterdir():  # readable by `nobody`
        (shared / file.name).write_bytes(file.read_bytes())
        (shared / file.name).chmod(0o644)
    cache_home = shared / "cache"
    cache_home.mkdir(mode=0o755)  # which `nobody` cannot write
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache_home))

    def load_twice() -> int:
        first = cache.load(shared / source.name)
        second = cache.load(shared / source.name)
        return 0 if first == second and len(first.events) == 5 else 1

    assert as_another_user(load_twice) == 0
    assert list(cache_home.iterdir()) == []


def test_the_layout_follows_every_field_of_the_model():
    layout = cache.model_layout()
    for kind in (Catalogue, Event):
        fields = [f.name for f in dataclasses.fields(kind)]
        listed = layout[f"{kind.__module__}.{kind.__qualname__}"]
        assert [line.split(":")[0] for line in listed] == fields
    reached = {name.rsplit(".", 1)[1] for name in layout}
    assert {"Citation", "Figure", "Location", "DateSpan", "PartialDate", "Problem"} <= reached


def test_a_new_field_in_the_model_is_a_miss(make_catalogue, loads, monkeypatch):
    path = make_catalogue()
    cache.load(path)
    layout = cache.model_layout()
    event = "timeline_tui.catalogue.model.Event"
    extended = {**layout, event: [*layout[event], "notes: tuple[str, ...]"]}
    monkeypatch.setattr(cache, "model_layout", lambda: extended)
    cache.load(path)
    assert len(loads) == 2


def test_stored_index_parts_are_exactly_what_the_index_exports(make_catalogue, tmp_path):
    from timeline_tui.cache.stored import Parts

    catalogue = load_catalogue(make_catalogue())
    parts = Index(catalogue).export_parts()
    written = tmp_path / "entry"
    with written.open("wb") as stream:
        frames = cache.entry_frames({}, catalogue, parts)
        entry.write(stream, frames, catalogue, 2, lambda share: None)
    with written.open("rb") as stream:
        stored = Parts(entry.Entry(stream, written.stat().st_size), parts.size)
    days = stored.days()
    assert days is not None
    assert (list(days[0]), list(days[1]), days[2]) == tuple(map(_plain, parts.days))
    built = Index(catalogue)
    for facet in ("actors", "themes"):
        assert stored.masks(facet) == built._value_masks(facet)
        assert stored.totals(facet) == built.facet_counts(Filters(), facet)
        assert stored.table(facet) == parts.tables[facet] == built._table(facet)
    assert stored.haystacks() == parts.haystacks
    assert stored.evidence() == parts.evidence
    assert stored.ids() == [event.id for event in catalogue.events]


def _plain(value):
    return list(value) if isinstance(value, (list, tuple)) or hasattr(value, "tolist") else value


def test_the_entry_just_written_is_kept_even_beyond_the_size_bound(
    make_catalogue, cache_home, monkeypatch, loads
):
    """A catalogue whose entry alone exceeds the bound still starts warm the next time."""
    paths = [make_catalogue(name=f"{letter}.yaml") for letter in "ab"]
    entries = [entry_path(cache_home, path) for path in paths]
    monkeypatch.setattr(folder, "MAX_TOTAL_BYTES", 10)
    cache.load(paths[0])
    assert entries[0].exists()
    cache.load(paths[1])
    assert [e.exists() for e in entries] == [False, True], "the older one goes"
    cache.load(paths[1])
    assert len(loads) == 2, "the kept entry is used"


def test_what_is_kept_beside_an_entry_does_not_push_its_entry_out(
    make_catalogue, cache_home, monkeypatch, loads
):
    """Records written after the entry, both over the bound together, leave the entry."""
    from timeline_tui.cache.folder import Folder

    path = make_catalogue()
    monkeypatch.setattr(folder, "MAX_TOTAL_BYTES", 10)
    cache.load(path)
    written = entry_path(cache_home, path)
    beside = written.with_name(written.name.replace(".msgpack", ".jsonl.records"))
    beside.write_bytes(b"records")
    beside.chmod(0o600)
    other = written.with_name("f" * 32 + ".msgpack")
    other.write_bytes(b"another catalogue's entry")
    with Folder.open(cache_home / "timeline-tui", create=False) as opened:
        opened.prune(keep=beside.name)
    assert written.exists() and beside.exists() and not other.exists()
    cache.load(path)
    assert len(loads) == 1


def test_a_slice_altered_while_open_is_read_again_or_refused_when_the_file_changed(
    make_catalogue, cache_home, loads
):
    from timeline_tui.cache.entry import Damaged
    from timeline_tui.catalogue.model import StoredEvents

    path = make_catalogue()
    cache.load(path)
    events = cache.load(path).events
    assert isinstance(events, StoredEvents) and len(loads) == 1
    written = entry_path(cache_home, path)
    at = written.read_bytes().index(GENUINE.encode())
    with written.open("r+b") as stream:  # in place: the open mapping sees it
        stream.seek(at)
        stream.write(b"f")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("  - id: visit", "  - id: visited"), encoding="utf-8")
    assert events[0].title == GENUINE, "read again from the catalogue"
    assert len(loads) == 2

    events = cache.load(path).events
    written = entry_path(cache_home, path)
    at = written.read_bytes().index(GENUINE.encode())
    with written.open("r+b") as stream:
        stream.seek(at)
        stream.write(b"f")
    data = tiny_catalogue()
    data["events"] = data["events"][1:]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(Damaged):
        events[0]  # noqa: B018
