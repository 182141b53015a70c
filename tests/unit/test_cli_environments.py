"""No traceback, whatever the environment: each case runs the real command in a subprocess."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from conftest import tiny_catalogue

COMMAND = [sys.executable, "-m", "timeline_tui"]


@pytest.fixture
def catalog(make_catalogue) -> str:
    data = tiny_catalogue()
    data["events"][4]["title"] = "Firefly visits Sylvania — café 😀"
    return str(make_catalogue(data))


def run_shell(line: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a shell line where `$T` is the command, so redirections can close streams."""
    return subprocess.run(
        ["bash", "-c", line],
        capture_output=True,
        text=True,
        env={**os.environ, "T": " ".join(COMMAND), **env},
        timeout=60,
    )


def assert_one_line_message(stderr: str, words: str) -> None:
    assert "Traceback" not in stderr
    assert len(stderr.splitlines()) == 1 and words in stderr, stderr


def test_closed_stdout_is_one_line_and_exit_3(catalog):
    result = run_shell(f"$T list --catalog {catalog} >&-")
    assert result.returncode == 3
    assert_one_line_message(result.stderr, "standard output is closed")


def test_full_device_is_one_line_and_exit_3(catalog):
    for args in ("list", "list --format json", "show visit", "actors", "sources --format csv"):
        result = run_shell(f"$T {args} --catalog {catalog} > /dev/full")
        assert result.returncode == 3, args
        assert_one_line_message(result.stderr, "No space left on device")


def test_closed_stdin_still_lists(catalog):
    for args in ("", "list"):
        result = run_shell(f"$T {args} --catalog {catalog} <&- | cat")
        assert result.returncode == 0 and result.stderr == ""
        assert len(result.stdout.splitlines()) == 5


def test_closed_stderr_loses_only_the_message(catalog):
    result = run_shell(f"$T list --actor nobody --catalog {catalog} 2>&-")
    assert result.returncode == 2 and result.stdout == ""


def test_full_stderr_loses_only_the_message(catalog):
    result = run_shell(f"$T list --actor nobody --catalog {catalog} 2>/dev/full")
    assert result.returncode == 2 and result.stdout == "" and result.stderr == ""


ASCII = {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}


def test_ascii_locale_escapes_text_it_cannot_encode(catalog):
    result = run_shell(f"$T show visit --catalog {catalog}", **ASCII)
    assert result.returncode == 0 and result.stderr == ""
    assert "Firefly visits Sylvania \\u2014 caf\\u00e9 \\ud83d\\ude00" in result.stdout


@pytest.mark.parametrize("format_name", ["json", "jsonl", "timelinejs"])
def test_ascii_locale_json_is_still_json(catalog, format_name):
    result = run_shell(f"$T list --format {format_name} --catalog {catalog}", **ASCII)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.isascii()
    lines = [result.stdout] if format_name != "jsonl" else result.stdout.splitlines()
    documents = [json.loads(line) for line in lines]
    assert "Firefly visits Sylvania — café 😀" in json.dumps(documents, ensure_ascii=False)


def test_ascii_locale_messages_have_no_traceback(catalog):
    result = run_shell(f"$T list --actor 'Café' --catalog {catalog}", **ASCII)
    assert result.returncode == 2
    assert_one_line_message(result.stderr, "unknown actor")


def run_on_terminal(args: list[str], columns: int) -> tuple[int, str]:
    """Run with stdin, stdout and stderr on a pseudo-terminal this many columns wide."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    env = {**os.environ, "COLUMNS": str(columns), "TERM": "xterm", "NO_COLOR": "1"}
    process = subprocess.Popen(
        [*COMMAND, *args], stdin=secondary, stdout=secondary, stderr=secondary, env=env
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the child has gone and closed the terminal
            break
        if not chunk:
            break
        output += chunk
    os.close(primary)
    return process.wait(timeout=60), output.decode("utf-8", "replace")


def test_one_column_terminal_gets_every_event_as_plain_lines(catalog):
    code, output = run_on_terminal(["list", "--catalog", catalog], columns=1)
    assert code == 0 and "Traceback" not in output
    assert "5 of 5 events" in output
    for event_id in ("recognition", "embassies", "port", "trade-2019", "visit"):
        assert event_id in output


def test_wide_terminal_gets_the_table_with_its_filters(catalog):
    code, output = run_on_terminal(
        ["list", "--since", "1990", "--until", "1999", "--catalog", catalog], columns=120
    )
    assert code == 0
    assert "2 of 5 events · from 1 Jan 1990 · to 31 Dec 1999" in output
    assert "Date" in output and "Freedonia recognises Sylvania" in output


def test_one_column_terminal_messages_have_no_traceback(catalog):
    for args in (["show", "nope"], ["actors"], ["show", "visit"]):
        code, output = run_on_terminal([*args, "--catalog", catalog], columns=1)
        assert "Traceback" not in output and code in (0, 2), args


def test_head_on_a_pipe_stays_quiet(catalog):
    result = run_shell(f"set -o pipefail; $T --catalog {catalog} | head -1")
    assert result.returncode == 0 and result.stderr == ""
    assert Path(catalog).exists() and len(result.stdout.splitlines()) == 1
