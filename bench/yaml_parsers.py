"""Reading a catalogue's YAML: the line-aware libyaml event loop beside faster parsers.

    python bench/yaml_parsers.py EVENTS.yaml [--runs 3]

Each figure is the median of `--runs` runs in this process, beside the floor
measured in the same run, `yaml.load(text, Loader=yaml.CSafeLoader)`:

- `load_yaml` (catalogue/yamlfile.py): libyaml's event stream built into a tree
  that knows each value's line, what every located message and `e` (open the
  editor at an event's line) need;
- the whole cold load (`load_catalogue`: that tree, then every field checked);
- rapidyaml (`ryml.parse_in_arena`, if installed), the tree alone and the tree
  walked into Python values. Its Python binding gives no node's line, so using
  it would need a second, located pass for every message: measured, not chosen.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def timed(work: Callable[[], Any], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ryml_to_python(tree: Any, node: int) -> Any:
    """A rapidyaml tree's node as plain values (scalars as text)."""
    import ryml

    if tree.is_map(node):
        return {
            bytes(tree.key(child)).decode(): ryml_to_python(tree, child)
            for child in ryml.children(tree, node)
        }
    if tree.is_seq(node):
        return [ryml_to_python(tree, child) for child in ryml.children(tree, node)]
    return bytes(tree.val(node)).decode() if tree.has_val(node) else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import yaml

    from timeline_tui.catalogue import load_catalogue
    from timeline_tui.catalogue.yamlfile import load_yaml

    data = args.catalogue.read_bytes()
    text = data.decode("utf-8")
    floor = timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), args.runs)
    rows = [
        ("load_yaml: libyaml events, a tree with lines", lambda: load_yaml(data, "x")),
        ("load_catalogue: the tree, every field checked", lambda: load_catalogue(args.catalogue)),
    ]
    try:
        import ryml
    except ImportError:
        print("rapidyaml is not installed (pip install rapidyaml): left out", file=sys.stderr)
    else:

        def walked() -> Any:
            tree = ryml.parse_in_arena(data)
            return ryml_to_python(tree, tree.root_id())

        rows.append(("rapidyaml: the tree alone (no lines)", lambda: ryml.parse_in_arena(data)))
        rows.append(("rapidyaml: the tree walked into Python values (no lines)", walked))
    figures = [(label, timed(work, args.runs)) for label, work in rows]
    size_mb = len(data) / 1e6
    print(f"{args.catalogue} ({size_mb:.1f} MB), median of {args.runs} runs")
    print(f"| reader | seconds | ratio to yaml.load(CSafeLoader), {floor:.2f} s |")
    print("| --- | --- | --- |")
    for label, seconds in figures:
        print(f"| {label} | {seconds:.2f} | {seconds / floor:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
