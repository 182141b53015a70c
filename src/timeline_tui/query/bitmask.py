"""Sets of event positions as Python integers: bit i set when event i is in the set.

AND, OR and a popcount over 100,000 events are single C operations on such
integers, which is what makes filters and facet counts cost milliseconds.
"""

from __future__ import annotations

import collections
import itertools
from collections.abc import Iterable, Sized

_BITS = [tuple(bit for bit in range(8) if byte >> bit & 1) for byte in range(256)]
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")
_FROM_DIGITS = bytes.maketrans(b"01", b"\x00\x01")

# Bitmasks convert to and from one byte per position (0 or 1) through their
# binary digits, which `int` reads and writes in linear time, all in C. Per-bit
# Python loops are kept for sparse masks, where they touch fewer items.


def flags_mask(flags: bytes | bytearray) -> int:
    """A bitmask from one byte (0 or 1) per position, bit i from byte i."""
    if not flags:
        return 0
    return int(flags.translate(_TO_DIGITS)[::-1], 2)


def mask_flags(mask: int, size: int) -> bytes:
    """One byte (0 or 1) per position in `range(size)`: the inverse of `flags_mask`."""
    return format(mask, "b")[::-1].encode("ascii").translate(_FROM_DIGITS).ljust(size, b"\x00")


def mask_of(indices: Iterable[int], size: int) -> int:
    """The bitmask with the bits at `indices` set (any order, repeats allowed)."""
    if not isinstance(indices, Sized) or len(indices) * 16 > size:
        flags = bytearray(size)
        collections.deque(map(flags.__setitem__, indices, itertools.repeat(1)), maxlen=0)
        return flags_mask(flags)
    data = bytearray((size + 7) // 8)
    for index in indices:
        data[index >> 3] |= 1 << (index & 7)
    return int.from_bytes(data, "little")


def set_bits(mask: int) -> list[int]:
    """The positions of the set bits, ascending."""
    size = mask.bit_length()
    if mask.bit_count() * 16 > size:
        return list(itertools.compress(range(size), mask_flags(mask, size)))
    result: list[int] = []
    data = mask.to_bytes((size + 7) // 8, "little")
    for byte_index, byte in enumerate(data):
        if byte:
            base = byte_index << 3
            result.extend(base + bit for bit in _BITS[byte])
    return result
