"""`--search`: every word of a search found somewhere in an event's texts.

The texts are case-folded once per catalogue (`haystacks`); `text_mask` keeps
the masks of recent searches, so that typing on narrows the last one and
backspacing returns to one already made.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence

from timeline_tui.catalogue.model import Event
from timeline_tui.query.bitmask import flags_mask, mask_flags, mask_of

RECENT_SEARCHES = 32
"""Text masks kept for reuse: backspacing returns to one, typing on narrows one."""


def search_terms(text: str) -> list[str]:
    """The words of a search, each to be found somewhere in an event."""
    return text.casefold().split()


def text_mask(
    terms: tuple[str, ...],
    haystacks: Sequence[str],
    everything: int,
    recent: dict[tuple[str, ...], int],
) -> int:
    """The events whose haystack contains every term.

    Args:
        terms: `search_terms` of the search, as a tuple.
        haystacks: Per event, its searched text (`haystacks`).
        everything: The mask of every event.
        recent: Masks of earlier searches, updated here (least recently used first).
    """
    if not terms:
        return everything
    mask = recent.get(terms)
    if mask is not None:
        recent[terms] = recent.pop(terms)  # most recently used last
        return mask
    # Typing extends the search: only an earlier search's matches can still
    # match, and its unchanged words need no second look.
    mask, todo = everything, terms
    for previous, previous_mask in recent.items():
        if (
            len(terms) >= len(previous)
            and all(new.startswith(old) for new, old in zip(terms, previous, strict=False))
            and previous_mask.bit_count() < mask.bit_count()
        ):
            mask = previous_mask
            todo = tuple(
                term
                for position, term in enumerate(terms)
                if position >= len(previous) or term != previous[position]
            )
    size = len(haystacks)
    # the longest word first: usually the rarest, it leaves the fewest to look at
    for term in sorted(set(todo), key=len, reverse=True):
        if not mask:
            break
        if mask == everything:
            found = bytes(map(operator.contains, haystacks, itertools.repeat(term)))
            mask = flags_mask(found)
        else:
            # look only at the events still in: selected, tested and placed in C
            flags = mask_flags(mask, size)
            found_in = map(
                operator.contains,
                itertools.compress(haystacks, flags),
                itertools.repeat(term),
            )
            mask = mask_of(
                itertools.compress(itertools.compress(range(size), flags), found_in), size
            )
    recent[terms] = mask
    if len(recent) > RECENT_SEARCHES:
        del recent[next(iter(recent))]
    return mask


def _searched_texts(event: Event) -> list[str]:
    """What `--search` looks in: title, summary, quotes, notes and what disputes say."""
    parts = [event.title, event.summary]
    parts += [citation.quote for citation in event.citations]
    parts += event.notes
    for dispute in event.disputes:
        parts += (dispute.about, dispute.note)
    return parts


def _haystack(event: Event) -> str:
    return " ".join(" ".join(_searched_texts(event)).split()).casefold()


def haystacks(events: Sequence[Event]) -> list[str]:
    """Per event, its title, summary, quotes, notes and disputes, case-folded, up to
    white space (search words have none).

    Case-folded as one string: one call instead of one per event.
    """
    parts: list[str] = []
    for event in events:
        parts += _searched_texts(event)
        parts.append("\x00")
    joined = " ".join(parts)
    if joined.count("\x00") != len(events):  # a NUL in some text: one event at a time
        return [_haystack(event) for event in events]
    folded = joined.casefold().split(" \x00 ")
    folded[-1] = folded[-1].removesuffix(" \x00")
    return folded
