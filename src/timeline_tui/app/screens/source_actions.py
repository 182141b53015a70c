"""What the main screen's `o` and `y` do with the highlighted event's sources.

Both act on one quote: the sources panel's current one while it shows the event,
else the one the panel would open at (the first holding the most search words).
`o` opens that quote's article; the article screen's enter comes back here to move
the timeline to the event of the quote chosen there.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.widget import AwaitMount

from timeline_tui.app.quotes import citation_text
from timeline_tui.app.search_marks import best_matching, term_pattern
from timeline_tui.catalogue.model import Catalogue, Citation, Event

if TYPE_CHECKING:
    from timeline_tui.app.screens.main import MainScreen


def open_highlighted_article(screen: MainScreen) -> None:
    """`o`: the article of the quote the highlighted event's sources are at."""
    event = screen.timeline.highlighted_event
    if event is None:
        return
    shown = screen.catalogue.events[event]
    open_article(
        screen,
        screen.quotes.source_index
        if screen.quotes_open and (screen.quotes.event is shown)
        else matching_citation(screen, shown),
    )


def open_article(screen: MainScreen, citation: int) -> AwaitMount | None:
    """Show the article of the highlighted event's `citation`."""
    event = screen.timeline.highlighted_event
    if event is None:
        return None
    # imported on first use: the article screen's text area and date marks
    # would otherwise cost every start ~20 ms
    from timeline_tui.app.screens.article import ArticleScreen

    catalogue = screen.catalogue
    return screen.app.push_screen(
        ArticleScreen(
            catalogue, catalogue.events[event], citation, screen.articles, screen.filters.text
        ),
        callback=partial(_article_closed, screen, catalogue),
    )


def current_citation(screen: MainScreen, event: Event) -> Citation | None:
    """The citation `o` and `y` act on: the sources panel's current one, else the one
    the panel would open at."""
    if screen.quotes_open and screen.quotes.event is event:
        return screen.quotes.citation
    return event.citations[matching_citation(screen, event)] if event.citations else None


def matching_citation(screen: MainScreen, event: Event) -> int:
    """The first of the event's quotes holding the most search words (else the first)."""
    quotes = [citation.quote for citation in event.citations]
    return best_matching(quotes, term_pattern(screen.filters.text))


def _article_closed(screen: MainScreen, catalogue: Catalogue, event: int | None) -> None:
    """The article screen's enter: move to the event of the quote chosen there."""
    if event is None:
        return
    if catalogue is not screen.catalogue:  # reloaded since the article was opened
        event_id = catalogue.events[event].id
        found = (i for i, e in enumerate(screen.catalogue.events) if e.id == event_id)
        event = next(found, None)
        if event is None:
            screen.notify("That event is no longer in the catalogue.", markup=False)
            return
    hidden = not screen.shows_event(event)
    screen.go_to_event(event)
    if hidden:
        screen.notify("The filters hid that event, so they are cleared.", markup=False)


def copy_quote(screen: MainScreen) -> None:
    """`y`: the quote, its citation and the event's id, to the terminal's clipboard."""
    event = screen.timeline.highlighted_event
    if event is None:
        return
    shown = screen.catalogue.events[event]
    citation = current_citation(screen, shown)
    if citation is None:
        return
    source = screen.catalogue.sources.get(citation.source)
    if source is None:
        screen.notify("That source is not in the catalogue.", severity="warning", markup=False)
        return
    screen.app.copy_to_clipboard(citation_text(source, citation.quote, shown.id))
    screen.notify("Sent the quote and its citation to the terminal's clipboard.", markup=False)
