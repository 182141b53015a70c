"""The help screen's groups: the bindings of `keys`, by id, under their headings.

Beside them stand the few keys that are not bindings of ours (a click, the command
palette), so the help lists every key a person can press in the order they learn
them. `key_help` turns the groups into the help's lines.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    """A key in the help that is no binding of ours: a click, or one Textual handles."""

    keys: str
    meaning: str


HELP: tuple[tuple[str, tuple[str | Key, ...]], ...] = (
    (
        "Filter",
        (
            "main.search",
            "main.actors",
            "main.themes",
            "facet.toggle",
            "main.dates",
            "main.year",
            Key("click", "On the density strip: only that year; again, every year"),
            "main.evidence",
            "main.clear",
            "main.pane",
            "main.command",
        ),
    ),
    (
        "Move",
        (
            "timeline.down",
            "timeline.up",
            "timeline.page_down",
            "timeline.page_up",
            "timeline.first",
            "timeline.last",
            Key("click", "Highlight an event; click it again for its sources"),
            "main.jump",
            "main.reverse",
            "main.mark",
        ),
    ),
    (
        "Sources",
        (
            "timeline.choose",
            "main.next_source",
            "main.previous_source",
            "quotes.down",
            "quotes.up",
            "main.article",
            "main.copy",
            "main.zoom",
        ),
    ),
    (
        "In the article (o)",
        (
            "article.next_quote",
            "article.previous_quote",
            "article.go_to_event",
            "article.next_open",
            "article.previous_open",
            "article.next_source",
            "article.previous_source",
            "article.copy",
            "article.edit",
            "article.back",
        ),
    ),
    (
        "Edit (a save reloads the app)",
        (
            "main.edit",
            "app.problems",
        ),
    ),
    ("In the problems (!)", (Key("enter", "Edit at the problem"), "problems.check")),
    (
        "App",
        (
            "main.back",
            Key("ctrl+p", "Find events, actors and themes by name"),
            "main.help",
            "app.quit",
        ),
    ),
)
"""The help screen's groups, in order: binding ids, and keys that are not bindings."""
