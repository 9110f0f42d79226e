"""The parse cache never serves a stale note, survives concurrent runs and bad entries."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coachkit.cache import entries as engagement_cache
from coachkit.cache.codec import CachedEngagement
from coachkit.cache.parse_cache import EngagementCache
from coachkit.engagement import listing
from coachkit.engagement.loader import load_engagement
from coachkit.engagement.model import Engagement
from tests.helpers import build_file_tree, git, run

ACTION = "  - id: {id}\n    title: {title}\n    owner: Jordan\n    due: 2026-01-{day:02d}\n"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Treat notes as settled at once, so that a test can cache what it just wrote."""
    monkeypatch.setattr(engagement_cache, "SETTLE_NS", -(10**12))


@pytest.fixture
def cache(tmp_path: Path) -> EngagementCache:
    return EngagementCache(tmp_path / "cache")


def fresh(cache: EngagementCache) -> EngagementCache:
    """A new cache object on the same folder, as a new coachkit process would make."""
    return EngagementCache(cache.folder)


def load_twice(cache: EngagementCache, root: Path) -> Engagement:
    """Load, expect the second load from a new process to hit, return it."""
    fresh(cache).load(root)
    again = fresh(cache)
    engagement = again.load(root)
    assert (again.hits, again.misses) == (1, 0)
    return engagement


def reload(cache: EngagementCache, root: Path) -> tuple[Engagement, EngagementCache]:
    again = fresh(cache)
    return again.load(root), again


def copies_of(sample: Path, practice: Path, count: int) -> Path:
    """A practice of ``count`` copies of the sample engagement (without git)."""
    for number in range(count):
        shutil.copytree(
            sample, practice / f"client-{number}", ignore=shutil.ignore_patterns(".git")
        )
    return practice


def titles(engagement: Engagement) -> list[str]:
    return sorted(a.title for a in engagement.actions)


def comparable(engagement: Engagement) -> dict[str, object]:
    """Everything a loaded engagement holds except the notes themselves."""
    return {
        "root": engagement.root,
        "meta": engagement.meta,
        "actions": [
            {f.name: getattr(a, f.name) for f in dataclasses.fields(a) if f.name != "raw"}
            for a in engagement.actions
        ],
        "goals": [dataclasses.asdict(g) for g in engagement.goals],
        "sessions": [
            (s.number, s.date, s.duration, s.next_session, s.path, s.body, s.body_line)
            for s in engagement.sessions
        ],
        "feedback": [(f.kind, f.date, f.meta, f.path) for f in engagement.feedback],
        "problems": [str(p) for p in engagement.problems],
    }


def test_a_cached_engagement_equals_the_parsed_one(
    sample: Path, cache: EngagementCache, settled: None
) -> None:
    # A broken note and a note with an unknown key, a nested mapping and dates in lists.
    (sample / "goals" / "G9-broken.md").write_text("---\nid: G9\ntitle: [\n---\n", encoding="utf-8")
    engagement_md = sample / "engagement.md"
    engagement_md.write_text(
        engagement_md.read_text(encoding="utf-8").replace(
            "---\n", "---\ncustom:\n  nested: {a: 1, b: [2026-01-02, x]}\n", 1
        ),
        encoding="utf-8",
    )
    parsed = load_engagement(sample)
    cached = load_twice(cache, sample)
    assert parsed.problems and comparable(cached) == comparable(parsed)


def test_a_cached_engagement_refuses_notes_and_raw_items(
    sample: Path, cache: EngagementCache, settled: None
) -> None:
    # Not a placeholder that fails when used: a type without them, which mypy keeps
    # away from code that asks for a loaded Engagement.
    cached = load_twice(cache, sample)
    assert isinstance(cached, CachedEngagement) and not isinstance(cached, Engagement)
    assert not hasattr(cached, "notes")
    assert cached.actions and not hasattr(cached.actions[0], "raw")


