"""The editor's command line, the file watch and the filters a reload keeps (no app running)."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline_tui.app.editor import EditorError, editor_command
from timeline_tui.app.watch import FileWatch, carry_filters, watched_paths
from timeline_tui.catalogue import load_catalogue
from timeline_tui.query import Filters

FILE = Path("/tmp/x/events.yaml")


def test_vi_and_most_editors_get_plus_line_then_the_file():
    assert editor_command(FILE, 12, {"EDITOR": "vim"}) == ["vim", "+12", str(FILE)]
    assert editor_command(FILE, 3, {"EDITOR": "nano"}) == ["nano", "+3", str(FILE)]


def test_visual_comes_before_editor():
    environ = {"VISUAL": "emacs -nw", "EDITOR": "nano"}
    assert editor_command(FILE, 7, environ) == ["emacs", "-nw", "+7", str(FILE)]


def test_an_empty_visual_falls_back_to_editor():
    assert editor_command(FILE, 7, {"VISUAL": " ", "EDITOR": "micro"})[0] == "micro"


def test_without_visual_or_editor_vi_is_used():
    assert editor_command(FILE, 1, {}) == ["vi", "+1", str(FILE)]


def test_vs_code_like_editors_get_goto_file_colon_line():
    assert editor_command(FILE, 9, {"EDITOR": "/usr/bin/code --wait"}) == [
        "/usr/bin/code",
        "--wait",
        "--goto",
        f"{FILE}:9",
    ]
    assert editor_command(FILE, 9, {"EDITOR": "codium -w"})[-2:] == ["--goto", f"{FILE}:9"]


def test_an_editor_path_with_spaces_can_be_quoted():
    command = editor_command(FILE, 2, {"EDITOR": "'/opt/my editor/bin/vim' -u NONE"})
    assert command == ["/opt/my editor/bin/vim", "-u", "NONE", "+2", str(FILE)]


def test_without_a_line_only_the_file_is_given():
    assert editor_command(FILE, None, {"EDITOR": "code -w"}) == ["code", "-w", str(FILE)]


def test_unbalanced_quotes_are_refused_with_the_variable_named():
    with pytest.raises(EditorError, match=r"\$EDITOR cannot be read as a command"):
        editor_command(FILE, 1, {"EDITOR": "vim 'unclosed"})


def test_a_watch_sees_a_change_once(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    watch = FileWatch([path])
    assert not watch.changed()
    path.write_text("one, two", encoding="utf-8")
    assert watch.changed()
    assert not watch.changed()


def test_a_watch_sees_a_file_vanish_and_come_back(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("one", encoding="utf-8")
    watch = FileWatch([path])
    path.unlink()
    assert watch.changed()
    path.write_text("one", encoding="utf-8")
    assert watch.changed()


def test_the_catalogue_and_each_article_are_watched(make_catalogue):
    path = make_catalogue()
    paths = watched_paths(load_catalogue(path))
    assert [p.name for p in paths] == ["events.yaml", "one.txt", "two.txt"]


def test_filters_keep_what_the_catalogue_still_has_and_name_what_it_lost(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    filters = Filters(
        actors=frozenset({"freedonia", "atlantis"}),
        themes=frozenset({"trade"}),
        sources=frozenset({"three"}),
        text="port",
    )
    carried, dropped = carry_filters(filters, catalogue)
    assert carried == Filters(
        actors=frozenset({"freedonia"}), themes=frozenset({"trade"}), text="port"
    )
    assert dropped == ["actor atlantis", "source three"]


def test_many_articles_are_looked_at_in_turns_and_none_is_missed(tmp_path, monkeypatch):
    from timeline_tui.app import watch

    monkeypatch.setattr(watch, "PER_LOOK", 3)
    paths = [tmp_path / f"{n}.txt" for n in range(10)]
    for path in paths:
        path.write_text("as it was")
    files = watch.FileWatch(paths)
    looked = []
    real_stamp = watch.stamp
    monkeypatch.setattr(watch, "stamp", lambda path: looked.append(path) or real_stamp(path))
    assert not files.changed()
    assert looked == [paths[0], *paths[1:4]], "the catalogue, then three articles"
    paths[8].write_text("changed, and longer")
    changes = [files.changed() for _ in range(3)]
    assert changes == [False, True, False], "the third look reaches the ninth file"
