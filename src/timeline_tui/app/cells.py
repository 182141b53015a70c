"""Fitting text into a number of terminal cells."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

COUNTING = "…"
"""What a count shows while it is being made (a large catalogue's counts follow
its matching events: `filtering.COUNTS_LATER_FROM`)."""


def fit(text: str, width: int) -> str:
    """`text` cut to `width` cells, with an ellipsis when cut."""
    if width <= 0:
        return ""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, width - 1) + "…"


def split_line(text: str, width: int) -> tuple[str, str]:
    """`text` broken to fit `width` cells, at a space when one falls in the second half.

    Returns:
        The part that fits and the rest (empty when it all fits).
    """
    if cell_len(text) <= width:
        return text, ""
    used = 0
    end = 0
    for end, character in enumerate(text):  # noqa: B007 - `end` is wanted after the loop
        used += cell_len(character)
        if used > width:
            break
    space = text.rfind(" ", 0, end + 1)
    if space > max(0, width // 2):
        return text[:space], text[space + 1 :].lstrip()
    return text[:end], text[end:]
