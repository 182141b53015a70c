"""Adding entries to a user's catalogue file, changing nothing else in it.

The new entries are inserted as text at the end of their list (`sources:`,
`events:`, ...), in the list's own indentation and spacing, so that every
comment, blank line and the order and style of what is there stay byte for
byte. Before the file is replaced the result is read again: its lists must be
the old ones plus the new entries, and it must load as a catalogue. The file is
written atomically (a temporary file beside it, then a rename), and the
previous version is kept beside it as `events.yaml~`.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from timeline_tui.authoring.yamltext import Entry, plain_value, render_item
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.errors import CatalogueError
from timeline_tui.catalogue.yamlfile import YamlList, YamlMap, load_yaml, read_source


class WriteRefused(Exception):
    """The catalogue was left as it was; the message says why."""


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + "~")


def add_entries(path: Path, additions: Mapping[str, Sequence[Entry]]) -> None:
    """Append the entries to the catalogue's top-level lists.

    Raises:
        CatalogueError: the catalogue does not load as it is (nothing is written).
        WriteRefused: the entries cannot be added safely (nothing is written).
    """
    path = path.resolve()  # a link to the catalogue: write the file it points to
    load_catalogue(path)  # a catalogue that does not load is not written to
    raw = read_source(path)  # checked to be UTF-8 text
    bom = codecs.BOM_UTF8 if path.read_bytes().startswith(codecs.BOM_UTF8) else b""
    original = raw.decode("utf-8")
    name = str(path)
    text = original
    for key, entries in additions.items():
        if entries:
            text = insert_entries(text, key, entries, name)
    _verify(original, text, additions, name)
    _replace(path, bom + original.encode("utf-8"), bom + text.encode("utf-8"))


def insert_entries(text: str, key: str, entries: Sequence[Entry], name: str = "<text>") -> str:
    """`text` with the entries added at the end of its top-level list `key`."""
    newline = "\r\n" if "\r\n" in text else "\n"
    data = load_yaml(text, name)
    if not isinstance(data, YamlMap):
        raise WriteRefused(f"{name}: the top level is not a mapping of lists")
    lines = text.splitlines(keepends=True)
    if key not in data:
        prefix = "" if not text or text.endswith(("\n", "\r")) else newline
        body = _chunk(entries, 2, True, newline)
        return f"{text}{prefix}{newline}{key}:{newline}{body}"
    value = data[key]
    key_line = data.key_lines[key]  # 1-based
    later = [line for line in data.key_lines.values() if line > key_line]
    block_end = min(later) - 1 if later else len(lines)  # last line (1-based) of the block
    if isinstance(value, YamlList) and not value:
        head = lines[key_line - 1]
        match = re.match(rf"({re.escape(key)}:)[ \t]*\[[ \t]*\][ \t]*(#.*)?(\r?\n)?\Z", head)
        if match is None:
            raise WriteRefused(
                f"{name}:{key_line}: {key}: write the empty list as `{key}: []` on one line"
            )
        comment = f" {match.group(2)}" if match.group(2) else ""
        lines[key_line - 1] = f"{match.group(1)}{comment}{newline}"
        lines.insert(key_line, _chunk(entries, 2, True, newline))
        return "".join(lines)
    if not isinstance(value, YamlList):
        raise WriteRefused(f"{name}:{key_line}: {key}: expected a list")
    first = lines[value.item_lines[0] - 1]
    indent = len(first) - len(first.lstrip(" "))
    dash = re.match(r"- *", first[indent:])
    if dash is None or not dash.group().endswith(" "):
        raise WriteRefused(
            f"{name}:{key_line}: {key}: the list is in flow style ([...]); "
            "write it as a block list (one `- ` item a line) to add entries"
        )
    last_content = block_end
    while last_content > key_line and _is_blank_or_comment(lines[last_content - 1]):
        last_content -= 1
    spaced = _spaced(lines, value)
    if not lines[last_content - 1].endswith("\n"):
        lines[last_content - 1] += newline
    chunk = (newline if spaced else "") + _chunk(entries, indent, spaced, newline, dash.group())
    lines.insert(last_content, chunk)
    return "".join(lines)


def _is_blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def _spaced(lines: list[str], items: YamlList) -> bool:
    """Whether the list's items stand apart, with a blank line before each (after the first)."""
    if len(items.item_lines) < 2:
        return True
    before = items.item_lines[-1] - 2
    return before >= 0 and _is_blank_or_comment(lines[before])


def _chunk(
    entries: Sequence[Entry], indent: int, spaced: bool, newline: str, dash: str = "- "
) -> str:
    blocks = [newline.join(render_item(entry, indent, dash)) + newline for entry in entries]
    return (newline if spaced else "").join(blocks)


def _verify(original: str, text: str, additions: Mapping[str, Sequence[Entry]], name: str) -> None:
    """The new text must read as the old data with the entries appended, and nothing else."""
    before = load_yaml(original, name)
    after = load_yaml(text, name)
    assert isinstance(before, dict)
    expected = dict(before)
    for key, entries in additions.items():
        if entries:
            expected[key] = [*(before.get(key) or []), *(plain_value(e) for e in entries)]
    if after != expected:
        raise WriteRefused(
            f"{name}: adding the entries as text would change what else the file says "
            "(a block scalar or comment at the end of a list?); nothing was written"
        )


def _replace(path: Path, original: bytes, text: bytes) -> None:
    folder = path.parent
    mode = path.stat().st_mode & 0o7777
    temporary = _write_temporary(folder, path.name, text, mode)
    try:
        try:
            load_catalogue(temporary)
        except CatalogueError as error:
            first = error.problems[0]
            raise WriteRefused(
                f"{path}: with the new entries the catalogue would not load "
                f"({first.field or f'line {first.line}'}: {first.message}); "
                "nothing was written"
            ) from None
        backup = _write_temporary(folder, path.name, original, mode)
        os.replace(backup, backup_path(path))
        os.replace(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()


def _write_temporary(folder: Path, name: str, data: bytes, mode: int) -> Path:
    handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)
