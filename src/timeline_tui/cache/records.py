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
    checksums: the CRC-32 of each block of `BLOCK` records (`array("I")`)
    footer: N and the CRC-32 of the header, the offsets and the checksums (`_FOOTER`)

The records come before their offsets because they are written as they are
made, a slice at a time, so memory stays bounded; the offsets follow, then the
footer, found from the file's end. A header that is not this one (another
catalogue digest, kind, version) is a miss after reading it alone. Otherwise
the offsets and checksums are read and checked, and the records are mapped into
memory: a list checks the blocks holding the events it writes before writing any
(`Records.check`), so ten events of a million cost ten blocks, not the whole
file. A flipped byte, a cut-short file or a foreign one is a miss.
"""

from __future__ import annotations

import mmap
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

FORMAT = 2
"""Bump when the layout changes."""
BLOCK = 1024
"""Records per checksum: about 0.7 MB of JSON Lines, the most a list reads beyond
the records it writes for each run of them."""
MAGIC = b"timeline-tui records\n"
_FOOTER = struct.Struct("<QI")
"""The number of records and the checksum of the header and the tables.

CRC-32 rather than SHA-256: the file is the user's own (the folder's rules keep
others out), so the checksums guard against damage, not forgery, and they are
paid on every `list`. Over 67 MB (100,000 events as JSON Lines) `zlib.crc32` took 19 ms
(3.5 GB/s), `hashlib.sha256` 56 ms (1.2 GB/s)."""
_OFFSET_BYTES = array("Q").itemsize
_CHECKSUM_BYTES = array("I").itemsize
_KIND = re.compile(r"[a-z]+(-[a-z]+)*")
_DIGEST = re.compile(r"[0-9a-f]+")


class Records:
    """Stored records by event position: `records[i]`, `records.span(start, stop)`.

    Views of the mapped file: nothing is read until checked or written. A caller
    checks the positions it will write (`check`) before writing any of them.
    """

    __slots__ = ("_checked", "_checksums", "_data", "_offsets")

    def __init__(self, data: memoryview, offsets: array[int], checksums: array[int]) -> None:
        self._data = data
        self._offsets = offsets
        self._checksums = checksums
        self._checked = bytearray(len(checksums))
        """Per block, 1 once its checksum was found right."""

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, position: int) -> memoryview:
        return self.span(position, position + 1)

    def span(self, start: int, stop: int) -> memoryview:
        """The records of positions `start` to `stop - 1`, one after the other."""
        if not 0 <= start <= stop <= len(self):
            raise IndexError(f"records {start} to {stop} of {len(self)}")
        return self._data[self._offsets[start] : self._offsets[stop]]

    def check(self, positions: Iterable[int]) -> bool:
        """Whether the records at `positions` are as they were written: the blocks
        holding them are read and their checksums compared (each block once). False
        when any was altered: then none of these records may be used."""
        count = len(self)
        offsets, data, checked = self._offsets, self._data, self._checked
        for block in set(map(BLOCK.__rfloordiv__, positions)):
            if checked[block]:
                continue
            start = offsets[block * BLOCK]
            stop = offsets[min(count, (block + 1) * BLOCK)]
            if zlib.crc32(data[start:stop]) != self._checksums[block]:
                return False
            checked[block] = 1
        return True


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
    offsets_bytes = _OFFSET_BYTES * (size + 1)
    table = offsets_bytes + _CHECKSUM_BYTES * -(-size // BLOCK)
    try:
        with folder.reading(name) as opened:
            if opened is None:
                return None
            stream, length = opened
            body = length - len(header)
            if body < table + _FOOTER.size or stream.read(len(header)) != header:
                return None
            # the mapping outlives the descriptor, and a newer file written in this
            # one's place is a new file: this one stays as it was read
            mapped = mmap.mmap(stream.fileno(), length, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    view = memoryview(mapped)[len(header) :]
    count, checksum = _FOOTER.unpack_from(view, body - _FOOTER.size)
    end = body - _FOOTER.size - table
    tables = view[end : end + table]
    if count != size or zlib.crc32(tables, zlib.crc32(header)) != checksum:
        return None
    offsets, checksums = array("Q"), array("I")
    offsets.frombytes(tables[:offsets_bytes])
    checksums.frombytes(tables[offsets_bytes:])
    if offsets[0] != 0 or offsets[-1] != end:
        return None
    return Records(view[:end], offsets, checksums)


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
        checksums = array("I")
        block = 0  # the checksum of the open block's records so far
        end = 0
        for records in slices:
            joined = memoryview(b"".join(records))
            first = end  # where this slice starts among the records
            at = 0  # where the open block starts in this slice
            for record in records:
                end += len(record)
                offsets.append(end)
                if (len(offsets) - 1) % BLOCK == 0:  # a block is complete
                    checksums.append(zlib.crc32(joined[at : end - first], block))
                    block, at = 0, end - first
            block = zlib.crc32(joined[at:], block)
            stream.write(joined)
        if (len(offsets) - 1) % BLOCK:
            checksums.append(block)
        table = offsets.tobytes() + checksums.tobytes()
        stream.write(table)
        stream.write(_FOOTER.pack(len(offsets) - 1, zlib.crc32(table, zlib.crc32(header))))

    with folder:
        written = folder.write(name, write)
        if written:
            folder.prune(keep=name)
    return stored_records(catalogue_path, digest, kind, len(offsets) - 1) if written else None
