"""Where the embedded catalogue is: in a checkout, or inside an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]  # timeline_tui/


def embedded_catalogue_path() -> Path:
    """The catalogue `timeline` opens when none is named.

    A checkout (an editable install included) uses its own top-level `events.yaml`,
    so edits show at once; an installed wheel carries a copy under `data/`.
    """
    checkout = _PACKAGE.parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "events.yaml").is_file():
        return checkout / "events.yaml"
    return _PACKAGE / "data" / "events.yaml"
