"""Write a synthetic catalogue of N events, with its articles, for benchmarks.

The catalogue is valid (`timeline check --catalog DIR/events.yaml` passes): every
quote stands verbatim in the article it cites. The same N and seed give the same
bytes, so figures from different runs describe the same input.

Events are shaped like the embedded catalogue's: a title, a one-sentence
summary, three actors, two themes and one quote each, a date known to the day,
month or year, now and then an end, a `date_text`, a place, a figure or a
dispute. About 400 bytes of YAML per event.

    python bench/generate.py 100000 /tmp/timeline-100k --seed 1
"""

from __future__ import annotations

import argparse
import calendar
import json
import random
import textwrap
from dataclasses import dataclass
from pathlib import Path

# Made-up syllables give words that are spread evenly, so a search for a word
# matches a realistic fraction of events rather than all or none of them.
_SYLLABLES = (
    "ka", "lo", "mi", "ren", "sa", "tu", "vor", "el", "an", "dri", "pel", "qua",
    "zen", "ob", "tar", "vi", "nu", "gos", "hal", "rim", "bek", "sto", "fa", "jun",
)  # fmt: skip
_COMMON = (
    "trade", "visit", "agreement", "summit", "railway", "port", "loan", "investment",
    "minister", "president", "talks", "pipeline", "delegation", "forum", "treaty",
    "exports", "imports", "energy", "security", "corridor",
)  # fmt: skip
_VERBS = (
    "signed", "announced", "opened", "discussed", "agreed", "visited", "hosted",
    "launched", "approved", "welcomed", "reviewed", "completed",
)  # fmt: skip
_KINDS = ("country", "person", "organisation", "company", "place", "media")
_MONTHS = calendar.month_name


@dataclass(frozen=True)
class Vocabulary:
    actors: list[tuple[str, str]]
    """(id, name) pairs."""
    themes: list[tuple[str, str]]
    places: list[str]
    words: list[str]


def _word(rng: random.Random, low: int = 2, high: int = 3) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(low, high)))


def _vocabulary(rng: random.Random, n_actors: int, n_themes: int) -> Vocabulary:
    names: set[str] = set()

    def fresh(low: int, high: int) -> str:
        while True:
            word = _word(rng, low, high)
            if word not in names:
                names.add(word)
                return word

    actors = []
    for _ in range(n_actors):
        name = " ".join(fresh(2, 3).capitalize() for _ in range(rng.randint(1, 2)))
        actors.append((name.lower().replace(" ", "-"), name))
    themes = []
    for _ in range(n_themes):
        name = fresh(2, 4)
        themes.append((name, name.capitalize()))
    places = [fresh(2, 3).capitalize() for _ in range(60)]
    words = [fresh(2, 3) for _ in range(3000)]
    return Vocabulary(actors, themes, places, words)


def _date(rng: random.Random) -> tuple[str, str, int, int | None, int | None]:
    """An ISO partial date, its wording, and its year, month and day."""
    year = rng.randint(1900, 2024)
    roll = rng.random()
    if roll < 0.1:
        return f"{year}", f"in {year}", year, None, None
    month = rng.randint(1, 12)
    if roll < 0.3:
        return f"{year}-{month:02d}", f"in {_MONTHS[month]} {year}", year, month, None
    day = rng.randint(1, calendar.monthrange(year, month)[1])
    return f"{year}-{month:02d}-{day:02d}", f"on {day} {_MONTHS[month]} {year}", year, month, day


def _later(rng: random.Random, year: int, month: int | None, day: int | None) -> str:
    """An end date after the given start, at the start's precision."""
    end_year = min(9999, year + rng.randint(0, 3))
    if month is None:
        return f"{end_year + 1}"
    end_month = rng.randint(1, 12) if end_year > year else rng.randint(month, 12)
    if day is None:
        return f"{end_year}-{end_month:02d}"
    first = day if (end_year, end_month) == (year, month) else 1
    end_day = rng.randint(first, calendar.monthrange(end_year, end_month)[1])
    return f"{end_year}-{end_month:02d}-{end_day:02d}"


def _phrase(rng: random.Random, words: list[str], count: int) -> str:
    picked = [rng.choice(words) for _ in range(count)]
    for _ in range(rng.randint(0, 2)):
        picked[rng.randrange(count)] = rng.choice(_COMMON)
    return " ".join(picked)


