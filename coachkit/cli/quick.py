"""A warm ``coachkit overdue --format json`` (or ``action list --json``) answered before
click is imported.

Start-up is most of a warm listing: Python, click and pathlib cost more than
reading the cache. When the command line is one this module understands and every
engagement is a clean hit in the parse cache, the answer is printed from the
cache entries' pre-encoded records (:func:`coachkit.cache.layout.overdue_texts`)
with none of click, typing or the engagement model imported, nor pathlib unless a
``.coachkit.yaml`` must be read.

It answers only when it is sure to print exactly what click's command would:
the same bytes, the same exit status, nothing on stderr. Anything else is left to
click by returning None: another command or option (``--help``, ``--as-of``,
``--coach``, ``--within``, any other format), a cache miss (the full path reads
the notes and fills the cache), a note with problems (reported on stderr), a
team practice (``team: true`` in a ``.coachkit.yaml``: only the git identity's
engagements are listed), an owner nobody has, an error of any kind (a settings
file that cannot be read included), an output that is not UTF-8.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py
if TYPE_CHECKING:
    from collections.abc import Sequence


def answer(argv: Sequence[str]) -> int | None:
    """Print the answer to ``argv`` and return the exit status, or None to run click."""
    if os.name != "posix" or "_COACHKIT_COMPLETE" in os.environ:
        return None
    asked = _request(argv)
    if asked is None:
        return None
    try:  # what answering needs is imported only now: other commands go to click at once
        as_of = _today()
        records = None if as_of is None else _records(asked, as_of)
        data = None
        if records is not None:
            from coachkit.cache.layout import json_array

            # Encoded before anything is written: text that is not UTF-8 goes to click.
            data = [piece.encode("utf-8") for piece in json_array(records)]
    except Exception:  # an accelerator only: click's path says what is wrong
        return None
    stream = getattr(sys.stdout, "buffer", None)
    if data is None or stream is None or _encoding(sys.stdout) != "utf-8":
        return None
    try:
        sys.stdout.flush()
        for piece in data:
            stream.write(piece)
        stream.flush()
    except OSError as exc:  # a closed pipe: said as click's path says it
        from coachkit.cli.error_handler import error_line

        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(error_line(f"{where}{exc.strerror or exc}") + "\n")
        sys.stderr.flush()
        return 2
    return 1 if asked.check and records else 0


class _Request:
    """What a command line this module answers asks for."""

    def __init__(self, command: str) -> None:
        self.command = command  # "overdue" or "action list"
        self.paths: list[str] = []
        self.owner: str | None = None
        self.check = False  # overdue --check
        self.statuses: tuple[str, ...] = ("open",)  # action list --status
        self.overdue_only = False  # action list --overdue


def _request(argv: Sequence[str]) -> _Request | None:
    """What ``overdue … --format json`` or ``action list … --json`` asks for (PATHs,
    ``--owner``; overdue's ``--check``; action list's ``--status`` and ``--overdue``), or
    None for any other command line."""
    if argv[:1] == ["overdue"]:
        asked, rest = _Request("overdue"), list(argv[1:])
    elif argv[:2] == ["action", "list"]:
        asked, rest = _Request("action list"), list(argv[2:])
    else:
        return None  # before any import: every other command goes to click at once
    from coachkit.vocabulary import ACTION_STATUSES

    flags = {"--check": "check"} if asked.command == "overdue" else {"--overdue": "overdue_only"}
    valued = (
        ("--format", "--owner")
        if asked.command == "overdue"
        else ("--format", "--owner", "--status")
    )
    as_json = False
    while rest:
        arg = rest.pop(0)
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            return None  # not text: click's path refuses it
        option, equals, value = arg.partition("=")
        takes_value = option in valued
        if takes_value and not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if takes_value and option == "--format":
            if value != "json":
                return None
            as_json = True
        elif takes_value and option == "--status":
            if value not in (*ACTION_STATUSES, "all"):
                return None
            asked.statuses = ACTION_STATUSES if value == "all" else (value,)
        elif takes_value:
            if not value.strip():
                return None
            asked.owner = value
        elif arg == "--json":
            as_json = True
        elif arg in flags:
            setattr(asked, flags[arg], True)
        elif arg.startswith("-") or not arg:
            return None
        else:
            asked.paths.append(arg)
    return asked if as_json else None


def _today() -> int | None:
    """Today's ordinal, or ``COACHKIT_TODAY``'s when it is a plain YYYY-MM-DD date."""
    import datetime as dt

    fixed = os.environ.get("COACHKIT_TODAY")
    if not fixed:
        return dt.date.today().toordinal()
    digits = fixed[:4] + fixed[5:7] + fixed[8:]
    if (
        len(fixed) != 10
        or fixed[4] + fixed[7] != "--"
        or not (digits.isdigit() and digits.isascii())
    ):
        return None  # click's path reads (or refuses) any other way of writing it
    return dt.date.fromisoformat(fixed).toordinal()


def _engagements(paths: list[str]) -> list[str] | None:
    """The engagement folders click's path would list, or None when it would refuse."""
    from coachkit.engagement.listing import engagement_roots

    found = engagement_roots(paths, os.getcwd())
    return found if isinstance(found, list) and found else None


