"""Reading a catalogue: its files, the line-aware YAML, the fields, the model and dates.

Imports nothing of the package but `timeline_tui.text`. `load_catalogue` is found
on first use: the loader imports PyYAML, which a warm start from the cache never needs,
while the model (`timeline_tui.catalogue.model`) is imported by nearly everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the loader's own signatures, without importing it at run time
    from timeline_tui.catalogue.load import build_catalogue, load_catalogue

__all__ = ["build_catalogue", "load_catalogue"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from timeline_tui.catalogue import load

        return getattr(load, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
