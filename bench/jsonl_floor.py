"""The floor for `timeline list` on a pipe: a plain Python loop over the same events as JSONL.

    python bench/jsonl_floor.py EVENTS.jsonl --format csv --search WORD
    python bench/jsonl_floor.py EVENTS.jsonl --actor ID --since 1990-01-01

Reads the file a line at a time with `json.loads`, keeps the events that match
the same filter as `timeline list` (a search word in the title, summary, quotes,
notes or disputes; an actor's id and the days from `--since` on), and writes
them: the line as read (`jsonl`), `date<TAB>id<TAB>title` (`text`), or a CSV row
of the record's fields (`csv`). Prints the number of events written on stderr,
so the caller can check that both found the same events.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys


def _searched(record: dict) -> str:
    texts = [record["title"], record["summary"]]
    texts += [cited["quote"] for cited in record["sources"]]
    texts += record["notes"]
    texts += [f"{d['about']} {d['note']}" for d in record["disputes"]]
    return " ".join(texts).casefold()


def _last_day(record: dict) -> str:
    """The event's last day as ISO text: `1995` ends on `1995-12-31`, `1995-06` on `1995-06-31`
    (as text, after every day of June)."""
    last = record["end"] or record["date"]
    return last + "-12-31"[len(last) - 4 :]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--format", choices=("jsonl", "text", "csv"), default="jsonl")
    parser.add_argument("--search")
    parser.add_argument("--actor")
    parser.add_argument("--since")
    args = parser.parse_args()
    word = args.search.casefold() if args.search else None
    out = sys.stdout
    writer = csv.writer(out, lineterminator="\n") if args.format == "csv" else None
    if writer is not None:
        writer.writerow(["id", "date", "precision", "end", "display_date", "date_text",
                         "title", "summary", "actors", "themes", "places", "sources"])  # fmt: skip
    written = 0
    with open(args.file, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if word is not None and word not in _searched(record):
                continue
            if args.actor is not None and args.actor not in record["actor_ids"]:
                continue
            if args.since is not None and _last_day(record) < args.since:
                continue
            written += 1
            if args.format == "jsonl":
                out.write(line)
            elif args.format == "text":
                out.write(f"{record['date']}\t{record['id']}\t{record['title']}\n")
            else:
                assert writer is not None
                writer.writerow([
                    record["id"], record["date"], record["precision"], record["end"] or "",
                    record["display_date"], record["date_text"] or "", record["title"],
                    record["summary"], "; ".join(record["actors"]), "; ".join(record["themes"]),
                    "; ".join(record["places"]),
                    "; ".join(cited["source"] for cited in record["sources"]),
                ])  # fmt: skip
    print(written, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
