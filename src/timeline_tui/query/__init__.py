"""Filters over a catalogue, shared by the command line and the app so both mean the same.

`filters` says what to show (`Filters`, and `build_filters` from what a person
typed); `index` answers it with bitmasks (`Index`), helped by `day_index`
(dates), `text_search` (`--search`) and `evidence` (disputed, corroborated,
with figures, drafts). `titles` finds events by title (`TitleMatcher`).
"""

from __future__ import annotations

from timeline_tui.query.filters import (
    ALL_OF_FACETS,
    CORROBORATED,
    EVIDENCE,
    FACETS,
    Evidence,
    Facet,
    Filters,
    QueryError,
    build_filters,
    parse_bound,
    parse_min_sources,
    resolve_names,
)
from timeline_tui.query.index import Index
from timeline_tui.query.jump import first_at_or_after, parse_jump
from timeline_tui.query.parts import IndexParts
from timeline_tui.query.text_search import search_terms
from timeline_tui.query.titles import TitleMatcher

__all__ = [
    "ALL_OF_FACETS",
    "CORROBORATED",
    "EVIDENCE",
    "FACETS",
    "Evidence",
    "Facet",
    "Filters",
    "Index",
    "IndexParts",
    "QueryError",
    "TitleMatcher",
    "build_filters",
    "first_at_or_after",
    "parse_bound",
    "parse_jump",
    "parse_min_sources",
    "resolve_names",
    "search_terms",
]
