"""A catalogue's events and index parts as kept in an entry, read when first asked for.

`StoredEvents` is the catalogue's event list: an event is decoded the first time
it is shown or written (a whole slice at once when they are walked in order).
`StoredParts` hands the index each part when it first needs it. What goes into
an entry is in `parts_frames`, so the names are written and read in one place.
"""

from __future__ import annotations

import threading
from array import array
from collections.abc import Callable, Iterator, Sequence
from typing import Any, overload

from timeline_tui.cache.entry import Corrupt, Damaged, Entry, decode_event, decode_slice, decoder
from timeline_tui.catalogue.model import Event, StoredEvents
from timeline_tui.query import Facet
from timeline_tui.query import IndexParts as Built
from timeline_tui.query.bitmask import mask_of, set_bits
from timeline_tui.query.day_index import DayBounds
from timeline_tui.query.evidence import EvidenceMasks, totals_of
from timeline_tui.query.facet_table import FacetTable

_DAYS, _HAYSTACKS, _IDS, _EVIDENCE, _TOTALS = "days", "haystacks", "ids", "evidence", "totals"
_MASKS = "masks:"
"""Then the facet's name: each facet's masks are a frame of their own."""
_TABLE = "values:"
"""Then the facet's name: its values event by event (`query.FacetTable`)."""


def parts_frames(parts: Built, ids: list[str]) -> dict[str, Any]:
    """The index parts as an entry's frames: masks as packed positions (4-byte
    unsigned, machine order: `sys.byteorder` is part of the key), whose size grows
    with the number of memberships rather than vocabulary × events, and each
    facet's table (its values' names, then its two arrays packed alike); day
    ordinals as 4-byte integer arrays, read without making an int per event."""
    first, last, longest = parts.days
    frames: dict[str, Any] = {
        _DAYS: [array("i", first).tobytes(), array("i", last).tobytes(), longest],
        _HAYSTACKS: parts.haystacks,
        _IDS: ids,
        _TOTALS: {},
    }
    for facet, table in parts.tables.items():
        members = table.members()
        frames[_TOTALS][facet] = {value: len(positions) for value, positions in members.items()}
        frames[_MASKS + facet] = {
            value: positions.tobytes() for value, positions in members.items()
        }
        frames[_TABLE + facet] = [table.names, table.starts.tobytes(), table.numbers.tobytes()]
    if parts.evidence is not None:
        part = parts.evidence.as_part()
        frames[_TOTALS][_EVIDENCE] = totals_of(parts.evidence)
        frames[_EVIDENCE] = {
            name: [_pack(mask) for mask in value] if name == "at_least" else _pack(value)
            for name, value in part.items()
        }
    return frames


def _pack(mask: int) -> bytes:
    return array("I", set_bits(mask)).tobytes()


def _positions(packed: bytes) -> array[int]:
    positions = array("I")
    positions.frombytes(packed)
    return positions


def _ints(packed: bytes) -> array[int]:
    values = array("i")
    values.frombytes(packed)
    return values


_decode_days = decoder(tuple[bytes, bytes, int])
_decode_strings = decoder(list[str])
_decode_totals = decoder(dict[str, dict[str, int]])
_decode_packed = decoder(dict[str, bytes])
_decode_evidence = decoder(dict[str, bytes | list[bytes]])
_decode_table = decoder(tuple[list[str], bytes, bytes])


class Parts:
    """`query.StoredParts` read from an entry: each frame decoded when first asked for."""

    def __init__(self, entry: Entry, size: int) -> None:
        self._entry = entry
        self._size = size
        self._totals: dict[str, dict[str, int]] | None = None

    def _frame(self, name: str, decode: Callable[[memoryview], Any]) -> Any:
        if not self._entry.has(name):
            return None
        try:
            return self._entry.frame(name, decode)
        except Corrupt:
            return None  # the index builds what it cannot read

    def days(self) -> DayBounds | None:
        found = self._frame(_DAYS, _decode_days)
        if found is None:
            return None
        first, last, longest = found
        first_days, last_days = _ints(first), _ints(last)
        if len(first_days) != self._size or len(last_days) != self._size:
            return None
        return first_days, last_days, longest

    def masks(self, facet: Facet) -> dict[str, int] | None:
        found = self._frame(_MASKS + facet, _decode_packed)
        if found is None:
            return None
        return {value: mask_of(_positions(packed), self._size) for value, packed in found.items()}

    def table(self, facet: Facet) -> FacetTable | None:
        found = self._frame(_TABLE + facet, _decode_table)
        if found is None:
            return None
        names, starts, numbers = found
        table = FacetTable(names, _positions(starts), _positions(numbers))
        return table if table.fits(self._size) else None

    def totals(self, facet: Facet) -> dict[str, int] | None:
        return self._all_totals().get(facet)

    def evidence_totals(self) -> dict[str, int] | None:
        return self._all_totals().get(_EVIDENCE)

    def _all_totals(self) -> dict[str, dict[str, int]]:
        if self._totals is None:
            self._totals = self._frame(_TOTALS, _decode_totals) or {}
        return self._totals

    def haystacks(self) -> Sequence[str] | None:
        return self._sized(self._frame(_HAYSTACKS, _decode_strings))

    def ids(self) -> Sequence[str] | None:
        return self._sized(self._frame(_IDS, _decode_strings))

    def _sized(self, found: list[str] | None) -> list[str] | None:
        return found if found is not None and len(found) == self._size else None

    def evidence(self) -> EvidenceMasks | None:
        found = self._frame(_EVIDENCE, _decode_evidence)
        if found is None:
            return None
        size = self._size
        masks: dict[str, Any] = {}
        for name, packed in found.items():
            if isinstance(packed, list):
                masks[name] = tuple(mask_of(_positions(p), size) for p in packed)
            else:
                masks[name] = mask_of(_positions(packed), size)
        try:
            return EvidenceMasks.from_part(masks)
        except KeyError:
            return None


