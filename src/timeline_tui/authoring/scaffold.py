"""`timeline init`: a new catalogue folder whose `events.yaml` documents the format."""

from __future__ import annotations

import os
from pathlib import Path

from timeline_tui.authoring.yamltext import scalar

CATALOGUE_NAME = "events.yaml"
ARTICLES_FOLDER = "articles"

_TEMPLATE = """\
# A catalogue of dated events, each resting on verbatim quotes from the articles
# kept in {articles}/. `timeline check` validates it and verifies every quote;
# `timeline coverage` lists the dates the articles mention that no event covers.
#
# Dates are written "YYYY", "YYYY-MM" or "YYYY-MM-DD", in quotes, as precisely as
# the sources allow and never more. Text with ": " or " #" in it is quoted too.

# The catalogue's name, shown in the app's header, and what it is about.
title: {title}
description: >-
  What this catalogue follows, over which years, and from which articles.

# The articles. `timeline add-source FILE` stores a text or HTML article in
# {articles}/ and adds its entry here; the stored text is never rewritten.
#   - id: short-name           # how events cite it
#     file: {articles}/short-name.txt
#     publisher: Site or newspaper
#     title: The article's headline
#     author: null             # null when the article does not say
#     published: "2024-03"     # at the precision the article gives; null if it gives none
#     published_note: null     # how the date was worked out, when it is not printed
sources: []

# The people and organisations that events involve.
#   - id: harbour-board
#     name: Aldport Harbour Board
#     kind: organisation       # person, organisation, country, ...
#     aliases: [the harbour board]
#     affiliation: null        # the id of another actor
actors: []

# The subjects that group events.
#   - id: transport
#     name: Transport
#     description: Roads, ferries and railways.
themes: []

# The events, each citing at least one source with a quote that stands in it
# verbatim (white space aside). `timeline draft` drafts one for every date the
# articles mention that no event quotes yet, marked `draft: true` until written.
#   - id: ferry-route-approved-2023
#     date: "2023-01-12"
#     end: null                # the last day of a span, when it has one
#     date_text: 12 January 2023
#     title: Harbour board approves the ferry route
#     summary: The Aldport Harbour Board approved the Aldport-Kessing ferry route.
#     actors: [harbour-board]
#     themes: [transport]
#     sources:
#       - source: short-name
#         quote: The Aldport Harbour Board approved the route on 12 January 2023
events: []

# Dated statements of the articles left out on purpose, each with its reason
# (`timeline coverage --format yaml` prints one for each open mention).
#   - source: short-name
#     quote: Riverside Gazette, 14 March 2024
#     reason: the article's own date line
excluded: []
"""


class InitRefused(Exception):
    """The folder already holds a catalogue, or cannot be made."""


def init_catalogue(folder: Path, title: str | None = None) -> Path:
    """Create `folder` (if needed) with a documented, empty `events.yaml` and an articles folder.

    Raises:
        InitRefused: `folder/events.yaml` exists, or the folder cannot be made.
    """
    path = folder / CATALOGUE_NAME
    if path.exists() or path.is_symlink():
        raise InitRefused(f"{path} already exists; refusing to overwrite it")
    name = title or folder.resolve().name or "Timeline"
    text = _TEMPLATE.format(title=scalar(name), articles=ARTICLES_FOLDER)
    try:
        (folder / ARTICLES_FOLDER).mkdir(parents=True, exist_ok=True)
        # "x": never replace a catalogue that appeared meanwhile
        with open(path, "x", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
    except FileExistsError:
        raise InitRefused(f"{path} already exists; refusing to overwrite it") from None
    except OSError as error:
        raise InitRefused(f"cannot create {path}: {error.strerror or error}") from None
    return path
