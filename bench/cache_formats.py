"""Compare ways of storing a parsed catalogue: what reading one back costs, in process.

    python bench/cache_formats.py CATALOGUE.yaml [--runs 3]

For each format: the bytes written, encoding and decoding times (median of
`--runs`), decoding with the check each needs before its bytes can be trusted.
The floor is `yaml.load(..., CSafeLoader)` of the same file, measured in the
same run; `run.py` measures the whole-process warm load the cache gives.

- pickle + HMAC: the catalogue pickled, an HMAC-SHA256 with a per-user key
  verified before unpickling (a pickle runs code when read, so it must be
  authenticated first);
- msgspec MessagePack (the format `timeline_tui.cache` uses): decoded straight
  into the model's dataclasses, a SHA-256 per frame against corruption only,
  since these bytes cannot run code;
- msgspec JSON: the same objects as JSON text.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import hmac
import os
import pickle
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec

from timeline_tui.cache import entry
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.model import Catalogue
from timeline_tui.query import Index


def timed(work: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(runs):
        result = None
        gc.collect()
        gc.disable()  # as the cache loads: collector off while objects are built
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
        gc.enable()
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    import yaml

    text = args.catalogue.read_text(encoding="utf-8")
    floor, _ = timed(lambda: yaml.load(text, Loader=yaml.CSafeLoader), 1)
    catalogue = load_catalogue(args.catalogue)
    parts = Index(catalogue).export_parts()
    events = len(catalogue.events)
    print(f"{args.catalogue}: {events:,} events")
    print(f"floor: yaml.load(CSafeLoader) {floor:.2f} s\n")
    rows: list[tuple[str, float, float, float, bool]] = []

    secret = os.urandom(32)

    def pickle_encode() -> bytes:
        data = pickle.dumps((catalogue, parts), protocol=pickle.HIGHEST_PROTOCOL)
        return hmac.new(secret, data, hashlib.sha256).digest() + data

    def pickle_decode(blob: bytes) -> Any:
        tag, data = blob[:32], memoryview(blob)[32:]
        if not hmac.compare_digest(tag, hmac.new(secret, data, hashlib.sha256).digest()):
            raise ValueError("not ours")
        return pickle.loads(data)

    encode_time, blob = timed(pickle_encode, 1)
    decode_time, back = timed(lambda: pickle_decode(blob), args.runs)
    rows.append(
        ("pickle + HMAC-SHA256", len(blob) / 1e6, encode_time, decode_time, back[0] == catalogue)
    )

    from timeline_tui import cache
    from timeline_tui.cache.stored import Events, Parts

    entry_file = Path(tempfile.mkdtemp()) / "entry"

    def msgpack_encode() -> bytes:
        with entry_file.open("wb") as stream:
            frames = cache.entry_frames({}, catalogue, parts)
            entry.write(stream, frames, catalogue, cache.EVENTS_PER_SLICE, lambda share: None)
        return entry_file.read_bytes()

    def msgpack_open() -> Any:
        with entry_file.open("rb") as stream:
            stored = entry.Entry(stream, entry_file.stat().st_size)
        found = stored.frame("catalogue", entry.decoder(Catalogue))
        stored_parts = Parts(stored, stored.event_count)
        found.events = Events(stored, stored_parts.ids, None, lambda: [])
        return found, stored_parts

    def msgpack_decode() -> Any:
        found, stored_parts = msgpack_open()
        found.events = list(found.events)  # every event, as a pickle gives them
        return found, {facet: stored_parts.masks(facet) for facet in parts.tables}

    encode_time, blob = timed(msgpack_encode, 1)
    decode_time, back = timed(msgpack_decode, args.runs)
    masks = {facet: Index(catalogue)._value_masks(facet) for facet in parts.tables}
    same = back[0] == catalogue and back[1] == masks
    rows.append(
        ("msgspec MessagePack + SHA-256 (used)", len(blob) / 1e6, encode_time, decode_time, same)
    )
    open_time, _ = timed(msgpack_open, args.runs)
    rows.append(
        ("the same, opened only (events read as asked)", len(blob) / 1e6, 0.0, open_time, True)
    )

    def path_hook(value: Any) -> Any:
        return str(value)

    def path_back(kind: type, value: Any) -> Any:
        return Path(value)

    json_encoder = msgspec.json.Encoder(enc_hook=path_hook)
    json_decoder = msgspec.json.Decoder(Catalogue, dec_hook=path_back)
    encode_time, blob = timed(lambda: json_encoder.encode(catalogue), 1)
    decode_time, back = timed(lambda: json_decoder.decode(blob), args.runs)
    rows.append(
        (
            "msgspec JSON (catalogue only)",
            len(blob) / 1e6,
            encode_time,
            decode_time,
            back == catalogue,
        )
    )

    print("| format | size | encode | decode, checked | decode / floor | same objects |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, size, encode_time, decode_time, same in rows:
        print(
            f"| {name} | {size:.0f} MB | {encode_time:.2f} s | {decode_time:.2f} s "
            f"| {decode_time / floor:.3f} | {'yes' if same else 'NO'} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
