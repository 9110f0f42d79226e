"""Mutations of real notes for fuzzing the reader and the commands."""

from __future__ import annotations

import random
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "coachkit" / "sample" / "acme-jordan-lee"

SNIPPETS = [
    b"&a [x, *a]",
    b"*undefined",
    b"!!python/object:os.system",
    b"\xff\xfe",
    b"\x00",
    b"<<: *base",
    b"? [a, b]\n: c",
    b"{" * 200,
    b"[" * 2000,
    b"- " * 500,
    b"'unterminated",
    b'"\\uZZZZ"',
    b"2026-02-30",
    b"0000-01-01",
    b"9999-12-31",
    b"\r\n",
    "\ufeff".encode(),
    b"---",
    b"...",
    b"<<<<<<< HEAD",
    b"%YAML 1.1",
    b"x" * 100_000,
    b"\t",
]


def sample_notes() -> list[tuple[str, bytes]]:
    """Every note of the shipped sample engagement, as (relative path, bytes)."""
    return [(str(p.relative_to(SAMPLE)), p.read_bytes()) for p in sorted(SAMPLE.rglob("*.md"))]


def mutate(note: bytes, rng: random.Random) -> bytes:
    """One to four random edits: flips, cuts, splices of YAML trouble, repeats, and
    (rarely) a 10 MB body or a 10 MB scalar."""
    data = bytearray(note)
    if rng.randrange(40) == 0:
        huge = b"word " * 2_000_000
        if rng.randrange(2):
            data += b"\n" + huge  # a 10 MB body
        else:
            at = data.find(b"\n") + 1
            data[at:at] = b"huge: " + huge.replace(b" ", b"x") + b"\n"  # a 10 MB scalar
    for _ in range(rng.randint(1, 4)):
        choice = rng.randrange(6)
        at = rng.randrange(len(data) + 1)
        if choice == 0 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif choice == 1:
            del data[at:]
        elif choice == 2:
            data[at:at] = rng.choice(SNIPPETS)
        elif choice == 3 and data:
            end = min(len(data), at + rng.randrange(1, 64))
            data[at:at] = data[at:end] * rng.randint(2, 50)
        elif choice == 4:
            del data[at : at + rng.randrange(1, 32)]
        else:
            line = b"\nactions:\n" + b"".join(
                b"  - {id: a%03d, title: t, owner: o, due: 2026-01-01, status: open}\n" % n
                for n in range(rng.randint(1, 3000))
            )
            data[at:at] = line
    return bytes(data)
