"""The command line's --since/--until and the app's date boxes read dates alike, exactly."""

from __future__ import annotations

import pytest
from conftest import run_cli as run

from timeline_tui.query import QueryError


def listed_ids(out: str) -> list[str]:
    return [line.split("\t")[1] for line in out.splitlines()]


def test_since_a_decade_starts_on_its_first_day(capsys, catalog):
    code, out, _ = run(capsys, "list", "--catalog", catalog, "--since", "2010s")
    assert code == 0
    assert listed_ids(out) == ["port", "trade-2019", "visit"]


def test_until_a_decade_ends_on_its_last_day(capsys, catalog):
    code, out, _ = run(capsys, "list", "--catalog", catalog, "--until", "1990s")
    assert code == 0
    assert listed_ids(out) == ["recognition", "embassies"]


def test_a_quarter_is_its_three_months(capsys, catalog):
    code, out, _ = run(
        capsys, "list", "--catalog", catalog, "--since", "Q1 2021", "--until", "Q1 2021"
    )
    assert code == 0
    assert listed_ids(out) == ["visit"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("8/7/2024", "'8/7/2024' could be 8 July 2024 or 7 August 2024: write 2024-07-08"),
        ("10:30", "'10:30' reads as a time of day"),
        ("3 hours ago", "'3 hours ago' reads as a time of day or a span of hours"),
        ("whenever", "cannot read 'whenever' as a date: write a year (2019)"),
    ],
)
def test_dates_that_cannot_be_read_exactly_exit_2_saying_what_works(
    capsys, catalog, value, message
):
    code, out, err = run(capsys, "list", "--catalog", catalog, "--since", value)
    assert code == 2 and out == ""
    assert f"--since: {message}" in err
    assert "Traceback" not in err


def test_the_app_date_boxes_read_decades_as_the_command_line_does():
    from timeline_tui.app.widgets.filter_pane import read_date_range

    since, until = read_date_range("1990s", "1990s")
    assert (since.isoformat(), until.isoformat()) == ("1990-01-01", "1999-12-31")


def test_the_app_date_boxes_refuse_what_the_command_line_refuses():
    from timeline_tui.app.widgets.filter_pane import read_date_range

    with pytest.raises(QueryError, match="Until: '8/7/2024' could be 8 July 2024 or 7 August"):
        read_date_range("", "8/7/2024")
