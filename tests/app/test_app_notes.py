"""`≠` marks only articles that disagree; notes are shown apart, without the mark."""

from __future__ import annotations

from app_testing import SIZE, screen_text, settle, tiny_app
from conftest import tiny_catalogue
from textual.content import Content
from textual.widgets import Static

from timeline_tui.app.widgets.quote_viewer import QuoteViewer
from timeline_tui.app.widgets.timeline_rows import DISPUTED_MARK

NOTE = "Only this article dates the embassies."


def with_a_note() -> dict:
    data = tiny_catalogue()
    embassies = next(e for e in data["events"] if e["id"] == "embassies")
    embassies["notes"] = [NOTE]
    return data


def row_of(app, title: str) -> str:
    [row] = [line for line in screen_text(app).splitlines() if title in line]
    return row


def viewer_text(app) -> str:
    parts = []
    for static in app.screen.query_one(QuoteViewer).query(Static):
        content = static.content
        parts.append(content.plain if isinstance(content, Content) else str(content))
    return "\n".join(parts)


async def test_only_an_event_with_a_dispute_is_marked_disputed(make_catalogue):
    app = tiny_app(make_catalogue, data=with_a_note())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert DISPUTED_MARK in row_of(app, "Freedonia recognises Sylvania")
        assert DISPUTED_MARK not in row_of(app, "Embassies open")


async def test_a_note_is_shown_apart_from_disagreements(make_catalogue):
    app = tiny_app(make_catalogue, data=with_a_note())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")  # embassies: a note, no dispute
        text = viewer_text(app)
        assert f"Note: {NOTE}" in text
        assert "Sources disagree" not in text and DISPUTED_MARK not in text


async def test_a_disputed_event_shows_its_disagreement_and_no_note(make_catalogue):
    app = tiny_app(make_catalogue, data=with_a_note())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # recognition: the two articles disagree
        text = viewer_text(app)
        assert f"{DISPUTED_MARK} Sources disagree (date):" in text
        assert "Note:" not in text
