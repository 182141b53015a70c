"""Reading typed fields out of parsed YAML, recording every problem with its place."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterator
from typing import TypeVar

from timeline_tui.catalogue.dates import DateError, PartialDate
from timeline_tui.catalogue.errors import Problem, Severity
from timeline_tui.catalogue.yamlfile import WrittenInt, YamlList, YamlMap, line_of

T = TypeVar("T")


class Invalid(Exception):
    """A value that cannot be used; the problem is already recorded."""


class FieldReader:
    """Reads fields out of YAML mappings, recording each problem with its place."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.problems: list[Problem] = []
        self.broken_ids: set[str] = set()
        """Entries given but invalid: references to them are not reported again."""

    def problem(
        self, line: int | None, field: str, message: str, severity: Severity = Severity.ERROR
    ) -> None:
        self.problems.append(Problem(self.name, line, field, message, severity))

    def mapping(self, value: object, line: int, field: str, keys: tuple[str, ...]) -> YamlMap:
        if not isinstance(value, YamlMap):
            self.problem(line, field, f"expected a mapping, got {describe(value)}")
            raise Invalid
        for key in value:
            if key not in keys:
                close = difflib.get_close_matches(key, keys, n=1, cutoff=0.6)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.problem(
                    value.key_lines[key],
                    join_field(field, key),
                    f"unknown key{hint}; expected one of {', '.join(keys)}",
                    Severity.WARNING,
                )
        return value

    def items(self, parent: YamlMap, key: str, field: str, required: bool = True) -> YamlList:
        value = parent.get(key)
        if value is None:
            if required:
                self.problem(parent.line, join_field(field, key), "missing")
            return YamlList(parent.line)
        if not isinstance(value, YamlList):
            self.problem(
                line_of(parent, key),
                join_field(field, key),
                f"expected a list, got {describe(value)}",
            )
            return YamlList(parent.line)
        return value

    def text(self, parent: YamlMap, key: str, field: str) -> str:
        """A required field's text: missing, empty or not text is a problem."""
        value = parent.get(key)
        if type(value) is str and value.strip():
            return value  # the usual case, first: this runs for every field of every event
        if value is None:
            self.problem(line_of(parent, key), join_field(field, key), "missing")
            raise Invalid
        text = self._as_text(parent, key, field, value)
        if not text.strip():
            self.problem(line_of(parent, key), join_field(field, key), "is empty")
            raise Invalid
        return text

    def optional_text(self, parent: YamlMap, key: str, field: str) -> str | None:
        """An optional field's text as written, or None when it is not given."""
        value = parent.get(key)
        if value is None:
            return None
        return self._as_text(parent, key, field, value)

    def _as_text(self, parent: YamlMap, key: str, field: str, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, (str, int, float, dt.date)):
            self.problem(
                line_of(parent, key),
                join_field(field, key),
                f"expected text, got {describe(value)}",
            )
            raise Invalid
        return str(value)

    def texts(self, parent: YamlMap, key: str, field: str, required: bool = True) -> list[str]:
        values = self.items(parent, key, field, required)
        if all(type(value) is str for value in values):
            return list(values)  # the usual case: nothing to convert or report
        result = []
        for index, value in enumerate(values):
            if isinstance(value, bool) or not isinstance(value, (str, int, float)):
                self.problem(
                    line_of(values, index),
                    f"{join_field(field, key)}[{index}]",
                    f"expected text, got {describe(value)}",
                )
                continue
            result.append(str(value))
        return result

    def date(self, parent: YamlMap, key: str, field: str, required: bool) -> PartialDate | None:
        value = parent.get(key)
        where, line = join_field(field, key), line_of(parent, key)
        if type(value) is str:  # the usual case, first: a date as text
            return self._parse(value, line, where)
        if value is None:
            if required:
                self.problem(line, where, "missing")
                raise Invalid
            return None
        if isinstance(value, WrittenInt):
            self.problem(
                line,
                where,
                f"{value.text} is a number written in another notation, not a year: "
                "write a date as YYYY, YYYY-MM or YYYY-MM-DD",
            )
            raise Invalid
        if isinstance(value, bool) or not isinstance(value, (str, int, dt.date)):
            self.problem(line, where, f"expected a date, got {describe(value)}")
            raise Invalid
        if isinstance(value, dt.date):
            date = PartialDate(value.year, value.month, value.day)
        else:
            date = self._parse(str(value), line, where)
        return date

    def _parse(self, text: str, line: int, where: str) -> PartialDate:
        if not text.isascii():
            # `\d` would read fullwidth or Arabic-Indic digits as a year
            self.problem(
                line,
                where,
                f"{text!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD "
                "(written with the digits 0 to 9)",
            )
            raise Invalid
        try:
            return PartialDate.parse(text)
        except DateError as error:
            self.problem(line, where, str(error))
            raise Invalid from None

    def each(
        self, values: YamlList, field: str, build: Callable[[YamlMap, int, str], T]
    ) -> Iterator[T]:
        for index, value in enumerate(values):
            item_field = f"{field}[{index}]"
            if isinstance(value, YamlMap) and isinstance(value.get("id"), str):
                item_field = f"{field}[{value['id']}]"
            try:
                yield build(value, line_of(values, index), item_field)
            except Invalid:
                if isinstance(value, YamlMap) and isinstance(value.get("id"), str):
                    self.broken_ids.add(value["id"])


def join_field(field: str, key: str) -> str:
    if not key:
        return field
    return f"{field}.{key}" if field else key


def describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (YamlMap, dict)):
        return "a mapping"
    if isinstance(value, (YamlList, list)):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return "text"
