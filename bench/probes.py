"""One measurement per process, for `bench/run.py`: prints a JSON object on its last line.

Each probe runs in a fresh interpreter so that one figure cannot warm or bloat
another: peak memory (`ru_maxrss`) is the probe's own.

    python bench/probes.py yaml-bare FILE
    python bench/probes.py load FILE [--no-cache]
    python bench/probes.py query FILE --runs 5
    python bench/probes.py app FILE --runs 5 [--spawned WALL_TIME]
    python bench/probes.py app-minimal [--spawned WALL_TIME]
    python bench/probes.py app-reload FILE --runs 5
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SIZE = (120, 40)
"""Terminal size for the app probes."""
SEARCH_WORDS = ("trade", "minister", "corridor")
"""Common words of the synthetic catalogues (bench/generate.py), typed letter by letter."""
EMBEDDED_WORDS = ("china", "railway", "summit")


def _peak_rss_mb() -> float:
    """This process's peak resident memory.

    Linux keeps `ru_maxrss` across `exec`, so a probe spawned by a big parent
    would report the parent's peak; `VmHWM` belongs to the new address space.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _emit(result: dict[str, Any]) -> None:
    result["peak_rss_mb"] = round(_peak_rss_mb(), 1)
    print(json.dumps(result), flush=True)


# --- loading ---------------------------------------------------------------------


def probe_yaml_bare(path: Path) -> None:
    """The floor for loading: PyYAML's own loader over libyaml, as most programs would."""
    import yaml

    start = time.perf_counter()
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    _emit({"seconds": time.perf_counter() - start})


def probe_load(path: Path, use_cache: bool) -> None:
    from timeline_tui import cache

    parsed = []
    original = cache.load_catalogue

    def counting(target: Path | str, report: Any = None) -> Any:
        parsed.append(target)
        return original(target, report)

    cache.load_catalogue = counting  # type: ignore[assignment]
    start = time.perf_counter()
    index = cache.load_index(path, use_cache=use_cache)  # as the command line loads it
    seconds = time.perf_counter() - start
    _emit({"seconds": seconds, "events": len(index.events), "parsed": bool(parsed)})


# --- filtering without the app -------------------------------------------------------


