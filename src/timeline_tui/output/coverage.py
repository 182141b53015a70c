"""`timeline coverage`'s report: the open mentions and a summary (text), every mention
(json), or `excluded:` stubs to paste into the catalogue (yaml)."""

from __future__ import annotations

import dataclasses
import json
from typing import IO

from timeline_tui.sources.coverage import REPORT_FORMATS, CoverageReport, SourceSummary
from timeline_tui.text.printable import printable


def write_report(report: CoverageReport, format_name: str, out: IO[str]) -> None:
    """Write the open mentions and a summary (`text`), or every mention (`json`)."""
    if format_name == "json":
        document = {
            "mentions": [m.record() for m in report.mentions],
            "summary": {s: dataclasses.asdict(row) for s, row in report.summary().items()},
            "idle_exclusions": [
                {"source": e.source, "quote": e.quote, "reason": e.reason, "line": e.location.line}
                for e in report.idle_exclusions
            ],
        }
        out.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
    elif format_name == "text":
        _write_text(report, out)
    elif format_name == "yaml":
        # an `excluded` entry to complete for each open sentence, to paste into the catalogue;
        # imported here: only this format writes YAML
        from timeline_tui.authoring.drafts import exclusion_stubs
        from timeline_tui.authoring.yamltext import render_document

        out.write(render_document("excluded", exclusion_stubs(report.open_mentions)))
    else:
        raise ValueError(f"unknown format {format_name!r}; expected one of {REPORT_FORMATS}")


def _write_text(report: CoverageReport, out: IO[str]) -> None:
    for mention in report.open_mentions:
        resolved = mention.resolved or "?"
        out.write(
            f"{printable(mention.file)}:{mention.line}:{mention.column}: "
            f"{printable(mention.mention.text)} -> {resolved} "
            f"({mention.mention.precision.label})\n"
            f"    {printable(mention.sentence)}\n"
        )
    if report.open_mentions:
        out.write("\n")
    for exclusion in report.idle_exclusions:
        location = exclusion.location
        out.write(
            f"{printable(location.file)}:{location.line}: {location.field}: note: excludes no "
            f"date mention: {printable(exclusion.quote)!r}\n"
        )
    if report.idle_exclusions:
        out.write("\n")
    summary = report.summary()
    rows = [(printable(source_id), row) for source_id, row in summary.items()]
    if len(rows) > 1:
        total = SourceSummary()
        for row in summary.values():
            total = total.add(row)
        rows.append(("total", total))
    headings = ("source", "found", "covered", "excluded", "open")
    width = max([len(headings[0]), *(len(name) for name, _ in rows)])
    out.write(f"{headings[0]:<{width}}" + "".join(f"  {h:>8}" for h in headings[1:]) + "\n")
    for name, row in rows:
        numbers = dataclasses.astuple(row)
        out.write(f"{name:<{width}}" + "".join(f"  {n:>8}" for n in numbers) + "\n")
