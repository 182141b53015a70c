"""Progress of long loads: reported by the loaders, drawn on a terminal's error stream."""

from __future__ import annotations

import copy
import io

import pytest
from conftest import tiny_catalogue

from timeline_tui import cache
from timeline_tui.catalogue import load_catalogue
from timeline_tui.text.progress import SHOW_AFTER, ProgressLine


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_quick_load_shows_nothing():
    stream, clock = Terminal(), Clock()
    line = ProgressLine(stream, "events.yaml", clock=clock)
    clock.now += SHOW_AFTER / 2
    line("reading", 0.5)
    line.close()
    assert stream.getvalue() == ""


def test_a_long_load_draws_one_line_in_place_and_erases_it():
    stream, clock = Terminal(), Clock()
    line = ProgressLine(stream, "events.yaml", clock=clock)
    clock.now += SHOW_AFTER
    line("reading", 0.421)
    line("reading", 0.43)  # too soon after the last: not drawn
    clock.now += 1
    line("checking", 0.5)
    line.close()
    assert stream.getvalue() == (
        "\rtimeline: loading events.yaml: reading 42%\x1b[K"
        "\rtimeline: loading events.yaml: checking 50%\x1b[K"
        "\r\x1b[K"
    )


def test_no_progress_off_a_terminal_and_names_are_shown_safely():
    plain = io.StringIO()
    line = ProgressLine(plain, "events.yaml", clock=Clock())
    line._started -= 10
    line("reading", 0.5)
    assert plain.getvalue() == ""
    stream, clock = Terminal(), Clock()
    hostile = ProgressLine(stream, "evil\x1b[2J.yaml", clock=clock)
    clock.now += SHOW_AFTER
    hostile("saving", None)
    assert "\x1b[2J" not in stream.getvalue()
    assert "evil\\x1b[2J.yaml: saving\x1b[K" in stream.getvalue()


@pytest.fixture
def big_catalogue(make_catalogue):
    data = tiny_catalogue()
    template = data["events"][1]
    data["events"] = [{**copy.deepcopy(template), "id": f"event-{n}"} for n in range(6000)]
    return make_catalogue(data)


def test_loading_reports_reading_and_checking_in_order(big_catalogue):
    reports: list[tuple[str, float | None]] = []
    catalogue = load_catalogue(big_catalogue, report=lambda *report: reports.append(report))
    assert len(catalogue.events) == 6000
    phases = [phase for phase, _ in reports]
    assert phases.index("checking") > phases.index("reading")
    assert set(phases) == {"reading", "checking"}
    for phase in ("reading", "checking"):
        shares = [share for name, share in reports if name == phase]
        assert shares == sorted(shares) and all(0 < share <= 1 for share in shares)


def test_writing_the_cache_reports_saving(big_catalogue, monkeypatch):
    monkeypatch.setattr(cache, "EVENTS_PER_SLICE", 1000)
    reports: list[tuple[str, float | None]] = []
    cache.load_index(big_catalogue, report=lambda *report: reports.append(report))
    saving = [share for phase, share in reports if phase == "saving"]
    assert saving == [n / 6 for n in range(1, 7)]
    reports.clear()
    cache.load_index(big_catalogue, report=lambda *report: reports.append(report))
    assert reports == []  # from the cache: nothing long to report
