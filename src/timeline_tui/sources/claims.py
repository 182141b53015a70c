"""Claims against their quotes: what `timeline check` warns of when an event says
more than the words it cites.

- *Dates*: an event's date should overlap some date its quotes or its `date_text`
  mention. The mentions are found and resolved as `timeline coverage` finds them
  (`timeline_tui.sources.mentions`): a quote is read in its article, from the sentence
  before it, so `a day later` counts from the date it follows there and `On
  Monday` from the article's publication date; `date_text` is read against the
  publication date of the event's first source. Only mentions that resolve count:
  an event whose quotes mention no date gets its date from elsewhere (a reference
  list, the publication), which is not a warning.
- *Figures*: a figure's value should stand as a number in one of its event's
  quotes. Numbers are read as whole tokens (`1.3` is not in `11.3`), thousands
  separators dropped (`821,000`), trailing zeros ignored (`3.0` is `3`), a scale
  word applied (`3.7 billion`, `1.3bn` also stand for 3,700,000,000 and
  1,300,000,000), and the sign ignored, since prose says "fell 70.7%" rather than
  "-70.7%". Small numbers may be written as words (`five`, `sixth-largest`, `twenty`).
  A value written as text that is not a number is looked for as words.

Textual-free and standard library only, apart from dateparser when a relative
mention needs it (see `timeline_tui.catalogue.dates`).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal, InvalidOperation

from timeline_tui.catalogue.dates import DateSpan, PartialDate
from timeline_tui.catalogue.errors import Problem, Severity
from timeline_tui.catalogue.model import Catalogue, Event, Figure, Location, Source
from timeline_tui.sources.mentions import DateMention, find_mentions
from timeline_tui.sources.provenance import Article, Span, fold

__all__ = ["check_claims", "event_claims", "figure_in"]

_LISTED = 3
"""Mentions named in a date warning before `…`."""

_NUMBER = re.compile(
    r"(?<![\w.,])(?P<n>\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?P<f>\.\d+)?(?![\d])"
    r"(?:\s*(?P<s>(?i:thousand|million|billion|trillion|bn|mn|m|k)\b))?"
)
_CARDINALS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty"
).split()
_ORDINALS = (
    "zeroth first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
    " thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_TENS = {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90, "hundred": 100}  # fmt: skip
_WORD_VALUES = {
    **{word: number for number, word in enumerate(_CARDINALS)},
    **{word: number for number, word in enumerate(_ORDINALS) if number},
    **_TENS,
}
_NUMBER_WORD = re.compile(r"\b(?i:" + "|".join(_WORD_VALUES) + r")\b")
_SCALES = {
    "thousand": 3, "k": 3, "million": 6, "mn": 6, "m": 6, "billion": 9, "bn": 9, "trillion": 12,
}  # fmt: skip


def check_claims(
    catalogue: Catalogue,
    articles: dict[str, Article],
    places: Mapping[tuple[str, str], Span] | None = None,
) -> list[Problem]:
    """A warning for each event of `catalogue` whose date or figures its quotes do not bear out.

    An event with a quote that is not verified (its article unreadable, or the quote
    not verbatim in it) is left out: `check` reports that quote, and the claims are
    judged once it stands.

    Args:
        catalogue: a loaded catalogue.
        articles: its readable articles by source id (`timeline_tui.sources.check.read_articles`).
        places: where each verified quote stands, by (source id, quote), when already
            found; a quote missing from it is not verified. Found here when None.
    """
    problems: list[Problem] = []
    for event in catalogue.events:
        problems.extend(event_claims(catalogue, articles, event, places))
    return problems


def event_claims(
    catalogue: Catalogue,
    articles: dict[str, Article],
    event: Event,
    places: Mapping[tuple[str, str], Span] | None = None,
) -> list[Problem]:
    """The claim warnings of one event: its date, then its figures (see `check_claims`)."""
    quoted = _quoted(catalogue, articles, event, places)
    if quoted is None:
        return []
    problems = []
    mentioned: list[DateMention] = []
    # the first overlap settles it: later quotes are not read, nor dateparser imported for them
    for mentions in _dates(event, quoted):
        resolved = [m for m in mentions if m.resolved is not None]
        if any(_overlaps(event.date, m.resolved) for m in resolved):
            mentioned = []
            break
        mentioned.extend(resolved)
    if mentioned:
        names = list(dict.fromkeys(m.text for m in mentioned))
        listed = ", ".join(names[:_LISTED]) + (", …" if len(names) > _LISTED else "")
        location = event.location
        problems.append(
            Problem(
                location.file,
                location.line,
                f"{location.field}.date",
                f"{event.date.iso()} overlaps no date its quotes mention ({listed})",
                Severity.WARNING,
            )
        )
    quotes = [citation.quote for citation in event.citations]
    for index, figure in enumerate(event.figures):
        if not figure_in(figure, quotes):
            # a figure built in code rather than read from YAML is placed at its event
            location = figure.location or Location(
                event.location.file, event.location.line, f"{event.location.field}.figures[{index}]"
            )
            problems.append(
                Problem(
                    location.file,
                    location.line,
                    f"{location.field}.value",
                    f"{_written(figure.value)} appears in none of the event's quotes",
                    Severity.WARNING,
                )
            )
    return problems


_Quoted = list[tuple[Source, Article, Span]]


def _quoted(
    catalogue: Catalogue,
    articles: dict[str, Article],
    event: Event,
    places: Mapping[tuple[str, str], Span] | None,
) -> _Quoted | None:
    """Where each of an event's quotes stands; None when one is not verified."""
    quoted = []
    for citation in event.citations:
        source, article = catalogue.sources.get(citation.source), articles.get(citation.source)
        if places is not None:
            place = places.get((citation.source, citation.quote))
        else:
            place = None if article is None else article.find(citation.quote)
        if source is None or article is None or place is None:
            return None
        quoted.append((source, article, place))
    return quoted


