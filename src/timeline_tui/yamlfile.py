"""Safe YAML reading that remembers the line of every value.

Built on libyaml's event stream (`CParser` when present) rather than
`yaml.load`: it is several times faster on large files, keeps line numbers for
messages, and lets us refuse what a catalogue has no use for (aliases, which
make "billion laughs" documents possible; tags that construct objects) and
notice duplicate keys, which PyYAML otherwise drops silently.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from timeline_tui.errors import CatalogueError, Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is optional
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
            tag = _resolver.resolve(yaml.ScalarNode, event.value, (True, False))
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
    return value


def read_text(path: Path) -> str:
    """The file's text, or a CatalogueError that says plainly why it cannot be read."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        reasons = {
            FileNotFoundError: "no such file",
            IsADirectoryError: "is a directory, not a file",
            PermissionError: "permission denied",
        }
        reason = reasons.get(type(error)) or error.strerror or str(error)
        raise CatalogueError([Problem(name, None, "", reason)], unreadable=True) from None
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise CatalogueError([Problem(name, line, "", "contains a NUL byte: not a text file")])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise CatalogueError(
            [Problem(name, line, "", f"is not valid UTF-8 (byte {data[error.start]:#04x})")]
        ) from None
    return text


def load_yaml(text: str, name: str) -> object:
    """Parse one YAML document into plain values, YamlMap and YamlList."""
    try:
        return _build(yaml.parse(text, Loader=_Loader), name)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        message = " ".join(str(part) for part in (error.context, error.problem) if part)
        raise CatalogueError([Problem(name, line, "", f"not valid YAML: {message}")]) from None
    except yaml.reader.ReaderError as error:
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


def _build(events: Any, name: str) -> object:
    stack: list[YamlMap | YamlList] = []
    pending_key: list[str | None] = []
    root: object = None
    documents = 0

    def fail(line: int, message: str) -> CatalogueError:
        return CatalogueError([Problem(name, line, "", message)])

    def refuse_tag(line: int, tag: str) -> CatalogueError:
        shown = tag.replace("tag:yaml.org,2002:", "!!", 1)
        return fail(line, f"the tag {shown} is not allowed in a catalogue: it holds plain data")

    def attach(value: object, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        parent = stack[-1]
        if isinstance(parent, YamlList):
            parent.append(value)
            parent.item_lines.append(line)
            return
        key = pending_key[-1]
        if key is None:
            if isinstance(value, (YamlMap, YamlList)):
                raise fail(line, "a mapping key must be a plain value")
            key = "" if value is None else str(value)
            if key in parent:
                first = parent.key_lines[key]
                raise fail(line, f"duplicate key {key!r} (first given on line {first})")
            pending_key[-1] = key
            parent.key_lines[key] = line
            return
        parent[key] = value
        pending_key[-1] = None

    for event in events:
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.ScalarEvent):
            if event.tag not in (None, *_STANDARD_TAGS):
                raise refuse_tag(line, event.tag)
            attach(_scalar(event), line)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            if event.tag not in (None, *_STANDARD_TAGS):
                raise refuse_tag(line, event.tag)
            if len(stack) >= MAX_DEPTH:
                raise fail(line, f"nested more than {MAX_DEPTH} levels deep")
            container: YamlMap | YamlList
            if isinstance(event, yaml.MappingStartEvent):
                container = YamlMap(line)
            else:
                container = YamlList(line)
            attach(container, line)
            stack.append(container)
            pending_key.append(None)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            stack.pop()
            pending_key.pop()
        elif isinstance(event, yaml.AliasEvent):
            raise fail(line, f"aliases (*{event.anchor}) are not allowed in a catalogue")
        elif isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise fail(line, "holds more than one YAML document")
    return root
