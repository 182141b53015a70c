"""Making catalogue and article text safe to put on a terminal.

Text from a catalogue is data. Control characters (escape sequences among them),
bidirectional overrides and invisible characters could move the cursor, retitle
the window, write to the clipboard or make text read differently from what it
is; here they become visible escapes such as `\\x1b` or `\\u202e`.

What is escaped: the C0 and C1 controls and DEL, the line and paragraph
separators, every format character (general category Cf) and every
Default_Ignorable_Code_Point, as Unicode 15.1 lists them (UnicodeData.txt and
DerivedCoreProperties.txt, https://www.unicode.org/Public/15.1.0/ucd/). That
takes in soft hyphens, tag characters, variation selectors, invisible operators
and the Hangul fillers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_CONTROLS = ((0x00, 0x1F), (0x7F, 0x9F), (0x2028, 0x2029))
"""C0, DEL and C1; the line and paragraph separators."""

_FORMAT = (
    (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C), (0x06DD, 0x06DD),
    (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0x110BD, 0x110BD), (0x110CD, 0x110CD),
    (0x13430, 0x1343F), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)  # fmt: skip
"""General category Cf (UnicodeData.txt, Unicode 15.1)."""

_DEFAULT_IGNORABLE = (
    (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160),
    (0x17B4, 0x17B5), (0x180B, 0x180F), (0x200B, 0x200F), (0x202A, 0x202E),
    (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)  # fmt: skip
"""Default_Ignorable_Code_Point (DerivedCoreProperties.txt, Unicode 15.1)."""

ESCAPED_RANGES = _CONTROLS + _FORMAT + _DEFAULT_IGNORABLE
"""Every code point `printable` shows as an escape, as inclusive (first, last) pairs."""


def _character_class(ranges: Iterable[tuple[int, int]]) -> re.Pattern[str]:
    return re.compile(
        "[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in ranges) + "]"
    )


def _ranges(codes: Iterable[int]) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1] = (ranges[-1][0], code)
        else:
            ranges.append((code, code))
    return ranges


_UNSAFE = _character_class(ESCAPED_RANGES)
_FORMAT_CODES = {code for low, high in _FORMAT for code in range(low, high + 1)}
_IGNORABLE_NOT_FORMAT = _character_class(
    _ranges(
        code
        for low, high in _DEFAULT_IGNORABLE
        for code in range(low, high + 1)
        if code not in _FORMAT_CODES
    )
)
"""Default-ignorable marks, letters and unassigned code points: `str.isprintable` lets them by."""


def is_printable(text: str) -> bool:
    """Whether `printable` leaves `text` as it is: no control, format or invisible character."""
    # Most text has none of these characters, and C-level scans say so quickly:
    # `str.isprintable` is false for every control, separator, format character
    # and unassigned code point, so once it passes only the default-ignorable
    # marks and letters are left to look for.
    if text.isprintable():
        return text.isascii() or _IGNORABLE_NOT_FORMAT.search(text) is None
    return _UNSAFE.search(text) is None


def _escape(code: int) -> str:
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _one_line_match(match: re.Match[str]) -> str:
    character = match.group()
    return " " if character in "\n\t\r" else _escape(ord(character))


def _multiline_match(match: re.Match[str]) -> str:
    character = match.group()
    return character if character in "\n\t" else _escape(ord(character))


def printable(text: str, *, multiline: bool = False) -> str:
    """Text with every control, bidi, format and invisible character shown as an escape.

    With `multiline`, line breaks and tabs stay; otherwise they become spaces.
    """
    if is_printable(text):
        return text
    return _UNSAFE.sub(_multiline_match if multiline else _one_line_match, text)
