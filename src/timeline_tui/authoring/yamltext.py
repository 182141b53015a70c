"""YAML text for entries added to a user's catalogue: scalars that read back exactly.

A value is written plain when YAML reads that plain text back as the same string
(not `yes`, `null`, `2024-03-14` or `12`), and otherwise double-quoted with every
character that could change its meaning escaped: quotes, backslashes, line breaks
(YAML folds a raw line break inside quotes into a space) and anything outside
YAML's printable set.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from timeline_tui.catalogue.yamlfile import load_yaml

Scalar = str | int | bool | None

# Plain text that no YAML context misreads: a letter first, then words and
# punctuation that is neither an indicator nor a flow-collection character.
_PLAIN_BLOCK = re.compile(r"[A-Za-z][\w .,;'’()/?!&+-]*(?<![ ])\Z")
_PLAIN_FLOW = re.compile(r"[A-Za-z][\w.'’/+-]*\Z")
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


@dataclass(frozen=True, slots=True)
class Commented:
    """A value written with a comment after it on its line: what the page did not say."""

    value: Scalar
    comment: str


def scalar(value: Scalar, *, flow: bool = False) -> str:
    """`value` as YAML text that reads back as `value` itself."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    pattern = _PLAIN_FLOW if flow else _PLAIN_BLOCK
    if pattern.match(value) and " #" not in value and _reads_back(value):
        return value
    return double_quoted(value)


def double_quoted(text: str) -> str:
    return '"' + "".join(_escape(char) for char in text) + '"'


def _escape(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    printable = (
        0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )
    # U+2028 and U+2029 are line breaks to YAML; U+FEFF is read as a byte-order mark
    if printable and code not in (0x2028, 0x2029, 0xFEFF):
        return char
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def _reads_back(text: str) -> bool:
    try:
        return load_yaml(f"- {text}\n", "<scalar>") == [text]
    except Exception:  # noqa: BLE001 - any failure to read back means: quote it
        return False


Entry = Mapping[str, object]
"""A mapping to write: scalars, `Commented` scalars, lists of scalars, lists of entries."""


def render_item(entry: Entry, indent: int, dash: str = "- ") -> list[str]:
    """The lines (without line ends) of `entry` as an item of a block sequence, `dash`
    (a hyphen and its spaces, `- ` or `-   `) at column `indent`."""
    lines: list[str] = []
    _mapping(entry, indent, lines, first_prefix=dash)
    return lines


def _mapping(entry: Entry, indent: int, lines: list[str], first_prefix: str = "") -> None:
    for number, (key, value) in enumerate(entry.items()):
        lead = " " * indent + (first_prefix if number == 0 else " " * len(first_prefix))
        inner = indent + len(first_prefix)
        if isinstance(value, Commented):
            lines.append(f"{lead}{key}: {scalar(value.value)}  # {value.comment}")
        elif isinstance(value, Sequence) and not isinstance(value, str):
            _sequence(key, value, lead, inner, lines)
        else:
            assert value is None or isinstance(value, (str, int, bool)), value
            lines.append(f"{lead}{key}: {scalar(value)}")


def _sequence(key: str, values: Sequence[object], lead: str, inner: int, lines: list[str]) -> None:
    if not values:
        lines.append(f"{lead}{key}: []")
        return
    texts = [v for v in values if isinstance(v, str)]
    if len(texts) == len(values):
        flow = [scalar(v, flow=True) for v in texts]
        if not any(text.startswith('"') for text in flow):
            lines.append(f"{lead}{key}: [{', '.join(flow)}]")
            return
    lines.append(f"{lead}{key}:")
    for value in values:
        if isinstance(value, Mapping):
            _mapping(value, inner + 2, lines, first_prefix="- ")
        else:
            assert value is None or isinstance(value, (str, int, bool)), value
            lines.append(f"{' ' * (inner + 2)}- {scalar(value)}")


def render_document(key: str, entries: Sequence[Entry]) -> str:
    """A YAML document holding `key:` and the entries as its list (for printing)."""
    if not entries:
        return f"{key}: []\n"
    lines = [f"{key}:"]
    for number, entry in enumerate(entries):
        if number:
            lines.append("")
        lines.extend(render_item(entry, 2))
    return "\n".join(lines) + "\n"


def plain_value(value: object) -> object:
    """What the YAML written for `value` reads back as (comments dropped)."""
    if isinstance(value, Commented):
        return value.value
    if isinstance(value, Mapping):
        return {k: plain_value(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [plain_value(v) for v in value]
    return value
