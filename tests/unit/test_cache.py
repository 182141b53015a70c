"""The parsed-catalogue cache: used when current, rebuilt when not, never required."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from conftest import tiny_catalogue

from timeline_tui import cache
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.errors import CatalogueError, Severity
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.cli import main


def cache_files(cache_home: Path) -> list[Path]:
    folder = cache_home / "timeline-tui"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_second_load_comes_from_the_cache(make_catalogue, loads, cache_home):
    path = make_catalogue()
    first = cache.load(path)
    [written] = cache_files(cache_home)
    assert written.suffix == ".msgpack"
    second = cache.load(path)
    assert len(loads) == 1, "the second load must not parse the YAML"
    assert second == first


def test_cached_catalogue_equals_a_fresh_one_warnings_included(make_catalogue, loads):
    data = tiny_catalogue()
    data["events"][0]["acters"] = ["freedonia"]  # an unknown key: a warning
    path = make_catalogue(data)
    cache.load(path)
    cached = cache.load(path)
    fresh = load_catalogue(path)
    assert len(loads) == 1
    assert cached == fresh
    assert cached.events == fresh.events and cached.events[0] is not fresh.events[0]
    assert [str(w) for w in cached.warnings] == [str(w) for w in fresh.warnings]
    assert cached.warnings[0].severity is Severity.WARNING
    assert cached.path == fresh.path and cached.folder == fresh.folder
    first = cached.events[0]
    assert first.date.first_day == fresh.events[0].date.first_day
    assert hash(first) == hash(fresh.events[0])
    with pytest.raises(AttributeError):  # still frozen
        first.id = "other"  # type: ignore[misc]


@pytest.mark.parametrize("per_slice", [1, 2, 5, 6])
def test_events_written_in_slices_come_back_whole_and_in_order(
    make_catalogue, loads, monkeypatch, per_slice
):
    monkeypatch.setattr(cache, "EVENTS_PER_SLICE", per_slice)
    path = make_catalogue()
    cache.load(path)
    cached = cache.load(path)
    assert len(loads) == 1
    assert cached == load_catalogue(path)
    assert len(cached.events) == 5


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "text"])
def test_cached_and_fresh_give_the_same_output(make_catalogue, capsys, fmt, cache_home):
    catalog = str(make_catalogue())
    outputs = []
    for extra in (["--no-cache"], [], []):  # fresh, miss (writes), hit
        assert main(["list", "--catalog", catalog, "--format", fmt, *extra]) == 0
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1] == outputs[2]
    # one entry; beside it, on a pipe, each event's output (`cache.records`)
    assert [p.suffix for p in cache_files(cache_home)].count(".msgpack") == 1


def test_changed_content_of_the_same_size_and_mtime_is_a_miss(make_catalogue, loads):
    path = make_catalogue()
    assert cache.load(path).events[0].title == "Freedonia recognises Sylvania"
    stat = path.stat()
    text = path.read_text()
    changed = text.replace("Freedonia recognises Sylvania", "Freedonia recognises Sylvanja")
    assert len(changed) == len(text)
    path.write_text(changed)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert cache.load(path).events[0].title == "Freedonia recognises Sylvanja"
    assert len(loads) == 2


def test_a_new_mtime_is_a_miss(make_catalogue, loads):
    path = make_catalogue()
    cache.load(path)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    cache.load(path)
    cache.load(path)
    assert len(loads) == 2, "rebuilt once, then cached again"


def test_a_new_size_is_a_miss(make_catalogue, loads):
    path = make_catalogue()
    cache.load(path)
    with path.open("a") as stream:
        stream.write("\n# a comment\n")
    cache.load(path)
    assert len(loads) == 2


def test_corrupt_cache_file_is_ignored_and_rebuilt(make_catalogue, loads, cache_home):
    path = make_catalogue()
    expected = cache.load(path)
    [written] = cache_files(cache_home)
    data = written.read_bytes()
    for garbage in (b"", b"not a pickle", data[: len(data) // 2], data[:10] + data[20:]):
        written.write_bytes(garbage)
        assert cache.load(path) == expected
    assert len(loads) == 5
    assert cache.load(path) == expected
    assert len(loads) == 5, "the rebuilt file is used"


def test_cache_from_another_version_or_format_is_ignored(make_catalogue, loads, monkeypatch):
    path = make_catalogue()
    with monkeypatch.context() as patch:
        patch.setattr(cache, "__version__", "0.0.0-old")
        cache.load(path)
    cache.load(path)
    assert len(loads) == 2
    monkeypatch.setattr(cache, "FORMAT", cache.FORMAT + 1)
    cache.load(path)
    assert len(loads) == 3
    # an edited module of the package (a development checkout): built by other code
    fingerprint = cache._code_fingerprint()
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: fingerprint + "-edited")
    cache.load(path)
    assert len(loads) == 4


def test_a_cache_file_with_a_foreign_header_is_ignored(make_catalogue, loads, cache_home):
    import pickle

    path = make_catalogue()
    cache.load(path)
    [written] = cache_files(cache_home)
    written.write_bytes(pickle.dumps({"key": "something else"}) + pickle.dumps("payload"))
    assert isinstance(cache.load(path), Catalogue)
    assert len(loads) == 2


def test_unwritable_cache_directory_works_silently(
    make_catalogue, loads, monkeypatch, tmp_path, capsys
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = make_catalogue()
    assert cache.load(path) == cache.load(path)
    assert len(loads) == 2
    assert main(["list", "--catalog", str(path)]) == 0
    assert capsys.readouterr().err == ""


def test_read_only_cache_directory_works_silently(make_catalogue, cache_home, tmp_path):
    folder = cache_home / "timeline-tui"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        path = make_catalogue()
        assert cache.load(path) == load_catalogue(path)
    finally:
        folder.chmod(0o700)
    assert all(not p.name.endswith(".tmp") for p in folder.iterdir())


def test_no_home_directory_works_silently(make_catalogue, monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CACHE_HOME")

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", no_home)
    assert cache.cache_dir() is None
    path = make_catalogue()
    assert cache.load(path) == load_catalogue(path)


def test_missing_home_under_a_file_works_silently(make_catalogue, monkeypatch, tmp_path):
    monkeypatch.delenv("XDG_CACHE_HOME")
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("HOME", str(blocker / "home"))
    path = make_catalogue()
    assert cache.load(path) == load_catalogue(path)


def test_xdg_cache_home_is_respected_and_a_relative_one_ignored(
    make_catalogue, monkeypatch, tmp_path, cache_home
):
    path = make_catalogue()
    cache.load(path)
    assert cache.cache_dir() == cache_home / "timeline-tui"
    assert len(cache_files(cache_home)) == 1
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    assert cache.cache_dir() == home / ".cache" / "timeline-tui"
    monkeypatch.delenv("XDG_CACHE_HOME")
    cache.load(path)
    assert len(list((home / ".cache" / "timeline-tui").iterdir())) == 1


def test_no_cache_option_writes_nothing(make_catalogue, capsys, cache_home, loads):
    catalog = str(make_catalogue())
    for args in (
        ["--no-cache", "list", "--catalog", catalog],
        ["list", "--no-cache", "--catalog", catalog],
        ["actors", "--catalog", catalog, "--no-cache"],
        ["show", "recognition", "--catalog", catalog, "--no-cache"],
    ):
        assert main(args) == 0, args
    capsys.readouterr()
    assert cache_files(cache_home) == []
    assert cache.load(catalog, use_cache=False) == cache.load(catalog, use_cache=False)
    assert cache_files(cache_home) == []


def test_errors_are_not_cached(make_catalogue, cache_home):
    data = tiny_catalogue()
    data["events"][0]["date"] = "1991-13"
    path = make_catalogue(data)
    for _ in range(2):
        with pytest.raises(CatalogueError, match="month 13 does not exist"):
            cache.load(path)
    assert cache_files(cache_home) == []
    with pytest.raises(CatalogueError, match="no such file"):
        cache.load(path.parent / "missing.yaml")


def test_an_article_link_moved_outside_is_refused_despite_the_cache(
    make_catalogue, tmp_path_factory
):
    inside = make_catalogue()
    link = inside.parent / "link.txt"
    link.symlink_to(inside.parent / "one.txt")
    data = tiny_catalogue()
    data["sources"][0]["file"] = "link.txt"
    path = make_catalogue(data)
    cache.load(path)
    outside = tmp_path_factory.mktemp("elsewhere") / "secret.txt"
    outside.write_text("secret")
    link.unlink()
    link.symlink_to(outside)
    with pytest.raises(CatalogueError, match="outside the catalogue's folder"):
        cache.load(path)


def test_a_relative_and_an_absolute_path_share_one_entry(
    make_catalogue, monkeypatch, cache_home, loads
):
    data = tiny_catalogue()
    data["events"][0]["acters"] = ["freedonia"]  # a warning, which names the file too
    path = make_catalogue(data)
    absolute = cache.load(path)
    monkeypatch.chdir(path.parent)
    relative = cache.load(Path(path.name))
    assert len(loads) == 1, "the second spelling is a hit"
    assert len(cache_files(cache_home)) == 1
    assert relative == load_catalogue(Path(path.name)), "messages keep the path as given"
    assert relative.events[0].location.file == path.name
    assert relative.warnings[0].file == path.name
    assert relative.sources["one"].path == path.parent.resolve() / "one.txt"
    assert absolute.path == path and relative.path == Path(path.name)
    assert cache.load(path) == load_catalogue(path), "and back again"
    assert len(loads) == 1


def test_no_temporary_files_are_left(make_catalogue, cache_home):
    path = make_catalogue()
    for _ in range(3):
        cache.load(path)
        path.touch()
    assert [p.suffix for p in cache_files(cache_home)] == [".msgpack"]


def test_the_cached_index_filters_like_a_fresh_one(make_catalogue, loads):
    import datetime as dt

    from timeline_tui.query import Filters, Index

    path = make_catalogue()
    built = cache.load_index(path)  # a miss: parses, builds the parts, writes them
    cached = cache.load_index(path)
    assert len(loads) == 1
    assert cached.stored is not None and cached.stored.days() is not None, "parts come with it"
    assert cached.stored.haystacks() is not None
    fresh = Index(load_catalogue(path))
    for filters in (
        Filters(),
        Filters(text="sylvania"),
        Filters(actors=frozenset({"freedonia"}), text="trade"),
        Filters(themes=frozenset({"diplomacy"}), since=dt.date(1992, 1, 1)),
        Filters(sources=frozenset({"two"}), until=dt.date(2018, 12, 31)),
    ):
        expected = [e.id for e in fresh.matching_events(filters)]
        for index in (built, cached):
            assert [e.id for e in index.matching_events(filters)] == expected
            for facet in ("actors", "themes", "sources"):
                assert index.facet_counts(filters, facet) == fresh.facet_counts(filters, facet)


def test_an_entry_without_an_index_part_builds_it_from_the_events(
    make_catalogue, loads, cache_home, monkeypatch
):
    from timeline_tui.query import Filters, Index

    path = make_catalogue()
    fresh = Index(load_catalogue(path))
    original = cache.entry_frames

    def without_search_texts(*args):
        frames = original(*args)
        del frames["haystacks"]
        return frames

    monkeypatch.setattr(cache, "entry_frames", without_search_texts)
    cache.load_index(path)
    cached = cache.load_index(path)
    assert len(loads) == 1, "the entry is still used"
    assert cached.stored is not None and cached.stored.haystacks() is None
    assert cached.haystacks == fresh.haystacks
    filters = Filters(text="sylvania")
    assert [e.id for e in cached.matching_events(filters)] == [
        e.id for e in fresh.matching_events(filters)
    ]


def test_a_warm_start_imports_no_yaml_parser(make_catalogue, cache_home, tmp_path):
    import subprocess
    import sys

    catalog = str(make_catalogue())
    code = (
        "import sys, io, contextlib; from timeline_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main(['list', '--catalog', {catalog!r}])\n"
        "print('yaml' in sys.modules)"
    )
    env = {**os.environ, "XDG_CACHE_HOME": str(cache_home)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=tmp_path,
            timeout=60,
        ).stdout.strip()
        for _ in range(2)
    ]
    assert runs == ["True", "False"], "a miss parses the YAML; a hit needs no parser"


def test_an_edit_to_the_query_package_changes_the_fingerprint(tmp_path, monkeypatch):
    """The index's parts are stored too, so the code that builds them is part of the key."""
    from timeline_tui import query

    module = Path(query.__file__).parent / "index.py"
    before = cache._code_fingerprint()
    stat = module.stat()
    try:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
        assert cache._code_fingerprint() != before
    finally:
        os.utime(module, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_the_first_screens_counts_come_from_the_entry_without_building_a_mask(
    make_catalogue, loads
):
    from timeline_tui.query import Filters, Index

    path = make_catalogue()
    cache.load_index(path)
    cached = cache.load_index(path)
    fresh = Index(load_catalogue(path))
    marks = frozenset({fresh.events[0].id, "gone"})
    for facet in ("actors", "themes"):
        assert cached.facet_counts(Filters(), facet) == fresh.facet_counts(Filters(), facet)
    for given in (frozenset(), marks):
        assert cached.evidence_counts(Filters(), given) == fresh.evidence_counts(Filters(), given)
    assert cached._facet_masks == {} and cached._evidence is None, "nothing built"
    assert cached.evidence_counts(Filters(disputed=True)) == fresh.evidence_counts(
        Filters(disputed=True)
    )


def test_events_are_read_from_the_entry_only_when_asked_for(make_catalogue, loads):
    path = make_catalogue()
    cache.load(path)
    events = cache.load(path).events
    assert len(events) == 5 and events._single == {} and events._slices == {}
    last = events[-1]
    assert list(events._single) == [4]
    assert list(events)[-1] is last, "one object per event, whichever way it was read"
    assert events == load_catalogue(path).events


def test_reading_the_parts_leaves_nothing_for_a_keystroke_to_read(
    make_catalogue, loads, monkeypatch
):
    from timeline_tui.query import Filters
    from timeline_tui.query import index as index_module

    path = make_catalogue()
    cache.load_index(path)
    cached = cache.load_index(path)
    cached.read_parts()

    class Refuses:
        def __getattr__(self, name):
            raise AssertionError(f"the part {name} was read after read_parts")

    def built(*args, **kwargs):
        raise AssertionError("a part was built after read_parts")

    cached.stored = Refuses()
    for builder in ("haystacks", "evidence_masks", "day_bounds"):
        monkeypatch.setattr(index_module, builder, built)
    filters = Filters(text="sylvania", actors=frozenset({"freedonia"}), disputed=False)
    assert cached.matching(filters)
    assert cached.facet_counts(filters, "themes") and cached.evidence_counts(filters)
    assert len(loads) == 1


def test_a_warm_index_filters_from_the_stored_parts_without_building_one(
    make_catalogue, loads, monkeypatch
):
    from timeline_tui.query import Filters
    from timeline_tui.query import index as index_module

    path = make_catalogue()
    cache.load_index(path)
    cached = cache.load_index(path)

    def built(*args, **kwargs):
        raise AssertionError("a part was built from the events")

    for builder in ("haystacks", "evidence_masks", "day_bounds"):
        monkeypatch.setattr(index_module, builder, built)
    filters = Filters(text="trade", since=dt.date(2000, 1, 1), disputed=True)
    assert cached.matching(filters) == []
    assert cached.evidence_counts(Filters(text="sylvania"))["disputed"] >= 0
    assert cached.event_ids() == [event.id for event in load_catalogue(path).events]
    assert len(loads) == 1
