"""Making catalogue and article text safe to put on a terminal.

Text from a catalogue is data. Control characters (escape sequences among them),
bidirectional overrides and invisible characters could move the cursor, retitle
the window, write to the clipboard or make text read differently from what it
is; here they become visible escapes such as `\\x1b` or `\\u202e`.
"""

from __future__ import annotations

_INVISIBLE = {
    0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C,
    0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
}  # fmt: skip
_TABLE: dict[int, str] = {}


def _escape(code: int) -> str:
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _build_table() -> None:
    for code in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_INVISIBLE]:
        _TABLE[code] = _escape(code)
    for code in (0x2028, 0x2029):  # line and paragraph separators
        _TABLE[code] = _escape(code)


_build_table()
_MULTILINE_TABLE = {**_TABLE, ord("\n"): "\n", ord("\t"): "\t"}
_ONE_LINE_TABLE = {**_TABLE, ord("\n"): " ", ord("\t"): " ", ord("\r"): " "}


def printable(text: str, *, multiline: bool = False) -> str:
    """Text with every control, bidi and invisible character shown as an escape.

    With `multiline`, line breaks and tabs stay; otherwise they become spaces.
    """
    return text.translate(_MULTILINE_TABLE if multiline else _ONE_LINE_TABLE)
