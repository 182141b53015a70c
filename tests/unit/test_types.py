"""The code type-checks: mypy, strict on src/, runs with the test extra, so this never skips."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_is_clean(tmp_path):
    # the settings (strict, the files, the Python version) are pyproject.toml's; the cache goes
    # to a temporary folder so that a test run writes nothing into the checkout
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
