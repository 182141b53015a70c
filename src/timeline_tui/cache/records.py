"""Each event's output, kept beside its catalogue's cache entry, one file per kind.

A long `timeline list` on a pipe spent most of its time turning events into
text. The bytes each event is written as (a kind: `jsonl`, `csv-raw`, ...;
`output.prepared` makes them) are stored under the catalogue's entry name with
the kind and `RECORDS_SUFFIX`, keyed by the digest of everything the catalogue
was loaded from (`cache.loaded_digest`, which covers the package's code too), so
a later `list` writes the stored bytes of the events it shows without decoding
or encoding an event. The same trust rules as the entries apply (`folder.py`):
a private folder, a regular file the user owns, bytes that are only ever
copied to stdout, never run.

    MAGIC
    header line: FORMAT, __version__, msgspec's version, byte order, kind, digest
    the records, one after the other
    offsets: N + 1 unsigned 8-byte integers (`array("Q")`, machine order), where
        each record starts, and where the last one ends
    footer: N and the CRC-32 of everything before it (`_FOOTER`)

The records come before their offsets because they are written as they are
made, a slice at a time, so memory stays bounded; the offsets follow, then the
footer, found from the file's end. A header that is not this one (another
catalogue digest, kind, version) is a miss after reading it alone; otherwise the
file is read whole into one buffer and its checksum checked before use: a
flipped byte, a cut-short file or a foreign one is a miss.
"""

from __future__ import annotations

import re
import struct
import sys
import zlib
from array import array
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

import msgspec

from timeline_tui import __version__
from timeline_tui.cache import cache_dir, entry_name
from timeline_tui.cache.folder import RECORDS_SUFFIX, Folder

FORMAT = 1
"""Bump when the layout changes."""
MAGIC = b"timeline-tui records\n"
_FOOTER = struct.Struct("<QI")
"""The number of records and the checksum.

CRC-32 rather than SHA-256: the file is the user's own (the folder's rules keep
others out), so the checksum guards against damage, not forgery, and it is paid on
every `list`. Over 67 MB (100,000 events as JSON Lines) `zlib.crc32` took 19 ms
(3.5 GB/s), `hashlib.sha256` 56 ms (1.2 GB/s)."""
_OFFSET_BYTES = array("Q").itemsize
_KIND = re.compile(r"[a-z]+(-[a-z]+)*")
_DIGEST = re.compile(r"[0-9a-f]+")


class Records:
    """Stored records by event position: `records[i]`, `records.span(start, stop)`.

    Views of one buffer holding the file: nothing is copied until written.
    """

    __slots__ = ("_data", "_offsets")

    def __init__(self, data: memoryview, offsets: array[int]) -> None:
        self._data = data
        self._offsets = offsets

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, position: int) -> memoryview:
        return self.span(position, position + 1)

    def span(self, start: int, stop: int) -> memoryview:
        """The records of positions `start` to `stop - 1`, one after the other."""
        if not 0 <= start <= stop <= len(self):
            raise IndexError(f"records {start} to {stop} of {len(self)}")
        return self._data[self._offsets[start] : self._offsets[stop]]


def _header(digest: str, kind: str) -> bytes:
    # the JSON kinds are msgspec's output: another version might spell a number differently
    fields = (FORMAT, __version__, msgspec.__version__, sys.byteorder, kind, digest)
    return MAGIC + " ".join(map(str, fields)).encode() + b"\n"


def _name(catalogue_path: Path, kind: str) -> str | None:
    try:
        entry = entry_name(catalogue_path.resolve())
    except (OSError, RuntimeError):
        return None
    return f"{entry.rsplit('.', 1)[0]}.{kind}{RECORDS_SUFFIX}"


def _folder(create: bool) -> Folder | None:
    location = cache_dir()
    return None if location is None else Folder.open(location, create=create)


def _valid(digest: str, kind: str) -> bool:
    return bool(_KIND.fullmatch(kind) and _DIGEST.fullmatch(digest))


def stored_records(catalogue_path: Path, digest: str, kind: str, size: int) -> Records | None:
    """The records of this kind kept for the catalogue loaded under `digest`, one for
    each of its `size` events; None (a miss) when there are none, or they are stale,
    altered, cut short or not ours."""
    name = _name(catalogue_path, kind) if _valid(digest, kind) else None
    folder = _folder(create=False) if name is not None else None
    if folder is None or name is None:
        return None
    with folder:
        records = _read(folder, name, _header(digest, kind), size)
        if records is not None:
            folder.touch(name)
    return records


def _read(folder: Folder, name: str, header: bytes, size: int) -> Records | None:
    table = _OFFSET_BYTES * (size + 1)
    try:
        with folder.reading(name) as opened:
            if opened is None:
                return None
            stream, length = opened
            body = length - len(header)
            if body < table + _FOOTER.size or stream.read(len(header)) != header:
                return None
            data = stream.read(body)  # straight into one bytes object, as large as the file
            if len(data) != body:
                return None
    except (OSError, ValueError):
        return None
    view = memoryview(data)
    count, checksum = _FOOTER.unpack_from(view, body - _FOOTER.size)
    if count != size or zlib.crc32(view[: -_FOOTER.size], zlib.crc32(header)) != checksum:
        return None
    end = body - _FOOTER.size - table
    offsets = array("Q")
    offsets.frombytes(view[end : end + table])
    if offsets[0] != 0 or offsets[-1] != end:
        return None
    return Records(view[:end], offsets)


def store_records(
    catalogue_path: Path, digest: str, kind: str, slices: Iterable[list[bytes]]
) -> Records | None:
    """Keep the records, a slice of events at a time in their order, for later runs;
    then the records as stored, or None when they could not be kept (no cache, an
    error while making or writing them: the file is not left behind)."""
    name = _name(catalogue_path, kind) if _valid(digest, kind) else None
    folder = _folder(create=True) if name is not None else None
    if folder is None or name is None:
        return None
    header = _header(digest, kind)
    offsets = array("Q", [0])

    def write(stream: BinaryIO) -> None:
        stream.write(header)
        checksum = zlib.crc32(header)
        end = 0
        for records in slices:
            for record in records:
                end += len(record)
                offsets.append(end)
            joined = b"".join(records)
            checksum = zlib.crc32(joined, checksum)
            stream.write(joined)
        table = offsets.tobytes()
        stream.write(table)
        stream.write(_FOOTER.pack(len(offsets) - 1, zlib.crc32(table, checksum)))

    with folder:
        written = folder.write(name, write)
        if written:
            folder.prune(keep=name)
    return stored_records(catalogue_path, digest, kind, len(offsets) - 1) if written else None
