"""Relative dates resolve against what they are relative to, in small articles."""

from __future__ import annotations

import json

from timeline_tui.catalogue.dates import PartialDate
from timeline_tui.cli import main
from timeline_tui.sources.mentions import find_mentions

JULY_2024 = PartialDate(2024, 7)
THURSDAY = PartialDate(2024, 7, 11)


def resolved(text: str, published: PartialDate | None, words: str) -> tuple[str | None, str]:
    """The resolved ISO date and precision of the mention with these words."""
    for mention in find_mentions(text, published):
        if mention.text == words:
            iso = None if mention.resolved is None else mention.resolved.iso()
            return iso, mention.precision.label
    raise AssertionError(f"no mention {words!r} in {text!r}")


def test_a_year_later_counts_from_a_date_in_the_same_sentence():
    text = "The treaty was signed in March 2020 and a year later it lapsed."
    assert resolved(text, PartialDate(2025, 6, 1), "a year later") == ("2021", "year")


def test_a_year_later_counts_from_a_date_in_the_sentence_before():
    text = "The treaty was signed in March 2020. A year later, it lapsed."
    assert resolved(text, PartialDate(2025, 6, 1), "A year later") == ("2021", "year")


def test_a_date_two_sentences_back_is_too_far_to_count_from():
    text = "The treaty was signed in 2020. It was popular. A year later, it lapsed."
    assert resolved(text, PartialDate(2025, 6, 1), "A year later") == ("2026", "year")


def test_ago_counts_from_the_publication_even_after_a_date():
    text = "The treaty was signed in 2020. Talks began twenty years ago."
    assert resolved(text, THURSDAY, "twenty years ago") == ("2004", "year")


def test_a_day_after_a_dated_meeting_is_the_next_day_not_the_month():
    text = "Talks ended a day after the 3 July meeting."
    assert resolved(text, JULY_2024, "a day after") == ("2024-07-04", "day")


def test_a_day_after_a_day_in_the_sentence_before_is_the_next_day():
    text = "They met on 3 July 2024. A day after, the talks ended."
    assert resolved(text, JULY_2024, "A day after") == ("2024-07-04", "day")


def test_a_count_set_beside_a_date_stands_for_that_date():
    before = "The statement came on August 23, a day after a visit by the premier."
    assert resolved(before, JULY_2024, "a day after") == ("2024-08-23", "day")
    after = "He accepted the invitation almost a year later, on 22 April 2025."
    assert resolved(after, PartialDate(2025, 4), "a year later") == ("2025-04-22", "day")


def test_a_day_after_a_date_known_to_the_month_is_no_finer_than_the_month():
    text = "The port opened in March 2020. A day later, ships came."
    assert resolved(text, THURSDAY, "A day later") == ("2020-03/2020-04", "month")


def test_an_expected_month_is_the_next_such_month_after_publication():
    text = "Construction is expected to begin in January."
    assert resolved(text, PartialDate(1879, 12, 30), "January") == ("1880-01", "month")


def test_a_month_without_forward_words_stays_in_the_year_of_publication():
    text = "Construction began in January."
    assert resolved(text, PartialDate(1879, 12, 30), "January") == ("1879-01", "month")


def test_a_day_that_will_come_is_on_or_after_the_publication():
    text = "The bridge will open on 4 March."
    assert resolved(text, PartialDate(2024, 7, 11), "4 March") == ("2025-03-04", "day")


def test_a_weekday_in_an_article_dated_to_the_day_is_that_day():
    text = "On Tuesday, the minister spoke."
    assert resolved(text, THURSDAY, "Tuesday") == ("2024-07-09", "day")


def test_a_weekday_after_forward_words_is_the_next_one():
    text = "The minister will speak on Tuesday."
    assert resolved(text, THURSDAY, "Tuesday") == ("2024-07-16", "day")


def test_a_weekday_in_an_article_dated_to_the_month_is_the_month():
    assert resolved("On Tuesday, the minister spoke.", JULY_2024, "Tuesday") == ("2024-07", "month")


def test_in_an_undated_article_a_count_from_a_date_it_gives_still_resolves():
    text = "The port opened on 3 May 2010. Two years later, it closed."
    assert resolved(text, None, "Two years later") == ("2012", "year")
    assert resolved("It closed two years later.", None, "two years later") == (None, "year")


def test_coverage_reports_the_date_a_count_stands_for(capsys, make_catalogue):
    articles = {"one.txt": "Talks began on 3 March 2020. A year later, a treaty was signed.\n"}
    catalogue = make_catalogue(articles=articles)
    main(["coverage", "--catalog", str(catalogue), "--format", "json", "--source", "one"])
    mentions = json.loads(capsys.readouterr().out)["mentions"]
    assert [(m["text"], m["resolved"]) for m in mentions] == [
        ("3 March 2020", "2020-03-03"),
        ("A year later", "2021"),
    ]


def test_scheduled_as_an_adjective_does_not_look_forward():
    text = "The first scheduled ferry left the harbour on Wednesday morning."
    assert resolved(text, PartialDate(2024, 3, 14), "Wednesday") == ("2024-03-13", "day")


def test_scheduled_to_looks_forward():
    text = "The ferry is scheduled to leave on Wednesday."
    assert resolved(text, PartialDate(2024, 3, 14), "Wednesday") == ("2024-03-20", "day")
