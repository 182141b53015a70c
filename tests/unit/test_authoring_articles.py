"""`timeline add-source`: an article's text and metadata, stored once and never rewritten."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import lxml.html
import pytest

from timeline_tui.authoring.articles import AddRefused, add_sources, read_article
from timeline_tui.authoring.pagedate import page_date
from timeline_tui.authoring.scaffold import InitRefused, init_catalogue
from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.dates import PartialDate
from timeline_tui.catalogue.errors import Severity
from timeline_tui.sources.check import check_catalogue

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


@pytest.fixture
def catalogue(tmp_path) -> Path:
    return init_catalogue(tmp_path / "cat")


def test_a_new_catalogue_passes_check_and_refuses_a_second_init(tmp_path):
    path = init_catalogue(tmp_path / "new", "Ferries: a history")
    loaded = load_catalogue(path)
    assert loaded.title == "Ferries: a history"
    assert check_catalogue(loaded) == []
    assert (tmp_path / "new" / "articles").is_dir()
    with pytest.raises(InitRefused, match="already exists"):
        init_catalogue(tmp_path / "new")


def test_a_page_gives_its_text_and_metadata():
    article = read_article(ARTICLES / "ferry-link.html")
    assert article.title == "New ferry link opens between Aldport and Kessing"
    assert (article.author, article.publisher) == ("Mara Velden", "Riverside Gazette")
    assert article.published == PartialDate(2024, 3, 14)
    assert article.origin == "https://riverside-gazette.example/news/ferry-link-opens"
    assert "approved the route on 12 January 2023" in article.text
    assert "All rights reserved" not in article.text
    assert article.unsaid == []


def test_a_month_in_a_time_element_stays_a_month():
    article = read_article(ARTICLES / "library-reopens.html")
    assert article.published == PartialDate(2023, 11)


def test_what_a_page_does_not_say_is_left_empty():
    article = read_article(ARTICLES / "market-hall.html")
    assert (article.author, article.publisher, article.published) == (None, None, None)
    assert article.unsaid == ["publisher", "author", "publication date"]


@pytest.mark.parametrize(
    ("head", "estimate", "expected"),
    [
        ('<meta name="date" content="2019">', "2019-11-27", PartialDate(2019)),
        ('<meta name="date" content="2019-04-02T10:00">', "2019-04-02", PartialDate(2019, 4, 2)),
        ("<time>April 2019</time>", "2019-04-27", PartialDate(2019, 4)),
        ("", "2019-04-27", None),
        ('<meta name="date" content="2019-04">', None, PartialDate(2019, 4)),
        ("<time>3 October 2022</time>", "2023-11-27", None),
        ("<time datetime='2022-10-03'>then</time>", None, None),
    ],
)
def test_the_page_date_is_never_finer_than_the_page(head, estimate, expected):
    tree = lxml.html.document_fromstring(f"<html><head>{head}</head><body><p>x</p></body></html>")
    assert page_date(tree, estimate) == expected


def test_added_sources_record_origin_time_and_sha256(catalogue):
    added = add_sources(catalogue, [ARTICLES / "ferry-link.html"], now=NOW)
    source = load_catalogue(catalogue).sources[added[0].source_id]
    assert source.file == "articles/ferry-link-2024.txt"
    assert source.added == "2026-01-02T03:04:05Z"
    assert source.origin == "https://riverside-gazette.example/news/ferry-link-opens"
    import hashlib

    assert source.sha256 == hashlib.sha256(source.path.read_bytes()).hexdigest()
    assert source.path.read_text(encoding="utf-8") == added[0].article.text


def test_a_plain_text_article_is_stored_as_it_is(catalogue, tmp_path):
    text = tmp_path / "note.txt"
    text.write_text("Ferries ran again in May 2024.\n", encoding="utf-8")
    add_sources(catalogue, [text], "note", now=NOW)
    source = load_catalogue(catalogue).sources["note"]
    assert source.path.read_bytes() == text.read_bytes()
    assert (source.publisher, source.title, source.published) == ("", "", None)


def test_the_same_text_twice_is_refused_naming_the_source(catalogue):
    add_sources(catalogue, [ARTICLES / "market-hall.html"], "hall", now=NOW)
    before = catalogue.read_bytes()
    with pytest.raises(AddRefused, match="already in the catalogue as 'hall'"):
        add_sources(catalogue, [ARTICLES / "market-hall.html"], "hall-again", now=NOW)
    assert catalogue.read_bytes() == before
    assert sorted(p.name for p in (catalogue.parent / "articles").iterdir()) == ["hall.txt"]


def test_an_article_file_already_there_is_never_touched(catalogue):
    squatter = catalogue.parent / "articles" / "hall.txt"
    squatter.write_text("mine\n")
    add_sources(catalogue, [ARTICLES / "market-hall.html"], "hall", now=NOW)
    assert squatter.read_text() == "mine\n"
    assert load_catalogue(catalogue).sources["hall"].file == "articles/hall-2.txt"


def test_a_taken_id_is_refused(catalogue):
    add_sources(catalogue, [ARTICLES / "market-hall.html"], "x", now=NOW)
    with pytest.raises(AddRefused, match="already has a source 'x'"):
        add_sources(catalogue, [ARTICLES / "ferry-link.html"], "x", now=NOW)


def test_a_file_that_is_not_utf8_is_refused(catalogue, tmp_path):
    latin = tmp_path / "latin.txt"
    latin.write_bytes("caf\xe9\n".encode("latin-1"))
    with pytest.raises(AddRefused, match="not UTF-8"):
        add_sources(catalogue, [latin], now=NOW)


def test_check_reports_an_article_changed_after_it_was_added(catalogue):
    add_sources(catalogue, [ARTICLES / "ferry-link.html"], "ferry", now=NOW)
    loaded = load_catalogue(catalogue)
    assert check_catalogue(loaded) == []
    stored = loaded.sources["ferry"].path
    stored.write_text(stored.read_text().replace("ninety", "ninety-one"))
    problems = check_catalogue(loaded)
    assert [(p.field, p.severity) for p in problems] == [("sources[ferry].sha256", Severity.ERROR)]
    assert "has changed since it was added" in problems[0].message
