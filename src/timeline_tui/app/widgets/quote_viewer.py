"""The highlighted event's sources: each quote in its paragraph, figures, disagreements, notes."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from timeline_tui.app.quotes import ArticleCache, quote_in_context, source_heading
from timeline_tui.app.widgets.timeline_view import (
    DISPUTED_MARK,
    SINGLE_SOURCE_MARK,
    UNVERIFIED_MARK,
    TimelineView,
)
from timeline_tui.catalogue.model import Catalogue, Citation, Event
from timeline_tui.sources.verify import verify_citations
from timeline_tui.text.printable import printable


class QuoteViewer(VerticalScroll):
    """What the sources say about one event; `n`/`p` (on the screen) move between sources."""

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

    def compose(self) -> ComposeResult:
        yield Static(id="quote-event")

    def on_mount(self) -> None:
        self.border_title = Content("Sources · n/p next/previous · o article · y copy · esc closes")
        # after the first paint: at 100,000 events reading every article takes a second
        self.call_after_refresh(self._verify)

    @work(thread=True, exclusive=True, group="verify", exit_on_error=False)
    def _verify(self) -> None:
        unverified = verify_citations(self._catalogue).unverified
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

    def show_event(self, event: Event | None, source_index: int = 0) -> None:
        """Show an event's sources, the `source_index`-th one current."""
        self._event = event
        count = len(event.citations) if event else 0
        self.source_index = max(0, min(source_index, count - 1))
        self.query_one("#quote-event", Static).update(self._event_content(event))
        self._sync_sections()
        self.scroll_home(animate=False, immediate=True)

    def select_source(self, delta: int) -> None:
        """Make the next (1) or previous (-1) source current, wrapping around."""
        if self._event is None or not self._event.citations:
            return
        self.source_index = (self.source_index + delta) % len(self._event.citations)
        current = self._sync_sections()[self.source_index]
        # a section mounted just now has no place yet: scroll once it is laid out
        self.call_after_refresh(self.scroll_to_widget, current, animate=False, top=True)

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
            (printable(event.title), "bold"),
            "\n",
            (printable(" · ".join(when)), "$text-secondary"),
            "\n",
            (printable(actors), "$text-primary"),
            ("  " if actors and themes else "", ""),
            (printable(themes), "$text-muted"),
        ]
        if event.summary:
            parts += ["\n", printable(event.summary)]
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
        label = f"Quote {number + 1} of {count}"
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
                (printable(citation.quote), "bold"),
            ]
            return Content.assemble(*parts)
        context = quote_in_context(self._articles, source, citation.quote)
        why = self.unverified.get((self._event.id, number))
        if why is not None:
            parts += [
                (f"{UNVERIFIED_MARK} Not verified: {printable(why)}.", "bold $text-error"),
                "\n",
            ]
        parts += [(source_heading(source), "bold"), "\n"]
        parts += [
            (context.before, "$text-muted"),
            (context.quote, "bold $text-accent on $accent 15%"),
            (context.after, "$text-muted"),
        ]
        if context.problem:
            parts += ["\n", (context.problem, "$text-warning")]
        return Content.assemble(*parts)