def test_a_cold_read_keeps_no_parsed_notes(sample: Path, tmp_path: Path, settled: None) -> None:
    """A miss is parsed, stored, and handed on as the lean view a hit would give: a cold
    listing of a whole practice then holds no more per engagement than a warm one."""
    from coachkit.engagement.practice import load_all, resolve_engagements

    practice = copies_of(sample, tmp_path / "practice", 3)
    roots = resolve_engagements([practice], practice)
    cold_cache = EngagementCache(tmp_path / "cache")
    cold, _ = load_all(roots, cold_cache)
    assert (cold_cache.misses, cold_cache.stored) == (3, 3)
    assert all(isinstance(e, CachedEngagement) and not hasattr(e, "notes") for e in cold)
    warm_cache = fresh(cold_cache)
    warm, _ = load_all(roots, warm_cache)
    assert warm_cache.hits == 3
    assert [comparable(e) for e in cold] == [comparable(e) for e in warm]
    # Not settled enough to store: still the lean view, with the same answers.
    recent = EngagementCache(tmp_path / "recent", started_ns=0)
    unstored, _ = load_all(roots, recent)
    assert recent.stored == 0 and all(isinstance(e, CachedEngagement) for e in unstored)
    assert [comparable(e) for e in unstored] == [comparable(e) for e in warm]


def _append_action(note: Path, action_id: str, title: str) -> None:
    text = note.read_text(encoding="utf-8")
    note.write_text(
        text.replace(
            "actions:\n", "actions:\n" + ACTION.format(id=action_id, title=title, day=5), 1
        ),
        encoding="utf-8",
    )


def _note_with_actions(root: Path) -> Path:
    return next(
        p for p in sorted((root / "sessions").glob("*.md")) if "actions:\n" in p.read_text()
    )


def test_an_edit_is_seen(sample: Path, cache: EngagementCache, settled: None) -> None:
    load_twice(cache, sample)
    _append_action(_note_with_actions(sample), "Kx7p", "Added by an edit")
    engagement, stats = reload(cache, sample)
    assert stats.misses == 1 and "Added by an edit" in titles(engagement)


