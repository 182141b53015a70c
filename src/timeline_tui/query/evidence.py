"""The evidence filters' masks: disputed, corroborated, with figures, drafts.

Built in one pass over the events, then each filter is one AND. "Corroborated
by at least N sources" keeps one mask per N (`at_least[n - 1]`: the events
citing n or more different sources), as many as the most any event cites.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from typing import Any

from timeline_tui.catalogue.model import Event
from timeline_tui.query.bitmask import flags_mask
from timeline_tui.query.filters import Evidence


@dataclass(frozen=True, slots=True)
class EvidenceMasks:
    disputed: int
    has_figures: int
    drafts: int
    at_least: tuple[int, ...]
    """`at_least[n - 1]`: the events citing at least n different sources."""

    def as_part(self) -> dict[str, Any]:
        """Plain ints and a tuple, for the cache to store (see `from_part`)."""
        return {
            "disputed": self.disputed,
            "has_figures": self.has_figures,
            "drafts": self.drafts,
            "at_least": self.at_least,
        }

    @classmethod
    def from_part(cls, part: dict[str, Any]) -> EvidenceMasks:
        return cls(part["disputed"], part["has_figures"], part["drafts"], tuple(part["at_least"]))

    def corroborated(self, sources: int) -> int:
        """The events citing at least `sources` (1 or more) different sources."""
        if sources > len(self.at_least):
            return 0
        return self.at_least[max(sources, 1) - 1]


def evidence_masks(events: Sequence[Event]) -> EvidenceMasks:
    disputed = bytes(map(bool, map(attrgetter("disputes"), events)))
    figures = bytes(map(bool, map(attrgetter("figures"), events)))
    drafts = bytes(map(bool, map(attrgetter("draft"), events)))
    counts = list(map(len, map(attrgetter("citations"), events)))
    for position, cited in enumerate(counts):
        if cited > 1:  # several quotes may come from one source
            counts[position] = len({c.source for c in events[position].citations})
    most = max(counts, default=0)
    at_least = tuple(
        flags_mask(bytes(map(operator.ge, counts, repeat(n)))) for n in range(1, most + 1)
    )
    return EvidenceMasks(flags_mask(disputed), flags_mask(figures), flags_mask(drafts), at_least)


def totals_of(masks: EvidenceMasks) -> dict[str, int]:
    """How many events each evidence filter keeps on its own, for a cache to store
    (`counts_from_totals` reads them back)."""
    return {
        "disputed": masks.disputed.bit_count(),
        "has_figures": masks.has_figures.bit_count(),
        "drafts": masks.drafts.bit_count(),
        **{_at_least(n): mask.bit_count() for n, mask in enumerate(masks.at_least, 1)},
    }


def counts_from_totals(
    totals: dict[str, int], min_sources: int, marked: int
) -> dict[Evidence, int]:
    """`Index.evidence_counts` when nothing narrows the events, from `totals_of`'s
    figures, `min_sources` (what "corroborated" counts) and the marked events' number."""
    return {
        "disputed": totals["disputed"],
        "min_sources": totals.get(_at_least(min_sources), 0),
        "has_figures": totals["has_figures"],
        "drafts": totals["drafts"],
        "marked": marked,
    }


def _at_least(sources: int) -> str:
    return f"at least {sources}"
