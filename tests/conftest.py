"""Shared fixtures: small catalogues written to tmp_path, and the embedded one."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from timeline_tui.catalogue.embedded import embedded_catalogue_path

ARTICLE_ONE = """Ties between Freedonia and Sylvania

2 March 2021

Freedonia recognised Sylvania in December 1991. The two countries opened embassies in April 1992.

On Monday, President Firefly visited Sylvania and signed a trade deal worth $1.3 [billion].
Trade grew by 40 [percent] in 2019, officials said.
"""

ARTICLE_TWO = """Sylvania and the port

The Sylvanian port opened in January 2018, cutting travel to 12 days.
Freedonia recognised Sylvania in 1992, according to this account.
"""


def tiny_catalogue() -> dict[str, Any]:
    """A valid catalogue over the two articles above; tests mutate copies of it."""
    return {
        "title": "Freedonia and Sylvania",
        "sources": [
            {
                "id": "one",
                "file": "one.txt",
                "publisher": "The Daily",
                "title": "Ties",
                "published": "2021-03-02",
            },
            {
                "id": "two",
                "file": "two.txt",
                "publisher": "The Weekly",
                "title": "Port",
                "author": "A. Writer",
                "published": "2021",
                "published_note": "from its contents",
            },
        ],
        "actors": [
            {"id": "freedonia", "name": "Freedonia", "kind": "country", "aliases": ["Fredonia"]},
            {"id": "sylvania", "name": "Sylvania", "kind": "country"},
            {
                "id": "firefly",
                "name": "Rufus T. Firefly",
                "kind": "person",
                "affiliation": "freedonia",
            },
        ],
        "themes": [
            {"id": "diplomacy", "name": "Diplomacy", "description": "Recognition and visits."},
            {"id": "trade", "name": "Trade", "description": "Trade and its figures."},
            {"id": "transport", "name": "Transport", "description": "Ports and railways."},
        ],
        "events": [
            {
                "id": "recognition",
                "date": "1991-12",
                "title": "Freedonia recognises Sylvania",
                "summary": "Recognition.",
                "actors": ["freedonia", "sylvania"],
                "themes": ["diplomacy"],
                "sources": [
                    {"source": "one", "quote": "Freedonia recognised Sylvania in December 1991."},
                    {"source": "two", "quote": "Freedonia recognised Sylvania in 1992"},
                ],
                "disputes": [{"about": "date", "note": "One says December 1991, two says 1992."}],
            },
            {
                "id": "embassies",
                "date": "1992-04",
                "title": "Embassies open",
                "summary": "Both open embassies.",
                "actors": ["freedonia", "sylvania"],
                "themes": ["diplomacy"],
                "sources": [
                    {"source": "one", "quote": "The two countries opened embassies in April 1992."}
                ],
            },
            {
                "id": "port",
                "date": "2018-01",
                "title": "The port opens",
                "summary": "A port opens.",
                "actors": ["sylvania"],
                "themes": ["transport"],
                "places": ["Sylvania"],
                "sources": [
                    {"source": "two", "quote": "The Sylvanian port opened in January 2018"}
                ],
            },
            {
                "id": "trade-2019",
                "date": "2019",
                "title": "Trade grows by 40 [percent]",
                "summary": "Trade grew.",
                "actors": ["freedonia"],
                "themes": ["trade"],
                "figures": [{"label": "trade growth", "value": 40, "unit": "percent"}],
                "sources": [{"source": "one", "quote": "Trade grew by 40 [percent] in 2019"}],
            },
            {
                "id": "visit",
                "date": "2021-03-01",
                "date_text": "On Monday",
                "title": "Firefly visits Sylvania",
                "summary": "A visit and a deal.",
                "actors": ["firefly", "sylvania"],
                "themes": ["diplomacy", "trade"],
                "figures": [{"label": "trade deal", "value": 1.3, "unit": "USD billion"}],
                "sources": [
                    {
                        "source": "one",
                        "quote": "On Monday, President Firefly visited Sylvania and signed a trade "
                        "deal worth $1.3 [billion].",
                    }
                ],
            },
        ],
    }


@pytest.fixture
def make_catalogue(tmp_path: Path) -> Callable[..., Path]:
    """Write a catalogue (the tiny one by default) and its articles; return its path."""

    def make(
        data: dict[str, Any] | None = None,
        *,
        name: str = "events.yaml",
        text: str | None = None,
        articles: dict[str, str] | None = None,
    ) -> Path:
        files = {"one.txt": ARTICLE_ONE, "two.txt": ARTICLE_TWO}
        files.update(articles or {})
        for file_name, content in files.items():
            (tmp_path / file_name).write_text(content, encoding="utf-8")
        path = tmp_path / name
        if text is None:
            text = yaml.safe_dump(
                tiny_catalogue() if data is None else data, sort_keys=False, allow_unicode=True
            )
        path.write_text(text, encoding="utf-8")
        return path

    return make


@pytest.fixture(autouse=True)
def isolated_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's cache."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("XDG_CACHE_HOME", str(folder))
    return folder


@pytest.fixture
def cache_home(isolated_cache: Path) -> Path:
    """This test's own cache directory (see `isolated_cache`)."""
    return isolated_cache


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The catalogues actually parsed from YAML (cache misses), in order."""
    from timeline_tui import cache
    from timeline_tui.catalogue import load_catalogue

    parsed: list[Path] = []

    def counting(path: Path | str, report: Any = None) -> Any:
        parsed.append(Path(path))
        return load_catalogue(path, report)

    monkeypatch.setattr(cache, "load_catalogue", counting)
    return parsed


@pytest.fixture
def catalog(make_catalogue: Callable[..., Path]) -> str:
    """A small catalogue's path, as `--catalog` takes it."""
    return str(make_catalogue())


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`timeline ARGS...` in this process: its exit code, stdout and stderr."""
    from timeline_tui.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def isolated_state(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test reads or writes the real user's state (marks)."""
    folder = tmp_path_factory.mktemp("state")
    monkeypatch.setenv("XDG_STATE_HOME", str(folder))
    return folder


@pytest.fixture(scope="session")
def embedded_path() -> Path:
    return embedded_catalogue_path()


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,500 generated events (bench/generate.py, seed 7): more than a slice of the
    encoders (2,000), and enough actors that few matching events are tallied."""
    folder = tmp_path_factory.mktemp("generated")
    generator = Path(__file__).resolve().parents[1] / "bench" / "generate.py"
    subprocess.run(
        [sys.executable, str(generator), "2500", str(folder), "--seed", "7"],
        check=True,
        capture_output=True,
    )
    return folder / "events.yaml"
