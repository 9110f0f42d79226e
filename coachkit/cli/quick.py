"""A warm ``coachkit overdue --format json`` answered before click is imported.

Start-up is most of a warm listing: Python, click and pathlib cost more than
reading the cache. When the command line is one this module understands and every
engagement is a clean hit in the parse cache, the answer is printed from the
cache entries' pre-encoded records (:func:`coachkit.cache.layout.overdue_texts`)
with none of click, typing or the engagement model imported, nor pathlib unless a
``.coachkit.yaml`` must be read.

It answers only when it is sure to print exactly what click's ``overdue`` would:
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
    asked = _overdue_request(argv)
    if asked is None:
        return None
    paths, owner, check = asked
    try:  # what answering needs is imported only now: other commands go to click at once
        as_of = _today()
        records = None if as_of is None else _overdue_records(paths, as_of, owner)
        data = None
        if records is not None:
            text = "[\n" + ",\n".join(records) + "\n]\n" if records else "[]\n"
            data = text.encode("utf-8")
    except Exception:  # an accelerator only: click's path says what is wrong
        return None
    stream = getattr(sys.stdout, "buffer", None)
    if data is None or stream is None or _encoding(sys.stdout) != "utf-8":
        return None
    try:
        sys.stdout.flush()
        stream.write(data)
        stream.flush()
    except OSError as exc:  # a closed pipe: said as click's path says it
        from coachkit.cli.error_handler import error_line

        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(error_line(f"{where}{exc.strerror or exc}") + "\n")
        sys.stderr.flush()
        return 2
    return 1 if check and records else 0


def _overdue_request(argv: Sequence[str]) -> tuple[list[str], str | None, bool] | None:
    """PATHs, ``--owner`` and ``--check`` of ``overdue … --format json``, or None for
    any other command line."""
    if not argv or argv[0] != "overdue":
        return None
    paths: list[str] = []
    owner = None
    check = as_json = False
    rest = list(argv[1:])
    while rest:
        arg = rest.pop(0)
        if any("\ud800" <= ch <= "\udfff" for ch in arg):
            return None  # not text: click's path refuses it
        option, equals, value = arg.partition("=")
        takes_value = option in ("--format", "--owner")
        if takes_value and not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if takes_value and option == "--format":
            if value != "json":
                return None
            as_json = True
        elif takes_value:
            if not value.strip():
                return None
            owner = value
        elif arg == "--json":
            as_json = True
        elif arg == "--check":
            check = True
        elif arg.startswith("-") or not arg:
            return None
        else:
            paths.append(arg)
    return (paths, owner, check) if as_json else None


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
    from coachkit.engagement.listing import engagement_above, engagement_folders

    if paths:
        found = engagement_folders(paths)
        return found if isinstance(found, list) and found else None
    here = os.getcwd()
    above = engagement_above(here)
    if above is not None:
        return [above]
    found = engagement_folders([here])
    return found if isinstance(found, list) and found else None


def _overdue_records(paths: list[str], as_of: int, owner: str | None) -> list[str] | None:
    """``overdue``'s JSON records from the cache alone, in its order; None unless every
    engagement is a clean hit outside a team practice."""
    import marshal

    from coachkit.cache.entries import entry_name, read_entry
    from coachkit.cache.layout import OVERDUE_RECORDS, OWNERS, PROBLEMS, overdue_texts
    from coachkit.engagement.listing import scan
    from coachkit.path_text import joined
    from coachkit.storage.user_folders import cache_home_text

    roots = _engagements(paths)
    if roots is None or _in_a_team(roots):
        return None
    entries = joined(cache_home_text(), "parsed")
    keyed: list[tuple[int, str, str, str]] = []
    known: set[str] = set()
    for root in roots:
        sections = read_entry(joined(entries, entry_name(root)), "parsed", scan(root)[0])
        if sections is None:
            return None
        section = marshal.loads(sections[OVERDUE_RECORDS])
        if section[PROBLEMS]:
            return None
        name = "" if root == "." else root.rpartition("/")[2]
        known.update(section[OWNERS])
        keyed.extend(
            (due, name, id_, text)
            for due, id_, text in overdue_texts(section, root, name, as_of, owner)
        )
    if owner is not None and owner.casefold() not in known:
        return None
    keyed.sort(key=lambda k: k[:3])
    return [k[3] for k in keyed]


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
    looks: from the folder made absolute, up through its parents)."""
    from coachkit.path_text import joined
    from coachkit.vocabulary import CONFIG_FILE

    here = os.getcwd()
    seen: set[str] = set()
    for root in roots:
        folder = root if root.startswith("/") else here if root == "." else joined(here, root)
        while folder not in seen:
            seen.add(folder)
            if os.path.isfile(joined(folder, CONFIG_FILE)):
                return True
            parent = os.path.dirname(folder)
            if parent == folder:
                break
            folder = parent
    return False


def _encoding(stream: object) -> str:
    import codecs

    try:
        return codecs.lookup(str(getattr(stream, "encoding", None) or "ascii")).name
    except LookupError:
        return ""
