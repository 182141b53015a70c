"""Safe YAML reading that remembers the line of every value.

Built on libyaml's event stream (`CParser` when present) rather than
`yaml.load`: it is several times faster on large files, keeps line numbers for
messages, and lets us refuse what a catalogue has no use for (aliases, which
make "billion laughs" documents possible; tags that construct objects) and
notice duplicate keys, which PyYAML otherwise drops silently.
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from pathlib import Path
from typing import Any

import yaml

from timeline_tui.catalogue.errors import CatalogueError, Problem
from timeline_tui.catalogue.files import Unreadable, read_catalogue_bytes
from timeline_tui.text.progress import Report

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is optional
    # the pure-Python loader: the same interface as the C one, but another class
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_DEPTH = 64

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "!",
}


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


class WrittenInt(int):
    """An integer YAML read from another notation (`0x7E3`, `0b1`, `03743`, `2_019`,
    `33:39`); `text` is how it was written, so that a year need not be one."""

    text: str

    def __new__(cls, value: int, text: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.text = text
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (WrittenInt, (int(self), self.text))


class YamlMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key."""

    __slots__ = ("line", "key_lines")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.key_lines: dict[str, int] = {}


class YamlList(list[Any]):
    """A sequence that knows its own line and the line of each item."""

    __slots__ = ("line", "item_lines")

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []


def line_of(container: YamlMap | YamlList, key: str | int) -> int:
    if isinstance(container, YamlMap):
        return container.key_lines.get(str(key), container.line)
    if isinstance(key, int) and 0 <= key < len(container.item_lines):
        return container.item_lines[key]
    return container.line


_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_SCALAR_BUILDERS = {
    "tag:yaml.org,2002:null": _constructor.construct_yaml_null,
    "tag:yaml.org,2002:bool": _constructor.construct_yaml_bool,
    "tag:yaml.org,2002:int": _constructor.construct_yaml_int,
    "tag:yaml.org,2002:float": _constructor.construct_yaml_float,
    "tag:yaml.org,2002:timestamp": _constructor.construct_yaml_timestamp,
}


def _scalar(event: yaml.ScalarEvent) -> object:
    tag = event.tag
    if tag in (None, "!"):
        if event.tag is None and event.implicit[0]:
            # types-PyYAML leaves BaseResolver.resolve unannotated
            tag = _resolver.resolve(  # type: ignore[no-untyped-call]
                yaml.ScalarNode, event.value, (True, False)
            )
        else:
            return event.value
    if tag == "tag:yaml.org,2002:str":
        return event.value
    build = _SCALAR_BUILDERS.get(str(tag))
    if build is None:
        return event.value
    try:
        value = build(yaml.ScalarNode(tag, event.value))
    except ValueError:
        # looks like a date but is none (2019-02-30): the schema check says why
        return event.value
    if isinstance(value, dt.datetime):
        return value.date()
    if type(value) is int and not _DECIMAL.fullmatch(event.value):
        return WrittenInt(value, event.value)
    return value


def read_source(path: Path) -> bytes:
    """The file's bytes, checked to be UTF-8 text and without a byte-order mark.

    Only a regular file or a pipe is read (see `timeline_tui.catalogue.files`). The parser
    reads the bytes themselves: handed a `str`, libyaml would first
    encode a copy, and the two would sit in memory beside the tree being built.

    Raises:
        CatalogueError: saying plainly why the file cannot be read.
    """
    name = str(path)
    try:
        data = read_catalogue_bytes(path)
    except Unreadable as error:
        raise CatalogueError([Problem(name, None, "", error.reason)], unreadable=True) from None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise CatalogueError([Problem(name, line, "", "contains a NUL byte: not a text file")])
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CatalogueError(
            [Problem(name, line, "", f"is not valid UTF-8 (byte {data[error.start]:#04x})")]
        ) from None
    return data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data


