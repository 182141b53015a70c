"""One cache entry serves every spelling of a catalogue's path; this puts the reader's back.

A catalogue keeps its path as it was given (`Catalogue.path`, and the `file` of
every location and problem, which messages print); its articles' paths are
named from the catalogue's real folder, so they are the same for every spelling.
An entry written for `events.yaml` and read for `/home/me/events.yaml` has
these rewritten in place. Which fields to visit is worked out from the
model's annotations, so a new field holding a path, or a new dataclass holding
a location, is respelled too.
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

from timeline_tui.catalogue.model import Catalogue

_NAME, _PATH, _NESTED = "name", "path", "nested"


def _reaches(hint: Any, wanted: Any) -> bool:
    """Whether the annotation `hint` is `wanted` or holds it (in a union or container)."""
    return hint is wanted or any(_reaches(arg, wanted) for arg in typing.get_args(hint))


def _dataclasses_in(hint: Any) -> list[type]:
    found = [hint] if isinstance(hint, type) and dataclasses.is_dataclass(hint) else []
    for arg in typing.get_args(hint):
        found.extend(_dataclasses_in(arg))
    return found


@functools.cache
def _plan(kind: type) -> tuple[tuple[str, str], ...]:
    """The fields of `kind` that can hold the catalogue's spelling: `file` names,
    paths, and dataclasses that hold either."""
    hints = typing.get_type_hints(kind)
    plan: list[tuple[str, str]] = []
    for field in dataclasses.fields(kind):
        hint = hints[field.name]
        if _reaches(hint, Path):
            plan.append((field.name, _PATH))
        elif field.name == "file" and _reaches(hint, str):
            plan.append((field.name, _NAME))
        elif any(inner is not kind and _plan(inner) for inner in _dataclasses_in(hint)):
            plan.append((field.name, _NESTED))
    return tuple(plan)


def respell(catalogue: Catalogue, given: Path, path: Path) -> None:
    """Make `catalogue`, read from `given`, read as if from `path` (the same file)."""
    respeller(given, path)(catalogue)


def respeller(given: Path, path: Path) -> Callable[[Any], None]:
    """What `respell` does, for any value read from an entry written for `given`
    (a catalogue, or one of its events read later)."""
    old_name, new_name = str(given), str(path)

    def new_path(value: Any) -> Any:
        # articles are named from the catalogue's real folder, the same for every spelling
        return path if value == given else value

    # One visitor per type met, chosen by `type(value)` alone: at 100,000 events
    # generic isinstance and dataclass checks on every value cost most of a second.
    visitors: dict[type, Callable[[Any], None]] = {}

    def visit(value: Any) -> None:
        kind = type(value)
        visitor = visitors.get(kind)
        if visitor is None:
            visitor = visitors[kind] = visitor_of(kind)
        visitor(value)

    def visit_items(items: Any) -> None:
        for item in items:
            visit(item)

    def visitor_of(kind: type) -> Callable[[Any], None]:
        if kind in (tuple, list):
            return visit_items
        if kind is dict:
            return lambda mapping: visit_items(mapping.values())
        plan = _plan(kind) if dataclasses.is_dataclass(kind) else ()
        if not plan:
            return lambda value: None
        nested = [name for name, how in plan if how == _NESTED]
        names = [name for name, how in plan if how == _NAME]
        paths = [name for name, how in plan if how == _PATH]

        def visit_fields(value: Any) -> None:
            for name in names:
                if getattr(value, name) == old_name:
                    object.__setattr__(value, name, new_name)  # frozen ones too
            for name in paths:
                object.__setattr__(value, name, new_path(getattr(value, name)))
            for name in nested:
                visit(getattr(value, name))

        return visit_fields

    return visit
