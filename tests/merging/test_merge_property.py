"""A property over random concurrent edits of one note's action items, merged by the driver:
no item is ever lost, and edits that do not touch the same field never conflict."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachkit.notes.front_matter_edit import format_scalar
from coachkit.notes.reader import parse_note
from tests.helpers import run
from tests.hypothesis_strategies import examples

FIELDS = ("title", "owner", "due")
VALUES: dict[str, list[Any]] = {
    "title": ["Book the room", "Ours: a colon", "It's quoted", "Draft # not a comment", "Plan"],
    "owner": ["Jordan", "Sam", "Priya"],
    "due": [dt.date(2026, 2, day) for day in (13, 20, 27)],
}
DONE = dt.date(2026, 2, 12)

edit = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(VALUES["title"])),
    st.tuples(st.just("done"), st.integers(0, 2)),
    st.integers(0, 1).flatmap(
        lambda index: st.sampled_from(FIELDS).flatmap(
            lambda name: st.tuples(
                st.just("set"), st.just(index), st.just(name), st.sampled_from(VALUES[name])
            )
        )
    ),
)


def render(items: list[dict[str, Any]]) -> str:
    lines = ["---", "session: 2", "date: 2026-01-29", "actions:"]
    for item in items:
        for number, (name, value) in enumerate(item.items()):
            lines.append(f"{'  - ' if number == 0 else '    '}{name}: {format_scalar(value)}")
    return "\n".join(lines) + "\n---\n# Session 2\n"


def apply(base: list[dict[str, Any]], edits: list[Any], side: str) -> list[dict[str, Any]]:
    items = [dict(item) for item in base]
    for number, change in enumerate(edits):
        if change[0] == "add":
            items.append(
                {"id": f"{side}{number}", "title": change[1], "owner": "Jordan",
                 "due": VALUES["due"][0], "status": "open"}
            )  # fmt: skip
        elif change[1] < len(base) and change[0] == "done":
            items[change[1]].update(status="done", done=DONE)
        elif change[1] < len(base):
            items[change[1]][change[2]] = change[3]
    return items


def changes(base: list[dict[str, Any]], side: list[dict[str, Any]]) -> dict[tuple[int, str], Any]:
    return {
        (index, name): value
        for index, item in enumerate(base)
        for name, value in side[index].items()
        if item.get(name) != value
    }


@settings(
    max_examples=examples(120),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    count=st.integers(1, 3),
    ours_edits=st.lists(edit, max_size=5),
    theirs_edits=st.lists(edit, max_size=5),
    clashing=st.none() | st.sampled_from(FIELDS),
)
def test_concurrent_edits_lose_no_item_and_conflict_only_on_one_field(
    count: int, ours_edits: list[Any], theirs_edits: list[Any], clashing: str | None
) -> None:
    if clashing is not None:  # both sides set one field last, to different values
        ours_edits = [*ours_edits, ("set", 0, clashing, VALUES[clashing][0])]
        theirs_edits = [*theirs_edits, ("set", 0, clashing, VALUES[clashing][1])]
    base = [
        {"id": f"b{i}", "title": f"Item {i}", "owner": "Jordan", "due": VALUES["due"][1],
         "status": "open"}
        for i in range(count)
    ]  # fmt: skip
    ours, theirs = apply(base, ours_edits, "o"), apply(base, theirs_edits, "t")
    mine, their = changes(base, ours), changes(base, theirs)
    clash = {place for place in mine.keys() & their.keys() if mine[place] != their[place]}
    with tempfile.TemporaryDirectory() as folder:
        files = {"base": base, "ours": ours, "theirs": theirs}
        for name, items in files.items():
            (Path(folder) / name).write_text(render(items), encoding="utf-8")
        result = run("merge-driver", *(str(Path(folder) / n) for n in files), "sessions/02.md")
        text = (Path(folder) / "ours").read_text(encoding="utf-8")
    for item in ours + theirs:
        assert f"id: {item['id']}\n" in text  # no item is ever lost
    if clash:
        assert result.exit_code == 1, result.output
        assert text.count("<<<<<<< ours\n") == len(clash)
        return
    assert result.exit_code == 0, result.output
    merged = parse_note(Path("sessions/02.md"), text.encode("utf-8")).meta["actions"]
    expected = [dict(item) for item in ours]
    for (index, name), value in their.items():
        expected[index][name] = value
    expected += theirs[len(base) :]
    assert [dict(item) for item in merged] == expected
