"""First rows on screen, as a person sees them: `timeline` beside VisiData, in tmux.

    python bench/first_screen.py CATALOGUE.yaml EVENTS.jsonl [EVENTS.csv] --runs 5

Each run starts the program in a new tmux session (120×40 by default), reads
the pane every 5 ms until the catalogue's first event shows (its title for
`timeline`, the start of its id for VisiData, which shows the id column first,
narrower than a long id), and records
the time since the session was asked for. The programs are interleaved run by
run, so a change in the machine's load falls on all alike. Peak memory is the
process's `VmHWM` after it has run `--settle` seconds past its first screen
(VisiData goes on loading meanwhile; `timeline` verifies quotes).

`timeline` runs on a warm cache (one start before the runs fills it). VisiData
is found as `vd` on PATH or given with `--vd`; without it, only `timeline` is
measured and the script says so. The JSONL is `timeline list --format jsonl` of
the same catalogue; the CSV, if given, `--format csv`.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path

POLL = 0.005
TIMEOUT = 600.0


def _tmux(*args: str, env: dict[str, str] | None = None) -> str:
    return subprocess.run(
        ["tmux", *args], check=True, capture_output=True, text=True, env=env
    ).stdout


def _peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def first_screen(
    command: list[str],
    sign: str,
    size: tuple[int, int],
    settle: float,
    env: dict[str, str] | None = None,
) -> dict:
    """Seconds from asking tmux for the session to `sign` on screen, and peak memory."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    width, height = size
    for attempt in range(5):
        started = time.perf_counter()
        try:
            # the environment (XDG_CACHE_HOME) given to the program, not the server's
            variables = [
                f"-e{key}={value}"
                for key, value in (env or {}).items()
                if key.startswith(("XDG_", "NO_COLOR", "TERM"))
            ]
            _tmux(
                "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
                *variables, "--", *command,
            )  # fmt: skip
            break
        except subprocess.CalledProcessError:
            # the server of the session just killed may still be exiting: ask again
            if attempt == 4:
                raise
            time.sleep(0.2)
    try:
        pid = int(_tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())
        while True:
            screen = _tmux("capture-pane", "-p", "-t", name)
            if sign in screen:
                seconds = time.perf_counter() - started
                break
            if time.perf_counter() - started > TIMEOUT:
                raise RuntimeError(f"{command[0]}: {sign!r} not on screen after {TIMEOUT:.0f} s")
            time.sleep(POLL)
        time.sleep(settle)
        return {"seconds": seconds, "peak_mb": _peak_mb(pid)}
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)


OURS = "timeline (warm cache)"
Programs = dict[str, tuple[list[str], str]]
"""Per label, the command and what on screen says its first rows are there."""


def programs_for(
    timeline: list[str], catalogue: Path, exports: dict[str, Path], vd: str | None
) -> Programs:
    """`timeline` on the catalogue, and VisiData on each export (`{"jsonl": path, ...}`,
    the JSONL first: its first record names the first event)."""
    with exports["jsonl"].open(encoding="utf-8") as lines:
        first = json.loads(lines.readline())
    programs = {OURS: ([*timeline, "--catalog", str(catalogue)], first["title"][:30])}
    if vd:
        for format_name, exported in exports.items():
            programs[f"VisiData, {format_name}"] = ([vd, str(exported)], first["id"][:12])
    return programs


def compare(
    programs: Programs,
    size: tuple[int, int],
    runs: int,
    settle: float,
    env: dict[str, str] | None = None,
) -> dict[str, list[dict]]:
    """Each program's first screens, `runs` of each, interleaved run by run, after
    one start of `timeline` to fill its cache (a cold start is not compared here)."""
    command, sign = programs[OURS]
    first_screen(command, sign, size, 0, env=env)
    results: dict[str, list[dict]] = {label: [] for label in programs}
    for _ in range(runs):
        for label, (command, sign) in programs.items():
            results[label].append(first_screen(command, sign, size, settle, env=env))
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("csv", type=Path, nargs="?")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=3.0, help="seconds before reading memory")
    parser.add_argument("--size", default="120x40", help="the terminal's columns x rows")
    parser.add_argument("--vd", help="the VisiData command (default: vd on PATH)")
    parser.add_argument("--timeline", default=str(Path(sys.executable).with_name("timeline")))
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    vd = args.vd or shutil.which("vd")
    if not vd:
        print("VisiData not found (--vd): timeline alone", file=sys.stderr)
    exports = {"jsonl": args.jsonl, **({"csv": args.csv} if args.csv else {})}
    programs = programs_for([args.timeline], args.catalogue, exports, vd)
    results = compare(programs, (width, height), args.runs, args.settle)

    print(f"first rows on screen, {width}×{height}, {args.runs} runs each, interleaved (median)")
    for label, runs in results.items():
        seconds = statistics.median(r["seconds"] for r in runs)
        peak = statistics.median(r["peak_mb"] for r in runs)
        print(f"  {label:<24} {seconds * 1000:8.0f} ms  {peak:7.0f} MB")
    if "VisiData, jsonl" in results:
        ours = statistics.median(r["seconds"] for r in results[OURS])
        floor = statistics.median(r["seconds"] for r in results["VisiData, jsonl"])
        verdict = "met" if ours <= floor else "not met"
        print(f"  timeline / VisiData, jsonl: {ours / floor:.2f} (target ≤ 1: {verdict})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
