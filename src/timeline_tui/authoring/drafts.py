"""`timeline draft`: an event stub for every open date mention that coverage finds.

One stub per sentence holding open mentions: its quote is the sentence itself
(white space folded, so it stands in the article by construction), its date the
first mention the resolver dates, `date_text` that mention's words, `actors` the
vocabulary entries named in the sentence, and `draft: true` with a title and a
summary still to write. A sentence whose mentions cannot be dated (a relative
date in an undated article) gets no stub: it is reported instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from timeline_tui.authoring.yamltext import Entry
from timeline_tui.catalogue.model import Actor, Catalogue
from timeline_tui.sources.check import UNWRITTEN
from timeline_tui.sources.coverage import CoverageMention, analyse

TITLE = f"{UNWRITTEN}: a title"
SUMMARY = f"{UNWRITTEN}: what happened, in a sentence or two"
REASON = f"{UNWRITTEN}: why this date is left out"


@dataclass(frozen=True, slots=True)
class Drafts:
    events: list[Entry]
    undated: list[CoverageMention]
    """Open mentions that no stub can date."""


def draft_events(catalogue: Catalogue, source_ids: Sequence[str] | None = None) -> Drafts:
    """Event stubs for the open date mentions of the catalogue's articles."""
    report = analyse(catalogue, list(source_ids) if source_ids else None)
    taken = {event.id for event in catalogue.events}
    events: list[Entry] = []
    undated: list[CoverageMention] = []
    for group in _by_sentence(report.open_mentions):
        dated = next((m for m in group if m.mention.resolved is not None), None)
        if dated is None:
            undated.extend(group)
            continue
        span = dated.mention.resolved
        assert span is not None
        # `ferry-link-2024` and 2023-06 make `ferry-link-2023-06`, not `ferry-link-2024-2023-06`
        stem = re.sub(r"-\d{4}\Z", "", dated.source)
        event_id = _free_id(f"{stem}-{span.start.iso()}", taken)
        taken.add(event_id)
        events.append(
            {
                "id": event_id,
                "date": span.start.iso(),
                **({"end": span.end.iso()} if span.end is not None else {}),
                "date_text": dated.mention.text,
                "title": TITLE,
                "summary": SUMMARY,
                "actors": named_actors(dated.sentence, catalogue.actors.values()),
                "themes": [],
                "sources": [{"source": dated.source, "quote": dated.sentence}],
                "draft": True,
            }
        )
    return Drafts(events, undated)


def exclusion_stubs(mentions: Iterable[CoverageMention]) -> list[Entry]:
    """An `excluded` entry to complete for each sentence holding open mentions."""
    return [
        {"source": group[0].source, "quote": group[0].sentence, "reason": REASON}
        for group in _by_sentence(mentions)
    ]


def named_actors(sentence: str, actors: Iterable[Actor]) -> list[str]:
    """The ids of the actors whose id, name or an alias stands in `sentence` as whole words."""
    found = []
    for actor in actors:
        for name in actor.names:
            if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence):
                found.append(actor.id)
                break
    return found


def _by_sentence(mentions: Iterable[CoverageMention]) -> list[list[CoverageMention]]:
    groups: dict[tuple[str, str], list[CoverageMention]] = {}
    for mention in mentions:
        groups.setdefault((mention.source, mention.sentence), []).append(mention)
    return list(groups.values())


def _free_id(base: str, taken: set[str]) -> str:
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
