"""One cache entry's bytes: named MessagePack frames, each checked before it is decoded.

The format cannot run code when read (unlike a pickle): `msgspec` decodes each
frame straight into the model's dataclasses, checking every value's type
against their annotations, so the layout follows `dataclasses.fields` by
itself. Each frame's SHA-256 is kept in the entry's directory, so a byte flipped
on disk is a miss (or, for an event read later, `Damaged`) rather than a
silently different catalogue.

    MAGIC | frames ... | event slices ... | directory | trailer

The trailer (the directory's offset, length and SHA-256) is the file's last 48
bytes; the directory names every frame's offset, length and digest, and every
event's offset. The entry is mapped into memory and nothing is read until it is
asked for: the header first (a stale entry is rejected without reading more),
then the catalogue without its events, then each index part when the index
first needs it, and each event when it is first shown or written. Opening a
million events reads a few megabytes.

Events are stored a slice at a time (`cache.EVENTS_PER_SLICE`), each slice a
MessagePack array whose digest is checked once, before the first of its events
is decoded; each event's own bytes are a complete value too, so one event can
be decoded alone (a row on screen) and a slice at once (a list written out).
"""

from __future__ import annotations

import hashlib
import mmap
import struct
from array import array
from collections.abc import Callable
from pathlib import Path, PurePath
from typing import Any, BinaryIO, TypeVar

import msgspec

from timeline_tui.catalogue.model import Catalogue, Event

MAGIC = b"timeline-tui cache 4\n"
_TRAILER = struct.Struct("<QQ32s")

T = TypeVar("T")


class Corrupt(Exception):
    """An entry that is cut short, altered or not ours: a miss."""


class Damaged(Exception):
    """An event slice found altered after the entry was opened (its digest no longer
    matches): the catalogue has to be read again from its file."""


def _encode_path(value: Any) -> Any:
    if isinstance(value, PurePath):
        return str(value)
    raise NotImplementedError(f"cannot store {type(value).__name__}")


def _decode_path(kind: type, value: Any) -> Any:
    if kind is Path and isinstance(value, str):
        return Path(value)
    raise NotImplementedError(f"cannot read {kind}")


_encoder = msgspec.msgpack.Encoder(enc_hook=_encode_path)
_decode_directory = msgspec.msgpack.Decoder(dict[str, Any]).decode
decode_event = msgspec.msgpack.Decoder(Event, dec_hook=_decode_path).decode
decode_slice = msgspec.msgpack.Decoder(list[Event], dec_hook=_decode_path).decode


def decoder(kind: Any) -> Callable[[memoryview], Any]:
    """A checking decoder for a frame of type `kind` (the model's paths included)."""
    return msgspec.msgpack.Decoder(kind, dec_hook=_decode_path).decode


def normalised(value: Any) -> Any:
    """`value` as it reads back from a header (tuples become lists), for comparing."""
    return msgspec.msgpack.decode(_encoder.encode(value))


def _array_header(count: int) -> bytes:
    """A MessagePack array's header for `count` items (what precedes them)."""
    if count < 16:
        return bytes([0x90 | count])
    if count < 1 << 16:
        return b"\xdc" + count.to_bytes(2, "big")
    return b"\xdd" + count.to_bytes(4, "big")


class Writer:
    """Writes an entry's frames in order, then its directory and trailer."""

    def __init__(self, stream: BinaryIO, per_slice: int) -> None:
        self._stream = stream
        self._per_slice = per_slice
        self._at = 0
        self._frames: dict[str, list[Any]] = {}
        self._event_offsets = array("Q")
        self._slices: list[list[Any]] = []
        self._write(MAGIC)

    def _write(self, data: bytes) -> int:
        at = self._at
        self._stream.write(data)
        self._at += len(data)
        return at

    def frame(self, name: str, value: Any) -> None:
        data = _encoder.encode(value)
        self._frames[name] = [self._write(data), len(data), hashlib.sha256(data).digest()]

    def events(self, events: list[Event]) -> None:
        """The next slice of events (the last may be shorter)."""
        encoded = [_encoder.encode(event) for event in events]
        data = bytearray(_array_header(len(encoded)))
        for item in encoded:
            self._event_offsets.append(self._at + len(data))
            data += item
        digest = hashlib.sha256(data).digest()
        self._slices.append([self._write(bytes(data)), len(data), digest])

    def finish(self) -> None:
        directory = _encoder.encode(
            {
                "frames": self._frames,
                "event_offsets": self._event_offsets.tobytes(),
                "slices": self._slices,
                "per_slice": self._per_slice,
            }
        )
        at = self._write(directory)
        self._write(_TRAILER.pack(at, len(directory), hashlib.sha256(directory).digest()))


