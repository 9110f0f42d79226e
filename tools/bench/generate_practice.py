"""Write a deterministic synthetic practice for `make bench`.

100 engagements of about 50 files each (engagement.md, 3 goals, 40 session notes,
6 feedback rounds), about 13,000 action items, with realistic note bodies.

    python -m tools.bench.generate_practice OUT [--engagements 100] [--sessions 40]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from pathlib import Path

from coachkit.engagement.ids import ALPHABET, LETTERS

FIRST = ["Jordan", "Riley", "Sam", "Avery", "Morgan", "Casey", "Quinn", "Taylor", "Drew", "Jamie"]
LAST = ["Lee", "Chen", "Okafor", "Silva", "Novak", "Haddad", "Kowalski", "Ito", "Moreau", "Byrne"]
ORGS = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
]
VERBS = [
    "Delegate",
    "Draft",
    "Ask",
    "Review",
    "Share",
    "Schedule",
    "Write",
    "Practise",
    "Prepare",
    "Agree",
]
OBJECTS = [
    "the Q3 capacity plan", "a skip-level meeting", "feedback for Priya", "the board update",
    "the hiring plan", "a decision log", "the team charter", "a one-page strategy",
]  # fmt: skip
PARAGRAPH = (
    "We explored what got in the way this fortnight and what the client noticed about "
    "their own reactions under pressure. The client described two meetings in detail, "
    "and we looked at where they stepped in instead of asking a question. "
)
SESSIONS = 40
ACTIONS_PER_SESSION = (2, 4)


def _action_id(seq: int) -> str:
    """A valid, unique coachkit action id for sequence number ``seq``."""
    digits = ""
    for _ in range(3):
        seq, rest = divmod(seq, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return LETTERS[seq % len(LETTERS)] + digits


def _action(rng: random.Random, seq: int, day: dt.date, goal: str, owner: str) -> str:
    due = day + dt.timedelta(days=rng.randint(3, 28))
    status = rng.choices(["open", "done", "dropped"], weights=[3, 6, 1])[0]
    lines = [
        f"  - id: {_action_id(seq)}",
        f"    title: {rng.choice(VERBS)} {rng.choice(OBJECTS)}",
        f"    owner: {owner}",
        f"    due: {due.isoformat()}",
        f"    status: {status}",
        f"    goal: {goal}",
        "    accountability: Checked in the next session",
    ]
    if status == "done":
        lines.append(f"    done: {(due - dt.timedelta(days=1)).isoformat()}")
    return "\n".join(lines) + "\n"


def write_engagement(
    root: Path,
    index: int,
    rng: random.Random,
    sessions: int = SESSIONS,
    start: dt.date | None = None,
) -> tuple[Path, int]:
    """Write engagement number ``index`` below ``root`` with ``sessions`` weekly session notes.

    The first session is on ``start``, else on a random day of early 2025.
    Returns the engagement's folder and how many action items it holds.
    """
    client = f"{FIRST[index % 10]} {LAST[(index // 10) % 10]}"
    org = ORGS[index % 10]
    folder = root / f"{org.lower()}-{client.lower().replace(' ', '-')}-{index:03d}"
    offset = rng.randint(0, 120)  # drawn even with a given start: the same rng sequence
    start = start or dt.date(2025, 1, 6) + dt.timedelta(days=offset)
    (folder / "goals").mkdir(parents=True)
    (folder / "sessions").mkdir()
    (folder / "feedback").mkdir()
    (folder / "engagement.md").write_text(
        f"---\nclient: {client}\norganization: {org}\nsponsor: Sam Ortiz\nhr: Dana Wu\ncoach: Alex Rivera\n"
        f"start: {start.isoformat()}\nsessions_planned: {sessions}\nsession_length: 60\ncadence: 1w\n"
        f"phase: coaching\nfollow_up: []\n---\n# Coaching agreement\n\n## Confidentiality\n{PARAGRAPH}\n",
        encoding="utf-8",
    )
    for g in range(1, 4):
        (folder / "goals" / f"G{g}-goal-{g}.md").write_text(
            f"---\nid: G{g}\ntitle: Goal {g} for {client}\nstatus: active\ncompetency: Delegation\n"
            f"measure: 360 item {g}\nbaseline: 2\ntarget: 4\ntarget_date: 2026-06-30\n---\n# Goal {g}\n\n{PARAGRAPH}\n",
            encoding="utf-8",
        )
    items = 0
    seq = index * 1000
    for number in range(1, sessions + 1):
        day = start + dt.timedelta(weeks=number - 1)
        actions = ""
        for _ in range(rng.randint(*ACTIONS_PER_SESSION) + (rng.random() < 0.25)):
            seq += 1
            items += 1
            actions += _action(rng, seq, day, f"G{rng.randint(1, 3)}", client.split(maxsplit=1)[0])
        body = "\n".join(
            f"## {name}\n{PARAGRAPH * rng.randint(1, 2)}\n"
            for name in (
                "Check-in",
                "Review progress",
                "Explore current challenges",
                "Reflection",
                "Homework",
                "Next steps",
            )
        )
        (folder / "sessions" / f"{number:02d}-{day.isoformat()}.md").write_text(
            f"---\nsession: {number}\ndate: {day.isoformat()}\nduration: 60  # minutes\nformat: video\n"
            f"goals: [G1, G2, G3]\nnext_session: {(day + dt.timedelta(weeks=1)).isoformat()}\nactions:\n{actions}---\n"
            f"# Session {number}\n\n{body}\n## Private\nNot for reports.\n",
            encoding="utf-8",
        )
    for round_number in range(6):
        day = start + dt.timedelta(weeks=6 * round_number)
        responses = "".join(
            f"  - {{rater: R{r}, group: peer, goal: G{1 + r % 3}, rating: {rng.randint(-3, 3)}}}\n"
            for r in range(8)
        )
        (folder / "feedback" / f"{day.isoformat()}-mini-survey.md").write_text(
            f"---\nkind: mini-survey\ndate: {day.isoformat()}\nscale: [-3, 3]\nresponses:\n{responses}---\n"
            "# Mini-survey\n",
            encoding="utf-8",
        )
    return folder, items


def generate(
    root: Path, engagements: int = 100, seed: int = 42, sessions: int = SESSIONS
) -> tuple[int, int]:
    """Write the practice below ``root``; return (files, action items)."""
    rng = random.Random(seed)
    items = sum(write_engagement(root, i, rng, sessions)[1] for i in range(engagements))
    files = sum(1 for _ in root.rglob("*.md"))
    return files, items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--engagements", type=int, default=100)
    parser.add_argument("--sessions", type=int, default=SESSIONS, help="session notes each")
    args = parser.parse_args()
    files, items = generate(args.out, args.engagements, sessions=args.sessions)
    print(f"{files} files, {items} action items in {args.out}")


if __name__ == "__main__":
    main()