def _upper_first(text: str) -> str:
    # str.capitalize would lower-case the names and months that follow
    return text[:1].upper() + text[1:]


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def generate(
    folder: Path,
    n_events: int,
    *,
    seed: int = 1,
    n_actors: int | None = None,
    n_themes: int | None = None,
    quotes_per_article: int = 100,
) -> Path:
    """Write `events.yaml` and `articles/*.txt` into `folder`; return the catalogue's path.

    Args:
        folder: where to write; created if missing. Existing articles are overwritten.
        n_events: how many events.
        seed: the same seed gives the same files.
        n_actors: actor vocabulary (default grows slowly with N: 40 + N/500).
        n_themes: theme vocabulary (default 16).
        quotes_per_article: events citing each article, so N/this articles.

    Returns:
        The path of the catalogue file.
    """
    rng = random.Random(seed)
    vocabulary = _vocabulary(rng, n_actors or 40 + n_events // 500, n_themes or 16)
    n_sources = max(2, -(-n_events // quotes_per_article))
    folder.mkdir(parents=True, exist_ok=True)
    articles_dir = folder / "articles"
    articles_dir.mkdir(exist_ok=True)

    out: list[str] = [
        f"# A synthetic catalogue of {n_events} events (bench/generate.py, seed {seed}).\n",
        f"title: Synthetic chronology ({n_events} events)\n\nsources:\n",
    ]
    publishers = [f"The {_word(rng).capitalize()} Gazette" for _ in range(12)]
    source_dates: list[int] = []
    for number in range(n_sources):
        published = rng.randint(2024, 2025)
        source_dates.append(published)
        out.append(
            f"  - id: article-{number:05d}\n"
            f"    file: articles/{number:05d}.txt\n"
            f"    publisher: {rng.choice(publishers)}\n"
            f"    title: {_phrase(rng, vocabulary.words, 5).capitalize()}\n"
            f"    author: null\n"
            f'    published: "{published}"\n'
        )

    out.append("\nactors:\n")
    actor_ids = [actor_id for actor_id, _ in vocabulary.actors]
    actor_names = dict(vocabulary.actors)
    for index, (actor_id, name) in enumerate(vocabulary.actors):
        kind = _KINDS[index % len(_KINDS)]
        out.append(f"  - id: {actor_id}\n    name: {name}\n    kind: {kind}\n")
        if index % 5 == 0:
            out.append(f"    aliases: [{name.split()[0]}land]\n")
        if kind == "person" and index > 0:
            out.append(f"    affiliation: {actor_ids[0]}\n")

    out.append("\nthemes:\n")
    theme_ids = [theme_id for theme_id, _ in vocabulary.themes]
    for theme_id, name in vocabulary.themes:
        out.append(
            f"  - id: {theme_id}\n    name: {name}\n"
            f"    description: {_phrase(rng, vocabulary.words, 6).capitalize()}.\n"
        )

    # Skewed popularity, as in real chronologies: a few actors and themes in most events.
    actor_weights = [1.0 / (rank + 1) for rank in range(len(actor_ids))]
    theme_weights = [1.0 / (rank + 1) for rank in range(len(theme_ids))]
    article_lines: list[list[str]] = [[] for _ in range(n_sources)]

    out.append("\nevents:\n")
    for number in range(n_events):
        iso, wording, year, month, day = _date(rng)
        source = number % n_sources
        actors = list(dict.fromkeys(rng.choices(actor_ids, actor_weights, k=3)))
        themes = list(dict.fromkeys(rng.choices(theme_ids, theme_weights, k=2)))
        names = [actor_names[actor_id] for actor_id in actors[:2]]
        title = f"{names[0]} {rng.choice(_VERBS)} {_phrase(rng, vocabulary.words, 3)}"
        quote = (
            f"{_upper_first(wording)}, {' and '.join(names)} {rng.choice(_VERBS)} "
            f"{_phrase(rng, vocabulary.words, 7)}, event {number}."
        )
        article_lines[source].append(quote)
        block = [
            f"  - id: event-{number:06d}\n",
            f'    date: "{iso}"\n',
        ]
        if rng.random() < 0.08:
            block.append(f'    end: "{_later(rng, year, month, day)}"\n')
        if rng.random() < 0.1:
            block.append(f"    date_text: {_quoted(wording)}\n")
        block += [
            f"    title: {_upper_first(title)}\n",
            f"    summary: {_phrase(rng, vocabulary.words, 7).capitalize()}.\n",
            f"    actors: [{', '.join(actors)}]\n",
            f"    themes: [{', '.join(themes)}]\n",
        ]
        if rng.random() < 0.2:
            block.append(f"    places: [{rng.choice(vocabulary.places)}]\n")
        if rng.random() < 0.1:
            value = round(rng.uniform(1, 500), 1)
            block.append(
                f"    figures:\n      - {{label: total, value: {value}, unit: USD million}}\n"
            )
        wrapped = textwrap.fill(quote, 72, initial_indent=" " * 10, subsequent_indent=" " * 10)
        block.append(f"    sources:\n      - source: article-{source:05d}\n        quote: >-\n")
        block.append(wrapped + "\n")
        if rng.random() < 0.03:
            block.append(
                f"    disputes:\n      - about: date\n"
                f"        note: {_phrase(rng, vocabulary.words, 10).capitalize()}.\n"
            )
        out.append("".join(block))

    path = folder / "events.yaml"
    path.write_text("".join(out), encoding="utf-8")
    for number, quotes in enumerate(article_lines):
        body = [f"{_phrase(rng, vocabulary.words, 6).capitalize()}\n"]
        for quote in quotes:
            # filler between quotes, wrapped like a saved web page
            filler = f"{_phrase(rng, vocabulary.words, 8).capitalize()}."
            body.append(textwrap.fill(f"{quote} {filler}", 80) + "\n")
        (articles_dir / f"{number:05d}.txt").write_text("\n".join(body), encoding="utf-8")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("events", type=int, help="number of events")
    parser.add_argument("folder", type=Path, help="where to write events.yaml and articles/")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    path = generate(args.folder, args.events, seed=args.seed)
    print(path)


if __name__ == "__main__":
    main()