def test_a_same_size_edit_with_the_mtime_put_back_is_seen(
    sample: Path, cache: EngagementCache, settled: None
) -> None:
    note = _note_with_actions(sample)
    load_twice(cache, sample)
    before = note.stat()
    data = note.read_bytes()
    owner = data.index(b"owner: ") + len(b"owner: ")
    changed = data[:owner] + b"Q" + data[owner + 1 :]  # one letter: the same size
    assert len(changed) == len(data) and changed != data
    note.write_bytes(changed)
    os.utime(note, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = note.stat()
    assert (after.st_size, after.st_mtime_ns, after.st_ino) == (
        before.st_size,
        before.st_mtime_ns,
        before.st_ino,
    )
    engagement, stats = reload(cache, sample)
    assert stats.misses == 1
    assert any(a.owner and a.owner.startswith("Q") for a in engagement.actions)


def test_a_rename_is_seen(sample: Path, cache: EngagementCache, settled: None) -> None:
    note = _note_with_actions(sample)
    load_twice(cache, sample)
    moved = note.with_name("99-" + note.name.split("-", 1)[1])
    note.rename(moved)
    engagement, stats = reload(cache, sample)
    assert stats.misses == 1
    assert moved in {a.path for a in engagement.actions}
    assert note not in {a.path for a in engagement.actions}


def test_a_deleted_note_is_seen(sample: Path, cache: EngagementCache, settled: None) -> None:
    note = _note_with_actions(sample)
    before = load_twice(cache, sample)
    note.unlink()
    engagement, stats = reload(cache, sample)
    assert stats.misses == 1
    assert len(engagement.sessions) == len(before.sessions) - 1
    assert note not in {a.path for a in engagement.actions}


def test_a_new_note_is_seen(sample: Path, cache: EngagementCache, settled: None) -> None:
    load_twice(cache, sample)
    build_file_tree(
        sample,
        {
            "sessions/09-2026-03-01.md": "---\nsession: 9\ndate: 2026-03-01\nactions:\n"
            + ACTION.format(id="Nw3e", title="From a new note", day=9)
            + "---\n"
        },
    )
    engagement, stats = reload(cache, sample)
    assert stats.misses == 1 and "From a new note" in titles(engagement)


def test_a_hidden_or_non_markdown_file_changes_nothing(
    sample: Path, cache: EngagementCache, settled: None
) -> None:
    load_twice(cache, sample)
    build_file_tree(sample, {"sessions/.scratch.md": "junk", "sessions/notes.txt": "junk"})
    _, stats = reload(cache, sample)
    assert stats.hits == 1


def test_a_git_checkout_of_another_branch_is_seen(
    sample: Path, cache: EngagementCache, settled: None
) -> None:
    git(sample, "checkout", "-q", "-b", "other")
    _append_action(_note_with_actions(sample), "Br4n", "Only on the other branch")
    git(sample, "commit", "-qam", "other branch")
    on_other = load_twice(cache, sample)
    assert "Only on the other branch" in titles(on_other)
    git(sample, "checkout", "-q", "main")
    engagement, stats = reload(cache, sample)
    assert stats.misses == 1 and "Only on the other branch" not in titles(engagement)
    git(sample, "checkout", "-q", "other")
    engagement, stats = reload(cache, sample)
    assert stats.misses == 1 and "Only on the other branch" in titles(engagement)


def test_a_note_changed_just_now_is_read_but_not_cached(
    sample: Path, cache: EngagementCache
) -> None:
    # Without the `settled` fixture the notes, written a moment ago, are too recent:
    # two writes inside one tick of the file system's clock could share a signature.
    first = fresh(cache)
    first.load(sample)
    assert (first.misses, first.stored) == (1, 0)
    assert not cache.folder.exists() or not list(cache.folder.iterdir())


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00" * 7, b"garbage that is not marshal", b"\xff" * 64, None],
    ids=["empty", "short", "text", "bytes", "truncated"],
)
def test_a_broken_entry_is_a_miss_never_an_error(
    sample: Path, cache: EngagementCache, settled: None, content: bytes | None
) -> None:
    load_twice(cache, sample)
    entry = cache.entry_path(sample)
    entry.write_bytes(entry.read_bytes()[:100] if content is None else content)
    engagement, stats = reload(cache, sample)
    assert stats.misses == 1 and comparable(engagement) == comparable(load_engagement(sample))
    _, stats = reload(cache, sample)
    assert stats.hits == 1  # and it was written again


