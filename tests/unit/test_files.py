"""Only regular files are read (a catalogue may also come through a pipe), and an
article is checked to be inside its catalogue's folder each time it is read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline_tui.catalogue import files, load_catalogue
from timeline_tui.catalogue.files import Unreadable, read_article_bytes
from timeline_tui.sources.check import read_article

TIMEOUT = 60
"""Generous on a loaded machine; a hang would wait forever."""


def timeline(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cwd / ".cache"), "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "timeline_tui", *args],
        input=stdin,
        stdin=None if stdin is not None else subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=TIMEOUT,
    )


@pytest.mark.parametrize("command", ["check", "coverage"])
def test_a_fifo_as_an_article_is_refused_without_waiting(make_catalogue, command):
    path = make_catalogue()
    (path.parent / "one.txt").unlink()
    os.mkfifo(path.parent / "one.txt")
    result = timeline(command, "--catalog", str(path), cwd=path.parent)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "article 'one.txt' is a named pipe (FIFO): only regular files are read" in (
        result.stdout + result.stderr
    )


def test_a_device_as_an_article_is_refused():
    with pytest.raises(Unreadable, match="is a device: only regular files are read"):
        read_article_bytes(Path("/dev/zero"), Path("/dev"))


def test_an_article_over_the_limit_is_refused_naming_the_limit(make_catalogue, monkeypatch):
    catalogue = load_catalogue(make_catalogue())
    monkeypatch.setattr(files, "MAX_ARTICLE_BYTES", 100)
    with pytest.raises(Unreadable, match="larger than 100 bytes, the limit for an article"):
        read_article(catalogue.sources["one"])


@pytest.mark.parametrize("command", ["list", "check"])
def test_a_device_as_the_catalogue_is_refused(tmp_path, command):
    result = timeline(command, "--catalog", "/dev/zero", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == (
        "timeline: /dev/zero: is a device: only regular files are read"
    )


def test_a_fifo_without_a_writer_as_the_catalogue_does_not_hang(tmp_path):
    os.mkfifo(tmp_path / "events.yaml")
    result = timeline("list", "--catalog", "events.yaml", cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "events.yaml: is empty" in result.stderr


@pytest.mark.parametrize("command", ["list", "check"])
def test_a_catalogue_from_a_pipe_names_its_articles_from_the_current_folder(
    make_catalogue, command
):
    path = make_catalogue()
    text = path.read_text()
    path.unlink()
    result = timeline(command, "--catalog", "/dev/stdin", cwd=path.parent, stdin=text)
    assert result.returncode == 0, result.stderr
    if command == "list":
        assert "Freedonia recognises Sylvania" in result.stdout
    else:
        assert "OK: 5 events, 6 quotes verified in 2 sources" in result.stderr
    assert not (path.parent / ".cache" / "timeline-tui").exists()


def test_a_catalogue_from_a_pipe_says_where_it_looked_for_its_articles(make_catalogue, tmp_path):
    text = make_catalogue().read_text()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = timeline("check", "--catalog", "/dev/stdin", cwd=elsewhere, stdin=text)
    assert result.returncode == 1
    assert (
        f"article 'one.txt' not found in {elsewhere}: a catalogue read from a pipe names "
        "its articles from the current folder"
    ) in result.stdout


def test_an_article_swapped_for_a_link_after_loading_is_refused(make_catalogue, tmp_path):
    path = make_catalogue()
    catalogue = load_catalogue(path)
    outside = tmp_path.parent / f"{tmp_path.name}-secret.txt"
    outside.write_text("a secret")
    (path.parent / "one.txt").unlink()
    (path.parent / "one.txt").symlink_to(outside)
    with pytest.raises(Unreadable, match="leads outside the catalogue's folder"):
        read_article(catalogue.sources["one"])


def test_an_article_swapped_for_a_link_is_shown_as_a_problem_in_the_app(make_catalogue, tmp_path):
    from timeline_tui.app.quotes import ArticleCache, quote_in_context

    path = make_catalogue()
    catalogue = load_catalogue(path)
    outside = tmp_path.parent / f"{tmp_path.name}-elsewhere.txt"
    outside.write_text("Freedonia recognised Sylvania in December 1991.")
    (path.parent / "one.txt").unlink()
    (path.parent / "one.txt").symlink_to(outside)
    context = quote_in_context(
        ArticleCache(), catalogue.sources["one"], "Freedonia recognised Sylvania in December 1991."
    )
    assert context.problem is not None and "leads outside" in context.problem


def test_a_linked_catalogue_names_its_articles_beside_the_file_it_points_to(
    make_catalogue, tmp_path
):
    path = make_catalogue()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "events.yaml").symlink_to(path)
    result = timeline("check", "--catalog", "elsewhere/events.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    catalogue = load_catalogue(elsewhere / "events.yaml")
    assert catalogue.sources["one"].path.parent == path.parent.resolve()


def test_add_source_refuses_a_fifo_without_waiting(tmp_path):
    assert timeline("init", ".", cwd=tmp_path).returncode == 0
    os.mkfifo(tmp_path / "page.html")
    result = timeline("add-source", "page.html", cwd=tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "page.html: cannot be read: is a named pipe (FIFO)" in result.stderr
