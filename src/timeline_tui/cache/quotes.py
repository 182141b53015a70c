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
from pathlib import Path
from typing import BinaryIO

import msgspec

from timeline_tui import __version__
from timeline_tui.cache.folder import QUOTES_SUFFIX, Folder

FORMAT = 1
"""Bump when the layout of a record changes."""
MAX_RECORD_BYTES = 64 * 2**20


class _Record(msgspec.Struct, frozen=True):
    key: str
    unverified: list[tuple[str, int, str]]


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


def stored_unverified(catalogue_path: Path, fingerprint: str) -> dict[tuple[str, int], str] | None:
    """The unverified quotes kept for this catalogue and fingerprint, or None (a miss)."""
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
    return {(event_id, index): why for event_id, index, why in record.unverified}


def store_unverified(
    catalogue_path: Path, fingerprint: str, unverified: dict[tuple[str, int], str]
) -> None:
    """Keep the outcome for later runs; give up silently on any error."""
    name = _name(catalogue_path)
    folder = _folder(create=True) if name is not None else None
    if folder is None or name is None:
        return
    record = _Record(_key(fingerprint), [(e, i, why) for (e, i), why in unverified.items()])
    try:
        data = msgspec.msgpack.encode(record)
    except Exception:
        return

    def write(stream: BinaryIO) -> None:
        stream.write(data)

    with folder:
        folder.write(name, write)


def kept_or_verified(
    catalogue_path: Path,
    fingerprint: str | None,
    verify: Callable[[], dict[tuple[str, int], str]],
) -> dict[tuple[str, int], str]:
    """The unverified quotes kept under `fingerprint` (`sources.verify.quotes_fingerprint`),
    else what `verify()` finds, then kept; with no fingerprint, `verify()` alone."""
    if fingerprint is None:
        return verify()
    unverified = stored_unverified(catalogue_path, fingerprint)
    if unverified is None:
        unverified = verify()
        store_unverified(catalogue_path, fingerprint, unverified)
    return unverified
