"""The highlighted event's sources: each quote in its paragraph, figures, disagreements, notes."""

from __future__ import annotations

import re
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region
from textual.widgets import Static

from timeline_tui.app import key_help, keys
from timeline_tui.app.quotes import ArticleCache, quote_in_context, source_heading
from timeline_tui.app.search_marks import best_matching, term_pattern, term_spans
from timeline_tui.app.widgets.timeline_rows import (
    DISPUTED_MARK,
    SINGLE_SOURCE_MARK,
    UNVERIFIED_MARK,
)
from timeline_tui.app.widgets.timeline_view import TimelineView
from timeline_tui.cache import loaded_digest
from timeline_tui.cache.quotes import Outcome, kept_or_verified
from timeline_tui.catalogue.model import Catalogue, Citation, Event
from timeline_tui.sources.verify import late_event_ids, quotes_fingerprint, unverified_quotes
from timeline_tui.text.printable import printable

_KEYS_HINT = key_help.hint(
    (("main.next_source", "main.previous_source"), "next/previous"),
    ("main.article", "article"),
    ("main.copy", "copy"),
    ("main.zoom", "whole screen"),
    ("main.back", "closes"),
)


class QuoteViewer(VerticalScroll):
    """What the sources say about one event; `n`/`p` (on the screen) move between sources."""

    BINDINGS: ClassVar[list[BindingType]] = keys.QUOTES

    MATCH_STYLE = "bold underline"
    """Search words, over whatever style the text has."""

    DEFAULT_CSS = """
    QuoteViewer {
        height: 1fr;
        background: $surface;
        border-top: solid $border-blurred;
        border-title-color: $text-muted;
        padding: 0 1;
        scrollbar-size-vertical: 1;
        &:focus-within, &:focus { border-top: solid $border; }
        & > #quote-event { height: auto; margin-bottom: 1; }
        & > .quote-source {
            height: auto;
            margin-bottom: 1;
            padding: 0 0 0 1;
            border-left: outer $panel;
        }
        & > .quote-source.-current { border-left: outer $accent; }
    }
    """

    def __init__(
        self,
        catalogue: Catalogue,
        articles: ArticleCache,
        *,
        id: str | None = None,  # noqa: A002 - Textual's name for it
    ) -> None:
        super().__init__(id=id)
        self._catalogue = catalogue
        self._articles = articles
        self._event: Event | None = None
        self.source_index = 0
        """Which of the event's citations `n`, `p`, `o` and `y` act on."""
        self.unverified: dict[tuple[str, int], str] = {}
        """(event id, citation index) -> why that quote could not be verified."""
        self.verified = False
        """Whether `unverified` has been computed (in a worker, after the first paint)."""
        self._pattern: re.Pattern[str] | None = None
        self._quote_range = (0, 0)
        """Where the quote lies in the text of the section last built."""
        self._quote_lines: tuple[int, int] = (0, 0)
        """The current quote's first line in its section and its number of lines."""

    def compose(self) -> ComposeResult:
        yield Static(id="quote-event")

    def on_mount(self) -> None:
        self.border_title = Content(f"Sources · {_KEYS_HINT}")
        # after the first paint: at 100,000 events reading every article takes a second
        self.call_after_refresh(self._verify)

    @work(thread=True, exclusive=True, group="verify", exit_on_error=False)
    def _verify(self) -> None:
        # kept in the cache while nothing it depends on changes: verifying reads
        # every event and article, most of a minute at a million events
        catalogue = self._catalogue
        digest = loaded_digest(catalogue.path)
        fingerprint = None if digest is None else quotes_fingerprint(catalogue, digest)
        unverified = kept_or_verified(
            catalogue.path,
            fingerprint,
            lambda: Outcome(unverified_quotes(catalogue), late_event_ids(catalogue)),
        ).unverified
        self.app.call_from_thread(self._show_unverified, unverified)

    def _show_unverified(self, unverified: dict[tuple[str, int], str]) -> None:
        self.unverified = unverified
        self.verified = True
        for view in self.screen.query(TimelineView):
            view.mark_unverified(frozenset(event_id for event_id, _ in unverified))
        if self._event is not None and any(e == self._event.id for e, _ in unverified):
            self.query_one("#quote-event", Static).update(self._event_content(self._event))
            self._sync_sections()

    @property
    def event(self) -> Event | None:
        return self._event

    @property
    def citation(self) -> Citation | None:
        if self._event is None or not self._event.citations:
            return None
        return self._event.citations[self.source_index]

    def show_event(
        self, event: Event | None, source_index: int | None = None, search: str = ""
    ) -> None:
        """Show an event's sources, scrolled to the current one's quote.

        Args:
            event: The event, or None for none.
            source_index: Which citation is current; by default the first whose quote
                holds the most of the search's words (the first when none does).
            search: The search text, whose words are highlighted.
        """
        self._event = event
        self._pattern = term_pattern(search)
        count = len(event.citations) if event else 0
        if source_index is None:
            quotes = [citation.quote for citation in event.citations] if event else []
            source_index = best_matching(quotes, self._pattern)
        self.source_index = max(0, min(source_index, count - 1))
        self.query_one("#quote-event", Static).update(self._event_content(event))
        sections = self._sync_sections()
        self.scroll_home(animate=False, immediate=True)
        if sections:
            self._scroll_to_quote(sections[self.source_index])

    def select_source(self, delta: int) -> None:
        """Make the next (1) or previous (-1) source current, wrapping around."""
        if self._event is None or not self._event.citations:
            return
        self.source_index = (self.source_index + delta) % len(self._event.citations)
        self._scroll_to_quote(self._sync_sections()[self.source_index])

    @property
    def quote_region(self) -> Region:
        """Where the current quote lies, in the viewer's scrolled content (after layout)."""
        sections = list(self.query(".quote-source").results(Static))
        if not sections:
            return Region(0, 0, 0, 0)
        section = sections[self.source_index]
        top = section.virtual_region.y + self._quote_lines[0]
        return Region(0, top, max(1, self.scrollable_content_region.width), self._quote_lines[1])

    def _scroll_to_quote(self, section: Static) -> None:
        # a section mounted just now has no place yet: scroll once it is laid out
        self.call_after_refresh(self._scroll_to_quote_now, section)

    def _scroll_to_quote_now(self, section: Static) -> None:
        if not section.is_attached or self._event is None:
            return
        width = section.content_region.width
        if width <= 0:
            return
        content = self._source_content(self.source_index)
        start, end = self._quote_range
        rules = section.styles.get_rules()
        before = content[:start].get_height(rules, width)
        upto = content[:end].get_height(rules, width)
        self._quote_lines = (max(0, before - 1), max(1, upto - before + 1))
        region = self.quote_region
        # the label and heading above the quote show too when there is room for them;
        # scrolled no further than that, so the event's title stays when all fits
        context = min(region.y - section.virtual_region.y, 3)
        height = self.scrollable_content_region.height
        self.scroll_to_region(
            Region(0, region.y - context, region.width, min(height, region.height + context)),
            animate=False,
            force=True,
            immediate=True,
        )

    def _sync_sections(self) -> list[Static]:
        """One Static per citation, reused from event to event; the current one marked."""
        count = len(self._event.citations) if self._event else 0
        sections = list(self.query(".quote-source").results(Static))
        for extra in sections[count:]:
            extra.remove()
        sections = sections[:count]
        for number in range(count):
            content = self._source_content(number)
            if number < len(sections):
                sections[number].update(content)
            else:
                sections.append(Static(content, classes="quote-source"))
                self.mount(sections[-1])
            sections[number].set_class(number == self.source_index, "-current")
        return sections

    def _event_content(self, event: Event | None) -> Content:
        if event is None:
            return Content("No event is highlighted.")
        catalogue = self._catalogue
        when = [event.date.long_display()]
        if event.date_text:
            when.append(f"“{event.date_text}”")
        when.extend(event.places)
        actors = ", ".join(
            catalogue.actors[a].name if a in catalogue.actors else a for a in event.actors
        )
        themes = ", ".join(
            catalogue.themes[t].name if t in catalogue.themes else t for t in event.themes
        )
        parts: list[str | tuple[str, str] | Content] = [
            self._marked(Content.styled(printable(event.title), "bold")),
            "  ",
            (f"id {printable(event.id)}", "$text-muted"),
            "\n",
            (printable(" · ".join(when)), "$text-secondary"),
            "\n",
            (printable(actors), "$text-primary"),
            ("  " if actors and themes else "", ""),
            (printable(themes), "$text-muted"),
        ]
        if event.summary:
            parts += ["\n", self._marked(Content(printable(event.summary)))]
        for figure in event.figures:
            parts += ["\n", ("Figure: ", "bold"), printable(figure.display())]
        for dispute in event.disputes:
            parts += [
                "\n",
                (
                    f"{DISPUTED_MARK} Sources disagree ({printable(dispute.about)}): ",
                    "bold $text-warning",
                ),
                printable(dispute.note),
            ]
        for note in event.notes:  # caveats and context: apart from disagreements, no mark
            parts += ["\n", ("Note: ", "bold $text-muted"), printable(note)]
        if len(event.source_ids) == 1:
            parts += ["\n", (f"{SINGLE_SOURCE_MARK} A single source.", "$text-muted")]
        unverified = sum(1 for e, _ in self.unverified if e == event.id)
        if unverified:
            parts += [
                "\n",
                (
                    f"{UNVERIFIED_MARK} {unverified} of its quotes could not be verified in "
                    "their articles: `timeline check` says why.",
                    "bold $text-error",
                ),
            ]
        return Content.assemble(*parts)

    def _source_content(self, number: int) -> Content:
        assert self._event is not None
        citation = self._event.citations[number]
        count = len(self._event.citations)
        current = number == self.source_index
        source = self._catalogue.sources.get(citation.source)
        sources = len(self._event.source_ids)
        label = f"Quote {number + 1} of {count}"
        if sources != count:
            label += f" ({sources} source{'s' if sources != 1 else ''})"
        if count > 1:
            label += "  (n/p)"
        parts: list[str | tuple[str, str] | Content] = [
            (label, "bold $text-accent" if current else "$text-muted"),
            "\n",
        ]
        if source is None:
            parts += [
                (f"Unknown source {printable(citation.source)!r}.", "$text-error"),
                "\n",
            ]
            start = len(Content.assemble(*parts))
            quote = printable(citation.quote)
            parts.append((quote, "bold"))
            self._quote_range = (start, start + len(quote))
            return self._marked(Content.assemble(*parts))
        context = quote_in_context(self._articles, source, citation.quote)
        why = self.unverified.get((self._event.id, number))
        if why is not None:
            parts += [
                (f"{UNVERIFIED_MARK} Not verified: {printable(why)}.", "bold $text-error"),
                "\n",
            ]
        parts += [(source_heading(source), "bold"), "\n", (context.before, "$text-muted")]
        start = len(Content.assemble(*parts))
        self._quote_range = (start, start + len(context.quote))
        parts += [
            (context.quote, "bold $text-accent on $accent 15%"),
            (context.after, "$text-muted"),
        ]
        if context.problem:
            parts += ["\n", (context.problem, "$text-warning")]
        return self._marked(Content.assemble(*parts))

    def _marked(self, content: Content) -> Content:
        """`content` with the search's words highlighted."""
        for start, end in term_spans(content.plain, self._pattern):
            content = content.stylize(self.MATCH_STYLE, start, end)
        return content
