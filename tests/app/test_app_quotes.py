"""Quotes in their paragraph, and plain sentences when the article or the quote is missing."""

from __future__ import annotations

from timeline_tui.app.quotes import (
    ArticleCache,
    article_view,
    citation_text,
    quote_in_context,
    source_heading,
)
from timeline_tui.catalogue import load_catalogue
from timeline_tui.sources.provenance import Article


def test_the_quote_stands_in_its_paragraph(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    visit = catalogue.event("visit")
    assert visit is not None
    citation = visit.citations[0]
    context = quote_in_context(ArticleCache(), catalogue.sources["one"], citation.quote)
    assert context.problem is None
    assert context.quote.endswith("$1.3 [billion].")
    assert context.before == ""
    assert context.after == ""  # the quote is the whole line


def test_text_around_the_quote_comes_from_the_same_line(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    context = quote_in_context(
        ArticleCache(), catalogue.sources["two"], "Freedonia recognised Sylvania in 1992"
    )
    assert context.quote == "Freedonia recognised Sylvania in 1992"
    assert context.after == ", according to this account."


def test_a_missing_article_is_said_not_raised(make_catalogue, tmp_path):
    catalogue = load_catalogue(make_catalogue())
    (tmp_path / "two.txt").unlink()
    context = quote_in_context(ArticleCache(), catalogue.sources["two"], "anything")
    assert context.problem == "The article file two.txt is missing."
    assert context.quote == "anything"


def test_a_quote_not_in_the_article_is_said(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    context = quote_in_context(ArticleCache(), catalogue.sources["one"], "never written")
    assert context.problem is not None and "not in one.txt" in context.problem


def test_escape_sequences_in_an_article_become_visible():
    article = Article("Before \x1b[31mred\x1b[0m. The quote here.\nNext line")
    span = article.find("The quote here.")
    view = article_view(article, span)
    assert "\x1b" not in view.text
    assert "\\x1b[31m" in view.text
    row, column = view.start
    assert view.text.splitlines()[row][column:].startswith("The quote here.")
    assert view.end == (0, column + len("The quote here."))


def test_citation_and_heading_name_the_article(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    two = catalogue.sources["two"]
    assert source_heading(two) == "A. Writer · The Weekly · “Port” · 2021"
    assert citation_text(two, "The Sylvanian\nport opened") == (
        "“The Sylvanian port opened” — A. Writer, The Weekly, “Port”, 2021"
    )


def test_the_cache_reads_each_article_once(make_catalogue, tmp_path):
    catalogue = load_catalogue(make_catalogue())
    cache = ArticleCache(maxsize=1)
    first = cache.read(catalogue.sources["one"])
    assert cache.read(catalogue.sources["one"]) is first
    cache.read(catalogue.sources["two"])  # pushes `one` out
    assert cache.read(catalogue.sources["one"]) is not first
