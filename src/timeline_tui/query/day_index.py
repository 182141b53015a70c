"""Events by date: per event the ordinals of its first and last day.

Events come in date order (earliest start first), so the first days ascend:
a date range is a binary search, and so is "the first event on or after a date".
Date order is an invariant of `Catalogue`, which sorts its events when it is built
and is only assigned lists already in order, so nothing here checks it again.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import operator
from collections.abc import Sequence

from timeline_tui.catalogue.model import Event
from timeline_tui.query.bitmask import flags_mask

DayBounds = tuple[Sequence[int], Sequence[int], int]
"""First days (ascending), last days, and the longest span in days.

A list, or an `array` read from a cache entry: both are read by position and bisected."""


def day_bounds(events: Sequence[Event]) -> DayBounds:
    """The day bounds of `events`, in date order as a `Catalogue` keeps them."""
    spans = [event.date for event in events]
    first = [span.first_day.toordinal() for span in spans]
    last = [span.last_day.toordinal() for span in spans]
    return first, last, max(map(operator.sub, last, first), default=0)


def date_mask(
    bounds: DayBounds, since: dt.date | None, until: dt.date | None, everything: int
) -> int:
    """The events that overlap the days from `since` to `until` (either open)."""
    first, last, longest = bounds
    size = len(first)
    # First days ascend, so "starts on or before `until`" is a prefix and
    # "starts on or after `since`" a suffix. Of the events that start before
    # `since`, only those starting within the longest span of it can reach it.
    end = size if until is None else bisect.bisect_right(first, until.toordinal())
    mask = (1 << end) - 1
    if since is not None:
        low = since.toordinal()
        start = bisect.bisect_left(first, low, 0, end)
        window = bisect.bisect_left(first, low - longest, 0, start)
        reaching = bytes(
            map(operator.ge, itertools.islice(last, window, start), itertools.repeat(low))
        )
        mask &= (everything >> start << start) | (flags_mask(reaching) << window)
    return mask


def first_starting_at_or_after(bounds: DayBounds, date: dt.date, among: int) -> int | None:
    """The position of the earliest-starting event of `among` (a mask) whose first day
    is on or after `date`; None when there is none."""
    first = bounds[0]
    start = bisect.bisect_left(first, date.toordinal())
    rest = among >> start
    if not rest:
        return None
    return start + (rest & -rest).bit_length() - 1
