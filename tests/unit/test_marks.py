"""Marks: kept per catalogue in the user's state folder, never beside the catalogue."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from timeline_tui.query.marks import MarksError, load_marks, marks_file, save_marks, toggle_mark

posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")


@pytest.fixture
def state(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture
def catalogue(tmp_path) -> Path:
    folder = tmp_path / "catalogue"
    folder.mkdir()
    path = folder / "events.yaml"
    path.write_text("events: []\n")
    return path


def test_nothing_marked_at_first(state, catalogue):
    assert load_marks(catalogue) == frozenset()


def test_marks_are_kept_in_the_state_folder_not_the_catalogue(state, catalogue):
    before = sorted(catalogue.parent.iterdir())
    save_marks(catalogue, ["b", "a", "a"])
    assert load_marks(catalogue) == {"a", "b"}
    assert sorted(catalogue.parent.iterdir()) == before
    kept = marks_file(catalogue)
    assert kept is not None and kept.is_relative_to(state / "timeline-tui")
    assert json.loads(kept.read_text())["marks"] == ["a", "b"]


def test_each_catalogue_has_its_own_marks(state, catalogue, tmp_path):
    other = tmp_path / "other.yaml"
    other.write_text("events: []\n")
    save_marks(catalogue, ["a"])
    assert load_marks(other) == frozenset()


def test_one_file_by_two_paths_shares_its_marks(state, catalogue, monkeypatch):
    save_marks(catalogue, ["a"])
    monkeypatch.chdir(catalogue.parent)
    assert load_marks("events.yaml") == {"a"}
    link = catalogue.parent / "link.yaml"
    link.symlink_to(catalogue)
    assert load_marks(link) == {"a"}


def test_toggle_marks_then_unmarks(state, catalogue):
    assert toggle_mark(catalogue, "x") == {"x"}
    assert toggle_mark(catalogue, "y") == {"x", "y"}
    assert toggle_mark(catalogue, "x") == {"y"}
    assert load_marks(catalogue) == {"y"}


@posix_only
def test_the_folder_and_file_are_the_users_alone(state, catalogue):
    save_marks(catalogue, ["a"])
    kept = marks_file(catalogue)
    assert kept is not None
    for path in (state / "timeline-tui", kept.parent):
        assert stat.S_IMODE(path.stat().st_mode) == 0o700
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert [p.name for p in kept.parent.iterdir()] == [kept.name], "no temporary file left"


@posix_only
@pytest.mark.parametrize("which", ["timeline-tui", "marks"])
def test_marks_in_a_world_writable_folder_are_refused(state, catalogue, which):
    save_marks(catalogue, ["a"])
    folder = state / "timeline-tui" if which == "timeline-tui" else state / "timeline-tui" / "marks"
    folder.chmod(0o777)
    with pytest.raises(MarksError, match="marks not read: others can write to .*chmod go-w"):
        load_marks(catalogue)
    with pytest.raises(MarksError, match="marks not kept: others can write"):
        save_marks(catalogue, ["b"])
    folder.chmod(0o700)
    assert load_marks(catalogue) == {"a"}, "nothing was written"


@posix_only
def test_a_group_writable_marks_file_is_refused(state, catalogue):
    save_marks(catalogue, ["a"])
    kept = marks_file(catalogue)
    assert kept is not None
    kept.chmod(0o664)
    with pytest.raises(MarksError, match="others can write"):
        load_marks(catalogue)


def test_a_file_that_is_not_marks_is_refused_with_its_path(state, catalogue):
    save_marks(catalogue, [])
    kept = marks_file(catalogue)
    assert kept is not None
    for content in ("{not json", '{"marks": [1, 2]}', "[]"):
        kept.write_text(content)
        with pytest.raises(MarksError, match="is not a marks file"):
            load_marks(catalogue)


def test_default_state_folder_is_under_home(monkeypatch, tmp_path, catalogue):
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert (
        marks_file(catalogue)
        == (tmp_path / "home" / ".local" / "state" / "timeline-tui" / "marks")
        / marks_file(catalogue).name
    )  # type: ignore[union-attr]


def test_a_relative_state_home_is_ignored(monkeypatch, tmp_path, catalogue):
    monkeypatch.setenv("XDG_STATE_HOME", "relative/state")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    kept = marks_file(catalogue)
    assert kept is not None and kept.is_relative_to(tmp_path / "home" / ".local" / "state")
