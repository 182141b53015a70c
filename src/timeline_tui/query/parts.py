"""What an `Index` builds up front, handed over whole (`IndexParts`) or kept elsewhere
and read part by part when first needed (`StoredParts`, a cache entry)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from timeline_tui.query.day_index import DayBounds
from timeline_tui.query.evidence import EvidenceMasks
from timeline_tui.query.facet_table import FacetTable
from timeline_tui.query.filters import Facet


@dataclass(frozen=True, slots=True)
class IndexParts:
    """`Index.export_parts`: what the cache stores (`cache.stored.parts_frames`)."""

    size: int
    """The number of events the parts were built for: parts of any other size are ignored."""
    days: DayBounds
    tables: Mapping[Facet, FacetTable]
    """Per facet (actors and themes), its values event by event; each value's
    positions are stored from them, without making every value's mask and reading
    its bits back."""
    haystacks: Sequence[str]
    evidence: EvidenceMasks | None = None
    """None when stored by an older version: then built when a filter first needs it."""


class StoredParts(Protocol):
    """Parts kept outside the index for the same catalogue, each read the first time
    the index needs it, so that opening a large catalogue reads only what the first
    screen shows (the day bounds and the facets' totals), not every event's search
    text or every value's mask. Each method gives None for a part not kept: the
    index then builds it from the events."""

    def days(self) -> DayBounds | None: ...

    def masks(self, facet: Facet) -> dict[str, int] | None:
        """Per value of the facet, the bitmask of its events."""

    def table(self, facet: Facet) -> FacetTable | None:
        """The facet's values event by event (actors and themes)."""

    def totals(self, facet: Facet) -> dict[str, int] | None:
        """Per value of the facet, how many events have it."""

    def haystacks(self) -> Sequence[str] | None: ...

    def evidence(self) -> EvidenceMasks | None: ...

    def evidence_totals(self) -> dict[str, int] | None:
        """How many events each evidence filter keeps on its own: `disputed`,
        `has_figures`, `drafts`, and `at least N` for each number of sources."""

    def ids(self) -> Sequence[str] | None:
        """Per event, its id."""
