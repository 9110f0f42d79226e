"""session new and init write the facts a coaching log needs, and refuse bad ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import commits, run


def front_matter(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("---\n")[1].splitlines()


def test_session_new_writes_start_duration_attendance_and_billing(sample: Path) -> None:
    result = run(
        "session", "new", "--date", "2026-02-12", "--start", "9:30", "--duration", "45",
        "--attended", "late-cancel", "--billing", "pro-bono", cwd=sample,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = front_matter(Path(result.stdout.strip()))
    assert lines[2:7] == [
        'start: "09:30"  # local time',
        "duration: 45  # minutes",
        "attended: late-cancel  # held, no-show or late-cancel",
        "billing: pro-bono  # paid, pro-bono or reciprocal",
        "format:",
    ]


def test_session_new_without_facts_writes_no_new_lines(sample: Path) -> None:
    result = run("session", "new", "--date", "2026-02-12", cwd=sample)
    lines = front_matter(Path(result.stdout.strip()))
    assert not [line for line in lines if line.startswith(("start", "attended", "billing"))]


@pytest.mark.parametrize(
    "args",
    [("--start", "25:00"), ("--start", "9h30"), ("--billing", "barter"), ("--attended", "x")],
)
def test_session_new_refuses_a_bad_fact_and_writes_nothing(
    sample: Path, args: tuple[str, ...]
) -> None:
    before = commits(sample)
    result = run("session", "new", "--date", "2026-02-12", *args, cwd=sample)
    assert result.exit_code == 2
    assert "Error: Invalid value for" in result.stderr
    assert commits(sample) == before
    assert not (sample / "sessions/03-2026-02-12.md").exists()


def test_init_writes_the_engagement_facts(tmp_path: Path) -> None:
    result = run(
        "init", str(tmp_path / "circle"), "--client", "Leaders circle", "--contact",
        "lead@example.org", "--billing", "reciprocal", "--group-size", "15",
        "--icf-listing", "listed",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    lines = front_matter(tmp_path / "circle/engagement.md")
    assert [line.split("  #")[0] for line in lines[11:15]] == [
        "contact: lead@example.org",
        "billing: reciprocal",
        "group_size: 15",
        "icf_listing: listed",
    ]
    assert run("lint", cwd=tmp_path / "circle").stdout.count("session-fact-invalid") == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--group-size", "0"), "Invalid value for '--group-size'"),
        (("--group-size", "16"), "Invalid value for '--group-size'"),
        (("--billing", "barter"), "Invalid value for '--billing'"),
        (("--icf-listing", "yes"), "Invalid value for '--icf-listing'"),
        (("--contact", "Jordan"), "--contact must be the client's e-mail address, not 'Jordan'"),
    ],
)
def test_init_refuses_a_bad_fact_and_writes_nothing(
    tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    result = run("init", str(tmp_path / "e"), "--client", "Jordan Lee", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "e").exists()
