"""The pipe path's import budget: which top-level packages `timeline list` may import.

Importing is most of what a small `timeline list` costs (README, "Performance";
bench/RESULTS.md lists each package's share). The lists below are the budget: a
new import on the pipe path fails here until it is added, with its reason.
Private modules (`_hashlib`, `_decimal`) are the parts of these and are not listed.
"""

from __future__ import annotations

import subprocess
import sys

THIRD_PARTY = {
    "timeline_tui",
    "msgspec",  # the cache's entries are MessagePack; JSON output is encoded by it
    "typing_extensions",  # imported by msgspec
}
STANDARD_LIBRARY = {
    "argparse", "gettext", "shutil", "bz2", "lzma", "zlib", "fnmatch", "textwrap",  # the line
    "dataclasses", "inspect", "ast", "dis", "opcode", "token", "tokenize", "linecache",  # the model
    "copy", "copyreg", "weakref", "enum", "typing", "collections", "re", "warnings",
    "datetime", "calendar", "locale",  # dates
    "pathlib", "ntpath", "urllib", "ipaddress", "errno",  # paths
    "hashlib", "struct", "array", "gc", "importlib", "mmap",  # the cache
    "threading",  # stored events are read by the app's workers too
    "decimal", "numbers", "uuid", "platform", "math",  # imported by msgspec
    "bisect",  # the index
    "encodings",  # a codec for reading a file (utf_8_sig)
}  # fmt: skip
"""What Python 3.11 imports for them; another version may need this list updated."""

PIPE_PATH = (
    ["list"],
    ["list", "--format", "jsonl", "--search", "trade"],
    ["list", "--format", "csv", "--actor", "china", "--since", "2019"],
    ["list", "--format", "json"],
    ["list", "--format", "tsv", "--reverse"],
)


def test_the_pipe_path_imports_only_its_budget(tmp_path):
    # the budget is a warm start's: the first run parses the YAML and fills the cache
    warm_up = [sys.executable, "-m", "timeline_tui", "list"]
    subprocess.run(warm_up, capture_output=True, check=True, cwd=tmp_path, timeout=60)
    code = (
        "import sys, io, contextlib\n"
        "before = set(sys.modules)\n"
        "from timeline_tui.cli import main\n"
        f"for argv in {PIPE_PATH!r}:\n"
        "    with contextlib.redirect_stdout(io.StringIO()), "
        "contextlib.redirect_stderr(io.StringIO()):\n"
        "        assert main(argv) == 0, argv\n"
        "new = {m.split('.')[0] for m in set(sys.modules) - before}\n"
        "print(' '.join(sorted(n for n in new if not n.startswith('_'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        timeout=60,
    )
    imported = set(result.stdout.split())
    assert "timeline_tui" in imported and "msgspec" in imported  # the check itself works
    outside = imported - THIRD_PARTY - STANDARD_LIBRARY
    assert not outside, f"the pipe path imports {sorted(outside)}, outside its budget"
