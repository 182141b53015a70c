"""Commands that show events say, in one line on stderr, what could not be verified."""

from __future__ import annotations

import copy

import pytest
from conftest import tiny_catalogue

from timeline_tui.catalogue import load_catalogue
from timeline_tui.cli import main
from timeline_tui.sources.verify import summary_line, verify_citations


def broken() -> dict:
    data = copy.deepcopy(tiny_catalogue())
    data["events"][0]["sources"][0]["quote"] = "Words no article holds."
    data["sources"][1]["file"] = "gone.txt"  # cited by recognition[1] and port[0]
    return data


def test_verification_names_each_citation_and_why(make_catalogue):
    catalogue = load_catalogue(make_catalogue(broken()))
    verification = verify_citations(catalogue)
    assert verification.unverified == {
        ("recognition", 0): "quote not found in one.txt",
        ("recognition", 1): "article 'gone.txt' not found",
        ("port", 0): "article 'gone.txt' not found",
    }
    assert verification.event_ids() == {"recognition", "port"}


def test_a_clean_catalogue_has_no_summary(make_catalogue):
    catalogue = load_catalogue(make_catalogue())
    assert summary_line(catalogue, verify_citations(catalogue)) is None


def test_the_embedded_catalogue_verifies(embedded_path):
    catalogue = load_catalogue(embedded_path)
    verification = verify_citations(catalogue)
    assert verification.unverified == {} and verification.warnings == []


@pytest.mark.parametrize(
    ("args", "quotes"),
    [
        (["list"], 3),
        (["list", "--format", "json"], 3),
        (["show", "recognition"], 2),
        (["actors"], 3),
        (["themes"], 3),
    ],
)
def test_commands_that_show_events_say_what_could_not_be_verified(
    capsys, make_catalogue, args, quotes
):
    path = make_catalogue(broken())
    code = main([*args, "--catalog", str(path)])
    out, err = capsys.readouterr()
    assert code == 0 and out
    assert err == f"{path}: {quotes} quotes could not be verified; run timeline check\n"


def test_only_the_events_shown_are_counted(capsys, make_catalogue):
    path = make_catalogue(broken())
    main(["show", "port", "--catalog", str(path)])
    assert capsys.readouterr().err == (
        f"{path}: 1 quote could not be verified; run timeline check\n"
    )
    main(["list", "--search", "embassies", "--catalog", str(path)])
    assert capsys.readouterr().err == ""


def test_loading_warnings_are_counted_in_the_same_line(capsys, make_catalogue):
    data = copy.deepcopy(tiny_catalogue())
    data["events"][1]["acters"] = ["freedonia"]
    data["events"][4]["date"] = "2021-04"  # after one.txt, its only source, was published
    path = make_catalogue(data)
    main(["list", "--catalog", str(path)])
    assert capsys.readouterr().err == f"{path}: 2 warnings; run timeline check\n"


def test_a_clean_catalogue_prints_nothing_on_stderr(capsys, make_catalogue):
    assert main(["list", "--catalog", str(make_catalogue())]) == 0
    assert capsys.readouterr().err == ""


# --- the outcome kept in the cache -------------------------------------------------


@pytest.fixture
def settled(monkeypatch):
    """Articles count as settled at once: their outcome may be kept (see RECENT_SECONDS)."""
    monkeypatch.setattr("timeline_tui.sources.verify.RECENT_SECONDS", -3600.0)


def test_the_outcome_is_kept_and_used_while_nothing_changes(
    capsys, make_catalogue, settled, monkeypatch
):
    path = make_catalogue(broken())
    main(["list", "--catalog", str(path)])
    first = capsys.readouterr().err

    def unread(*args, **kwargs):
        raise AssertionError("the articles were read again")

    monkeypatch.setattr("timeline_tui.sources.verify.unverified_quotes", unread)
    main(["show", "port", "--catalog", str(path)])
    assert capsys.readouterr().err == f"{path}: 1 quote could not be verified; run timeline check\n"
    main(["list", "--catalog", str(path)])
    assert capsys.readouterr().err == first


def test_an_article_rewritten_to_the_same_size_and_time_is_verified_again(
    capsys, make_catalogue, settled
):
    import os

    path = make_catalogue()
    main(["list", "--catalog", str(path)])
    assert capsys.readouterr().err == ""
    article = path.parent / "one.txt"
    before = article.stat()
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("embassies", "EMBASSIES"), encoding="utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))  # only the change time moves
    main(["list", "--catalog", str(path)])
    assert capsys.readouterr().err == (
        f"{path}: 1 quote could not be verified; run timeline check\n"
    )


def test_a_changed_quote_is_verified_again(capsys, make_catalogue, settled):
    path = make_catalogue()
    main(["list", "--catalog", str(path)])
    assert capsys.readouterr().err == ""
    data = copy.deepcopy(tiny_catalogue())
    data["events"][0]["sources"][0]["quote"] = "Words no article holds."
    path = make_catalogue(data)
    main(["list", "--catalog", str(path)])
    assert capsys.readouterr().err == (
        f"{path}: 1 quote could not be verified; run timeline check\n"
    )


def test_an_article_changed_a_moment_ago_is_not_trusted_to_its_status(make_catalogue):
    from timeline_tui.sources.verify import quotes_fingerprint

    catalogue = load_catalogue(make_catalogue())
    assert quotes_fingerprint(catalogue, "digest") is None
    later = catalogue.path.stat().st_ctime + 60
    assert quotes_fingerprint(catalogue, "digest", now=later) is not None


def test_the_fingerprint_follows_the_catalogue_it_was_loaded_from(make_catalogue):
    from timeline_tui.sources.verify import quotes_fingerprint

    catalogue = load_catalogue(make_catalogue())
    later = catalogue.path.stat().st_ctime + 60
    assert quotes_fingerprint(catalogue, "one", now=later) != quotes_fingerprint(
        catalogue, "two", now=later
    )


def test_a_catalogue_read_without_the_cache_has_no_digest(make_catalogue):
    from timeline_tui.cache import load_index, loaded_digest

    path = make_catalogue()
    load_index(path)
    assert loaded_digest(path) is not None
    load_index(path, use_cache=False)
    assert loaded_digest(path) is None


def test_without_the_cache_nothing_is_kept(capsys, make_catalogue, settled, isolated_cache):
    path = make_catalogue(broken())
    main(["list", "--no-cache", "--catalog", str(path)])
    assert "3 quotes could not be verified" in capsys.readouterr().err
    assert not list(isolated_cache.rglob("*.quotes"))


def test_kept_warnings_are_counted_for_the_events_shown_by_their_ids(
    capsys, make_catalogue, settled
):
    data = copy.deepcopy(tiny_catalogue())
    late = next(event for event in data["events"] if event["id"] == "visit")
    late["date"] = "2022-01-05"  # after one.txt (2021-03-02), the only source citing it
    path = make_catalogue(data)
    main(["list", "--catalog", str(path)])
    assert capsys.readouterr().err == f"{path}: 1 warning; run timeline check\n"
    main(["list", "--since", "2022", "--catalog", str(path)])  # the outcome is kept now
    assert capsys.readouterr().err == f"{path}: 1 warning; run timeline check\n"
    main(["list", "--until", "2020", "--catalog", str(path)])
    assert capsys.readouterr().err == ""
    main(["show", "visit", "--catalog", str(path)])
    assert capsys.readouterr().err == f"{path}: 1 warning; run timeline check\n"
