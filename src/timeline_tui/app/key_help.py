"""The help screen's lines and the key hints, built from the bindings' declaration.

Keys read as a person types them (`question_mark` is `?`); a hint takes each key from
its binding by id, so a key changed in `keys` changes every hint that names it.
"""

from __future__ import annotations

from textual.binding import Binding

from timeline_tui.app import help_groups, keys

_KEY_NAMES = {
    "question_mark": "?",
    "colon": ":",
    "exclamation_mark": "!",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_curly_bracket": "{",
    "right_curly_bracket": "}",
    "down": "↓",
    "up": "↑",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
}
_SHORT_NAMES = {"escape": "esc"}
"""Names a hint uses where room is short."""


def key_name(key: str) -> str:
    """One key as a person reads it: `question_mark` is `?`."""
    return _KEY_NAMES.get(key, key)


def key_names(binding: Binding) -> str:
    """A binding's keys as a person reads them, space-separated: `j ↓`."""
    return " ".join(key_name(key.strip()) for key in binding.key.split(","))


def _declared() -> dict[str, Binding]:
    found: dict[str, Binding] = {}
    for bindings in (
        keys.MAIN,
        keys.ARTICLE,
        keys.PROBLEMS,
        keys.APP,
        keys.TIMELINE,
        keys.QUOTES,
        keys.FACET_LIST,
        keys.EVIDENCE,
        keys.JUMP,
        keys.HELP_SCREEN,
        keys.COMMAND,
        keys.PROBLEMS_PANEL,
    ):
        for binding in bindings:
            if isinstance(binding, Binding) and binding.id is not None:
                assert binding.id not in found, f"two bindings have the id {binding.id}"
                found[binding.id] = binding
    return found


BY_ID: dict[str, Binding] = _declared()
"""Every binding with an id, by its id."""


def help_lines() -> list[tuple[str, str, str]]:
    """Every line of the help screen: its group, its keys and what they do."""
    lines = []
    for group, entries in help_groups.HELP:
        for entry in entries:
            if isinstance(entry, help_groups.Key):
                lines.append((group, entry.keys, entry.meaning))
            else:
                binding = BY_ID[entry]
                lines.append((group, key_names(binding), binding.tooltip))
    return lines


def key_of(binding_id: str) -> str:
    """The first key of a binding, as a person reads it: `/` for `main.search`."""
    return key_name(BY_ID[binding_id].key.split(",")[0].strip())


def hint(*items: tuple[str | tuple[str, ...], str]) -> str:
    """Key hints such as `n/p next/previous · o article`, each key from its binding.

    Args:
        items: A binding's id (or ids, joined by "/") and the word that follows its key.
    """
    parts = []
    for ids, word in items:
        names = [
            _SHORT_NAMES.get(key, key_name(key))
            for binding_id in ((ids,) if isinstance(ids, str) else ids)
            for key in [BY_ID[binding_id].key.split(",")[0].strip()]
        ]
        parts.append(f"{'/'.join(names)} {word}")
    return " · ".join(parts)
