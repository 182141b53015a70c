"""`printable`: every control, format and invisible character becomes a visible escape."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from timeline_tui.text.printable import ESCAPED_RANGES, is_printable, printable

ESCAPED = {code for low, high in ESCAPED_RANGES for code in range(low, high + 1)}


def test_an_osc_sequence_and_bel_become_visible_escapes():
    assert printable("a\x1b]0;owned\x07b") == "a\\x1b]0;owned\\x07b"


def test_c1_controls_and_delete_become_escapes():
    assert printable("\x7f\x9b2J") == "\\x7f\\x9b2J"


@pytest.mark.parametrize(
    ("character", "escape"),
    [
        ("\u00ad", "\\xad"),  # soft hyphen
        ("\u202e", "\\u202e"),  # right-to-left override
        ("\u2066", "\\u2066"),  # left-to-right isolate
        ("\u2062", "\\u2062"),  # invisible times
        ("\u3164", "\\u3164"),  # Hangul filler
        ("\u115f", "\\u115f"),  # Hangul choseong filler
        ("\uffa0", "\\uffa0"),  # halfwidth Hangul filler
        ("\u034f", "\\u034f"),  # combining grapheme joiner
        ("\ufe0f", "\\ufe0f"),  # variation selector-16
        ("\U000e0041", "\\U000e0041"),  # tag latin capital letter A
        ("\U000e0100", "\\U000e0100"),  # variation selector-17
        ("\U0001d173", "\\U0001d173"),  # musical symbol begin beam
        ("\u0600", "\\u0600"),  # Arabic number sign
        ("\u2028", "\\u2028"),  # line separator
    ],
)
def test_invisible_and_format_characters_become_escapes(character: str, escape: str):
    assert printable(f"x{character}y") == f"x{escape}y"
    assert not is_printable(f"x{character}y")


def test_every_format_character_this_python_knows_is_escaped():
    missing = [
        f"U+{code:04X}"
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) in ("Cc", "Cf", "Zl", "Zp") and code not in ESCAPED
    ]
    assert missing == []


def test_line_breaks_become_spaces_on_one_line_and_stay_in_multiline_text():
    assert printable("a\nb\tc\rd") == "a b c d"
    assert printable("a\nb\tc\rd", multiline=True) == "a\nb\tc\\x0dd"


@pytest.mark.parametrize(
    "text",
    ["Plain ASCII [markup] $1.3", "Zürich — “quoted” 北京", "Emoji 🎉 and accents é", "", "a b"],
)
def test_ordinary_text_is_left_as_it_is(text: str):
    assert printable(text) is text
    assert is_printable(text)


def test_text_with_a_no_break_space_is_left_as_it_is():
    assert printable("10\u00a0km") == "10\u00a0km"


def test_the_escapes_themselves_are_printable():
    shown = printable("".join(chr(code) for code in sorted(ESCAPED)))
    assert is_printable(shown)
    assert shown.isascii()
