"""The publication date a saved web page states, at the precision it states it.

`trafilatura` (through `htmldate`) always answers with a full day, even for a
page that gives only a month or a year, or none at all (it then estimates one
from the text or the URL). A date is kept only where the page itself states it:
in its publication metadata, a `<time>` element or JSON-LD `datePublished`; the
precision is what that statement gives, never finer.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lxml.html import HtmlElement

from timeline_tui.catalogue.date_expressions import parse_date_expression
from timeline_tui.catalogue.dates import DateError, PartialDate

_META_NAMES = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "citation_publication_date",
    "citation_date",
    "sailthru.date",
)
_ISO_PREFIX = re.compile(r"\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?![\d])")


def stated_dates(html: HtmlElement) -> tuple[list[PartialDate], list[PartialDate]]:
    """The dates the page states: in its publication metadata (meta tags, JSON-LD
    `datePublished`), and in its `<time>` elements, each in the page's order.

    `html` is an `lxml.html` document.
    """
    metadata: list[PartialDate] = []
    for meta in html.iter("meta"):
        name = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if name in _META_NAMES:
            _add(metadata, _iso(meta.get("content") or ""))
    for script in html.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            for value in _json_ld_dates(script.text or ""):
                _add(metadata, _iso(value))
    times: list[PartialDate] = []
    for time in html.iter("time"):
        attribute = time.get("datetime")
        _add(times, _iso(attribute) if attribute else _expression(time.text_content()))
    return metadata, times


def page_date(html: HtmlElement, estimate: str | None) -> PartialDate | None:
    """The page's publication date, at the precision the page states it.

    trafilatura's `estimate` (YYYY-MM-DD) is kept where a date the page states
    contains it, at that date's precision. A `<time>` element may date anything the
    article mentions, so one counts only when the estimate agrees with it; failing
    that, the first date of the publication metadata is taken; else there is none.
    """
    metadata, times = stated_dates(html)
    if estimate:
        match = _ISO_PREFIX.match(estimate)
        if match is not None:
            year, month, day = (int(part) if part else None for part in match.groups())
            for date in (*metadata, *times):
                if (date.year, date.month or month, date.day or day) == (year, month, day):
                    return date
    return metadata[0] if metadata else None


def _add(found: list[PartialDate], date: PartialDate | None) -> None:
    if date is not None and date not in found:
        found.append(date)


def _iso(text: str) -> PartialDate | None:
    match = _ISO_PREFIX.match(text)
    if match is None:
        return None
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    try:
        return PartialDate(year, month, day)
    except DateError:
        return None


def _expression(text: str) -> PartialDate | None:
    text = " ".join(text.split())
    if not text or len(text) > 40 or not re.search(r"\d{4}", text):
        return None  # "yesterday" or "3 hours ago" is not a date the page states
    try:
        return parse_date_expression(text)
    except DateError:
        return None


def _json_ld_dates(text: str) -> list[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return []
    dates: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            value = node.get("datePublished")
            if isinstance(value, str):
                dates.append(value)
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(data)
    return dates
