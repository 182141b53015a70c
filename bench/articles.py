"""Benchmark `timeline coverage` and `timeline check` on large articles, beside reading the file.

    python bench/articles.py                 # 1, 10 and 50 MB articles (a few minutes)
    python bench/articles.py --sizes 1,10    # a quicker run

For each size, an article of news-like prose full of dates (days, months, years,
decades, weekdays, `a year later`, `last week`, amounts that are not dates) is
written to a temporary folder with a small catalogue whose events quote sentences
from its start, middle and end. Each command runs in a fresh process; the figures
are its wall time and peak memory (the child's maximum resident set), beside the
floor measured in the same run: a fresh Python process reading the same file
(`Path.read_text`). Both commands should grow linearly with the article, so the
ratio to the floor should stay about the same from size to size.

The cache lives in the temporary folder, never the user's.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SEED = 1
MB = 1_000_000
_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
_ACTORS = ("the ministry", "the port authority", "the delegation", "the central bank", "officials")
_VERBS = ("announced", "signed", "reported", "approved", "postponed", "reviewed")
_THINGS = ("a trade deal", "the railway plan", "new tariffs", "a loan of $90 million", "the budget")


def _date(rng: random.Random) -> str:
    year = rng.randint(1990, 2024)
    month = rng.choice(_MONTHS)
    day = rng.randint(1, 28)
    return rng.choice(
        (
            f"on {day} {month} {year}",
            f"in {month} {year}",
            f"in {year}",
            f"on {month} {day}, {year}",
            f"on {year}-{_MONTHS.index(month) + 1:02d}-{day:02d}",
            f"in the {year // 10 * 10}s",
            f"on {rng.choice(_WEEKDAYS)}",
            "last week",
            "a year later",
            "a few weeks later",
            f"{rng.randint(2, 20)} years ago",
        )
    )


def _sentence(rng: random.Random) -> str:
    actor = rng.choice(_ACTORS)
    return (
        f"{actor[0].upper()}{actor[1:]} {rng.choice(_VERBS)} {rng.choice(_THINGS)} "
        f"{_date(rng)}, with {rng.randint(3, 300)} companies taking part."
    )


def write_article(path: Path, size: int, rng: random.Random) -> list[str]:
    """Write about `size` bytes of paragraphs; return sentences to quote (start, middle, end)."""
    quotes: list[str] = []
    written = 0
    marks = [0, size // 2, size - 2000]
    with path.open("w", encoding="utf-8") as out:
        while written < size:
            paragraph = " ".join(_sentence(rng) for _ in range(rng.randint(3, 7)))
            if marks and written >= marks[0]:
                marks.pop(0)
                number = len(quotes)
                quote = f"Event number {number} took place on {number + 1} March 2001."
                quotes.append(quote)
                paragraph = f"{paragraph} {quote}"
            # soft line breaks inside paragraphs, as articles saved from the web have
            text = "\n".join(paragraph[i : i + 900] for i in range(0, len(paragraph), 900))
            out.write(text + "\n\n")
            written += len(text) + 2
    return quotes


def write_catalogue(folder: Path, size_mb: int) -> Path:
    rng = random.Random(SEED + size_mb)
    article = folder / "article.txt"
    quotes = write_article(article, size_mb * MB, rng)
    events = "".join(
        f"""  - id: event-{number}
    date: "2001-03-{number + 1:02d}"
    title: Event {number}
    summary: Something took place.
    actors: [ministry]
    themes: [trade]
    sources:
      - source: article
        quote: "{quote}"
"""
        for number, quote in enumerate(quotes)
    )
    catalogue = folder / "events.yaml"
    catalogue.write_text(
        f"""title: A large article
sources:
  - id: article
    file: article.txt
    publisher: The Daily
    title: Everything that happened
    published: "2024-07-11"
actors:
  - id: ministry
    name: The ministry
    kind: organisation
themes:
  - id: trade
    name: Trade
    description: Trade.
events:
{events}""",
        encoding="utf-8",
    )
    return catalogue


@dataclass
class Measure:
    seconds: float
    cpu: float
    """User and system time of the process: what it costs whatever else the machine runs."""
    peak_mb: float
    code: int


def measure(command: list[str], env: dict[str, str]) -> Measure:
    """Wall time and peak resident memory of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.stderr is not None:
        process.stderr.close()
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    scale = 1 if sys.platform == "darwin" else 1024
    cpu = usage.ru_utime + usage.ru_stime
    return Measure(seconds, cpu, usage.ru_maxrss * scale / MB, process.returncode)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,10,50", help="article sizes in MB (default 1,10,50)")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    python = sys.executable
    print(f"python {sys.version.split()[0]} on {sys.platform}; {os.cpu_count()} cores")
    print(
        f"{'size':>6}  {'what':<9} {'wall s':>7} {'cpu s':>7} {'x floor':>8} {'cpu s/MB':>8}"
        f" {'peak MB':>8} {'x floor':>8}  exit"
    )
    with tempfile.TemporaryDirectory(prefix="timeline-articles-") as temporary:
        root = Path(temporary)
        env = dict(os.environ, XDG_CACHE_HOME=str(root / "cache"))
        for size in sizes:
            folder = root / f"{size}mb"
            folder.mkdir()
            catalogue = write_catalogue(folder, size)
            article = folder / "article.txt"
            floor = measure(
                [python, "-c", "import pathlib, sys; pathlib.Path(sys.argv[1]).read_text("
                 "encoding='utf-8-sig')", str(article)],
                env,
            )  # fmt: skip
            megabytes = article.stat().st_size / MB
            label = f"{megabytes:.0f} MB"
            print(
                f"{label:>6}  {'read':<9} {floor.seconds:7.2f} {floor.cpu:7.2f} {'':>8} "
                f"{floor.cpu / megabytes:8.3f} {floor.peak_mb:8.0f}"
            )
            for command in ("coverage", "check"):
                result = measure(
                    [python, "-m", "timeline_tui", command, "--catalog", str(catalogue)], env
                )
                print(
                    f"{label:>6}  {command:<9} {result.seconds:7.2f} {result.cpu:7.2f} "
                    f"{result.cpu / floor.cpu:8.1f} {result.cpu / megabytes:8.3f} "
                    f"{result.peak_mb:8.0f} {result.peak_mb / floor.peak_mb:8.1f}  {result.code}",
                    flush=True,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
