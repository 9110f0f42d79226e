"""The sections of a parse-cache entry, and the overdue records read from one as text.

An encoded engagement (:mod:`coachkit.cache.codec`) is four sections, each
marshalled on its own so that a listing unpacks only what it reads: open items
are most of what listings want; OVERDUE_RECORDS is what ``overdue --format json``
prints, pre-encoded. This module imports nothing of the engagement model, so a
warm listing answered before click (:mod:`coachkit.cli.quick`) can read it.
"""

from __future__ import annotations

from typing import Any

CORE, OPEN_ACTIONS, OTHER_ACTIONS, OVERDUE_RECORDS = range(4)

# The OVERDUE_RECORDS section: open dated items as columns, soonest due first, then
# what a warm listing needs of the engagement without unpacking CORE.
DUES, IDS, ITEM_OWNERS, HEADS, MIDS, TAILS, OUTSIDE, OWNERS, CLIENT, PROBLEMS = range(10)


def overdue_texts(
    section: tuple[Any, ...], root: str, name: str, as_of: int, owner: str | None
) -> list[tuple[int, str, str]]:
    """``(due ordinal, id, JSON record)`` of each item of an OVERDUE_RECORDS ``section``
    due before the day ``as_of`` (an ordinal), owned by ``owner`` when given.

    The records were encoded when the entry was written (:func:`coachkit.cache.codec.overdue_record_parts`);
    only ``days_overdue`` and what depends on the root as given (the engagement's name,
    the client when it has none, the folder of each path) are spliced in here, as text,
    so that coachkit.cli.quick can print them without building a Path or a date.
    """
    from bisect import bisect_left

    dues, ids, owners, heads, mids, tails, outside = section[:7]
    client = section[CLIENT] or name
    prefix = "" if root == "." else root if root.endswith("/") else root + "/"
    middle = (
        f',\n    "engagement": {json_string(name)},\n    "client": {json_string(client)},'
        '\n    "path": '
    )
    below = middle + json_string(prefix)[:-1]  # the path's opening quote and the root
    wanted = None if owner is None else owner.casefold()
    return [
        (
            dues[k],
            ids[k],
            f"{heads[k]}{as_of - dues[k]}{mids[k]}"
            f"{middle + chr(34) if k in outside else below}{tails[k]}",
        )
        for k in range(bisect_left(dues, as_of))
        if wanted is None or owners[k] == wanted
    ]


def json_string(text: str) -> str:
    """``text`` as a JSON string, as the listings encode it (``ensure_ascii=False``).

    Plain printable ASCII needs no escaping; anything else goes to the json module
    (whose import a warm listing is spared when its names are plain).
    """
    if text.isascii() and text.isprintable() and '"' not in text and "\\" not in text:
        return f'"{text}"'
    from json.encoder import encode_basestring

    return encode_basestring(text)
