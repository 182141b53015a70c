"""The outcome of verifying a catalogue's quotes, kept beside its cache entry.

Reading and searching every article costs most of a second at 100,000 events,
on every `timeline list`. The outcome (which quotes could not be verified, and
why) is stored under the catalogue's entry name with `QUOTES_SUFFIX`, with the
fingerprint of everything it depends on (`sources.verify.quotes_fingerprint`);
it is used only when that fingerprint matches, so the summary line still
appears whenever a quote is unverified. The same trust rules as the entries
apply (`folder.py`): a private folder, a regular file the user owns, data
decoded with its types checked, never code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import msgspec

from timeline_tui import __version__
from timeline_tui.cache.folder import QUOTES_SUFFIX, Folder

FORMAT = 2
"""Bump when the layout of a record changes."""
MAX_RECORD_BYTES = 64 * 2**20


@dataclass(frozen=True, slots=True)
class Outcome:
    """What verifying a whole catalogue found."""

    unverified: dict[tuple[str, int], str]
    """(event id, index in its citations) -> why that quote could not be verified."""
    late: frozenset[str]
    """The events dated after every source citing them (`verify.late_event_ids`)."""


class _Record(msgspec.Struct, frozen=True):
    key: str
    unverified: list[tuple[str, int, str]]
    late: list[str]


def _key(fingerprint: str) -> str:
    return f"{FORMAT} {__version__} {sys.version_info[:2]} {fingerprint}"


def _name(catalogue_path: Path) -> str | None:
    from timeline_tui.cache import entry_name

    try:
        return entry_name(catalogue_path.resolve()).rsplit(".", 1)[0] + QUOTES_SUFFIX
    except (OSError, RuntimeError):
        return None


def _folder(create: bool) -> Folder | None:
    from timeline_tui.cache import cache_dir

    location = cache_dir()
    return None if location is None else Folder.open(location, create=create)


def stored_outcome(catalogue_path: Path, fingerprint: str) -> Outcome | None:
    """The outcome kept for this catalogue and fingerprint, or None (a miss)."""
    name = _name(catalogue_path)
    folder = _folder(create=False) if name is not None else None
    if folder is None or name is None:
        return None
    with folder:
        try:
            with folder.reading(name) as opened:
                if opened is None or opened[1] > MAX_RECORD_BYTES:
                    return None
                record = msgspec.msgpack.decode(opened[0].read(), type=_Record)
        except Exception:  # any unreadable record is a miss
            return None
    if record.key != _key(fingerprint):
        return None
    unverified = {(event_id, index): why for event_id, index, why in record.unverified}
    return Outcome(unverified, frozenset(record.late))


def store_outcome(catalogue_path: Path, fingerprint: str, outcome: Outcome) -> None:
    """Keep the outcome for later runs; give up silently on any error."""
    name = _name(catalogue_path)
    folder = _folder(create=True) if name is not None else None
    if folder is None or name is None:
        return
    unverified = [(e, i, why) for (e, i), why in outcome.unverified.items()]
    record = _Record(_key(fingerprint), unverified, sorted(outcome.late))
    try:
        data = msgspec.msgpack.encode(record)
    except Exception:
        return

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    with folder:
        folder.write(name, write)


def kept_or_verified(
    catalogue_path: Path, fingerprint: str | None, verify: Callable[[], Outcome]
) -> Outcome:
    """The outcome kept under `fingerprint` (`sources.verify.quotes_fingerprint`), else
    what `verify()` finds, then kept; with no fingerprint, `verify()` alone."""
    if fingerprint is None:
        return verify()
    outcome = stored_outcome(catalogue_path, fingerprint)
    if outcome is None:
        outcome = verify()
        store_outcome(catalogue_path, fingerprint, outcome)
    return outcome
