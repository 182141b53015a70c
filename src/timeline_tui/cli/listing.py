"""`timeline list` (and `timeline` on a pipe): the matching events, in one of `LIST_FORMATS`.

On a pipe, for the formats made of one piece per event (`output.prepared`), the
pieces are kept in the cache beside the catalogue's entry (`cache.records`) the
first time they are made, and later lists write the stored pieces of the
matching events: the same bytes, without encoding an event. That needs the
catalogue loaded through the cache (its digest is the records' key) and a
stdout that would encode its text as UTF-8 the way the records were encoded;
elsewhere (`--no-cache`, a catalogue on a pipe, an ASCII locale, which escapes
what it cannot encode) the events are written as before.
"""

from __future__ import annotations

import argparse
import codecs
import os
import sys
from collections.abc import Sequence
from typing import IO, BinaryIO

from timeline_tui.cache import loaded_digest
from timeline_tui.cache.records import store_records, stored_records
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.cli.parser import ExitCode
from timeline_tui.cli.streams import error as _error
from timeline_tui.cli.streams import is_terminal, stdout_writer
from timeline_tui.output import write_events
from timeline_tui.output.prepared import event_records, record_kind, write_records
from timeline_tui.query import Filters, Index


def _list(args: argparse.Namespace) -> int:
    # `commands` declares this command with this function, so its helpers come late
    from timeline_tui.cli.commands import _browse, _filters, _load_index

    index = _load_index(args)
    catalogue = index.catalogue
    filters = _filters(args, catalogue)
    if args.command is None and is_terminal(sys.stdout) and is_terminal(sys.stdin):
        return _browse(index, filters, use_cache=not args.no_cache, reverse=args.reverse)
    positions = index.matching(filters)
    if args.reverse:
        positions.reverse()
    events = catalogue.events
    with stdout_writer() as out:
        terminal = is_terminal(out)
        if terminal or not _write_stored(index, positions, args.format, args.raw_csv, out):
            shown = [events[i] for i in positions]
            caption = _caption(filters, len(shown), catalogue) if terminal else None
            write_events(
                catalogue, shown, args.format, out, terminal=terminal, caption=caption,
                raw=args.raw_csv,
            )  # fmt: skip
    _summarise(index, positions, use_cache=not args.no_cache)
    return ExitCode.OK


def _write_stored(
    index: Index, positions: list[int], format_name: str, raw: bool, out: IO[str]
) -> bool:
    """Write the events at `positions` from their stored records, made and stored
    first on a miss; False, with nothing written, where records cannot stand in
    for `write_events` (see the module's docstring) or cannot be kept."""
    catalogue = index.catalogue
    kind = record_kind(format_name, raw=raw)
    digest = loaded_digest(catalogue.path)
    binary = _utf8_bytes(out)
    if kind is None or digest is None or binary is None:
        return False
    records = stored_records(catalogue.path, digest, kind, len(catalogue.events))
    if records is None or not records.check(positions):  # altered since: made again
        made = event_records(catalogue, catalogue.events, kind)
        records = store_records(catalogue.path, digest, kind, made)
        if records is None or not records.check(positions):
            return False
    out.flush()  # whatever the text layer holds goes first
    write_records(records, positions, format_name, binary)
    binary.flush()
    return True


_SAME_BYTES_ERRORS = ("strict", "surrogateescape")
"""Error handlers under which UTF-8 text is written as `str.encode()` makes it: the
records are made that way, so they hold no surrogate, the only characters these
handle. (`surrogateescape` is what Python gives stdout in its UTF-8 mode, as
under the C locale.)"""


def _utf8_bytes(out: IO[str]) -> BinaryIO | None:
    """The binary stream under `out` when text written to `out` reaches it as UTF-8
    made by `str.encode()`, newlines as they are; else None."""
    binary = getattr(out, "buffer", None)
    encoding = getattr(out, "encoding", None)
    if binary is None or not encoding or getattr(out, "errors", None) not in _SAME_BYTES_ERRORS:
        return None
    if os.linesep != "\n":  # a text stream would write each newline as os.linesep
        return None
    try:
        utf8 = codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return None
    return binary if utf8 else None


def _summarise(index: Index, shown: Sequence[int], *, use_cache: bool) -> None:
    """One line on stderr when the events shown (at positions `shown`) have quotes
    that could not be verified or the catalogue has warnings; after the output, so
    a reader of stdout does not wait for it.

    The outcome of verifying every quote is kept in the cache while nothing it
    depends on changes (`quotes_fingerprint`, over the digest of what the
    catalogue was loaded from, `loaded_digest`), so a large catalogue's articles
    are not read and searched on every run, and the events shown are counted by
    their ids, without reading them; the line is the same either way.
    """
    from timeline_tui.sources.verify import (
        late_event_ids,
        quotes_fingerprint,
        summary_counts,
        unverified_quotes,
        verify_citations,
    )

    catalogue = index.catalogue
    digest = loaded_digest(catalogue.path) if use_cache else None
    fingerprint = None if digest is None else quotes_fingerprint(catalogue, digest)
    if fingerprint is None:
        verification = verify_citations(catalogue, [catalogue.events[i] for i in shown])
        quotes, warnings = len(verification.unverified), len(verification.warnings)
    else:
        from timeline_tui.cache.quotes import Outcome, kept_or_verified

        outcome = kept_or_verified(
            catalogue.path,
            fingerprint,
            lambda: Outcome(unverified_quotes(catalogue), late_event_ids(catalogue)),
        )
        unverified, late = list(outcome.unverified), outcome.late
        if (unverified or late) and len(shown) < len(catalogue.events):
            ids = index.event_ids()
            shown_ids = {ids[position] for position in shown}
            unverified = [key for key in unverified if key[0] in shown_ids]
            late = late & shown_ids
        quotes, warnings = len(unverified), len(catalogue.warnings) + len(late)
    line = summary_counts(catalogue, quotes, warnings)
    if line is not None:
        _error(line, prefix=False, indent="")


def _caption(filters: Filters, count: int, catalogue: Catalogue) -> str:
    """`3 of 62 events · actor China · from 1 Jan 1990`: the filters as understood."""
    from timeline_tui.query.describe import describe_filters

    return " · ".join([f"{count:,} of {len(catalogue.events):,} events",
                       *describe_filters(filters, catalogue)])  # fmt: skip
