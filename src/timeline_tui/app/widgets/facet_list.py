"""A list of actors or themes, each with the number of events it would match.

Typing narrows the list to the entries whose name (or alias, or id) contains what
was typed; backspace widens it and escape clears it. Space or enter ticks and
unticks the highlighted entry. The ticks and counts come from the screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from timeline_tui.app.messages import FacetToggled
from timeline_tui.model import Catalogue
from timeline_tui.query import Facet
from timeline_tui.textsafe import printable

TICK = "✓"


@dataclass(frozen=True, slots=True)
class FacetEntry:
    id: str
    name: str
    """Printable, shown in the list."""
    spellings: tuple[str, ...]
    """Casefolded id, name and aliases, matched when typing narrows the list."""


def facet_entries(catalogue: Catalogue, facet: Facet) -> list[FacetEntry]:
    """The actors or themes of a catalogue, sorted by name so entries do not move as counts do."""
    vocabulary = catalogue.actors if facet == "actors" else catalogue.themes
    entries = [
        FacetEntry(entry_id, printable(entry.name), tuple(name.casefold() for name in entry.names))
        for entry_id, entry in vocabulary.items()
    ]
    return sorted(entries, key=lambda entry: (entry.name.casefold(), entry.id))


class FacetList(OptionList):
    """Actors or themes with counts; typing narrows, space or enter toggles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space",
            "select",
            "Toggle",
            id="facet.toggle",
            tooltip="Tick or untick the highlighted entry",
        ),
    ]

    DEFAULT_CSS = """
    FacetList {
        height: 1fr;
        padding: 0;
        scrollbar-size-vertical: 1;
        scrollbar-gutter: stable;  /* the prompts' width must not depend on the list's length */
        & > .option-list--option { padding: 0 1; }
    }
    """

    def __init__(
        self,
        facet: Facet,
        entries: Iterable[FacetEntry],
        *,
        id: str | None = None,  # noqa: A002 - Textual's name for it
    ) -> None:
        super().__init__(id=id, markup=False)
        self.facet: Facet = facet
        self._entries = list(entries)
        self._shown: list[FacetEntry] = []
        self._selected: frozenset[str] = frozenset()
        self._counts: Mapping[str, int] = {}
        self.narrowing = ""
        """What has been typed to narrow the list."""
        self._width = 0

    # --- what the screen tells it -------------------------------------------------

    def show(self, selected: frozenset[str], counts: Mapping[str, int] | None = None) -> None:
        """Tick the selected entries and, when given, show new counts."""
        old_selected, old_counts = self._selected, self._counts
        self._selected = selected
        if counts is not None:
            self._counts = counts
        for index, entry in enumerate(self._shown):
            entry_id = entry.id
            # each replaced prompt redraws the list: replace only what changed
            if (entry_id in selected) != (entry_id in old_selected) or self._counts.get(
                entry_id
            ) != old_counts.get(entry_id):
                self.replace_option_prompt_at_index(index, self._prompt(entry))
        self._update_title()

    def _redraw_prompts(self) -> None:
        for index, entry in enumerate(self._shown):
            self.replace_option_prompt_at_index(index, self._prompt(entry))

    @property
    def shown_ids(self) -> list[str]:
        """The ids of the entries the list shows now (after narrowing)."""
        return [entry.id for entry in self._shown]

    def prompt_text(self, entry_id: str) -> str:
        """The plain text of an entry's line, as shown."""
        for entry in self._shown:
            if entry.id == entry_id:
                return self._prompt(entry).plain
        raise KeyError(entry_id)

    def narrow(self, text: str) -> None:
        """Show only the entries one of whose names contains `text` (any case)."""
        self.narrowing = text
        self._rebuild()

    # --- keys ---------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        if event.key == "space":
            return  # the binding toggles
        if event.is_printable and event.character:
            self.narrow(self.narrowing + event.character)
        elif event.key == "backspace" and self.narrowing:
            self.narrow(self.narrowing[:-1])
        elif event.key == "escape" and self.narrowing:
            self.narrow("")
        else:
            return
        # typed letters narrow the list: they must not reach the screen's key bindings
        event.stop()
        event.prevent_default()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id is not None:
            self.post_message(FacetToggled(self.facet, message.option.id))

    # --- drawing ------------------------------------------------------------------

    def on_mount(self) -> None:
        self._rebuild()

    def on_resize(self) -> None:
        width = self._prompt_width()
        if width != self._width:
            self._width = width
            self._redraw_prompts()

    def _rebuild(self) -> None:
        highlighted = self.highlighted_option
        kept = highlighted.id if highlighted is not None else None
        needle = self.narrowing.casefold()
        self._shown = [
            entry
            for entry in self._entries
            if not needle or any(needle in spelling for spelling in entry.spellings)
        ]
        self._width = self._prompt_width()
        self.set_options(Option(self._prompt(entry), id=entry.id) for entry in self._shown)
        ids = self.shown_ids
        self.highlighted = ids.index(kept) if kept in ids else (0 if ids else None)
        self._update_title()

    def _prompt_width(self) -> int:
        # the option's own padding is one cell each side
        return max(8, self.scrollable_content_region.width - 2) if self.is_mounted else 26

    def _prompt(self, entry: FacetEntry) -> Content:
        selected = entry.id in self._selected
        count = self._counts.get(entry.id, 0)
        count_text = f"{count:,}"
        name_width = max(1, self._width - 2 - len(count_text) - 1)
        name = Content(entry.name).truncate(name_width, ellipsis=True, pad=True)
        name_style = "bold" if selected else ("$text-disabled" if count == 0 else "")
        return Content.assemble(
            (f"{TICK} " if selected else "  ", "bold $text-success"),
            name.stylize(name_style) if name_style else name,
            " ",
            (count_text, "$text-muted"),
        )

    def _update_title(self) -> None:
        ticked = len(self._selected)
        subtitle = (
            f"“{printable(self.narrowing)}”"
            if self.narrowing
            else (f"{ticked} ticked" if ticked else "")
        )
        if str(self.border_subtitle) != subtitle:  # setting it lays the screen out again
            self.border_subtitle = Content(subtitle)
