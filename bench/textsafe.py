"""How long `printable` takes over 100,000 event titles, beside a floor.

`printable` runs on every visible row and every palette entry. The floor is
`str.isprintable` over the same titles: one C-level pass over every character,
which no filter that looks at each character can beat.

    python bench/textsafe.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from timeline_tui.text.printable import printable

_SYLLABLES = ("ka", "lo", "mi", "ren", "sa", "tu", "vor", "el", "an", "dri", "pel", "qua")
_NON_ASCII = ("Zürich", "—", "“quoted”", "Kraków", "北京")


def titles(count: int, non_ascii_share: float, seed: int = 1) -> list[str]:
    """Titles of five to nine made-up words; a share of them end with a non-ASCII word."""
    rng = random.Random(seed)
    made = []
    for _ in range(count):
        words = [
            "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3)))
            for _ in range(rng.randint(5, 9))
        ]
        if rng.random() < non_ascii_share:
            words.append(rng.choice(_NON_ASCII))
        made.append(" ".join(words).capitalize())
    return made


def best_of(runs: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    for share in (0.0, 0.2, 1.0):
        sample = titles(100_000, share)
        took = best_of(5, lambda sample=sample: [printable(title) for title in sample])
        floor = best_of(5, lambda sample=sample: [title.isprintable() for title in sample])
        print(
            f"100,000 titles, {share:4.0%} non-ASCII: printable {took * 1000:6.1f} ms"
            f"   floor (str.isprintable) {floor * 1000:5.1f} ms"
        )


if __name__ == "__main__":
    main()
