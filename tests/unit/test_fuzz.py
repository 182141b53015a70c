"""Random catalogues, valid and mutated: loading succeeds or fails with our own located error."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from conftest import ARTICLE_ONE, ARTICLE_TWO, tiny_catalogue
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.errors import CatalogueError
from timeline_tui.sources.check import check_catalogue

ANY_VALUE = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)),
    st.sampled_from(
        [
            "1992",
            "1992-04",
            "2019-02-30",
            "2019-13",
            "../x.txt",
            "/etc/passwd",
            "one",
            "two",
            "freedonia",
            "diplomacy",
            "",
            " ",
            "\x1b[2J",
            "[bold]",
        ]
    ),
    st.lists(st.text(max_size=8), max_size=3),
    st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


@st.composite
def mutated_catalogues(draw: st.DrawFn) -> str:
    data = copy.deepcopy(tiny_catalogue())
    for _ in range(draw(st.integers(0, 4))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "delete", "duplicate"]))
        if action == "replace":
            parent[path[-1]] = draw(ANY_VALUE)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    if draw(st.booleans()):
        start = draw(st.integers(0, len(text)))
        end = draw(st.integers(start, min(len(text), start + 40)))
        text = text[:start] + draw(st.text(max_size=5)) + text[end:]
    return text


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mutated_catalogues())
def test_loading_succeeds_or_raises_a_located_catalogue_error(tmp_path_factory, text):
    folder: Path = tmp_path_factory.mktemp("fuzz")
    (folder / "one.txt").write_text(ARTICLE_ONE, encoding="utf-8")
    (folder / "two.txt").write_text(ARTICLE_TWO, encoding="utf-8")
    path = folder / "events.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    # YAML also breaks lines at NEL and the Unicode separators, as splitlines does
    line_count = len(text.splitlines()) + 1
    try:
        catalogue = load_catalogue(path)
    except CatalogueError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file == str(path)
            assert problem.line is None or 1 <= problem.line <= line_count
            assert problem.message
        return
    for problem in check_catalogue(catalogue):
        assert problem.file == str(path)
        assert problem.message
