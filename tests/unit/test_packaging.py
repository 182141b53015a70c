"""The command works from an installed wheel, and the pipe path stays light."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_python(code: str, cwd: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=cwd,
        timeout=60,
    )
    return result.stdout.strip()


HEAVY = (
    "print(','.join(m for m in ('textual', 'dateparser', 'rich', 'trafilatura', 'lxml') "
    "if m in sys.modules))"
)


def test_the_pipe_path_imports_neither_textual_nor_dateparser(tmp_path):
    code = (
        "import sys, io, contextlib; from timeline_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['list', '--since', '2019'])\n"
        + HEAVY
    )
    assert run_python(code, tmp_path) == ""


def test_the_pipe_path_imports_no_authoring_library(tmp_path):
    code = (
        "import sys, io, contextlib; from timeline_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['list'])\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['coverage'])\n"
        "print(','.join(m for m in ('trafilatura', 'lxml', 'justext') if m in sys.modules))"
    )
    assert run_python(code, tmp_path) == ""


def test_trafilatura_is_imported_when_a_page_is_added(tmp_path):
    page = ROOT / "tests" / "data" / "articles" / "market-hall.html"
    code = (
        "import sys, contextlib, io; from timeline_tui.cli import main\n"
        "with contextlib.redirect_stderr(io.StringIO()): main(['init', 'c'])\n"
        "with contextlib.redirect_stderr(io.StringIO()):\n"
        f"    main(['add-source', '--catalog', 'c', {str(page)!r}])\n"
        "print('trafilatura' in sys.modules)"
    )
    assert run_python(code, tmp_path) == "True"


def test_dateparser_is_imported_when_an_expression_needs_it(tmp_path):
    code = (
        "import sys, io, contextlib; from timeline_tui.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()): main(['list', '--since', "
        "'2 years ago'])\n" + HEAVY
    )
    assert run_python(code, tmp_path) == "dateparser"


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(folder),
            str(ROOT),
        ],
        check=True,
        timeout=300,
    )
    [wheel] = folder.glob("timeline_tui-*.whl")
    # the runtime dependencies come from this interpreter, the package from the wheel
    venv.create(folder / "venv", system_site_packages=True, with_pip=False)
    python = folder / "venv" / "bin" / "python"
    # this interpreter's own packages too (it may be a virtual environment): a path
    # named in a .pth file is added as it is, without its editable-install .pth files
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    ours = {sysconfig.get_paths()[kind] for kind in ("purelib", "platlib")}
    Path(site, "runtime-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            str(wheel),
        ],
        check=True,
        timeout=300,
    )
    return python


def test_an_installed_wheel_finds_its_embedded_catalogue(wheel_venv, tmp_path):
    located = subprocess.run(
        [
            str(wheel_venv),
            "-c",
            "import timeline_tui.catalogue.embedded as e; print(e.embedded_catalogue_path())",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert str(wheel_venv.parents[1]) in located, "the wheel's own copy, not the checkout's"
    script = wheel_venv.parent / "timeline"
    result = subprocess.run(
        [str(script), "check"], capture_output=True, text=True, cwd=tmp_path, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr
    listing = subprocess.run(
        [str(script), "list", "--format", "jsonl"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=True,
    )
    assert len(listing.stdout.splitlines()) > 10
