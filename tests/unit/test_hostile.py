"""Broken and hostile catalogues: a precise message, a non-zero exit, no traceback, no hang."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest
from conftest import run_cli as run

from timeline_tui.catalogue import load_catalogue
from timeline_tui.catalogue.errors import CatalogueError
from timeline_tui.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "data" / "hostile"

# file -> (exit code of `list`, words of the message, line named or None)
REFUSED = {
    "absolute-path.yaml": ("sources[art].file: '/etc/passwd' is outside the catalogue's folder", 4),
    "path-escape.yaml": ("is outside the catalogue's folder; refusing to read it", 4),
    "billion-laughs.yaml": ("aliases (*a) are not allowed", 2),
    "comments-only.yaml": ("is empty", None),
    "empty.yaml": ("is empty", None),
    "custom-tag.yaml": ("the tag !shout is not allowed", 15),
    "python-tag.yaml": ("the tag !!python/object/apply:os.system is not allowed", 15),
    "duplicate-event-id.yaml": ("events[port].id: duplicate id 'port' (first on line 13)", 20),
    "duplicate-yaml-key.yaml": ("duplicate key 'summary' (first given on line 16)", 17),
    "end-before-start.yaml": ("events[port].end: the end 2017 is before the start 2018-01", 15),
    "impossible-day.yaml": ("events[port].date: February 2019 has no day 30", 14),
    "unquoted-impossible-date.yaml": ("events[port].date: February 2019 has no day 30", 14),
    "impossible-month.yaml": ("events[port].date: month 13 does not exist", 14),
    "invalid-utf8.yaml": ("is not valid UTF-8 (byte 0xff)", 5),
    "binary.bin": ("is not valid UTF-8", 2),
    "nul-byte.yaml": ("contains a NUL byte", 5),
    "list-for-string.yaml": ("events[port].title: expected text, got a list", 15),
    "number-for-list.yaml": ("events[port].actors: expected a list, got the number 7", 17),
    "missing-title.yaml": ("events[port].title: missing", 13),
    "not-yaml.yaml": ("not valid YAML", 3),
    "tab-indent.yaml": ("not valid YAML", 2),
    "raw-escape-character.yaml": ("the character '\\x1b' is not allowed", 15),
    "top-level-list.yaml": ("expected a mapping of sources, actors, themes and events", 1),
    "top-level-scalar.yaml": ("got text", 1),
    "two-documents.yaml": ("holds more than one YAML document", 22),
    "unknown-actor.yaml": ("unknown actor 'sylvanai'; did you mean 'sylvania'?", 17),
    "unknown-theme.yaml": ("unknown theme 'trades'; did you mean 'trade'?", 18),
    "unknown-source.yaml": ("unknown source 'artt'; did you mean 'art'?", 20),
    "fullwidth-year.yaml": ("events[port].date: '２０１８-01' is not a date of the form YYYY", 14),
    "arabic-indic-year.yaml": ("(written with the digits 0 to 9)", 14),
    "hex-year.yaml": ("events[port].date: 0x7E2 is a number written in another notation", 14),
    "nan-figure.yaml": ("figures[0].value: expected a number, got nan", 20),
    "inf-figure.yaml": ("figures[0].value: expected a number, got -inf", 21),
    "deep-nesting.yaml": ("nested more than 64 levels deep", 16),
}

# loads, but `check` has something to say: (exit code of check, words, line)
CHECKED = {
    "quote-not-in-article.yaml": (
        1,
        "quote not found in article.txt; did you mean: 'Sylvania opened a port in January 2018.'",
        21,
    ),
    "missing-article.yaml": (1, "article 'gone.txt' not found", 3),
    "unknown-key.yaml": (
        0,
        "events[port].acters: warning: unknown key (did you mean 'actors'?)",
        17,
    ),
    "after-publication.yaml": (
        0,
        "warning: 2021-05 is after the publication of every source that reports it",
        13,
    ),
}

ACCEPTED = [
    "_valid.yaml",
    "bom.yaml",
    "yaml-native-date.yaml",
    "integer-year.yaml",
    "markup-and-escapes.yaml",
    *CHECKED,
]


def test_the_corpus_is_all_accounted_for():
    files = {p.name for p in CORPUS.iterdir() if p.suffix in (".yaml", ".bin")}
    assert files == set(REFUSED) | set(ACCEPTED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_refused_with_file_line_and_reason(capsys, monkeypatch, name):
    monkeypatch.chdir(CORPUS)
    words, line = REFUSED[name]
    code, out, err = run(capsys, "list", "--catalog", name)
    assert code == 2 and out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert 1 <= len(lines) <= 2, err
    where = f"timeline: {name}:{line}: " if line else f"timeline: {name}: "
    assert lines[0].startswith(where), err
    assert words in lines[0]


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_check_reports_what_loading_accepts(capsys, monkeypatch, name):
    monkeypatch.chdir(CORPUS)
    expected_code, words, line = CHECKED[name]
    code, out, _ = run(capsys, "check", "--catalog", name)
    assert code == expected_code
    [problem] = out.splitlines()
    assert problem.startswith(f"{name}:{line}: ") and words in problem


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_files_list_their_event(capsys, monkeypatch, name):
    monkeypatch.chdir(CORPUS)
    code, out, _ = run(capsys, "list", "--catalog", name, "--format", "jsonl")
    assert code == 0 and json.loads(out)["id"] == "port"


def test_terminal_attacks_are_neutralised_in_text_and_kept_in_data(capsys, monkeypatch):
    monkeypatch.chdir(CORPUS)
    for args in (["list"], ["show", "port"], ["list", "--format", "markdown"]):
        code, out, _ = run(capsys, *args, "--catalog", "markup-and-escapes.yaml")
        assert code == 0
        for dangerous in ("\x1b", "\x07", "\u202e", "\u200b"):
            assert dangerous not in out
        assert "\\x1b" in out
    _, out, _ = run(capsys, "show", "port", "--catalog", "markup-and-escapes.yaml")
    assert "[bold red]A port[/] opens" in out and "$1.3 [billion]" in out
    _, out, _ = run(capsys, "list", "--format", "json", "--catalog", "markup-and-escapes.yaml")
    event = json.loads(out)[0]
    assert event["title"].startswith("[bold red]A port[/] opens \x1b[2J\x1b]52;c;")
    assert "\u202eevil\u202c" in event["summary"]


def test_escape_sequences_in_error_messages_are_neutralised(capsys, make_catalogue):
    data_path = make_catalogue(text='sources: "\\e]52;c;x\\a"\n')
    code, _, err = run(capsys, "list", "--catalog", str(data_path))
    assert code == 2 and "\x1b" not in err and "\x07" not in err


def test_unreadable_file(capsys, monkeypatch, tmp_path):
    path = tmp_path / "locked.yaml"
    path.write_text("sources: []\n")

    real_open, real_read_bytes = os.open, Path.read_bytes

    def refuse_open(name: object, *args: object, **kwargs: object) -> int:
        if str(name) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(name, *args, **kwargs)  # type: ignore[arg-type]

    def refuse_read(self: Path) -> bytes:
        if self == path:
            raise PermissionError(13, "Permission denied")
        return real_read_bytes(self)

    # tests may run as root, for whom chmod 000 changes nothing
    monkeypatch.setattr(os, "open", refuse_open)
    monkeypatch.setattr(Path, "read_bytes", refuse_read)
    code, _, err = run(capsys, "list", "--catalog", str(path))
    assert code == 2 and err.strip() == f"timeline: {path}: permission denied"


def test_directory_and_missing_path(capsys, tmp_path):
    assert (
        run(capsys, "list", "--catalog", str(tmp_path))[2]
        .strip()
        .endswith("is a directory, not a file")
    )
    assert (
        run(capsys, "list", "--catalog", str(tmp_path / "x.yaml"))[2]
        .strip()
        .endswith("no such file")
    )


def test_symlink_out_of_the_folder_is_refused(capsys, tmp_path):
    for name in ("_valid.yaml", "article.txt"):
        shutil.copy(CORPUS / name, tmp_path / name)
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.txt").write_text("secret")
    folder = tmp_path / "catalogue"
    folder.mkdir()
    (folder / "article.txt").symlink_to(tmp_path / "outside" / "secret.txt")
    shutil.copy(CORPUS / "_valid.yaml", folder / "events.yaml")
    code, _, err = run(capsys, "check", "--catalog", str(folder / "events.yaml"))
    assert code == 1 and "outside the catalogue's folder" in _ + err


def _block(opener: str, depth: int) -> str:
    return "".join("  " * level + opener + "\n" for level in range(depth)) + "  " * depth + "x\n"


DEEP = {
    "flow sequences": "events: " + "[" * 100_000 + "]" * 100_000 + "\n",
    "flow mappings": "events: " + "{a: " * 100_000 + "}" * 100_000 + "\n",
    "flow, just too deep": "events: " + "[" * 65 + "]" * 65 + "\n",
    "block mappings": "events:\n" + _block("a:", 5_000),
    "block sequences": "events:\n" + _block("-", 5_000),
    "block then flow": "events:\n" + _block("-", 20).replace("x", "[" * 9_000 + "]" * 9_000),
}


@pytest.mark.parametrize("kind", sorted(DEEP))
def test_deep_nesting_is_refused_quickly(make_catalogue, kind):
    path = make_catalogue(text=DEEP[kind])
    started = time.perf_counter()
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert time.perf_counter() - started < 5
    [problem] = caught.value.problems
    assert problem.message == "nested more than 64 levels deep"
    assert problem.line is not None


def test_nesting_within_the_limit_is_read(make_catalogue):
    path = make_catalogue(text="title: " + "[" * 60 + "]" * 60 + "\n")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert "nested" not in str(caught.value)


def test_a_line_of_megabytes_loads(make_catalogue):
    text = (
        (CORPUS / "_valid.yaml")
        .read_text()
        .replace("summary: Sylvania opens a port.", "summary: " + "word " * 1_000_000)
    )
    catalogue = load_catalogue(
        make_catalogue(text=text, articles={"article.txt": (CORPUS / "article.txt").read_text()})
    )
    assert len(catalogue.events[0].summary) > 4_000_000


def test_a_long_wrong_quote_does_not_hang_check(capsys, make_catalogue):
    text = (
        (CORPUS / "_valid.yaml")
        .read_text()
        .replace(
            "quote: Sylvania opened a port in January 2018.",
            "quote: " + "Sylvania opened " * 50_000,
        )
    )
    path = make_catalogue(text=text, articles={"article.txt": (CORPUS / "article.txt").read_text()})
    started = time.perf_counter()
    code, out, _ = run(capsys, "check", "--catalog", str(path))
    assert code == 1 and "quote not found" in out
    assert time.perf_counter() - started < 5


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p): (p.read_bytes(), os.stat(p).st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_no_command_writes_to_the_catalogue_or_its_articles(capsys, make_catalogue):
    path = make_catalogue()
    before = _snapshot(path.parent)
    catalog = ["--catalog", str(path)]
    commands = [
        ["list", "--format", f]
        for f in ("text", "json", "jsonl", "csv", "tsv", "markdown", "timelinejs")
    ]
    commands += [
        ["show", "visit"],
        ["actors"],
        ["themes"],
        ["check"],
        ["coverage"],
        ["list", "--actor", "nobody"],
        ["show", "nothing"],
    ]
    for command in commands:
        main([*command, *catalog])
        capsys.readouterr()
    assert _snapshot(path.parent) == before


@pytest.mark.parametrize("written", ["0b11111100010", "03742", "2_018", "33:38", "!!int 0x7E2"])
def test_a_year_in_another_integer_notation_is_refused(make_catalogue, written):
    text = (CORPUS / "_valid.yaml").read_text().replace('date: "2018-01"', f"date: {written}")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(make_catalogue(text=text))
    [problem] = caught.value.problems
    assert problem.line == 14 and "written in another notation, not a year" in problem.message


@pytest.mark.parametrize("year", ["1999", "+2018"])
def test_a_year_in_decimal_digits_is_read(make_catalogue, year):
    text = (CORPUS / "_valid.yaml").read_text().replace('date: "2018-01"', f"date: {year}")
    text = text.replace('published: "2020-01-15"', "published: 2021")
    path = make_catalogue(text=text, articles={"article.txt": (CORPUS / "article.txt").read_text()})
    assert load_catalogue(path).events[0].date.start.year == int(year)
