"""Finding a quote in its article, tolerating only differences of white space."""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

_SPACE = re.compile(r"\s+")
MAX_PATTERN_WORDS = 200
"""Longer quotes are matched word by word: compiling their pattern takes seconds."""
MAX_HINTED_QUOTE = 2000
"""Longer quotes get no "did you mean": fuzzy matching grows with the square of the length."""
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+|\n\s*\n")


@dataclass(frozen=True, slots=True)
class Span:
    """A quote's place in the article's original text: `text[start:end]`."""

    start: int
    end: int


class Article:
    """An article's text, and where quotes stand in it, white space folded.

    Matching keeps no folded copy of the text: a quote becomes a pattern of its
    words joined by runs of white space, so memory stays that of the text itself.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @classmethod
    def read(cls, path: Path) -> Article:
        return cls(path.read_text(encoding="utf-8-sig"))

    def find(self, quote: str) -> Span | None:
        """Where `quote` stands in the article, white space folded; None when it does not."""
        return next(self._places(quote), None)

    def find_all(self, quote: str) -> list[Span]:
        """Every place `quote` stands, overlapping places included."""
        return list(self._places(quote))

    def _places(self, quote: str) -> Iterator[Span]:
        words = quote.split()
        if not words:
            return
        if len(words) > MAX_PATTERN_WORDS:
            yield from _walk(self.text, words)
            return
        pattern = _quote_pattern(tuple(words))
        match = pattern.search(self.text)
        while match is not None:
            yield Span(match.start(), match.end())
            match = pattern.search(self.text, match.start() + 1)

    def line_and_column(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset in the original text."""
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        position = self.text.find("\n")
        while position >= 0:
            starts.append(position + 1)
            position = self.text.find("\n", position + 1)
        return starts

    @cached_property
    def sentences(self) -> list[Span]:
        """Sentence-like stretches of the original text, for near misses and coverage."""
        spans = []
        start = 0
        for match in _SENTENCE_END.finditer(self.text):
            if self.text[start : match.start()].strip():
                spans.append(Span(start, match.start()))
            start = match.end()
        if self.text[start:].strip():
            spans.append(Span(start, len(self.text.rstrip())))
        return spans

    def paragraph_around(self, span: Span) -> Span:
        """The paragraph (text between blank lines, or the line) holding a span."""
        start = self.text.rfind("\n", 0, span.start) + 1
        end = self.text.find("\n", span.end)
        return Span(start, len(self.text) if end < 0 else end)

    def closest(self, quote: str) -> str | None:
        """The article's words nearest to a quote that is not in it, for a "did you mean"."""
        needle = fold(quote)
        if not needle or len(needle) > MAX_HINTED_QUOTE:
            return None
        best_ratio, best = 0.0, None
        sentences = [fold(self.text[s.start : s.end]) for s in self.sentences]
        # the quote is the fixed side, so its index is built once for every candidate
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(needle)
        # a quote may run across sentences: try runs of one to three
        for size in (1, 2, 3):
            for index in range(len(sentences) - size + 1):
                candidate = " ".join(sentences[index : index + size])
                matcher.set_seq1(candidate)
                if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                    continue
                ratio = matcher.ratio()
                if ratio > best_ratio:
                    best_ratio, best = ratio, candidate
        if best is None or best_ratio < 0.6:
            return None
        return _trim_to(needle, best)


def _trim_to(needle: str, candidate: str) -> str:
    """The part of `candidate` that lines up with `needle`, so the hint is not a paragraph."""
    matcher = difflib.SequenceMatcher(None, needle, candidate, autojunk=False)
    blocks = [b for b in matcher.get_matching_blocks() if b.size]
    if not blocks:
        return candidate
    start = blocks[0].b - blocks[0].a
    end = blocks[-1].b + blocks[-1].size + (len(needle) - blocks[-1].a - blocks[-1].size)
    return candidate[max(start, 0) : min(end, len(candidate))].strip()


@lru_cache(maxsize=256)
def _quote_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\s+".join(map(re.escape, words)))


def _walk(text: str, words: list[str]) -> Iterator[Span]:
    """The places of a quote too long to compile: each place of its first word, then
    the rest word by word, as far as they agree."""
    position = text.find(words[0])
    while position >= 0:
        end = position + len(words[0])
        for word in words[1:]:
            space = _SPACE.match(text, end)
            if space is None or not text.startswith(word, space.end()):
                break
            end = space.end() + len(word)
        else:
            yield Span(position, end)
        position = text.find(words[0], position + 1)


def fold(text: str) -> str:
    """Runs of white space, line breaks included, as one space; ends trimmed."""
    return _SPACE.sub(" ", text).strip()
