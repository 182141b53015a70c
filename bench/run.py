"""Benchmark `timeline` at 1,000, 10,000 and 100,000 events; print each figure beside its floor.

    python bench/run.py                   # the full run (about 20 minutes on 2 cores)
    python bench/run.py --quick           # 1,000 events and the embedded catalogue, 2 runs
    python bench/run.py --sizes 10000 --runs 3 --skip app
    python bench/run.py --no-embedded --sizes 1000000 --runs 3   # on demand: ~500 MB of YAML

Every figure is the median of `--runs` runs, each in a fresh process (see
probes.py), next to a floor measured in the same run:

- loading: `yaml.load(text, Loader=yaml.CSafeLoader)` of the same file;
- `timeline list`: `python -c "import yaml; yaml.load(..., CSafeLoader)"` on the file;
- filtering: a bare list comprehension doing the same filter;
- `timeline list --format jsonl|text|csv` with and without filters (warm cache):
  a plain Python loop over the same events exported once as JSONL (`json.loads`
  per line, the same filter, the matching events written; jsonl_floor.py);
- first rows on screen in tmux (first_screen.py): VisiData (`vd`, if on PATH) on
  the same events exported as JSONL and CSV;
- app first paint: a minimal Textual app (a line of text and a footer);
- app reload (the running app reading its catalogue again): a fresh start of the
  app, process start to first frame.

Catalogues come from generate.py (seeded, so every run reads the same bytes)
and are kept under `--data` between runs. The cache lives in a directory of its
own, never the user's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PROBES = HERE / "probes.py"
SEED = 1
SLOW = 5.0
"""A measurement slower than this many seconds is repeated at most `--slow-runs` times."""
TARGETS = {
    "load_warm": 0.1,
    "load_cold": 0.5,
    "load_cold_million": 0.25,
    "list": 1.5,
    "first_paint": 1.5,
}


@dataclass
class Row:
    label: str
    value: str
    floor: str = ""
    ratio: str = ""
    verdict: str = ""
    """The target and whether it is met, where a target applies at this size."""


@dataclass
class Section:
    title: str
    rows: list[Row] = field(default_factory=list)

    def add(self, *args: str) -> None:
        self.rows.append(Row(*args))
        # as it comes, so that a long run that stops later keeps what it measured
        print("  " + "  |  ".join(part for part in args if part), file=sys.stderr, flush=True)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f"{pages / 2**30:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        memory = "RAM unknown"
    import yaml

    try:
        from importlib.metadata import version

        textual = version("textual")
    except Exception:  # noqa: BLE001 - only a label
        textual = "?"
    return (
        f"{cpu}, {os.cpu_count()} cores, {memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; PyYAML {yaml.__version__} "
        f"(libyaml {'yes' if yaml.__with_libyaml__ else 'no'}); Textual {textual}"
    )


class Runner:
    def __init__(self, args: argparse.Namespace, cache_home: Path) -> None:
        self.runs: int = args.runs
        self.slow_runs: int = args.slow_runs
        self.verbose: bool = args.verbose
        self.env = dict(os.environ)
        # a normal install keeps compiled modules; recompiling each run is not our cost
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env["XDG_CACHE_HOME"] = str(cache_home)
        self.cache_home = cache_home

    def clear_cache(self) -> None:
        shutil.rmtree(self.cache_home / "timeline-tui", ignore_errors=True)

    def probe(self, *args: str) -> dict[str, Any]:
        """Run one probe in a fresh interpreter; its JSON result."""
        command = [sys.executable, str(PROBES), *args]
        result = subprocess.run(command, capture_output=True, text=True, env=self.env, timeout=3600)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed:\n{result.stderr[-3000:]}")
        data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
        if self.verbose:
            print(f"    {' '.join(args[:1])}: {data}", file=sys.stderr)
        return data

    def repeat(self, measure: Any, before: Any = None) -> list[Any]:
        """`measure()` `--runs` times (fewer when one run is slow); `before()` ahead of each."""
        results = []
        while len(results) < self.runs:
            if before is not None:
                before()
            results.append(measure())
            seconds = results[-1]["seconds"] if isinstance(results[-1], dict) else results[-1]
            if seconds > SLOW and len(results) >= self.slow_runs:
                break
        return results

    def wall(self, command: list[str]) -> float:
        """Seconds from spawn to exit of a command whose output goes to /dev/null."""
        start = time.perf_counter()
        subprocess.run(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=self.env,
            check=True,
            timeout=3600,
        )
        return time.perf_counter() - start


def median(values: list[float]) -> float:
    return statistics.median(values)


def seconds(value: float) -> str:
    return f"{value:.2f} s" if value >= 1 else f"{value * 1000:.0f} ms"


def ms(value: float) -> str:
    return f"{value:.1f} ms" if value >= 1 else f"{value * 1000:.0f} µs"


def verdict(ratio: float, limit: float) -> str:
    return f"≤ {limit:g}: {'met' if ratio <= limit else 'NOT met'}"


def within(value_ms: float, limit_ms: float) -> str:
    return f"≤ {limit_ms:g} ms: {'met' if value_ms <= limit_ms else 'NOT met'}"


def timeline_command() -> list[str]:
    script = Path(sys.executable).parent / "timeline"
    if script.exists():
        return [str(script)]
    found = shutil.which("timeline")
    return [found] if found else [sys.executable, "-m", "timeline_tui"]


def bench_catalogue(
    runner: Runner, name: str, path: Path, skip: set[str], *, embedded: bool = False
) -> Section:
    """Every figure for one catalogue. Targets are judged where the issue sets them:
    load, keystrokes and memory at 100,000 events; `list` and first paint on the
    embedded catalogue."""
    size_mb = path.stat().st_size / 1e6
    section = Section(f"{name} ({size_mb:.1f} MB of YAML)")
    add = section.add
    events = 0 if embedded else _event_count(path)
    large = events >= 100_000

    def judged(applies: bool, text: str) -> str:
        return text if applies else ""

    p = str(path)
    runs = runner.runs

    if "load" not in skip:
        bare = runner.repeat(lambda: runner.probe("yaml-bare", p))
        floor = median([r["seconds"] for r in bare])
        cold = runner.repeat(lambda: runner.probe("load", p, "--no-cache"))
        miss = runner.repeat(lambda: runner.probe("load", p), before=runner.clear_cache)
        warm = runner.repeat(lambda: runner.probe("load", p))
        assert all(not r["parsed"] for r in warm), "the warm loads must come from the cache"
        assert all(r["parsed"] for r in miss), "the cold loads must parse"
        for label, results, target in (
            ("load, cold (--no-cache)", cold, "load_cold"),
            ("load, cold (parse + write cache)", miss, "load_cold"),
            ("load, warm (from the cache)", warm, "load_warm"),
        ):
            value = median([r["seconds"] for r in results])
            add(
                label + f" [{len(results)} runs]",
                seconds(value),
                f"{seconds(floor)} bare CSafeLoader",
                f"{value / floor:.3f}",
                judged(
                    large,
                    verdict(
                        value / floor,
                        TARGETS[
                            "load_cold_million"
                            if target == "load_cold" and events >= 1_000_000
                            else target
                        ],
                    ),
                ),
            )
        for label, results in (
            ("peak RSS, bare CSafeLoader", bare),
            ("peak RSS, cold load", cold),
            ("peak RSS, warm load", warm),
        ):
            add(label, f"{median([r['peak_rss_mb'] for r in results]):.0f} MB")

    if "list" not in skip:
        command = [*timeline_command(), "list", "--format", "jsonl", "--catalog", p]
        runner.wall(command)  # fills the cache
        floor_command = [
            sys.executable,
            "-c",
            "import sys, yaml; yaml.load(open(sys.argv[1], encoding='utf-8'), "
            "Loader=yaml.CSafeLoader)",
            p,
        ]
        # interleaved, so that a change in the machine's load falls on both alike
        pairs = runner.repeat(
            lambda: {"seconds": runner.wall(command), "floor": runner.wall(floor_command)}
        )
        listing = median([pair["seconds"] for pair in pairs])
        floor = median([pair["floor"] for pair in pairs])
        add(
            "timeline list --format jsonl (warm cache)",
            seconds(listing),
            f"{seconds(floor)} python -c yaml.load",
            f"{listing / floor:.3f}",
            judged(embedded, verdict(listing / floor, TARGETS["list"])),
        )
        cold_listing = median(runner.repeat(lambda: runner.wall([*command, "--no-cache"])))
        add(
            "timeline list --format jsonl --no-cache",
            seconds(cold_listing),
            f"{seconds(floor)} python -c yaml.load",
            f"{cold_listing / floor:.3f}",
        )

    if "pipe" not in skip:
        bench_pipe(runner, section, path)

    if "screen" not in skip:
        bench_screen(runner, section, path)

    if "query" not in skip:
        runner.probe("load", p)  # fills the cache
        query = runner.probe("query", p, "--runs", str(runs))
        parts = ", ".join(f"{k} {v:.0f}" for k, v in query["index_parts_ms"].items())
        add(
            f"query: index parts built on first use ({parts} ms)",
            f"{query['index_build_ms']:.0f} ms",
        )
        for key, label in (
            ("search", "search keystroke"),
            ("toggle", "actor toggle"),
            ("evidence", "evidence or all-of filter toggle"),
            ("counts", "evidence counts"),
        ):
            value, floor = query[f"{key}_ms"], query[f"{key}_floor_ms"]
            add(
                f"query: {label} (max {query[f'{key}_max_ms']:.1f} ms)",
                ms(value),
                f"{ms(floor)} list comprehension",
                f"{value / floor:.3f}",
            )

    if "app" not in skip:
        runner.probe("load", p)  # fills the cache
        try:
            # interleaved, so that a change in the machine's load falls on both alike
            apps, minimal = [], []
            for _ in range(max(1, runs)):
                apps.append(runner.probe("app", p, "--runs", "1", "--spawned", repr(time.time())))
                minimal.append(runner.probe("app-minimal", "--spawned", repr(time.time())))
        except RuntimeError as error:
            if "timeline_tui.app" not in str(error):
                raise
            for label in (
                "app first paint",
                "app search keystroke → screen",
                "app actor toggle → screen",
                "app evidence filter toggle → screen",
                "app G → screen at the end",
            ):
                add(label, "n/a (app not available)")
        else:
            for key, label in (
                ("first_paint_ms", "app first paint (app created → first frame)"),
                ("process_to_paint_ms", "app first paint (process start → first frame)"),
            ):
                value = median([r[key] for r in apps])
                floor = median([r[key] for r in minimal])
                add(
                    label,
                    f"{value:.0f} ms",
                    f"{floor:.0f} ms minimal app",
                    f"{value / floor:.2f}",
                    # the target is what a person waits for: launch to first frame
                    judged(
                        embedded and key == "process_to_paint_ms",
                        verdict(value / floor, TARGETS["first_paint"]),
                    ),
                )
            for key, label, limit in (
                ("search", "app search keystroke → screen", 50),
                ("toggle", "app actor toggle → screen", 50),
                ("evidence", "app evidence filter toggle → screen", 50),
                ("end", "app G → screen at the end", 50),
            ):
                value = median([r[f"{key}_ms"] for r in apps])
                worst = max(r[f"{key}_max_ms"] for r in apps)
                add(
                    f"{label} (max {worst:.0f} ms)",
                    ms(value),
                    "",
                    "",
                    judged(
                        large,
                        within(value, limit)
                        + (
                            ""
                            if key == "end"
                            else f"; max ≤ 200 ms: {'met' if worst <= 200 else 'NOT met'}"
                        ),
                    ),
                )
            # a reload beside a fresh start: process start → first frame, warm cache
            try:
                reload = runner.probe("app-reload", p, "--runs", str(max(1, runs)))
            except RuntimeError as error:
                # a save re-parses the catalogue: minutes at a million events
                reason = str(error).strip().splitlines()[-1]
                reload = None
                add("app reload", f"n/a ({reason})")
            fresh = median([r["process_to_paint_ms"] for r in apps])
            for key, label in (
                ()
                if reload is None
                else (
                    ("warm_ms", f"app reload, warm cache (max {reload['warm_max_ms']:.0f} ms)"),
                    ("saved_ms", "app reload after a save (parse + write cache) [1 run]"),
                )
            ):
                add(
                    f"{label} → screen",
                    seconds(reload[key] / 1000),
                    f"{fresh:.0f} ms fresh start",
                    f"{reload[key] / fresh:.2f}",
                )
            # once with an empty cache: what the very first start costs
            runner.clear_cache()
            cold = runner.probe("app", p, "--runs", "1", "--spawned", repr(time.time()))
            add(
                "app first paint, empty cache (process start → first frame) [1 run]",
                seconds(cold["process_to_paint_ms"] / 1000),
            )
            add("peak RSS, app started with an empty cache", f"{cold['peak_rss_mb']:.0f} MB")
            rss = median([r["peak_rss_mb"] for r in apps])
            add(
                "peak RSS, app",
                f"{rss:.0f} MB",
                "",
                "",
                judged(large, f"< 600 MB: {'met' if rss < 600 else 'NOT met'}"),
            )
    return section


PIPE_SEARCH = "trade"
"""A word the generated catalogues hold in a fraction of their events."""


def bench_pipe(runner: Runner, section: Section, path: Path) -> None:
    """`timeline list` in three formats, unfiltered and with two filters, each beside
    `jsonl_floor.py` doing the same over the events exported once as JSONL."""
    listing = [*timeline_command(), "list", "--catalog", str(path)]
    exported = (
        runner.cache_home / f"export-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}.jsonl"
    )
    with exported.open("w", encoding="utf-8") as out:
        subprocess.run(
            [*listing, "--format", "jsonl"],
            stdout=out,
            env=runner.env,
            check=True,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip; fills the cache too
    with exported.open(encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines]
    middle = records[len(records) // 2]
    actor, since = middle["actor_ids"][0], middle["date"][:4] + "-01-01"
    filters = {
        "no filter": [],
        f"--search {PIPE_SEARCH}": ["--search", PIPE_SEARCH],
        f"--actor {actor} --since {since}": ["--actor", actor, "--since", since],
    }
    floor_script = [sys.executable, str(HERE / "jsonl_floor.py"), str(exported)]
    for name, options in filters.items():
        # both must find the same events, or the comparison means nothing
        ours_out = subprocess.run(
            [*listing, "--format", "jsonl", *options],
            capture_output=True,
            text=True,
            env=runner.env,
            check=True,
        ).stdout
        found = ours_out.count("\n")
        floor_found = subprocess.run(
            [*floor_script, *options], capture_output=True, text=True, check=True
        ).stderr.strip()
        if str(found) != floor_found:
            raise RuntimeError(f"{name}: timeline found {found} events, the floor {floor_found}")
        for format_name in ("jsonl", "text", "csv"):
            command = [*listing, "--format", format_name, *options]
            floor_command = [*floor_script, "--format", format_name, *options]
            ours: list[float] = []
            floors: list[float] = []
            runner.wall(command)  # the first run of a format stores its records: warm them
            for _ in range(runner.runs):  # interleaved: a change in load falls on both
                ours.append(runner.wall(command))
                floors.append(runner.wall(floor_command))
            value, floor = median(ours), median(floors)
            section.add(
                f"list --format {format_name}, {name} ({found:,} events)",
                seconds(value),
                f"{seconds(floor)} json.loads loop",
                f"{value / floor:.3f}",
                f"< 1: {'met' if value < floor else 'NOT met'}",
            )


def bench_screen(runner: Runner, section: Section, path: Path) -> None:
    """First rows on screen in tmux: `timeline` (warm) beside VisiData on the same
    events as JSONL and CSV (`first_screen.py`); VisiData only if `vd` is found."""
    sys.path.insert(0, str(HERE))
    import first_screen

    if shutil.which("tmux") is None:
        section.add("first rows on screen", "n/a (no tmux)")
        return
    listing = [*timeline_command(), "list", "--catalog", str(path)]
    exports = {}
    for format_name in ("jsonl", "csv"):
        exported = runner.cache_home / f"screen-{format_name}-{path.stat().st_size}.{format_name}"
        with exported.open("w", encoding="utf-8") as out:
            subprocess.run(
                [*listing, "--format", format_name],
                stdout=out, env=runner.env, check=True, stderr=subprocess.DEVNULL,
            )  # fmt: skip
        exports[format_name] = exported
    vd = shutil.which("vd")
    programs = first_screen.programs_for(timeline_command(), path, exports, vd)
    results = first_screen.compare(programs, (120, 40), runner.runs, 2.0, env=runner.env)
    ours = median([r["seconds"] for r in results[first_screen.OURS]])
    floor = median([r["seconds"] for r in results["VisiData, jsonl"]]) if vd else None
    for label, runs in results.items():
        value = median([r["seconds"] for r in runs])
        peak = median([r["peak_mb"] for r in runs])
        mine = label == first_screen.OURS
        section.add(
            f"first rows on screen in tmux 120×40: {label} (peak {peak:.0f} MB)",
            seconds(value),
            f"{seconds(floor)} VisiData, jsonl" if mine and floor else "",
            f"{ours / floor:.2f}" if mine and floor else "",
            f"≤ 1× VisiData: {'met' if floor and ours <= floor else 'NOT met'}"
            if mine and floor
            else "",
        )
    if not vd:
        section.add("first rows on screen: VisiData", "n/a (vd not on PATH)")


def _event_count(path: Path) -> int:
    """Events in a catalogue, counted cheaply: generated catalogues name them `event-NNNNNN`."""
    with path.open(encoding="utf-8") as stream:
        return sum(1 for line in stream if line.startswith("  - id: event-"))


def render(sections: list[Section], header: str, markdown: bool) -> str:
    lines = [header, ""]
    for section in sections:
        if markdown:
            lines += [
                f"### {section.title}",
                "",
                "| measure | median | floor | ratio | target |",
                "| --- | --- | --- | --- | --- |",
            ]
            lines += [
                f"| {r.label} | {r.value} | {r.floor} | {r.ratio} | {r.verdict} |"
                for r in section.rows
            ]
        else:
            lines.append(section.title)
            width = max(len(r.label) for r in section.rows) if section.rows else 0
            for r in section.rows:
                cells = [f"  {r.label:<{width}}  {r.value:>10}"]
                if r.floor:
                    cells.append(f"floor {r.floor}")
                if r.ratio:
                    cells.append(f"ratio {r.ratio}")
                if r.verdict:
                    cells.append(r.verdict)
                lines.append("  |  ".join(cells))
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="1000,10000,100000",
        help="event counts, comma-separated (1000000 on demand: about 500 MB of YAML)",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument(
        "--slow-runs", type=int, default=3, help=f"runs for figures over {SLOW:g} s"
    )
    parser.add_argument("--quick", action="store_true", help="1,000 events, 2 runs")
    parser.add_argument("--no-embedded", action="store_true", help="skip the embedded catalogue")
    parser.add_argument(
        "--skip",
        default="",
        help="comma-separated parts to skip: load, list, pipe, screen, query, app",
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=Path(tempfile.gettempdir()) / "timeline-bench",
        help="where generated catalogues are kept between runs",
    )
    parser.add_argument("--markdown", type=Path, help="also write the results here as Markdown")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every probe's result")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",") if n]
    if args.quick:
        sizes, args.runs, args.slow_runs = [1000], 2, 1
    skip = {part for part in args.skip.split(",") if part}

    header = f"timeline benchmark, {time.strftime('%Y-%m-%d %H:%M')}\nmachine: {machine()}"
    print(header + "\n", flush=True)
    sections = []
    with tempfile.TemporaryDirectory(prefix="timeline-bench-cache-") as cache_home:
        runner = Runner(args, Path(cache_home))
        catalogues: list[tuple[str, Path]] = []
        if not args.no_embedded:
            from timeline_tui.catalogue.embedded import embedded_catalogue_path

            catalogues.append(("embedded catalogue", embedded_catalogue_path()))
        for n in sizes:
            folder = args.data / f"{n}-seed{SEED}"
            path = folder / "events.yaml"
            # regenerate when generate.py has changed since the files were written
            stamp = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()
            marker = folder / "generator.sha256"
            if not path.exists() or not marker.exists() or marker.read_text() != stamp:
                print(f"generating {n:,} events in {folder} ...", file=sys.stderr, flush=True)
                # in a child: the parent stays small, as its children's memory is measured
                subprocess.run(
                    [
                        sys.executable,
                        str(HERE / "generate.py"),
                        str(n),
                        str(folder),
                        "--seed",
                        str(SEED),
                    ],
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
                marker.write_text(stamp)
            catalogues.append((f"N = {n:,} events", path))
        for name, path in catalogues:
            runner.clear_cache()
            print(f"measuring {name} ...", file=sys.stderr, flush=True)
            section = bench_catalogue(
                runner, name, path, skip, embedded=name.startswith("embedded")
            )
            sections.append(section)
            print(render([section], "", markdown=False).strip("\n") + "\n", flush=True)
    if args.markdown:
        args.markdown.write_text(render(sections, header, markdown=True), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
