"""Quotes found in their article whatever its white space, and where they stand."""

from __future__ import annotations

from timeline_tui.sources.provenance import MAX_PATTERN_WORDS, Article, Span


def test_a_quote_matches_across_line_breaks_and_runs_of_spaces():
    article = Article("Intro.\nThe  deal was\n\tsigned in March.")
    span = article.find("The deal was signed")
    assert span == Span(7, 28)
    assert article.text[span.start : span.end] == "The  deal was\n\tsigned"


def test_a_quote_with_other_words_is_not_found():
    assert Article("The deal was signed.").find("The deal is signed") is None


def test_a_quote_of_white_space_alone_is_found_nowhere():
    article = Article("Some text.")
    assert article.find(" \n ") is None
    assert article.find_all("") == []


def test_every_place_a_quote_stands_is_found_overlapping_included():
    assert Article("aa a aa").find_all("a a") == [Span(1, 4), Span(3, 6)]


def test_quote_characters_are_matched_literally():
    article = Article("It cost $1.3 [billion] (or so).")
    assert article.find("$1.3 [billion] (or") == Span(8, 26)
    assert article.find("$1x3") is None


def test_lines_and_columns_count_from_one():
    article = Article("first\nsecond line\n\nfourth")
    assert article.line_and_column(0) == (1, 1)
    assert article.line_and_column(6) == (2, 1)
    assert article.line_and_column(13) == (2, 8)
    assert article.line_and_column(19) == (4, 1)


def test_a_quote_too_long_for_a_pattern_is_matched_word_by_word():
    words = [f"w{n}" for n in range(MAX_PATTERN_WORDS + 50)]
    text = "Before. " + " \n".join(words) + " after."
    article = Article(text)
    span = article.find(" ".join(words))
    assert span is not None and text[span.start : span.end] == " \n".join(words)
    assert article.find(" ".join([*words, "nope"])) is None
    assert article.find_all(" ".join(words)) == [span]
