"""The bottom line: the keys that do something where the focus is, each clickable.

Textual's `Footer` makes a widget per key and builds them all again whenever the
focus moves; on the main screen that was the largest part of the first paint.
This is one widget drawing one line, read from the screen's active bindings when
they change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.content import Content
from textual.keys import key_to_character
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input

_GAP = "  "


def _takes_text(widget: Widget | None) -> bool:
    """Whether the focused widget reads printable keys as text (a box, a list that narrows)."""
    return widget is not None and getattr(widget, "TAKES_TEXT", isinstance(widget, Input))


def _is_typed(key: str) -> bool:
    character = key_to_character(key)
    return character is not None and character.isprintable() and character != " "


@dataclass(frozen=True, slots=True)
class KeyHint:
    key: str
    """The key as Textual names it, pressed when the hint is clicked."""
    display: str
    description: str
    tooltip: str
    enabled: bool


class KeyBar(Widget, can_focus=False):
    """The active key bindings that are meant to be shown, on one line."""

    ALLOW_SELECT = False

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
        "key-bar--hover",
    }

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: clip;
        color: $footer-foreground;
        background: $footer-background;
        & > .key-bar--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        & > .key-bar--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        & > .key-bar--disabled { text-style: dim; }
        & > .key-bar--hover { background: $block-hover-background; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:  # noqa: A002 - Textual's name for it
        super().__init__(id=id)
        self._hints: list[KeyHint] | None = None
        self._spans: list[tuple[int, int]] = []
        """Cells each hint covers, from the left of the content."""
        self._hover: int | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self._hints = None
            self.refresh()

    @property
    def hints(self) -> list[KeyHint]:
        """What the bar shows: one hint per action, in the order the bindings come."""
        if self._hints is None:
            seen: set[str] = set()
            hints = []
            screen = self.screen
            shows = getattr(screen, "key_bar_shows", None)
            takes_text = _takes_text(screen.focused)
            for _node, binding, enabled, tooltip in screen.active_bindings.values():
                if not binding.show or binding.action in seen:
                    continue
                if takes_text and _is_typed(binding.key):
                    continue  # the box or list takes the key as text
                if shows is not None and not shows(binding.action):
                    continue
                seen.add(binding.action)
                hints.append(
                    KeyHint(
                        key=binding.key,
                        display=self.app.get_key_display(binding),
                        description=binding.description,
                        tooltip=tooltip or binding.tooltip or binding.description,
                        enabled=enabled,
                    )
                )
            self._hints = hints
        return self._hints

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key")
        description_style = self.get_visual_style("key-bar--description")
        disabled_style = self.get_visual_style("key-bar--disabled")
        hover_style = self.get_visual_style("key-bar--hover")
        parts: list[Content] = []
        spans: list[tuple[int, int]] = []
        position = 0
        room = self.content_region.width
        for number, hint in enumerate(self.hints):
            gap = len(_GAP) if number else 0
            hint_width = gap + cell_len(hint.display) + 1 + cell_len(hint.description)
            if room and position + hint_width > room:
                break  # a hint shows whole or not at all
            if gap:
                parts.append(Content(_GAP))
                position += gap
            hint_content = Content.assemble(
                Content(hint.display).stylize(key_style),
                Content(f" {hint.description}").stylize(description_style),
            )
            if not hint.enabled:
                hint_content = hint_content.stylize(disabled_style)
            if number == self._hover:
                hint_content = hint_content.stylize(hover_style)
            parts.append(hint_content)
            spans.append((position, position + hint_content.cell_length))
            position += hint_content.cell_length
        self._spans = spans
        return Content.assemble(*parts)

    def _hint_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        for number, (start, end) in enumerate(self._spans):
            if start <= offset.x < end:
                return number
        return None

    def on_click(self, event: events.Click) -> None:
        number = self._hint_at(event)
        if number is None:
            return
        hint = self.hints[number]
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        number = self._hint_at(event)
        if number != self._hover:
            self._hover = number
            self.tooltip = None if number is None else self.hints[number].tooltip
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
