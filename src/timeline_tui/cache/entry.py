"""One cache entry's bytes: MessagePack frames, each checked before it is decoded.

The format cannot run code when read (unlike a pickle): `msgspec` decodes each
frame straight into the model's dataclasses, checking every value's type
against their annotations, so the layout follows `dataclasses.fields` by
itself. Each frame carries its length and SHA-256, so a byte flipped on disk is
a miss rather than a silently different catalogue.

    MAGIC, then frames of (8-byte length, 32-byte SHA-256, payload):
    header | events, EVENTS_PER_SLICE at a time | the rest of the catalogue | index parts

The header (the key, the article places, the number of slices) comes first, so
a stale entry is rejected without reading the rest; the index parts come last
and are read only when asked for.
"""

from __future__ import annotations

import dataclasses
import hashlib
import struct
from array import array
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any, BinaryIO

import msgspec

from timeline_tui.catalogue.model import Catalogue, Event
from timeline_tui.query import FACETS, Facet
from timeline_tui.query import IndexParts as Built
from timeline_tui.query.bitmask import mask_of, set_bits
from timeline_tui.query.evidence import EvidenceMasks

MAGIC = b"timeline-tui cache\n"
_FRAME = struct.Struct("<Q32s")


class Corrupt(Exception):
    """An entry that is cut short, altered or not ours."""


@dataclasses.dataclass(slots=True)
class IndexParts:
    """`Index.export_parts` (a `query.IndexParts`, `Built` here) as stored: facet masks
    as sorted event positions, whose size grows with the number of memberships rather
    than vocabulary × events. Positions are packed as 4-byte unsigned integers
    (`array`, machine order: `sys.byteorder` is part of the key), so reading them
    makes no int objects. The stored layout is unchanged from when the parts were a
    plain dict."""

    size: int
    first_days: list[int]
    last_days: list[int]
    longest: int
    positions: dict[str, dict[str, bytes]]
    haystacks: list[str]
    evidence: dict[str, bytes] | None = None
    """The evidence filters' masks (`EvidenceMasks.as_part`) as packed positions;
    `at_least` is a list of them, one per number of sources."""
    at_least: list[bytes] | None = None

    @classmethod
    def from_parts(cls, parts: Built) -> IndexParts:
        first, last, longest = parts.days
        return cls(
            size=parts.size,
            first_days=first,
            last_days=last,
            longest=longest,
            positions={
                facet: {value: _pack(mask) for value, mask in masks.items()}
                for facet, masks in parts.masks.items()
            },
            haystacks=parts.haystacks,
            **_pack_evidence(parts.evidence),
        )

    def to_parts(self) -> Built:
        return Built(
            size=self.size,
            days=(self.first_days, self.last_days, self.longest),
            masks={
                _facet(facet): {
                    value: mask_of(_positions(found), self.size) for value, found in values.items()
                }
                for facet, values in self.positions.items()
            },
            haystacks=self.haystacks,
            evidence=self._unpack_evidence(),
        )

    def _unpack_evidence(self) -> EvidenceMasks | None:
        if self.evidence is None or self.at_least is None:
            return None  # built when a filter first needs it
        evidence: dict[str, Any] = {
            name: mask_of(_positions(packed), self.size) for name, packed in self.evidence.items()
        }
        evidence["at_least"] = tuple(
            mask_of(_positions(packed), self.size) for packed in self.at_least
        )
        return EvidenceMasks.from_part(evidence)


def _facet(name: str) -> Facet:
    """A stored facet name, checked: the masks are keyed by `Facet`."""
    if name not in FACETS:
        raise Corrupt(f"unknown facet {name!r}")
    return name


def _pack(mask: int) -> bytes:
    return array("I", set_bits(mask)).tobytes()


def _pack_evidence(masks: EvidenceMasks | None) -> dict[str, Any]:
    if masks is None:
        return {}
    part = masks.as_part()
    return {
        "evidence": {name: _pack(mask) for name, mask in part.items() if name != "at_least"},
        "at_least": [_pack(mask) for mask in part["at_least"]],
    }


def _positions(packed: bytes) -> array[int]:
    positions = array("I")
    positions.frombytes(packed)
    return positions


def _encode_path(value: Any) -> Any:
    if isinstance(value, PurePath):
        return str(value)
    raise NotImplementedError(f"cannot store {type(value).__name__}")


def _decode_path(kind: type, value: Any) -> Any:
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(f"cannot read {kind}")


_encoder = msgspec.msgpack.Encoder(enc_hook=_encode_path)
_decode_header = msgspec.msgpack.Decoder(dict[str, Any]).decode
_decode_events = msgspec.msgpack.Decoder(list[Event], dec_hook=_decode_path).decode
_decode_catalogue = msgspec.msgpack.Decoder(Catalogue, dec_hook=_decode_path).decode
_decode_parts = msgspec.msgpack.Decoder(IndexParts).decode


def normalised(value: Any) -> Any:
    """`value` as it reads back from a header (tuples become lists), for comparing."""
    return msgspec.msgpack.decode(_encoder.encode(value))


def _write_frame(stream: BinaryIO, value: Any) -> None:
    data = _encoder.encode(value)
    stream.write(_FRAME.pack(len(data), hashlib.sha256(data).digest()))
    stream.write(data)


def write(
    stream: BinaryIO,
    header: dict[str, Any],
    catalogue: Catalogue,
    parts: Built,
    per_slice: int,
    saved: Callable[[float], None],
) -> None:
    """Write an entry; `header` gains the number of event slices."""
    events = catalogue.events
    starts = range(0, len(events), per_slice)
    stream.write(MAGIC)
    _write_frame(stream, {**header, "event_slices": len(starts)})
    for written, start in enumerate(starts, 1):
        _write_frame(stream, events[start : start + per_slice])
        saved(written / len(starts))
    _write_frame(stream, dataclasses.replace(catalogue, events=[]))
    _write_frame(stream, IndexParts.from_parts(parts))


class Reader:
    """Reads an entry's frames in order, each checked against its length and digest."""

    def __init__(self, stream: BinaryIO, size: int) -> None:
        self._stream = stream
        self._left = size - len(MAGIC)
        if stream.read(len(MAGIC)) != MAGIC:
            raise Corrupt("not a cache entry of this program")

    def _frame(self) -> bytes:
        head = self._stream.read(_FRAME.size)
        if len(head) != _FRAME.size:
            raise Corrupt("cut short")
        length, digest = _FRAME.unpack(head)
        self._left -= _FRAME.size
        if length > self._left:  # never allocate what the file cannot hold
            raise Corrupt("cut short")
        data = self._stream.read(length)
        self._left -= length
        if len(data) != length or hashlib.sha256(data).digest() != digest:
            raise Corrupt("altered")
        return data

    def header(self) -> dict[str, Any]:
        return _decode_header(self._frame())

    def catalogue(self, event_slices: int) -> Catalogue:
        events: list[Event] = []
        for _ in range(event_slices):
            events.extend(_decode_events(self._frame()))
        catalogue = _decode_catalogue(self._frame())
        catalogue.events = events
        return catalogue

    def parts(self) -> Built:
        return _decode_parts(self._frame()).to_parts()
