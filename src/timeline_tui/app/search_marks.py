"""Where the search words fall in a text, to be highlighted as the query finds them. No Textual.

The query layer matches every search word case-insensitively; these helpers find
the same words in what is on screen, as plain ranges for `Text.stylize` or
`Content.stylize` (never markup).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from timeline_tui.query import search_terms


def term_pattern(search: str) -> re.Pattern[str] | None:
    """A pattern finding any of the search's words, longest first; None for no words."""
    terms = sorted(set(search_terms(search)), key=len, reverse=True)
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def term_spans(text: str, pattern: re.Pattern[str] | None) -> list[tuple[int, int]]:
    """The (start, end) of each search word found in `text`."""
    if pattern is None:
        return []
    return [found.span() for found in pattern.finditer(text) if found.end() > found.start()]


def best_matching(texts: Sequence[str], pattern: re.Pattern[str] | None) -> int:
    """The first of `texts` that holds the most distinct search words; 0 when none does."""
    best, best_count = 0, 0
    if pattern is None:
        return 0
    for number, text in enumerate(texts):
        count = len({found.group().casefold() for found in pattern.finditer(text)})
        if count > best_count:
            best, best_count = number, count
    return best