def _median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def probe_query(path: Path, runs: int) -> None:
    """Filter costs in the query layer, each beside a bare list comprehension doing the same."""
    from timeline_tui import cache
    from timeline_tui.query import Filters, Index

    catalogue = cache.load(path)
    events = catalogue.events
    start = time.perf_counter()
    index = Index(catalogue)
    parts = {
        "days": lambda: index.first_days,
        "actors": lambda: index._value_masks("actors"),
        "themes": lambda: index._value_masks("themes"),
        "haystacks": lambda: index.haystacks,
        "evidence": lambda: index._evidence_masks(),
    }
    build = {}
    for name, part in parts.items():
        begin = time.perf_counter()
        part()
        build[name] = (time.perf_counter() - begin) * 1000
    index_ms = (time.perf_counter() - start) * 1000
    words = EMBEDDED_WORDS if len(events) < 1000 else SEARCH_WORDS

    def keystrokes() -> list[Filters]:
        typed = []
        for word in words:
            typed += [Filters(text=word[:k]) for k in range(1, len(word) + 1)]
            typed += [Filters(text=word[:k]) for k in range(len(word) - 1, -1, -1)]
        return typed

    def timed(filters_seq: list[Filters], work: Callable[[Filters], object]) -> list[float]:
        samples = []
        for filters in filters_seq:
            begin = time.perf_counter()
            work(filters)
            samples.append(time.perf_counter() - begin)
        return samples

    def query_work(filters: Filters) -> object:
        # what a filter costs the app's worker in the query layer: matches and two facet lists
        matches = index.matching(filters)
        return matches, index.facet_counts(filters, "actors"), index.facet_counts(filters, "themes")

    search: list[float] = []
    search_floor: list[float] = []
    toggle: list[float] = []
    toggle_floor: list[float] = []
    totals = index.facet_counts(Filters(), "actors")
    actors = sorted(totals, key=lambda actor: -totals[actor])
    chosen = actors[:2] + actors[len(actors) // 2 : len(actors) // 2 + 2]
    marks = frozenset(e.id for e in events[::7])
    # each evidence filter beside the plain scan that answers the same question
    evidence_filters: list[tuple[Filters, Callable[[Any], bool]]] = [
        (Filters(disputed=True), lambda e: bool(e.disputes)),
        (Filters(min_sources=2), lambda e: len({c.source for c in e.citations}) >= 2),
        (Filters(has_figures=True), lambda e: bool(e.figures)),
        (Filters(drafts=True), lambda e: e.draft),
        (Filters(marked=marks), lambda e: e.id in marks),
        (
            Filters(actors=frozenset(chosen[:2]), all_of=True),
            lambda e: set(chosen[:2]) <= set(e.actors),
        ),
    ]
    evidence: list[float] = []
    evidence_floor: list[float] = []
    counts: list[float] = []
    for _ in range(runs):
        index._text_cache.clear()
        search += timed(keystrokes(), query_work)
        # the floor: the same search by a plain scan, words case-folded per event
        for filters in keystrokes():
            terms = filters.text.casefold().split()
            begin = time.perf_counter()
            [
                e
                for e in events
                if all(
                    t
                    in f"{e.title} {e.summary} {' '.join(c.quote for c in e.citations)}".casefold()
                    for t in terms
                )
            ]
            search_floor.append(time.perf_counter() - begin)
        for actor in chosen:
            on = Filters(actors=frozenset({actor}))
            toggle += timed([on, Filters()], query_work)
            begin = time.perf_counter()
            [e for e in events if actor in e.actors]
            toggle_floor.append(time.perf_counter() - begin)
        for filters, keep in evidence_filters:
            evidence += timed([filters, Filters()], query_work)
            counts += timed([filters, Filters()], lambda f: index.evidence_counts(f, marks))
            begin = time.perf_counter()
            [e for e in events if keep(e)]
            evidence_floor.append(time.perf_counter() - begin)
    _emit(
        {
            "index_build_ms": index_ms,
            "index_parts_ms": build,
            "search_ms": _median_ms(search),
            "search_max_ms": max(search) * 1000,
            "search_floor_ms": _median_ms(search_floor),
            "toggle_ms": _median_ms(toggle),
            "toggle_max_ms": max(toggle) * 1000,
            "toggle_floor_ms": _median_ms(toggle_floor),
            "evidence_ms": _median_ms(evidence),
            "evidence_max_ms": max(evidence) * 1000,
            "evidence_floor_ms": _median_ms(evidence_floor),
            "counts_ms": _median_ms(counts),
            "counts_max_ms": max(counts) * 1000,
            "counts_floor_ms": _median_ms(evidence_floor),
        }
    )


# --- the app ---------------------------------------------------------------------------


class FrameClock:
    """Times every frame the app would send to a terminal, with what it showed.

    Under `run_test` the headless driver skips writing; the wrapper still turns
    each update into the escape sequences a terminal would receive, so a frame
    costs what it would cost on screen.
    """

    def __init__(self, app: Any, state: Callable[[Any], object]) -> None:
        from textual._compositor import CompositorUpdate

        self.frames: list[tuple[float, object]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is None or app._batch_count:
                return
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(app.console)
            self.frames.append((time.perf_counter(), state(screen)))

        app._display = display

    async def first(self, after: float, condition: Callable[[object], bool]) -> float:
        """Wait for the first frame after `after` whose state meets `condition`; its time."""
        deadline = time.perf_counter() + 30
        seen = 0
        while time.perf_counter() < deadline:
            for moment, state in self.frames[seen:]:
                if moment > after and condition(state):
                    return moment
            seen = len(self.frames)
            await asyncio.sleep(0.001)
        raise TimeoutError("the screen never showed the change")


def _main_state(screen: Any) -> object:
    """What a frame of the main screen shows: its filters, match count and cursor."""
    outcome = getattr(screen, "outcome", None)
    if outcome is None:
        return None
    try:
        timeline = screen.query_one("#timeline")
        cursor = timeline.highlighted_event
    except Exception:  # noqa: BLE001 - a frame of another screen
        cursor = None
    return (
        outcome.filters,
        len(outcome.matches),
        outcome.matches[-1] if outcome.matches else None,
        cursor,
    )


async def _app_probe(path: Path, runs: int, spawned: float | None) -> dict[str, Any]:
    from timeline_tui import cache
    from timeline_tui.app.app import TimelineApp
    from timeline_tui.query import Filters

    imported = time.time()
    index = cache.load_index(path)  # as the command line loads it
    catalogue = index.catalogue
    loaded = time.time()
    start = time.perf_counter()
    app = TimelineApp(index, Filters())
    clock = FrameClock(app, _main_state)
    result: dict[str, Any] = {"load_seconds": loaded - imported}
    words = EMBEDDED_WORDS if len(catalogue.events) < 1000 else SEARCH_WORDS
    async with app.run_test(size=SIZE) as pilot:
        painted = await clock.first(0, lambda state: state is not None)
        result["first_paint_ms"] = (painted - start) * 1000
        if spawned is not None:
            result["process_to_paint_ms"] = (
                time.time() - (time.perf_counter() - painted) - spawned
            ) * 1000
        screen = app.screen

        async def press(key: str, condition: Callable[[Any], bool]) -> float:
            begin = time.perf_counter()
            await pilot.press(key)
            moment = await clock.first(begin, lambda state: state is not None and condition(state))
            return moment - begin

        search: list[float] = []
        toggle: list[float] = []
        evidence: list[float] = []
        end: list[float] = []
        for _ in range(runs):
            await pilot.press("slash")
            for word in words:
                for k in range(1, len(word) + 1):
                    text = word[:k]
                    search.append(await press(word[k - 1], lambda s, t=text: s[0].text == t))
                for k in range(len(word) - 1, -1, -1):
                    text = word[:k]
                    search.append(await press("backspace", lambda s, t=text: s[0].text == t))
            await pilot.press("escape")
            await pilot.press("a")
            # tick the highlighted actor, untick it; then the same for the next one
            for step in range(4):
                if step == 2:
                    await pilot.press("down")
                before = screen.filters.actors
                toggle.append(await press("space", lambda s, b=before: s[0].actors != b))
            await pilot.press("escape")
            await pilot.press("c")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            # each evidence filter on, then off (the group's first row is any of / all of)
            await pilot.press("v")
            for _ in range(5):
                await pilot.press("down")
                for _ in range(2):
                    before = screen.filters
                    evidence.append(await press("space", lambda s, b=before: s[0] != b))
            await pilot.press("escape")
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            for _ in range(3):
                end.append(await press("G", lambda s: s[3] is not None and s[3] == s[2]))
                await press("g", lambda s: s[3] is not None and s[3] != s[2])
        result.update(
            search_ms=_median_ms(search),
            search_max_ms=max(search) * 1000,
            search_samples=len(search),
            toggle_ms=_median_ms(toggle),
            toggle_max_ms=max(toggle) * 1000,
            evidence_ms=_median_ms(evidence),
            evidence_max_ms=max(evidence) * 1000,
            end_ms=_median_ms(end),
            end_max_ms=max(end) * 1000,
            events_shown=len(screen.outcome.matches),
        )
    return result


def probe_app(path: Path, runs: int, spawned: float | None) -> None:
    _emit(asyncio.run(_app_probe(path, runs, spawned)))


async def _minimal_probe(spawned: float | None) -> dict[str, Any]:
    """The floor for first paint: a Textual app with one line of text and a footer."""
    from textual.app import App, ComposeResult
    from textual.widgets import Footer, Static

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("hello")
            yield Footer()

    start = time.perf_counter()
    app = Minimal()
    clock = FrameClock(app, lambda screen: True)
    async with app.run_test(size=SIZE):
        painted = await clock.first(0, lambda state: True)
    result = {"first_paint_ms": (painted - start) * 1000}
    if spawned is not None:
        result["process_to_paint_ms"] = (
            time.time() - (time.perf_counter() - painted) - spawned
        ) * 1000
    return result


def probe_app_minimal(spawned: float | None) -> None:
    _emit(asyncio.run(_minimal_probe(spawned)))


async def _reload_probe(path: Path, runs: int) -> dict[str, Any]:
    """A reload of the running app, from its start to the first frame that shows it.

    Warm: the file unchanged, so the catalogue comes from the cache (the floor of
    any reload). After a save: the file's time moved on, so the catalogue is
    parsed and the cache written again, as after an edit.
    """
    from timeline_tui import cache
    from timeline_tui.app.app import TimelineApp
    from timeline_tui.query import Filters

    app = TimelineApp(cache.load_index(path), Filters())
    clock = FrameClock(app, lambda screen: app.reloader.attempts)
    result: dict[str, Any] = {}
    async with app.run_test(size=SIZE):
        await clock.first(0, lambda attempts: True)

        async def reload(start: Callable[[], None]) -> float:
            target = app.reloader.attempts + 1
            begin = time.perf_counter()
            start()
            moment = await clock.first(begin, lambda attempts: attempts >= target)  # type: ignore[operator]
            assert not app.reloader.problems, app.reloader.problems
            return moment - begin

        warm = [await reload(app.reloader.reload) for _ in range(runs)]
        status = path.stat()
        try:
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
            saved = await reload(app.reloader.poll)
        finally:
            os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
        result.update(warm_ms=_median_ms(warm), warm_max_ms=max(warm) * 1000)
        result["saved_ms"] = saved * 1000
    return result


def probe_app_reload(path: Path, runs: int) -> None:
    _emit(asyncio.run(_reload_probe(path, runs)))


def main() -> None:
    parser = argparse.ArgumentParser(description="one benchmark measurement")
    parser.add_argument(
        "probe", choices=("yaml-bare", "load", "query", "app", "app-minimal", "app-reload")
    )
    parser.add_argument("path", nargs="?", type=Path)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--spawned", type=float, help="time.time() when the parent spawned us")
    args = parser.parse_args()
    if args.probe == "yaml-bare":
        probe_yaml_bare(args.path)
    elif args.probe == "load":
        probe_load(args.path, use_cache=not args.no_cache)
    elif args.probe == "query":
        probe_query(args.path, args.runs)
    elif args.probe == "app":
        probe_app(args.path, args.runs, args.spawned)
    elif args.probe == "app-reload":
        probe_app_reload(args.path, args.runs)
    else:
        probe_app_minimal(args.spawned)


if __name__ == "__main__":
    sys.exit(main())
