"""The package's rooms and which may import which: files → model → query → views.

Each top-level package of `timeline_tui` is a room; a module may import its own
room and the rooms listed for it below, at any depth (a deferred import inside a
function counts the same). The lists are the architecture; README's "The code"
section describes them. The pipe path's run-time budget (no Textual, Rich,
dateparser or trafilatura until a command needs them) is held in test_packaging.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "timeline_tui"

MAY_IMPORT: dict[str, set[str]] = {
    "text": set(),
    "catalogue": {"text"},
    "query": {"text", "catalogue"},
    "cache": {"text", "catalogue", "query"},
    "sources": {"text", "catalogue"},
    "authoring": {"text", "catalogue", "sources"},
    "output": {"text", "catalogue", "query", "sources", "authoring"},
    "app": {"text", "catalogue", "query", "cache", "sources", "output"},
    "cli": {"text", "catalogue", "query", "cache", "sources", "authoring", "output", "app"},
}
TOP_LEVEL_MODULES = {"__init__.py": set(), "__main__.py": {"cli"}}
ONLY_IN = {"textual": {"app"}, "rich": {"app", "output"}, "trafilatura": {"authoring"}}


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _imports(module: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(module.read_text(), str(module))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found.extend((alias.name, node.lineno) for alias in node.names)
    return found


def _room(module: Path) -> str:
    parts = module.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else parts[0]


def test_every_module_is_in_a_room():
    rooms = {_room(module) for module in _modules()}
    assert rooms == set(MAY_IMPORT) | set(TOP_LEVEL_MODULES)


@pytest.mark.parametrize("module", _modules(), ids=lambda m: str(m.relative_to(PACKAGE)))
def test_imports_point_down_the_layers(module):
    room = _room(module)
    allowed = TOP_LEVEL_MODULES.get(room, MAY_IMPORT.get(room, set()))
    wrong = [
        f"line {line}: {name}"
        for name, line in _imports(module)
        if name.startswith("timeline_tui.")
        and name.split(".")[1] != room
        and name.split(".")[1] not in allowed
    ]
    assert not wrong, f"{room} may import only {sorted(allowed)}: {wrong}"


@pytest.mark.parametrize("library", sorted(ONLY_IN))
def test_libraries_stay_in_their_rooms(library):
    outside = [
        f"{module.relative_to(PACKAGE)}:{line}"
        for module in _modules()
        for name, line in _imports(module)
        if name.split(".")[0] == library and _room(module) not in ONLY_IN[library]
    ]
    assert not outside, f"{library} is imported outside {sorted(ONLY_IN[library])}: {outside}"


LONG_WITH_A_REASON: dict[str, int] = {}
"""Modules allowed past the limit, each with the reason beside it (none today)."""


def test_no_module_is_over_400_lines():
    long = {
        name: n
        for module in _modules()
        if (n := len(module.read_text().splitlines()))
        > LONG_WITH_A_REASON.get(name := str(module.relative_to(PACKAGE)), 400)
    }
    assert not long, long


def test_the_rules_can_fail(tmp_path):
    """A module of the bottom room importing the app is caught by the same reading."""
    module = tmp_path / "bad.py"
    module.write_text("def f():\n    from timeline_tui.app.app import TimelineApp\n")
    assert ("timeline_tui.app.app", 2) in _imports(module)