def _records(asked: _Request, as_of: int) -> list[str] | None:
    """The listing's JSON records from the cache alone, in its order; None unless every
    engagement is a clean hit with no problem (and, for overdue, outside a team
    practice: action list lists every coach's engagements)."""
    import marshal
    import zlib

    from coachkit.cache.entries import entry_name, read_entry
    from coachkit.cache.layout import (
        OTHER_RECORDS,
        OVERDUE_RECORDS,
        OWNERS,
        PACKED,
        PROBLEMS,
        action_texts,
        overdue_texts,
    )
    from coachkit.engagement.listing import scan
    from coachkit.path_text import joined
    from coachkit.storage.user_folders import cache_home_text

    roots = _engagements(asked.paths)
    if roots is None or (asked.command == "overdue" and _in_a_team(roots)):
        return None
    entries = joined(cache_home_text(), "parsed")
    keyed: list[tuple[object, ...]] = []
    known: set[str] = set()
    for number, root in enumerate(roots):
        sections = read_entry(joined(entries, entry_name(root)), "parsed", scan(root)[0])
        if sections is None:
            return None
        dated = marshal.loads(sections[OVERDUE_RECORDS])
        if dated[PROBLEMS]:
            return None
        name = "" if root == "." else root.rpartition("/")[2]
        known.update(dated[OWNERS])
        if asked.command == "overdue":
            keyed.extend(
                (due, name, id_, text)
                for due, id_, text in overdue_texts(dated, root, name, as_of, asked.owner)
            )
            continue
        raw = sections[OTHER_RECORDS]
        other = marshal.loads(zlib.decompress(raw) if OTHER_RECORDS in PACKED else raw)
        wanted = (asked.statuses, asked.overdue_only, asked.owner)
        keyed.extend(
            (*key[:5], number, key[5], text)
            for key, text in action_texts((dated, other), root, name, as_of, wanted)
        )
    if asked.owner is not None and asked.owner.casefold() not in known:
        return None
    # overdue: due date, engagement, id; action list: action_order's key, then the
    # engagement's place and the item's (ties as click's path breaks them).
    keyed.sort(key=lambda k: k[:-1])
    return [str(k[-1]) for k in keyed]


def _in_a_team(roots: list[str]) -> bool:
    """Whether any engagement is in a team practice (``team: true`` in the closest
    ``.coachkit.yaml`` that sets it), where click's path lists only the git identity's
    engagements. Settings are read (YAML) only when a settings file exists at all."""
    if not _settings_files_exist(roots):
        return False
    from pathlib import Path

    from coachkit.storage.settings import team_practice

    return any(team_practice(Path(root)) for root in roots)


def _settings_files_exist(roots: list[str]) -> bool:
    """Whether a ``.coachkit.yaml`` sits in or above any engagement (as settings_files
    looks: the folders path_text.folders_up names)."""
    from coachkit.path_text import folders_up, joined
    from coachkit.vocabulary import CONFIG_FILE

    here = os.getcwd()
    folders = {folder for root in roots for folder in folders_up(root, here)}
    return any(os.path.isfile(joined(folder, CONFIG_FILE)) for folder in folders)


def _encoding(stream: object) -> str:
    import codecs

    try:
        return codecs.lookup(str(getattr(stream, "encoding", None) or "ascii")).name
    except LookupError:
        return ""
