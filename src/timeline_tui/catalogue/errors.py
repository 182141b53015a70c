"""Problems found in a catalogue, each with the place it was found."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from timeline_tui.catalogue.model import Catalogue


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a catalogue: `file:line: field: message`."""

    file: str
    line: int | None
    field: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where]
        if self.field:
            parts.append(self.field)
        if self.severity is Severity.WARNING:
            parts.append("warning")
        parts.append(self.message)
        return ": ".join(parts)


class CatalogueError(Exception):
    """A catalogue that cannot be used; `problems` says every reason found."""

    def __init__(
        self,
        problems: list[Problem],
        *,
        unreadable: bool = False,
        partial: Catalogue | None = None,
    ) -> None:
        self.problems = problems
        self.unreadable = unreadable
        """True when the file itself could not be read (missing, a folder, no permission)."""
        self.partial = partial
        """What could be built of a catalogue with errors (its valid entries, no
        warnings), so that `check` can also verify its articles and quotes."""
        super().__init__(str(problems[0]) if problems else "invalid catalogue")
