"""CSV and TSV that spreadsheets open as data, never as formulas.

A cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return is a
formula to Excel, LibreOffice and Google Sheets; as OWASP advises for CSV
injection, such a cell gets a leading `'`, unless the caller asks for raw cells.
CSV quotes every cell holding a comma, a quote or any line break (a bare CR
too); TSV, which has no quoting, writes `\\`, tab, LF and CR as `\\\\`, `\\t`,
`\\n` and `\\r`, so every row is one line and every cell reads back exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import IO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TABULAR_FORMATS = ("csv", "tsv")
_CSV_SPECIAL = frozenset(',"\r\n')
_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def spreadsheet_safe(cell: str) -> str:
    """The cell with a leading `'` where a spreadsheet would read it as a formula."""
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def csv_line(cells: Sequence[str]) -> str:
    return ",".join(_csv_cell(cell) for cell in cells) + "\n"


def _csv_cell(cell: str) -> str:
    if _CSV_SPECIAL.isdisjoint(cell):
        return cell
    return '"' + cell.replace('"', '""') + '"'


def tsv_line(cells: Sequence[str]) -> str:
    return "\t".join(cell.translate(_TSV_ESCAPES) for cell in cells) + "\n"


def write_table(
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    format_name: str,
    out: IO[str],
    *,
    raw: bool = False,
) -> None:
    """Write a header and rows as `csv` or `tsv`, row by row.

    Args:
        columns: The header's names.
        rows: Each row's cells as text, in the columns' order.
        format_name: `csv` or `tsv`.
        out: Where to write.
        raw: Keep cells that look like formulas as they are.
    """
    out.write((csv_line if format_name == "csv" else tsv_line)(columns))
    line = row_line(format_name, raw=raw)
    for row in rows:
        out.write(line(row))


def row_line(format_name: str, *, raw: bool = False) -> Callable[[Sequence[str]], str]:
    """How `write_table` writes one row (not the header) as `csv` or `tsv`: its line,
    newline included, formulas neutralised unless `raw`."""
    line = csv_line if format_name == "csv" else tsv_line
    if raw:
        return line
    return lambda row: line([spreadsheet_safe(cell) for cell in row])
