"""The README's walkthrough, end to end: init, add three pages, draft, write up, check."""

from __future__ import annotations

import re
from pathlib import Path

from timeline_tui.cli import main

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
PAGES = ("ferry-link.html", "library-reopens.html", "market-hall.html")


def _write_up(text: str) -> str:
    """What the author does by hand: a title and a summary for each draft, `draft: true` gone."""
    count = iter(range(1, 1000))
    text = re.sub(r'title: "TO WRITE: a title"', lambda _: f"title: Event {next(count)}", text)
    text = re.sub(r'summary: "TO WRITE: [^"]*"', "summary: What the article reports.", text)
    return re.sub(r"\n *draft: true", "", text)


def test_the_walkthrough_ends_with_a_clean_catalogue(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["init", "ferries"]) == 0
    catalogue = tmp_path / "ferries" / "events.yaml"
    comments = [line for line in catalogue.read_text().splitlines() if line.startswith("#")]
    monkeypatch.chdir(tmp_path / "ferries")
    assert main(["check", "--catalog", "events.yaml"]) == 0
    assert main(["list", "--catalog", "events.yaml", "--no-cache"]) == 0

    assert main(["add-source", *(str(ARTICLES / page) for page in PAGES)]) == 0
    capsys.readouterr()
    assert main(["coverage", "--catalog", "events.yaml", "--no-cache"]) == 1
    assert "open" in capsys.readouterr().out

    assert main(["draft", "--write"]) == 0
    drafted = catalogue.read_text()
    assert len(re.findall(r"^    draft: true$", drafted, re.MULTILINE)) == 7
    assert main(["check", "--catalog", "events.yaml"]) == 0
    assert "7 warning(s)" in capsys.readouterr().err

    catalogue.write_text(_write_up(drafted))
    capsys.readouterr()
    assert main(["check", "--catalog", "events.yaml"]) == 0
    assert "warning" not in capsys.readouterr().err
    assert main(["coverage", "--catalog", "events.yaml", "--no-cache"]) == 0
    assert re.search(r"total +7 +7 +0 +0", capsys.readouterr().out)
    kept = [line for line in catalogue.read_text().splitlines() if line.startswith("#")]
    assert kept == comments


def test_init_refuses_to_overwrite_a_catalogue(tmp_path, capsys):
    (tmp_path / "events.yaml").write_text("mine\n")
    assert main(["init", str(tmp_path)]) == 1
    assert "refusing to overwrite" in capsys.readouterr().err
    assert (tmp_path / "events.yaml").read_text() == "mine\n"


def test_writing_commands_need_a_catalogue(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["draft", "--write"]) == 2
    assert "timeline init" in capsys.readouterr().err


def test_an_unreadable_article_is_reported_without_a_traceback(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    main(["init", "."])
    assert main(["add-source", "missing.html"]) == 1
    error = capsys.readouterr().err
    assert "missing.html: cannot be read" in error and "Traceback" not in error


def test_draft_write_with_nothing_open_leaves_the_file_alone(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    main(["init", "."])
    assert main(["draft", "--write"]) == 0
    assert "nothing written" in capsys.readouterr().err
    assert not (tmp_path / "events.yaml~").exists()