def _dates(event: Event, quoted: _Quoted) -> Iterator[list[DateMention]]:
    """The dates an event's `date_text` and then each of its quotes (read in its article)
    mention, one list each, read only as far as they are asked for.

    `date_text` is read against the publication date of the event's first source. The
    offsets of a quote's mentions are those of its article.
    """
    if event.date_text:
        published = quoted[0][0].published if quoted else None
        yield find_mentions(event.date_text, published)
    for source, article, place in quoted:
        yield _mentions_within(article, place.start, place.end, source.published)


def _mentions_within(
    article: Article, start: int, end: int, published: PartialDate | None
) -> list[DateMention]:
    """The mentions touching `text[start:end]`, resolved as in the whole article.

    A mention is resolved against its sentence and the one before (`timeline_tui.sources.resolution`
    looks no further back), so reading from the start of the sentence before suffices.
    """
    sentences = article.sentences
    holding = max(bisect.bisect_right(sentences, start, key=_start) - 1, 0)
    first = max(holding - 1, 0)
    opening = sentences[first].start if holding > 0 else 0
    after = bisect.bisect_left(sentences, end, lo=first, key=_start)
    inside = [sentence.start - opening for sentence in sentences[first:after]]
    context = article.text[opening:end]
    return find_mentions(context, published, inside, since=start - opening)


def _start(span: Span) -> int:
    return span.start


def _overlaps(date: DateSpan, mentioned: DateSpan | None) -> bool:
    return mentioned is not None and date.overlaps(mentioned.first_day, mentioned.last_day)


def figure_in(figure: Figure, quotes: Iterable[str]) -> bool:
    """Whether `figure`'s value stands in any of `quotes` (see the module's docstring)."""
    wanted = _number(figure.value)
    if wanted is None:
        needle = fold(str(figure.value)).casefold()
        return any(needle in fold(quote).casefold() for quote in quotes)
    wanted = abs(wanted)
    return any(wanted in _numbers(quote) for quote in quotes)


def _numbers(text: str) -> set[Decimal]:
    """Every number `text` writes, as written and, after a scale word, as scaled."""
    found = set()
    for match in _NUMBER.finditer(text):
        value = Decimal(match["n"].replace(",", "") + (match["f"] or ""))
        found.add(value.normalize())
        if match["s"]:
            found.add(value.scaleb(_SCALES[match["s"].lower()]).normalize())
    for match in _NUMBER_WORD.finditer(text):
        found.add(Decimal(_WORD_VALUES[match[0].lower()]))
    return found


def _number(value: float | int | str) -> Decimal | None:
    """A figure's value as a number; None for text that is not one."""
    text = value if isinstance(value, str) else repr(value)
    try:
        number = Decimal(text.strip().replace(",", ""))
    except InvalidOperation:
        return None
    return number.normalize() if number.is_finite() else None


def _written(value: float | int | str) -> str:
    """The value as the catalogue writes it: `1.3`, `821000`, `3`."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