class Entry:
    """An entry mapped into memory: frames are checked and decoded when asked for."""

    def __init__(self, stream: BinaryIO, size: int) -> None:
        if size < len(MAGIC) + _TRAILER.size:
            raise Corrupt("cut short")
        # The mapping outlives the descriptor and the entry's name: a newer entry
        # written in its place is a new file, and this one stays as it was read.
        self._map = mmap.mmap(stream.fileno(), size, access=mmap.ACCESS_READ)
        self._view = memoryview(self._map)
        if self._view[: len(MAGIC)] != MAGIC:
            raise Corrupt("not a cache entry of this version")
        at, length, digest = _TRAILER.unpack(self._view[size - _TRAILER.size :])
        directory = self._checked(at, length, digest, size - _TRAILER.size)
        listing = _decode_directory(directory)
        self._frames: dict[str, list[Any]] = listing["frames"]
        self.event_offsets = array("Q")
        self.event_offsets.frombytes(listing["event_offsets"])
        self.slices: list[list[Any]] = listing["slices"]
        self.per_slice: int = listing["per_slice"]
        events = len(self.event_offsets)
        if self.per_slice < 1 or -(-events // self.per_slice) != len(self.slices):
            raise Corrupt("a directory that does not match its events")
        if any(start + length > at for start, length, _ in self.slices):
            raise Corrupt("cut short")
        self._size = size

    def _checked(self, at: int, length: int, digest: bytes, within: int) -> memoryview:
        if at < len(MAGIC) or at + length > within:
            raise Corrupt("cut short")
        data = self._view[at : at + length]
        if hashlib.sha256(data).digest() != digest:
            raise Corrupt("altered")
        return data

    def has(self, name: str) -> bool:
        return name in self._frames

    def frame(self, name: str, decode: Callable[[memoryview], T]) -> T:
        """The frame `name`, checked and decoded.

        Raises:
            Corrupt: when it is missing, cut short or altered.
        """
        found = self._frames.get(name)
        if found is None:
            raise Corrupt(f"no frame {name!r}")
        at, length, digest = found
        return decode(self._checked(at, length, digest, self._size))

    @property
    def event_count(self) -> int:
        return len(self.event_offsets)

    def event_slice(self, number: int, *, check: bool = True) -> memoryview:
        """The bytes of slice `number` (a MessagePack array of its events), checked
        unless it was before.

        Raises:
            Damaged: when they no longer match their digest.
        """
        start, length, digest = self.slices[number]
        data = self._view[start : start + length]
        if check and hashlib.sha256(data).digest() != digest:
            raise Damaged("a stored event slice was altered")
        return data

    def event_bytes(self, position: int) -> memoryview:
        """One event's bytes; the caller has checked its slice (`event_slice`)."""
        following = position + 1
        if following % self.per_slice and following < len(self.event_offsets):
            end = self.event_offsets[following]
        else:  # the last of its slice
            start, length, _ = self.slices[position // self.per_slice]
            end = start + length
        return self._view[self.event_offsets[position] : end]


def write(
    stream: BinaryIO,
    frames: dict[str, Any],
    catalogue: Catalogue,
    per_slice: int,
    saved: Callable[[float], None],
) -> None:
    """Write an entry: `frames` (the header first), then the catalogue's events,
    `per_slice` at a time."""
    writer = Writer(stream, per_slice)
    for name, value in frames.items():
        writer.frame(name, value)
    events = catalogue.events
    starts = range(0, len(events), per_slice)
    for written, start in enumerate(starts, 1):
        writer.events(list(events[start : start + per_slice]))
        saved(written / len(starts))
    writer.finish()
