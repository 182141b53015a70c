"""Jump to a date: `2019`, `Apr 2019`, `2 years ago` read as the command line reads
`--since`, and the first event (among those shown) that starts on or after it."""

from __future__ import annotations

import datetime as dt

from timeline_tui.catalogue.date_expressions import parse_date_expression
from timeline_tui.catalogue.dates import DateError
from timeline_tui.query.filters import Filters, QueryError
from timeline_tui.query.index import Index


def parse_jump(expression: str, today: dt.date | None = None) -> dt.date:
    """The first day of a date expression, e.g. 1 April 2019 for `Apr 2019`.

    Raises:
        QueryError: when the expression is not a date, saying what would be.
    """
    try:
        return parse_date_expression(expression, relative_base=today).first_day
    except DateError as error:
        raise QueryError(str(error)) from None


def first_at_or_after(
    index: Index, date: dt.date | str, filters: Filters | None = None
) -> int | None:
    """The position in `index.events` of the earliest event starting on or after
    `date` (a day, or an expression as `parse_jump` reads it), among the events
    `filters` match; None when no such event starts that late.

    Raises:
        QueryError: for an expression that is not a date.
    """
    day = parse_jump(date) if isinstance(date, str) else date
    return index.first_at_or_after(day, filters)
