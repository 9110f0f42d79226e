"""`coachkit calendar`: the .ics file parsed back with icalendar and checked against the notes."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from icalendar import Calendar

from coachkit.cli import cli
from tests.helpers import build_file_tree, run

CANARIES = (
    "CANARY-PRIVATE",
    "CANARY-BODY",
    "CANARY-TITLE",
    "CANARY-OWNER",
    "CANARY-ACCOUNT",
    "CANARY-ORG",
    "CANARY-AGREEMENT",
)


@pytest.fixture
def practice(tmp_path: Path) -> Path:
    """The sample (acme, before closure) and globex: timed sessions, a no-show, a
    follow-up held and two planned, an item done, one dropped, one without a due date,
    and a canary in every kind of text that must never reach a calendar."""
    root = tmp_path / "practice"
    assert run("sample", str(root / "acme"), "--no-commit").exit_code == 0
    build_file_tree(
        root / "globex-riley-chen",
        {
            "engagement.md": "---\nclient: Riley Chen\norganization: CANARY-ORG\nphase: follow-up\n"
            "start: 2025-06-01\nend: 2025-12-19\nsession_length: 50\n"
            "follow_up: [2026-01-30, 2026-02-20, 2026-03-20]\n---\n"
            "# Agreement\nCANARY-AGREEMENT\n",
            "sessions/01-2025-11-21.md": "---\nsession: 1\ndate: 2025-11-21\nstart: '09:30'\n"
            "duration: 45\n---\n## Notes\nCANARY-BODY\n## Private\nCANARY-PRIVATE\n",
            "sessions/02-2025-12-05.md": "---\nsession: 2\ndate: 2025-12-05\nstart: 8:00\n"
            "attended: no-show\n---\n",
            "sessions/03-2025-12-19.md": "---\nsession: 3\ndate: 2025-12-19\nstart: '14:00'\n"
            "actions:\n"
            "  - id: k7m2\n    title: CANARY-TITLE\n    owner: CANARY-OWNER\n"
            "    accountability: CANARY-ACCOUNT\n    due: 2026-02-13\n    status: open\n"
            "  - id: d0ne\n    title: Done one\n    owner: Riley\n    due: 2026-01-10\n"
            "    status: done\n    done: 2026-01-09\n"
            "  - id: drp1\n    title: Dropped one\n    owner: Riley\n    due: 2026-01-11\n"
            "    status: dropped\n"
            "  - id: nodu\n    title: No due date\n    owner: Riley\n    status: open\n---\n",
            "sessions/04-2026-01-30.md": "---\nsession: 4\nkind: follow-up\ndate: 2026-01-30\n---\n",
        },
    )
    return root


def events(data: bytes) -> list[tuple[str, object, object, str | None]]:
    """(summary, start, end, alarm trigger) of every event, in file order."""
    found = []
    for event in Calendar.from_ical(data).walk("VEVENT"):
        alarms = event.walk("VALARM")
        trigger = str(alarms[0].get("TRIGGER").to_ical().decode()) if alarms else None
        found.append(
            (
                str(event.get("SUMMARY")),
                event.decoded("DTSTART"),
                event.decoded("DTEND") if "DTEND" in event else None,
                trigger,
            )
        )
    return found


def uids(data: bytes) -> dict[str, str]:
    return {
        str(event.get("SUMMARY")): str(event.get("UID"))
        for event in Calendar.from_ical(data).walk("VEVENT")
    }


def calendar(*args: str, cwd: Path | None = None) -> bytes:
    """The bytes ``coachkit calendar ARGS`` prints (CRLF line ends kept)."""
    previous = Path.cwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = CliRunner().invoke(cli, ["calendar", *args], catch_exceptions=False)
    finally:
        os.chdir(previous)
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_every_event_matches_the_notes(practice: Path) -> None:
    # Worked out by hand from the notes, today being 2026-02-12.
    one_day = dt.timedelta(days=1)
    expected = [
        # globex: session 1 at 09:30 for its 45 minutes; session 2 (no-show) at 08:00 for the
        # engagement's session_length, 50; session 3 at 14:00, 50 minutes.
        ("Session 1 — Riley Chen", at("2025-11-21T09:30"), at("2025-11-21T10:15"), None),
        ("Session 2 (no-show) — Riley Chen", at("2025-12-05T08:00"), at("2025-12-05T08:50"), None),
        ("Session 3 — Riley Chen", at("2025-12-19T14:00"), at("2025-12-19T14:50"), None),
        # acme's two sessions have no start: all day.
        ("Session 1 — Jordan Lee", day("2026-01-15"), day("2026-01-15") + one_day, None),
        ("Session 2 — Jordan Lee", day("2026-01-29"), day("2026-01-29") + one_day, None),
        # globex's first follow-up was held (a note), without a start.
        ("Follow-up — Riley Chen", day("2026-01-30"), day("2026-01-30") + one_day, None),
        # acme's open items, globex's open item with a due date; none done or dropped.
        ("Due: t9hc — Jordan Lee", day("2026-02-10"), day("2026-02-11"), "-P1D"),
        # acme: session 3 planned in session 2's next_session: today.
        ("Session 3 (planned) — Jordan Lee", day("2026-02-12"), day("2026-02-13"), None),
        ("Due: k7m2 — Riley Chen", day("2026-02-13"), day("2026-02-14"), "-P1D"),
        ("Due: w3fn — Jordan Lee", day("2026-02-20"), day("2026-02-21"), "-P1D"),
        # globex: the second and third follow_up: dates, not yet held.
        ("Follow-up (planned) — Riley Chen", day("2026-02-20"), day("2026-02-21"), None),
        ("Follow-up (planned) — Riley Chen", day("2026-03-20"), day("2026-03-21"), None),
    ]
    assert events(calendar(str(practice))) == expected


def test_the_file_is_rfc_5545_with_floating_times_and_free_all_day_events(
    practice: Path,
) -> None:
    data = calendar(str(practice))
    parsed = Calendar.from_ical(data)
    assert (str(parsed["VERSION"]), str(parsed["PRODID"])) == (
        "2.0",
        "-//coachkit//coachkit calendar//EN",
    )
    assert all(line.endswith(b"\r") for line in data.split(b"\n")[:-1])
    for event in parsed.walk("VEVENT"):
        start = event.decoded("DTSTART")
        assert isinstance(event.decoded("DTSTAMP"), dt.datetime)
        if isinstance(start, dt.datetime):
            assert start.tzinfo is None  # floating local time
            assert "TRANSP" not in event
        else:
            assert str(event["TRANSP"]) == "TRANSPARENT"
        for alarm in event.walk("VALARM"):
            assert str(alarm["ACTION"]) == "DISPLAY"
            assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_the_same_notes_give_the_same_bytes_on_any_day(
    practice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "coaching.ics"
    first = run("calendar", str(practice), "-o", str(out))
    assert first.exit_code == 0, first.output
    assert first.stdout == f"{out}\n"
    written = out.read_bytes()
    os.utime(out, (1_000_000_000, 1_000_000_000))
    # A day later (nothing is held or planned differently), and without the cache.
    monkeypatch.setenv("COACHKIT_TODAY", "2026-02-13")
    again = run("calendar", str(practice), "-o", str(out), "--no-cache")
    assert again.exit_code == 0, again.output
    assert out.read_bytes() == written
    assert out.stat().st_mtime == 1_000_000_000  # unchanged: not even rewritten
    assert calendar(str(practice)) == written  # stdout gives the same bytes


def test_uids_are_stable_and_a_planned_date_becomes_its_note(practice: Path) -> None:
    before = uids(calendar(str(practice)))
    assert len(set(before.values())) == len(before)
    build_file_tree(
        practice,
        {
            "acme/sessions/03-2026-02-12.md": "---\nsession: 3\ndate: 2026-02-12\n"
            "start: '08:00'\n---\n",
            "globex-riley-chen/sessions/05-2026-02-20.md": "---\nsession: 5\nkind: follow-up\n"
            "date: 2026-02-20\n---\n",
        },
    )
    after = uids(calendar(str(practice)))
    assert after["Session 3 — Jordan Lee"] == before["Session 3 (planned) — Jordan Lee"]
    assert before["Due: w3fn — Jordan Lee"] == after["Due: w3fn — Jordan Lee"]
    assert all(uid.endswith("@coachkit") for uid in after.values())
    # No engagement's folder name, client or item id can be read from a UID.
    assert not any(word in uid for uid in after.values() for word in ("acme", "globex", "w3fn"))


def test_no_private_text_and_anonymous_leaves_names_out(practice: Path) -> None:
    data = calendar(str(practice)).decode("utf-8")
    for canary in CANARIES:
        assert canary not in data
    assert "Hand the Q3" not in data and "Jordan\r" not in data  # no item title, no owner
    anonymous = calendar(str(practice), "--anonymous").decode("utf-8")
    for name in ("Jordan", "Lee", "Riley", "Chen", "acme", "globex", *CANARIES):
        assert name not in anonymous
    assert [e[0] for e in events(anonymous.encode())][:3] == [
        "Session 1",
        "Session 2 (no-show)",
        "Session 3",
    ]


def test_alarm_option(practice: Path) -> None:
    triggers = {e[3] for e in events(calendar(str(practice), "--alarm", "15h"))}
    assert triggers == {None, "-PT15H"}
    assert {e[3] for e in events(calendar(str(practice), "--alarm", "none"))} == {None}
    result = run("calendar", str(practice), "--alarm", "tomorrow")
    assert result.exit_code == 2
    assert result.stderr == (
        "coachkit: --alarm 'tomorrow' is not understood: use an amount and a unit, e.g. 1d, 15h, 2w "
        "or 90m, or none\n"
    )


def test_a_broken_note_writes_nothing_and_names_it(practice: Path, tmp_path: Path) -> None:
    broken = practice / "acme" / "sessions" / "02-2026-01-29.md"
    broken.write_text("---\nsession: 2\ndate: 2026-02-30\n---\n", encoding="utf-8")
    out = tmp_path / "coaching.ics"
    result = run("calendar", str(practice), "-o", str(out))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"{broken}:3:7:" in result.stderr
    assert result.stderr.endswith("nothing was written: fix the notes above and run again\n")
    assert not out.exists()


def test_an_old_calendar_is_replaced_and_nothing_else_is(practice: Path, tmp_path: Path) -> None:
    out = tmp_path / "coaching.ics"
    out.write_bytes(b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
    assert run("calendar", str(practice), "-o", str(out)).exit_code == 0
    assert out.read_bytes() == calendar(str(practice))

    other = tmp_path / "notes.txt"
    other.write_text("my notes\n", encoding="utf-8")
    note = tmp_path / "jordan.md"
    note.write_text("---\nsession: 1\n---\n", encoding="utf-8")
    fifo = tmp_path / "pipe.ics"
    os.mkfifo(fifo)
    link = tmp_path / "link.ics"
    link.symlink_to(out)
    cases = {
        str(other): f"{other}: exists and is not a calendar (it does not start with "
        "BEGIN:VCALENDAR); coachkit replaces only a calendar it can recognise; "
        "choose another name",
        str(note): f"{note}: is a coachkit note (it starts with front matter); a calendar "
        "never replaces a note; choose another name",
        str(fifo): f"{fifo}: is a FIFO (named pipe); a calendar is written only to a regular file",
        "/dev/null": "/dev/null: is a device; a calendar is written only to a regular file",
        str(tmp_path): f"{tmp_path}: is a folder; give a file name, e.g. {tmp_path}/coaching.ics",
        str(link): f"{link}: is a symbolic link to {out}; coachkit does not write calendars "
        "through links, give the real path",
        str(practice / "acme" / "engagement.md"): f"{practice / 'acme' / 'engagement.md'}: a "
        "calendar there would be read as a note (engagement.md is what makes a folder an "
        "engagement); choose another name",
    }
    for given, message in cases.items():
        result = run("calendar", str(practice), "-o", given)
        assert (result.exit_code, result.stdout, result.stderr) == (2, "", message + "\n")
    assert other.read_text(encoding="utf-8") == "my notes\n"
    assert note.read_text(encoding="utf-8") == "---\nsession: 1\n---\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "coaching.ics",
        "jordan.md",
        "link.ics",
        "notes.txt",
        "pipe.ics",
        "practice",
    ]


def test_in_an_engagement_without_paths(sample: Path) -> None:
    data = calendar(cwd=sample / "sessions")
    assert [e[0] for e in events(data)][:2] == ["Session 1 — Jordan Lee", "Session 2 — Jordan Lee"]


def test_the_last_day_of_the_calendar(tmp_path: Path) -> None:
    build_file_tree(
        tmp_path / "far",
        {
            "engagement.md": "---\nclient: Far Future\n---\n",
            "sessions/01-9999-12-31.md": "---\nsession: 1\ndate: 9999-12-31\nstart: '23:30'\n"
            "duration: 60\nactions:\n  - id: endd\n    title: At the end\n    owner: Far\n"
            "    due: 9999-12-31\n    status: open\n---\n",
        },
    )
    found = events(calendar(str(tmp_path)))
    assert found == [  # no DTEND past the calendar's last day
        ("Due: endd — Far Future", day("9999-12-31"), None, "-P1D"),
        ("Session 1 — Far Future", at("9999-12-31T23:30"), None, None),
    ]
