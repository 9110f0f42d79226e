"""coachkit hours: a practice with known hours, counted by hand below, in every format.

Today is 2026-02-12 (tests/conftest.py), so the 18 months before it start on 2024-08-12.

| client | sessions that count | paid min | pro bono min |
|---|---|---|---|
| Avery Stone (listed) | 2024-07-01 60 (19 months old), 2025-06-10 30 | 90 | 0 |
| Blake Chen (pro bono) | 2025-09-01 60, 2025-09-15 45 | 0 | 105 |
| Casey Park (not listed) | 2025-11-01 90, follow-up 2026-01-10 60 | 150 | 0 |
| Leaders circle (group of 6) | 2025-12-01 120 | 120 | 0 |
| Drew Fox (reciprocal, 1.5 h received) | 2026-01-05 60, 2026-01-19 60 | 60 + 30 | 30 |

Not counted: Avery's no-show (2025-07-01) and future note (2026-03-01), Blake's late
cancellation (2025-10-01) and a held session without duration (2025-10-20).

Paid 90 + 150 + 120 + 90 = 450 min = 7.5 h; pro bono 105 + 30 = 135 min = 2.25 h;
all 585 min = 9.75 h. Clients: 1 + 1 + 1 + 6 + 1 = 10. Recent (from 2024-08-12):
585 - 60 = 525 min = 8.75 h. ACC missing: 100 - 9.75 = 90.25 h, 75 - 7.5 = 67.5 paid,
none of 8 clients, 25 - 8.75 = 16.25 recent.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.helpers import build_file_tree, git, run


def engagement(client: str, *facts: str) -> str:
    lines = "".join(f"{fact}\n" for fact in facts)
    return f"---\nclient: {client}\nstart: 2024-06-01\ncadence: 2w\n{lines}---\n# Agreement\n"


def session(number: int, day: str, *facts: str) -> str:
    lines = "".join(f"{fact}\n" for fact in facts)
    return f"---\nsession: {number}\ndate: {day}\n{lines}---\n# Session {number}\n"


PRACTICE: dict[str, str | bytes] = {
    "avery/engagement.md": engagement(
        "Avery Stone", "contact: avery@example.com", "icf_listing: listed"
    ),
    "avery/sessions/01-2024-07-01.md": session(1, "2024-07-01", "duration: 60"),
    "avery/sessions/02-2025-06-10.md": session(2, "2025-06-10", "duration: 30", 'start: "9:30"'),
    "avery/sessions/03-2025-07-01.md": session(
        3, "2025-07-01", "duration: 60", "attended: no-show"
    ),
    "avery/sessions/04-2026-03-01.md": session(4, "2026-03-01", "duration: 60"),
    "blake/engagement.md": engagement(
        "Blake Chen", "contact: blake@example.com", "billing: pro-bono", "icf_listing: listed"
    ),
    "blake/sessions/01-2025-09-01.md": session(1, "2025-09-01", "duration: 60"),
    "blake/sessions/02-2025-09-15.md": session(2, "2025-09-15", "duration: 45"),
    "blake/sessions/03-2025-10-01.md": session(
        3, "2025-10-01", "duration: 60", "attended: late-cancel"
    ),
    "blake/sessions/04-2025-10-20.md": session(4, "2025-10-20", "format: video"),
    "casey/engagement.md": engagement("Casey Park", "contact: casey@example.com"),
    "casey/sessions/01-2025-11-01.md": session(1, "2025-11-01", "duration: 90"),
    "casey/sessions/02-2026-01-10.md": session(2, "2026-01-10", "duration: 60", "kind: follow-up"),
    "circle/engagement.md": engagement(
        "Leaders circle", "contact: lead@example.org", "group_size: 6", "icf_listing: listed"
    ),
    "circle/sessions/01-2025-12-01.md": session(1, "2025-12-01", "duration: 120"),
    "drew/engagement.md": engagement(
        "Drew Fox",
        "contact: drew@example.com",
        "billing: reciprocal",
        "reciprocal_received: 1.5",
        "icf_listing: listed",
    ),
    "drew/sessions/01-2026-01-05.md": session(1, "2026-01-05", "duration: 60"),
    "drew/sessions/02-2026-01-19.md": session(2, "2026-01-19", "duration: 60"),
}

CLIENTS = [
    {
        "client": "Avery Stone",
        "contact": "avery@example.com",
        "individual_or_group": "individual",
        "group_size": None,
        "first_session": "2024-07-01",
        "last_session": "2025-06-10",
        "paid_hours": 1.5,
        "pro_bono_hours": 0.0,
        "total_hours": 1.5,
    },
    {
        "client": "Blake Chen",
        "contact": "blake@example.com",
        "individual_or_group": "individual",
        "group_size": None,
        "first_session": "2025-09-01",
        "last_session": "2025-09-15",
        "paid_hours": 0.0,
        "pro_bono_hours": 1.75,
        "total_hours": 1.75,
    },
    {
        "client": "anonymous client 1",
        "contact": None,
        "individual_or_group": "individual",
        "group_size": None,
        "first_session": "2025-11-01",
        "last_session": "2026-01-10",
        "paid_hours": 2.5,
        "pro_bono_hours": 0.0,
        "total_hours": 2.5,
    },
    {
        "client": "Leaders circle",
        "contact": "lead@example.org",
        "individual_or_group": "group",
        "group_size": 6,
        "first_session": "2025-12-01",
        "last_session": "2025-12-01",
        "paid_hours": 2.0,
        "pro_bono_hours": 0.0,
        "total_hours": 2.0,
    },
    {
        "client": "Drew Fox",
        "contact": "drew@example.com",
        "individual_or_group": "individual",
        "group_size": None,
        "first_session": "2026-01-05",
        "last_session": "2026-01-19",
        "paid_hours": 1.5,
        "pro_bono_hours": 0.5,
        "total_hours": 2.0,
    },
]
UNCOUNTED = "a held session without duration: is not counted; add its length in minutes"


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    root = build_file_tree(tmp_path / "clients", PRACTICE)
    git(root, "init", "-q")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "practice")
    return root


def files_in(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if ".git" not in p.parts}


def test_json_holds_the_log_worked_out_by_hand(practice: Path) -> None:
    result = run("hours", str(practice), "--credential", "acc", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "since": None,
        "until": "2026-02-12",
        "clients": CLIENTS,
        "totals": {"hours": 9.75, "paid_hours": 7.5, "pro_bono_hours": 2.25, "clients": 10},
        "credential": {
            "name": "acc",
            "title": "ICF ACC",
            "met": False,
            "requirements": [
                {
                    "requirement": "hours",
                    "required": 100,
                    "have": 9.75,
                    "missing": 90.25,
                    "met": False,
                    "since": None,
                },
                {
                    "requirement": "paid hours",
                    "required": 75,
                    "have": 7.5,
                    "missing": 67.5,
                    "met": False,
                    "since": None,
                },
                {
                    "requirement": "clients",
                    "required": 8,
                    "have": 10,
                    "missing": 0,
                    "met": True,
                    "since": None,
                },
                {
                    "requirement": "recent hours",
                    "required": 25,
                    "have": 8.75,
                    "missing": 16.25,
                    "met": False,
                    "since": "2024-08-12",
                },
            ],
        },
        "uncounted": [f"{practice / 'blake/sessions/04-2025-10-20.md'}: {UNCOUNTED}"],
    }
    assert result.stderr == f"{practice / 'blake/sessions/04-2025-10-20.md'}: {UNCOUNTED}\n"


def test_the_table_shows_rows_totals_and_what_is_missing(practice: Path) -> None:
    result = run("hours", "--credential", "acc", cwd=practice)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == [
        "Client", "Contact", "Individual", "or", "group", "First", "session",
        "Last", "session", "Paid", "hours", "Pro", "bono", "hours",
    ]  # fmt: skip
    assert lines[1].split() == [
        "Avery", "Stone", "avery@example.com", "individual", "2024-07-01", "2025-06-10",
        "1.50", "0.00",
    ]  # fmt: skip
    assert lines[3].split()[:3] == ["anonymous", "client", "1"]
    assert "group of 6" in lines[4]
    assert lines[6:] == [
        "",
        "Total from the first session to 2026-02-12: 9.75 hours (7.50 paid, 2.25 pro bono), "
        "10 clients",
        "",
        "ICF ACC:",
        "  hours: 9.75 of 100 (90.25 missing)",
        "  paid hours: 7.50 of 75 (67.5 missing)",
        "  clients: 10 of 8 (met)",
        "  recent hours since 2024-08-12: 8.75 of 25 (16.25 missing)",
    ]


def test_since_and_until_bound_the_period(practice: Path) -> None:
    since = run("hours", str(practice), "--since", "2025-09-01", "--format", "json")
    assert json.loads(since.stdout)["totals"] == {
        "hours": 8.25,  # 585 - Avery's 90 minutes = 495
        "paid_hours": 6.0,
        "pro_bono_hours": 2.25,
        "clients": 9,
    }
    until = run("hours", str(practice), "--until", "2025-12-31", "--credential", "pcc", "--json")
    assert until.exit_code == 2  # hours has --format json only


def test_until_sets_the_recent_window_and_never_counts_the_future(practice: Path) -> None:
    result = run(
        "hours", str(practice), "--until", "2025-12-31", "--credential", "pcc", "--format", "json"
    )
    document = json.loads(result.stdout)
    # Avery 90, Blake 105, Casey 90 (the follow-up is after the period), the circle 120.
    assert document["totals"]["hours"] == 6.75
    assert document["credential"]["requirements"][-1] == {
        "requirement": "recent hours",
        "required": 50,
        "have": 6.75,  # from 2024-06-30: the session of 2024-07-01 is recent then
        "missing": 43.25,
        "met": False,
        "since": "2024-06-30",
    }
    later = run("hours", str(practice), "--until", "2027-01-01", "--format", "json")
    assert json.loads(later.stdout)["totals"]["hours"] == 9.75  # the 2026-03-01 note: never


def test_emcc_levels_count_hours_and_clients(practice: Path) -> None:
    result = run("hours", str(practice), "--credential", "emcc-foundation", "--format", "json")
    credential = json.loads(result.stdout)["credential"]
    assert [
        (r["requirement"], r["required"], r["missing"]) for r in credential["requirements"]
    ] == [
        ("hours", 50, 40.25),
        ("clients", 5, 0),
    ]


def test_csv_is_the_icf_log_with_a_total(practice: Path) -> None:
    result = run("hours", str(practice), "--format", "csv")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "client,contact,individual_or_group,group_size,first_session,last_session,"
        "paid_hours,pro_bono_hours,total_hours",
        "Avery Stone,avery@example.com,individual,,2024-07-01,2025-06-10,1.5,0.0,1.5",
        "Blake Chen,blake@example.com,individual,,2025-09-01,2025-09-15,0.0,1.75,1.75",
        "anonymous client 1,,individual,,2025-11-01,2026-01-10,2.5,0.0,2.5",
        "Leaders circle,lead@example.org,group,6,2025-12-01,2025-12-01,2.0,0.0,2.0",
        "Drew Fox,drew@example.com,individual,,2026-01-05,2026-01-19,1.5,0.5,2.0",
        "Total (10 clients),,,,,,7.5,2.25,9.75",
    ]


def test_csv_cells_cannot_start_a_formula(practice: Path) -> None:
    names = {"avery": '=HYPERLINK("http://x.test";"y")', "blake": "+1+2", "drew": "@SUM(A1)"}
    for folder, name in names.items():
        path = practice / folder / "engagement.md"
        text = path.read_text(encoding="utf-8")
        old = text.split("\n")[1]
        path.write_text(text.replace(old, f"client: '{name}'"), encoding="utf-8")
    (practice / "circle/engagement.md").write_text(
        engagement("-2+3", "group_size: 6", "icf_listing: listed"), encoding="utf-8"
    )
    result = run("hours", str(practice), "--format", "csv")
    firsts = [line.split(",")[0] for line in result.stdout.splitlines()[1:-1]]
    assert firsts == [
        '"\'=HYPERLINK(""http://x.test"";""y"")"',
        "'+1+2",
        "anonymous client 1",
        "'-2+3",
        "'@SUM(A1)",
    ]


def test_xlsx_reads_back_with_openpyxl(practice: Path) -> None:
    import datetime as dt

    from openpyxl import load_workbook

    path = practice.parent / "log.xlsx"
    (practice / "drew/engagement.md").write_text(
        engagement(
            "=1+1",
            "contact: drew@example.com",
            "billing: reciprocal",
            "reciprocal_received: 1.5",
            "icf_listing: listed",
        ).replace("client: =1+1", "client: '=1+1'"),
        encoding="utf-8",
    )
    result = run("hours", str(practice), "--credential", "pcc", "-o", str(path))
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}\n"
    book = load_workbook(path)
    assert book.sheetnames == ["Coaching log", "Progress"]
    rows = [list(row) for row in book["Coaching log"].iter_rows(values_only=True)]
    assert rows[0] == [
        "Client", "Contact", "Individual or group", "Group size", "First session",
        "Last session", "Paid hours", "Pro bono hours", "Total hours",
    ]  # fmt: skip
    assert rows[4] == [
        "Leaders circle", "lead@example.org", "group", 6, dt.datetime(2025, 12, 1),
        dt.datetime(2025, 12, 1), 2, 0, 2,
    ]  # fmt: skip
    assert rows[5][0] == "=1+1"
    assert book["Coaching log"]["A6"].data_type == "s"  # text, never a formula
    assert rows[-1] == ["Total (10 clients)", None, None, None, None, None, 7.5, 2.25, 9.75]
    progress = [list(row) for row in book["Progress"].iter_rows(values_only=True)]
    assert progress == [
        ["ICF PCC", "Required", "Have", "Missing", "Met", "Since"],
        ["hours", 500, 9.75, 490.25, "no", None],
        ["paid hours", 450, 7.5, 442.5, "no", None],
        ["clients", 25, 10, 15, "no", None],
        ["recent hours", 50, 8.75, 41.25, "no", dt.datetime(2024, 8, 12)],
    ]


def test_o_writes_json_and_csv_by_extension_and_replaces_the_file(practice: Path) -> None:
    out = practice.parent / "log.json"
    out.write_text("old", encoding="utf-8")
    assert run("hours", str(practice), "-o", str(out)).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["totals"]["hours"] == 9.75
    csv_out = practice.parent / "log.csv"
    assert run("hours", str(practice), "-o", str(csv_out)).exit_code == 0
    assert csv_out.read_text(encoding="utf-8").startswith("client,contact,")


BAD_NOTES = [
    (
        "avery/sessions/02-2025-06-10.md",
        session(2, "2025-06-10", "duration: 30", "start: 25:00"),
        "avery/sessions/02-2025-06-10.md:5:1: start '25:00' is not a time of day: "
        "use 00:00 to 23:59",
    ),
    (
        "drew/sessions/01-2026-01-05.md",
        session(1, "2026-01-05", "duration: 60", "billing: barter"),
        "drew/sessions/01-2026-01-05.md:5:1: billing must be paid, pro-bono or reciprocal, "
        "not 'barter'",
    ),
    (
        "circle/engagement.md",
        engagement("Leaders circle", "group_size: 0"),
        "circle/engagement.md:5:1: group_size must be 1 to 15 people, not 0",
    ),
    (
        "circle/engagement.md",
        engagement("Leaders circle", "group_size: 16"),
        "circle/engagement.md:5:1: group_size must be 1 to 15 people, not 16",
    ),
]


@pytest.mark.parametrize(("name", "text", "message"), BAD_NOTES, ids=lambda v: str(v)[:30])
def test_a_broken_fact_stops_the_log_in_one_line(
    practice: Path, name: str, text: str, message: str
) -> None:
    (practice / name).write_text(text, encoding="utf-8")
    out = practice.parent / "out"
    out.mkdir()
    result = run("hours", str(practice), "-o", str(out / "log.csv"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{practice / message}\n"
    assert files_in(out) == set()


def test_since_after_until_is_one_line(practice: Path) -> None:
    result = run("hours", str(practice), "--since", "2026-02-01", "--until", "2026-01-01")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "coachkit: --since 2026-02-01 is after --until 2026-01-01: the period holds no day\n"
    )


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/log.csv", "missing: no such folder; nothing was written"),
        ("folder", "folder: is a folder; give a file name, e.g. folder/report.html"),
        ("plain.txt/log.csv", "plain.txt: is not a folder; nothing was written"),
    ],
)
def test_an_unwritable_output_is_one_line(
    practice: Path, target: str, message: str, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    (out / "folder").mkdir(parents=True)
    (out / "plain.txt").write_text("x", encoding="utf-8")
    before = files_in(out)
    result = run("hours", str(practice), "--format", "csv", "-o", target, cwd=out)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"{message}\n"
    assert files_in(out) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_read_only_folder_is_one_line(practice: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = run("hours", str(practice), "-o", str(locked / "log.csv"))
    finally:
        locked.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "nothing was written" in result.stderr
    assert list(locked.iterdir()) == []


def test_a_table_cannot_go_to_a_file_and_a_workbook_needs_one(practice: Path) -> None:
    to_file = run("hours", str(practice), "--format", "table", "-o", "log.txt", cwd=practice)
    assert to_file.exit_code == 2
    assert to_file.stderr.count("\n") == 1
    assert not (practice / "log.txt").exists()
    workbook = run("hours", str(practice), "--format", "xlsx")
    assert workbook.exit_code == 2
    assert workbook.stderr == "coachkit: --format xlsx writes a workbook: give -o FILE.xlsx\n"


def test_an_unknown_credential_is_one_line(practice: Path) -> None:
    result = run("hours", str(practice), "--credential", "emcc-guru")
    assert result.exit_code == 2
    assert result.stderr == (
        "coachkit: unknown credential 'emcc-guru': use one of acc, pcc, mcc, emcc-foundation, "
        "emcc-practitioner, emcc-senior-practitioner, emcc-master-practitioner\n"
    )


def test_a_practice_with_nothing_held_says_so(tmp_path: Path) -> None:
    root = build_file_tree(tmp_path, {"e/engagement.md": engagement("Zoë")})
    result = run("hours", cwd=root / "e")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "No session held from the first session to 2026-02-12."
