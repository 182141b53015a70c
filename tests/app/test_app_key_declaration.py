"""The keys are declared once (`app/keys.py`): the help screen, the hints and README's
table agree with the bindings the screens use."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.binding import Binding

from timeline_tui.app import help_groups, key_help
from timeline_tui.app.app import TimelineApp
from timeline_tui.app.screens.article import ArticleScreen
from timeline_tui.app.screens.help import help_content
from timeline_tui.app.screens.main import MainScreen
from timeline_tui.app.screens.problems import ProblemsScreen
from timeline_tui.app.widgets.facet_list import FacetList
from timeline_tui.app.widgets.quote_viewer import QuoteViewer
from timeline_tui.app.widgets.timeline_view import TimelineView

README = Path(__file__).resolve().parents[2] / "README.md"

HELPED = (
    MainScreen,
    ArticleScreen,
    ProblemsScreen,
    TimelineApp,
    TimelineView,
    QuoteViewer,
    FacetList,
)
"""Whose every binding has a line in the help (their close keys apart)."""
CLOSING = {"problems.close"}


def _readme_key_table() -> list[tuple[str, str, str]]:
    """README's key table (in "## The app") as (group, keys, meaning) rows."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("\n## The app") :]
    table = section[section.index("| key | does |") :].split("\n\n")[0]
    rows: list[tuple[str, str, str]] = []
    group = ""
    for line in table.splitlines()[2:]:
        key_cell, meaning = (cell.strip() for cell in line.strip().strip("|").split("|"))
        heading = re.fullmatch(r"\*\*(.+)\*\*", key_cell)
        if heading and not meaning:
            group = heading.group(1)
            continue
        names = " ".join(key_help.key_name(name) for name in key_cell.replace("`", " ").split())
        rows.append((group, names, meaning.replace("`", "")))
    return rows


def _help_rows() -> list[tuple[str, str, str]]:
    return [
        (group, names, meaning.replace("`", "")) for group, names, meaning in key_help.help_lines()
    ]


def test_readme_key_table_is_the_help_screen():
    assert _readme_key_table() == _help_rows()


@pytest.mark.parametrize("owner", HELPED, ids=lambda owner: owner.__name__)
def test_every_binding_has_a_line_in_the_help(owner):
    in_help = {
        entry for _, entries in help_groups.HELP for entry in entries if isinstance(entry, str)
    }
    ids = {b.id for b in owner.BINDINGS if isinstance(b, Binding) and b.id is not None}
    assert ids - CLOSING <= in_help


def test_every_help_line_says_what_its_keys_do():
    assert all(names and meaning for _, names, meaning in key_help.help_lines())


def test_the_help_screen_shows_every_line():
    shown = help_content("timeline list").plain
    for _, names, meaning in key_help.help_lines():
        assert re.search(rf"^  {re.escape(names)} +{re.escape(meaning)}$", shown, re.M)


def test_key_names_read_as_typed():
    binding = Binding("question_mark,slash,pagedown", "help")
    assert key_help.key_names(binding) == "? / PgDn"


def test_a_hint_takes_each_key_from_its_binding(monkeypatch):
    assert key_help.hint(("main.clear", "clears")) == "c clears"
    pair = (("main.next_source", "main.previous_source"), "next/previous")
    assert key_help.hint(pair, ("main.back", "closes")) == "n/p next/previous · esc closes"
    monkeypatch.setitem(key_help.BY_ID, "main.clear", Binding("x,c", "clear_filters"))
    assert key_help.hint(("main.clear", "clears")) == "x clears"


def test_a_key_is_named_as_typed_from_its_binding():
    assert key_help.key_of("main.search") == "/"
    assert key_help.key_of("article.next_quote") == "tab"
