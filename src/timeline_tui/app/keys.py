"""Every key of the app, declared once.

Each screen's and widget's `BINDINGS` is a list from here; a binding's `description`
is its word in the key bar and its `tooltip` its line in the help screen (`?`).
`help_groups` puts the bindings, by id, into the help screen's groups; `key_help` turns
these into the help's lines and the hints in border titles and headers; README's key
table is tested against them.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

# The keys that move the focus to the filter pane are priority bindings: they run
# before the next key is sent on, so "/port" typed fast lands whole in the search
# box. `MainScreen.check_action` lets them through to a box or list being typed in.
MAIN: list[BindingType] = [
    # the sources panel's keys: first in the key bar while the panel is open
    Binding("n", "source(1)", "Next", id="main.next_source", tooltip="Next source of the event"),
    Binding(
        "p",
        "source(-1)",
        "Prev",
        id="main.previous_source",
        tooltip="Previous source of the event",
    ),
    Binding(
        "o",
        "open_article",
        "Article",
        id="main.article",
        tooltip="The full article, scrolled to the quote",
    ),
    Binding(
        "y",
        "copy_quote",
        "Copy",
        id="main.copy",
        tooltip="Copy the quote with its citation and the event's id",
    ),
    Binding(
        "z",
        "zoom_quotes",
        "Zoom",
        id="main.zoom",
        tooltip="The sources panel on the whole screen, or back",
    ),
    Binding("question_mark", "help", "Help", id="main.help", tooltip="Every key"),
    Binding(
        "slash",
        "focus_search",
        "Search",
        priority=True,
        id="main.search",
        tooltip="Search titles, summaries and quotes",
    ),
    Binding(
        "a",
        "focus_facet('actors')",
        "Actors",
        priority=True,
        id="main.actors",
        tooltip="Tick actors; typing narrows the list",
    ),
    Binding(
        "t",
        "focus_facet('themes')",
        "Themes",
        priority=True,
        id="main.themes",
        tooltip="Tick themes; typing narrows the list",
    ),
    Binding(
        "d",
        "focus_dates",
        "Dates",
        priority=True,
        id="main.dates",
        tooltip="Since and until: 2019, April 2019, 2 years ago",
    ),
    Binding("c", "clear_filters", "Clear", id="main.clear", tooltip="Clear every filter"),
    Binding(
        "Y",
        "filter_year",
        "Year",
        show=False,
        id="main.year",
        tooltip="Only the highlighted event's year; again, every year",
    ),
    Binding("f", "toggle_pane", "Filters", id="main.pane", tooltip="Hide or show the filter pane"),
    Binding(
        "L",
        "show_command",
        "Command",
        show=False,
        id="main.command",
        tooltip="The `timeline list` command for this view, to pipe it",
    ),
    Binding(
        "escape",
        "back",
        "Back",
        id="main.back",
        tooltip="Back to the timeline; there, close the sources panel",
    ),
    Binding(
        "e",
        "edit",
        "Edit",
        show=False,
        id="main.edit",
        tooltip="The highlighted event in $VISUAL or $EDITOR (else vi), at its line",
    ),
    Binding(
        "v",
        "focus_evidence",
        "Evidence",
        show=False,
        priority=True,
        id="main.evidence",
        tooltip="Evidence filters; any of or all of the ticked actors and themes",
    ),
    Binding(
        "m",
        "toggle_mark",
        "Mark",
        show=False,
        id="main.mark",
        tooltip="Mark or unmark the event (a star, kept per catalogue)",
    ),
    Binding(
        "r",
        "reverse",
        "Reverse",
        show=False,
        id="main.reverse",
        tooltip="Newest first, or oldest first",
    ),
    Binding(
        "colon",
        "jump",
        "Jump",
        show=False,
        id="main.jump",
        tooltip="Jump to a date: 2019, Apr 2019, 2 years ago",
    ),
]

ARTICLE: list[BindingType] = [
    Binding("escape", "back", "Back", id="article.back", tooltip="Back to the timeline"),
    Binding(
        "tab,right_square_bracket",
        "quote(1)",
        "Next quote",
        id="article.next_quote",
        tooltip="The next quote the catalogue takes from this article",
    ),
    Binding(
        "shift+tab,left_square_bracket",
        "quote(-1)",
        "Previous quote",
        show=False,
        id="article.previous_quote",
        tooltip="The previous quote the catalogue takes from this article",
    ),
    Binding(
        "enter",
        "go_to_event",
        "Go to event",
        id="article.go_to_event",
        tooltip="Close the article and move the timeline to this quote's event",
    ),
    Binding(
        "right_curly_bracket",
        "open_mention(1)",
        "Next open date",
        id="article.next_open",
        tooltip="The next date mention no event or exclusion accounts for",
    ),
    Binding(
        "left_curly_bracket",
        "open_mention(-1)",
        "Previous open date",
        show=False,
        id="article.previous_open",
        tooltip="The previous date mention no event or exclusion accounts for",
    ),
    Binding(
        "n",
        "source(1)",
        "Next source",
        id="article.next_source",
        tooltip="The article of the event's next source",
    ),
    Binding(
        "p",
        "source(-1)",
        "Previous source",
        id="article.previous_source",
        tooltip="The article of the event's previous source",
    ),
    Binding(
        "y",
        "copy_quote",
        "Copy quote",
        id="article.copy",
        tooltip="Copy the event's quote with its citation",
    ),
    Binding(
        "e",
        "edit",
        "Edit",
        show=False,
        id="article.edit",
        tooltip="The article in $VISUAL or $EDITOR, at the line shown",
    ),
]

PROBLEMS: list[BindingType] = [
    Binding(
        "escape,q,exclamation_mark",
        "app.pop_screen",
        "Back",
        id="problems.close",
        tooltip="Back to the timeline",
    ),
    Binding("r", "check", "Check again", id="problems.check", tooltip="Run the check again"),
]

APP: list[BindingType] = [
    Binding("q", "quit", "Quit", id="app.quit", tooltip="Quit timeline"),
    Binding(
        "exclamation_mark",
        "problems",
        "Problems",
        show=False,
        id="app.problems",
        tooltip="What `timeline check` reports, each problem a jump to the editor",
    ),
]

TIMELINE: list[BindingType] = [
    Binding(
        "j,down", "cursor_down", "Next event", show=False, id="timeline.down", tooltip="Next event"
    ),
    Binding(
        "k,up",
        "cursor_up",
        "Previous event",
        show=False,
        id="timeline.up",
        tooltip="Previous event",
    ),
    Binding(
        "pagedown",
        "page_down",
        "Page down",
        show=False,
        id="timeline.page_down",
        tooltip="A page down",
    ),
    Binding("pageup", "page_up", "Page up", show=False, id="timeline.page_up", tooltip="A page up"),
    Binding(
        "g,home", "first", "First event", show=False, id="timeline.first", tooltip="First event"
    ),
    Binding("G,end", "last", "Last event", show=False, id="timeline.last", tooltip="Last event"),
    Binding(
        "enter",
        "choose",
        "Quotes",
        id="timeline.choose",
        tooltip="Show the sources and quotes of the highlighted event",
    ),
]

QUOTES: list[BindingType] = [
    Binding(
        "j",
        "scroll_down",
        "Scroll down",
        show=False,
        id="quotes.down",
        tooltip="Scroll the sources panel down, when it has the focus",
    ),
    Binding(
        "k",
        "scroll_up",
        "Scroll up",
        show=False,
        id="quotes.up",
        tooltip="Scroll the sources panel up, when it has the focus",
    ),
]

FACET_LIST: list[BindingType] = [
    Binding(
        "space,enter",
        "toggle_entry",
        "Toggle",
        id="facet.toggle",
        tooltip="Tick or untick the highlighted actor or theme",
    ),
    Binding("down", "cursor_down", "Down", show=False),
    Binding("up", "cursor_up", "Up", show=False),
    Binding("pagedown", "page_down", "Page down", show=False),
    Binding("pageup", "page_up", "Page up", show=False),
    Binding("home", "first", "First", show=False),
    Binding("end", "last", "Last", show=False),
]

EVIDENCE: list[BindingType] = [
    Binding(
        "space,enter",
        "toggle_switch",
        "Toggle",
        id="evidence.toggle",
        tooltip="Turn the highlighted evidence filter on or off",
    ),
    Binding("down,j", "cursor(1)", "Down", show=False, id="evidence.down"),
    Binding("up,k", "cursor(-1)", "Up", show=False, id="evidence.up"),
]

JUMP: list[BindingType] = [
    Binding("escape", "close", "Close", id="jump.close", tooltip="Back to the timeline"),
]

HELP_SCREEN: list[BindingType] = [
    Binding("escape,question_mark,q", "app.pop_screen", "Close", id="help.close"),
]

COMMAND: list[BindingType] = [
    Binding("escape,L,q", "app.pop_screen", "Close", id="command.close"),
    Binding("y", "copy", "Copy", id="command.copy"),
]

PROBLEMS_PANEL: list[BindingType] = [
    Binding("escape", "hide", "Hide", id="problems_panel.hide", tooltip="Hide the problems"),
]