def test_an_entry_of_another_version_is_a_miss(
    sample: Path, cache: EngagementCache, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_twice(cache, sample)
    monkeypatch.setattr(engagement_cache, "CACHE_VERSION", engagement_cache.CACHE_VERSION + 1)
    _, stats = reload(cache, sample)
    assert stats.misses == 1


def test_a_change_to_coachkit_itself_is_a_miss(
    sample: Path, cache: EngagementCache, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_twice(cache, sample)
    fingerprint = engagement_cache.code_fingerprint()
    edited = [(fingerprint[0][0], fingerprint[0][1] + 1, fingerprint[0][2]), *fingerprint[1:]]
    monkeypatch.setattr(engagement_cache, "_FINGERPRINT", edited)
    monkeypatch.setattr(engagement_cache, "_DIGEST", [])
    _, stats = reload(cache, sample)
    assert stats.misses == 1


def test_an_unwritable_cache_costs_only_speed(sample: Path, tmp_path: Path, settled: None) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be", encoding="utf-8")
    cache = EngagementCache(blocker / "parsed")
    engagement = cache.load(sample)
    assert cache.stored == 0 and engagement.actions
    result = run("overdue", str(sample), "--json", env={"COACHKIT_CACHE_DIR": str(blocker)})
    assert result.exit_code == 0, result.output


def _cli_outputs(practice: Path, *extra: str) -> dict[str, tuple[int, str, str]]:
    outputs = {}
    for args in (
        ("overdue", "--json"),
        ("overdue", "--within", "30"),
        ("status", "--json"),
        ("status",),
        ("action", "list", "--status", "all", "--json"),
        ("action", "list", "--overdue", "--format", "csv"),
    ):
        result = run(*args, str(practice), *extra)
        assert result.exit_code == 2 and "G9-broken.md:3:" in result.stderr, result.output
        outputs[" ".join(args)] = (result.exit_code, result.stdout, result.stderr)
    return outputs


def test_listings_print_the_same_from_the_cache_as_from_the_notes(
    sample: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = tmp_path / "practice"
    for number in range(3):
        shutil.copytree(
            sample, practice / f"client-{number}", ignore=shutil.ignore_patterns(".git")
        )
    (practice / "client-2" / "goals" / "G9-broken.md").write_text("---\nid: [\n---\n")
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("COACHKIT_CACHE_DIR", str(cache_dir))
    uncached = _cli_outputs(practice, "--no-cache")
    assert not cache_dir.exists()  # --no-cache neither reads nor writes it
    cold = _cli_outputs(practice)
    assert len(list((cache_dir / "parsed").iterdir())) == 3
    warm = _cli_outputs(practice)
    assert uncached == cold == warm
    assert json.loads(warm["overdue --json"][1])  # the sample has overdue items


def test_the_cache_lives_in_the_user_cache_folder(
    sample: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("overdue", str(sample)).exit_code == 0
    default = Path(os.environ["XDG_CACHE_HOME"]) / "coachkit" / "parsed"
    assert len(list(default.iterdir())) == 1
    assert not any(p.name.startswith(".") and p.suffix == ".tmp" for p in sample.rglob("*"))
    assert set(git(sample, "status", "--porcelain").split()) == set()
    monkeypatch.setenv("COACHKIT_CACHE_DIR", str(tmp_path / "elsewhere"))
    assert run("overdue", str(sample)).exit_code == 0
    assert len(list((tmp_path / "elsewhere" / "parsed").iterdir())) == 1


READER = """
import sys
from pathlib import Path
from coachkit.cache import entries as engagement_cache
from coachkit.cache.parse_cache import EngagementCache
engagement_cache.SETTLE_NS = -(10**12)
cache = EngagementCache(Path(sys.argv[1]))
for _ in range(int(sys.argv[3])):
    engagement = cache.load(Path(sys.argv[2]))
    print(len(engagement.actions), sorted(a.title for a in engagement.actions)[0])
"""


def test_concurrent_runs_share_the_cache_safely(sample: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(folder), str(sample), "20"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]
    expected = load_engagement(sample)
    line = f"{len(expected.actions)} {sorted(a.title for a in expected.actions)[0]}"
    for out, err in outputs:
        assert not err
        assert set(out.splitlines()) == {line}
    assert not [p for p in folder.iterdir() if p.suffix == ".tmp"]


def test_a_cold_read_shared_with_a_child_process_gives_the_same_practice(
    sample: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.cache import two_processes
    from coachkit.engagement.practice import load_all, resolve_engagements

    practice = copies_of(sample, tmp_path / "practice", 6)
    (practice / "client-4" / "goals" / "G9-broken.md").write_text("---\nid: [\n---\n")
    roots = resolve_engagements([practice], practice)
    monkeypatch.setattr(two_processes, "MIN_NOTES", 1)
    cache = EngagementCache(tmp_path / "cache")
    shared, shared_problems = load_all(roots, cache)
    # The child's half came back through the cache: hits in this process.
    assert (cache.hits, cache.misses, cache.stored) == (3, 6, 3)
    serial, serial_problems = load_all(roots)
    assert [comparable(e) for e in shared] == [comparable(e) for e in serial]
    assert [str(p) for p in shared_problems] == [str(p) for p in serial_problems]


def test_a_failing_child_costs_only_time(
    sample: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coachkit.cache import two_processes
    from coachkit.engagement.practice import load_all, resolve_engagements

    practice = copies_of(sample, tmp_path / "practice", 4)
    roots = resolve_engagements([practice], practice)
    monkeypatch.setattr(two_processes, "MIN_NOTES", 1)

    real_start = two_processes.start_child

    def broken_child(work: object) -> object:
        return real_start(lambda: 1 / 0)

    monkeypatch.setattr(two_processes, "start_child", broken_child)
    cache = EngagementCache(tmp_path / "cache")
    engagements, _ = load_all(roots, cache)
    assert [comparable(e) for e in engagements] == [comparable(e) for e in load_all(roots)[0]]
    assert cache.hits == 0  # the child's half was read again here, not taken from the cache


def test_session_new_writes_the_same_note_from_the_cache(
    sample: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    practice = copies_of(sample, tmp_path / "practice", 2)
    warm, cold = practice / "client-0", practice / "client-1"
    monkeypatch.setenv("COACHKIT_CACHE_DIR", str(tmp_path / "cache"))
    assert run("overdue", str(warm)).exit_code == 0  # fills the cache for `warm`
    written = {}
    for folder, env in ((warm, {}), (cold, {"COACHKIT_CACHE_DIR": str(tmp_path / "none")})):
        result = run("session", "new", "--date", "2026-02-19", "--no-commit", cwd=folder, env=env)
        assert result.exit_code == 0, result.output
        written[folder.name] = Path(result.stdout.strip()).read_text(encoding="utf-8")
    assert written["client-0"] == written["client-1"]
    assert "overdue" in written["client-0"]  # the open items were carried over


def test_equal_signatures_give_equal_bytes_whatever_else_holds_them(sample: Path) -> None:
    first = listing.scan(sample)[0]
    second = listing.scan(sample)[0]
    held = [first, first[0], first[0][0]]  # other references, as a caller may keep
    assert held and first == second
    assert engagement_cache.signature_bytes(first) == engagement_cache.signature_bytes(second)


def test_overdue_json_prints_the_same_bytes_from_the_cache_with_every_option(
    sample: Path, tmp_path: Path, settled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``overdue --format json`` splices today and the path into records the cache
    pre-encoded: the bytes match the notes' for --owner, --as-of, several paths, a
    relative path, and awkward titles."""
    practice = tmp_path / "practice"
    for number in range(2):
        shutil.copytree(sample, practice / f"c-{number}", ignore=shutil.ignore_patterns(".git"))
    for note in (practice / "c-1" / "sessions").glob("*.md"):
        text = note.read_text(encoding="utf-8").replace("owner: Jordan", "owner: JÖRDAN", 1)
        text = text.replace("    title: ", '    title: Zoë "東京" \\ ')
        note.write_text(text, encoding="utf-8")
    monkeypatch.setenv("COACHKIT_CACHE_DIR", str(tmp_path / "cache"))
    cases = [
        ("--json", str(practice)),
        ("--format", "json", "--owner", "jordan", str(practice)),
        ("--format", "json", "--owner", "jördan", str(practice)),
        ("--format", "json", "--owner", "nobody", str(practice)),
        ("--json", "--as-of", "2026-06-30", str(practice / "c-1"), str(practice / "c-0")),
        ("--json", "--as-of", "2020-01-01", str(practice)),
        ("--json", "--check", "c-0"),
    ]

    def outputs(*extra: str) -> list[tuple[int, str, str]]:
        found = []
        for args in cases:
            result = run("overdue", *args, *extra, cwd=practice)
            found.append((result.exit_code, result.stdout, result.stderr))
        return found

    uncached = outputs("--no-cache")
    cold = outputs()
    warm = outputs()
    assert uncached == cold == warm
    titles = {item["title"] for item in json.loads(warm[0][1])}
    assert any(title.startswith('Zoë "東京" \\ ') for title in titles)
    assert warm[5][1] == "[]\n" and warm[3][0] == 2