def load_yaml(source: bytes | str, name: str, report: Report | None = None) -> object:
    """Parse one YAML document (UTF-8 bytes, or text) into plain values, YamlMap and YamlList.

    `report("reading", share)` is called now and then with the share of the source read.
    """
    loader = None
    try:
        loader = _Loader(source)
        # the parser's own `get_event` until it returns None: `yaml.parse` would
        # add a generator step to each of the millions of events
        return _build(iter(loader.get_event, None), name, report, len(source))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        if "nesting depth" in str(error.problem):
            # PyYAML 6.0.4 and later stop deep flow nesting in their scanner, before
            # the events reach our own depth check: the same refusal either way
            raise CatalogueError([_too_deep(name, line)]) from None
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise CatalogueError([Problem(name, line, "", f"not valid YAML: {message}")]) from None
    except yaml.reader.ReaderError as error:
        text = source.decode("utf-8", "replace") if isinstance(source, bytes) else source
        line = text.count("\n", 0, error.position) + 1
        character = error.character if isinstance(error.character, str) else chr(error.character)
        raise CatalogueError(
            [
                Problem(
                    name,
                    line,
                    "",
                    f"not valid YAML: the character {character!r} is not "
                    "allowed (write it as an escape in a double-quoted string)",
                )
            ]
        ) from None
    except yaml.YAMLError as error:
        raise CatalogueError([Problem(name, None, "", f"not valid YAML: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()


def _too_deep(name: str, line: int | None) -> Problem:
    return Problem(name, line, "", f"nested more than {MAX_DEPTH} levels deep")


# A plain scalar whose first character starts none of the resolver's patterns
# (booleans, nulls, numbers, dates, ...) is a string: most titles, summaries and
# quotes skip the regular expressions.
_RESOLVED_FIRST = frozenset(key for key in _resolver.yaml_implicit_resolvers if key)
_MEMO_LENGTH = 24
"""Plain scalars up to this long are resolved once per document: keys, ids and
names repeat thousands of times, and equal ones then share one string."""
_ALLOWED_TAGS = frozenset((None, *_STANDARD_TAGS))
_REPORT_EVERY = 4096
"""Containers opened between two progress reports (about 1,500 events)."""


def _plain(value: str) -> object:
    """A plain (unquoted, untagged) scalar as YAML 1.1 reads it."""
    return _scalar(yaml.ScalarEvent(None, None, (True, False), value))


def _build(events: Any, name: str, report: Report | None = None, size: int = 0) -> object:
    # One flat loop, the open container and its pending key kept in locals: it
    # runs once per YAML event, three million times for 100,000 events.
    parents: list[Any] = []
    """The enclosing containers of the open one, each with its pending key."""
    parent: YamlMap | YamlList | None = None
    in_map = False
    key: str | None = None
    root: object = None
    documents = 0
    memo: dict[str, object] = {}
    resolved_first = _RESOLVED_FIRST
    allowed = _ALLOWED_TAGS
    scalar_event, mapping_start, sequence_start = (
        yaml.ScalarEvent,
        yaml.MappingStartEvent,
        yaml.SequenceStartEvent,
    )
    container_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    containers = 0

    def fail(line: int, message: str) -> CatalogueError:
        return CatalogueError([Problem(name, line, "", message)])

    def refuse_tag(line: int, tag: str) -> CatalogueError:
        shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
        return fail(line, f"the tag {shown} is not allowed in a catalogue: it holds plain data")

    for event in events:
        kind = type(event)
        mark = event.start_mark
        line = mark.line + 1 if mark is not None else 0
        if kind is scalar_event:
            tag = event.tag
            value: object = event.value
            if tag is None:
                if event.implicit[0]:
                    text = event.value
                    if text and text[0] not in resolved_first:
                        pass
                    elif len(text) <= _MEMO_LENGTH:
                        value = memo.get(text, memo)
                        if value is memo:
                            value = memo[text] = _plain(text)
                    else:
                        value = _plain(text)
            elif tag != "!":
                if tag not in allowed:
                    raise refuse_tag(line, tag)
                value = _scalar(event)
            if in_map:
                assert isinstance(parent, YamlMap)
                if key is None:
                    key = "" if value is None else str(value)
                    if key in parent:
                        first = parent.key_lines[key]
                        raise fail(line, f"duplicate key {key!r} (first given on line {first})")
                    parent.key_lines[key] = line
                else:
                    parent[key] = value
                    key = None
            elif parent is not None:
                assert isinstance(parent, YamlList)
                parent.append(value)
                parent.item_lines.append(line)
            else:
                root = value
        elif kind is mapping_start or kind is sequence_start:
            if event.tag not in allowed:
                raise refuse_tag(line, event.tag)
            if len(parents) >= MAX_DEPTH:
                raise CatalogueError([_too_deep(name, line)])
            container: YamlMap | YamlList
            container = YamlMap(line) if kind is mapping_start else YamlList(line)
            if in_map:
                assert isinstance(parent, YamlMap)
                if key is None:
                    raise fail(line, "a mapping key must be a plain value")
                parent[key] = container
                key = None
            elif parent is not None:
                assert isinstance(parent, YamlList)
                parent.append(container)
                parent.item_lines.append(line)
            else:
                root = container
            parents.append((parent, key))
            parent, key, in_map = container, None, kind is mapping_start
            if report is not None:
                containers += 1
                if not containers % _REPORT_EVERY and mark is not None and size:
                    report("reading", min(1.0, mark.index / size))
        elif kind in container_end:
            parent, key = parents.pop()
            in_map = isinstance(parent, YamlMap)
        elif kind is yaml.AliasEvent:
            raise fail(line, f"aliases (*{event.anchor}) are not allowed in a catalogue")
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise fail(line, "holds more than one YAML document")
    return root
