"""The sections of a parse-cache entry, and the overdue records read from one as text.

An encoded engagement (:mod:`coachkit.cache.codec`) is four sections, each
marshalled on its own so that a listing unpacks only what it reads: open items
are most of what listings want; OVERDUE_RECORDS is what ``overdue --format json``
prints, pre-encoded. This module imports nothing of the engagement model, so a
warm listing answered before click (:mod:`coachkit.cli.quick`) can read it.
"""

from __future__ import annotations

TYPE_CHECKING = False  # as typing's, without importing typing: see coachkit/path_text.py
if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from typing import Any

CORE, OPEN_ACTIONS, OTHER_ACTIONS, OVERDUE_RECORDS, OTHER_RECORDS = range(5)
# Done and dropped items and their records: most of an entry's bytes, read only by
# `action list` and `hours`, so kept compressed (zlib, level 1: ~8x smaller, ~1 ms
# per 1,000 notes to unpack) and a view that never reads them holds little.
PACKED = frozenset({OTHER_ACTIONS, OTHER_RECORDS})

# The OVERDUE_RECORDS section: open dated items as columns, soonest due first, then
# what a warm listing needs of the engagement without unpacking CORE. OTHER_RECORDS:
# the same columns for every other item, then their STATUSES.
DUES, IDS, ITEM_OWNERS, HEADS, MIDS, TAILS, OUTSIDE, POSITIONS = range(8)
OWNERS, CLIENT, PROBLEMS = range(8, 11)
STATUSES = 8
LAST_DAY = 3652059  # datetime.date.max as an ordinal: undated items sort after every date


def overdue_texts(
    section: tuple[Any, ...], root: str, name: str, as_of: int, owner: str | None
) -> list[tuple[int, str, str]]:
    """``(due ordinal, id, JSON record)`` of each item of an OVERDUE_RECORDS ``section``
    due before the day ``as_of`` (an ordinal), owned by ``owner`` when given.

    The records were encoded when the entry was written (:func:`coachkit.cache.codec.record_parts`);
    only ``days_overdue`` and what depends on the root as given (the engagement's name,
    the client when it has none, the folder of each path) are spliced in here, as text,
    so that coachkit.cli.quick can print them without building a Path or a date.
    """
    from bisect import bisect_left

    last = bisect_left(section[DUES], as_of)
    texts = _Texts(section, root, name, section[CLIENT], owner)
    dues, ids = section[DUES], section[IDS]
    return [(dues[k], ids[k], texts.text(k, as_of - dues[k])) for k in texts.kept(range(last))]


def action_texts(
    sections: tuple[tuple[Any, ...], tuple[Any, ...]],
    root: str,
    name: str,
    as_of: int,
    wanted: tuple[tuple[str, ...], bool, str | None],
) -> list[tuple[tuple[int, bool, int, str, str, int], str]]:
    """``(sort key, JSON record)`` of each item of an engagement's OVERDUE_RECORDS and
    OTHER_RECORDS ``sections`` that ``action list`` shows: with a status in the
    ``wanted`` statuses, past due when ``wanted`` says overdue only, owned by its owner
    when given. The key is :func:`~coachkit.engagement.model.action_order`'s, with
    ordinals for dates, then the item's place in the notes (which breaks ties as the
    order the notes are read in does)."""
    from bisect import bisect_left

    statuses, overdue_only, owner = wanted
    dated, rest = sections
    found = []
    if "open" in statuses:
        texts = _Texts(dated, root, name, dated[CLIENT], owner)
        dues, ids, places = dated[DUES], dated[IDS], dated[POSITIONS]
        last = bisect_left(dues, as_of) if overdue_only else len(dues)
        for k in texts.kept(range(last)):
            days = max(as_of - dues[k], 0)
            key = (-days, False, dues[k], name, ids[k], places[k])
            found.append((key, texts.text(k, days)))
    if overdue_only:
        return found
    texts = _Texts(rest, root, name, dated[CLIENT], owner)
    dues, ids, kinds, places = rest[DUES], rest[IDS], rest[STATUSES], rest[POSITIONS]
    for k in texts.kept(k for k in range(len(ids)) if kinds[k] in statuses):
        due = dues[k]
        key = (0, due is None, LAST_DAY if due is None else due, name, ids[k], places[k])
        found.append((key, texts.text(k, 0)))
    return found


class _Texts:
    """The records of one section, with what depends on the root as given spliced in."""

    def __init__(
        self, section: tuple[Any, ...], root: str, name: str, client: str | None, owner: str | None
    ) -> None:
        self.section = section
        self.heads, self.mids, self.tails, self.outside = section[HEADS : OUTSIDE + 1]
        prefix = "" if root == "." else root if root.endswith("/") else root + "/"
        self.middle = (
            f',\n    "engagement": {json_string(name)},'
            f'\n    "client": {json_string(client or name)},\n    "path": '
        )
        self.below = self.middle + json_string(prefix)[:-1]  # the opening quote and the root
        self.owner = None if owner is None else owner.casefold()

    def kept(self, indexes: Any) -> Any:
        """The ``indexes`` whose item the owner asked for owns (all, without one)."""
        if self.owner is None:
            return indexes
        owners = self.section[ITEM_OWNERS]
        return [k for k in indexes if owners[k] == self.owner]

    def text(self, k: int, days_overdue: int) -> str:
        lead = self.middle + '"' if k in self.outside else self.below
        return f"{self.heads[k]}{days_overdue}{self.mids[k]}{lead}{self.tails[k]}"


def json_array(records: Sequence[str], step: int = 2048) -> Iterator[str]:
    """Records as the listings print them (each ``{...}`` laid out as ``json_text``
    does) making one JSON array with its final line break, ``step`` records a piece:
    the whole array as one string would hold a copy of every record at once."""
    if not records:
        yield "[]\n"
        return
    for start in range(0, len(records), step):
        yield ("[\n" if start == 0 else ",\n") + ",\n".join(records[start : start + step])
    yield "\n]\n"


def json_string(text: str) -> str:
    """``text`` as a JSON string, as the listings encode it (``ensure_ascii=False``).

    Plain printable ASCII needs no escaping; anything else goes to the json module
    (whose import a warm listing is spared when its names are plain).
    """
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    from json.encoder import encode_basestring

    return encode_basestring(text)