class Events(StoredEvents):
    """The catalogue's events in an entry, each decoded when first asked for and kept.

    `adjust` is applied to each event decoded (the reader's spelling of the
    catalogue's path, `spelling.respell`). A slice found altered when first read
    (`Damaged`) is a miss, as it would have been when the entry was opened: from
    then on the events are the ones `reload` gives (the catalogue read again
    from its file, the entry rewritten).
    """

    def __init__(
        self,
        entry: Entry,
        ids: Callable[[], Sequence[str] | None],
        adjust: Callable[[Any], None] | None,
        reload: Callable[[], Sequence[Event]],
    ) -> None:
        self._entry = entry
        self._ids = ids
        self._adjust = adjust
        self._reload = reload
        self._reloaded: Sequence[Event] | None = None
        self._size = entry.event_count
        self._per_slice = entry.per_slice
        self._slices: dict[int, list[Event]] = {}
        self._single: dict[int, Event] = {}
        self._checked: set[int] = set()
        self._positions: dict[str, int] | None = None
        self._lock = threading.Lock()  # the app reads rows while a worker filters

    def __len__(self) -> int:
        return self._size

    @overload
    def __getitem__(self, index: int) -> Event: ...

    @overload
    def __getitem__(self, index: slice) -> list[Event]: ...

    def __getitem__(self, index: int | slice) -> Event | list[Event]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(self._size))]
        position = index + self._size if index < 0 else index
        if not 0 <= position < self._size:
            raise IndexError("event index out of range")
        if self._reloaded is not None:
            return self._reloaded[position]
        number = position // self._per_slice
        whole = self._slices.get(number)
        if whole is not None:
            return whole[position - number * self._per_slice]
        event = self._single.get(position)
        if event is None:
            with self._lock:
                if number not in self._checked:
                    try:
                        self._entry.event_slice(number)
                    except Damaged:
                        return self._fall_back()[position]
                    self._checked.add(number)
                event = decode_event(self._entry.event_bytes(position))
                if self._adjust is not None:
                    self._adjust(event)
                self._single[position] = event
        return event

    def __iter__(self) -> Iterator[Event]:
        for number in range(len(self._entry.slices)):
            if self._reloaded is not None:
                yield from self._reloaded[number * self._per_slice :]
                return
            yield from self._slice(number)

    def _fall_back(self) -> Sequence[Event]:
        if self._reloaded is None:
            events = self._reload()
            if len(events) != self._size:
                raise Damaged("the catalogue changed after its cache entry was found altered")
            self._reloaded = events
        return self._reloaded

    def _slice(self, number: int) -> Sequence[Event]:
        whole = self._slices.get(number)
        if whole is not None:
            return whole
        with self._lock:
            try:
                data = self._entry.event_slice(number, check=number not in self._checked)
            except Damaged:
                base = number * self._per_slice
                return self._fall_back()[base : base + self._per_slice]
            whole = decode_slice(data)
            self._checked.add(number)
            base = number * self._per_slice
            for offset, event in enumerate(whole):
                known = self._single.pop(base + offset, None)
                if known is not None:
                    whole[offset] = known  # one object per event, whichever way it was read
                elif self._adjust is not None:
                    self._adjust(event)
            self._slices[number] = whole
        return whole

    def position(self, event_id: str) -> int | None:
        if self._positions is None:
            ids = self._ids()
            if ids is None:
                ids = [event.id for event in self]
            self._positions = {found: position for position, found in enumerate(ids)}
        return self._positions.get(event_id)
