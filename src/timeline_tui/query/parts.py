"""`IndexParts`: what an `Index` builds up front, handed over whole (to `cache`, and back)."""

from __future__ import annotations

from dataclasses import dataclass

from timeline_tui.query.day_index import DayBounds
from timeline_tui.query.evidence import EvidenceMasks
from timeline_tui.query.filters import Facet


@dataclass(frozen=True, slots=True)
class IndexParts:
    """`Index.export_parts`, for `Index.with_parts` to take back for the same catalogue."""

    size: int
    """The number of events the parts were built for: parts of any other size are ignored."""
    days: DayBounds
    masks: dict[Facet, dict[str, int]]
    """Per facet, per value, the bitmask of its events (source masks may be absent)."""
    haystacks: list[str]
    evidence: EvidenceMasks | None = None
    """None when stored by an older version: then built when a filter first needs it."""
