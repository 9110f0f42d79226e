"""A front matter mapping that remembers where it and each of its keys start.

Kept apart from the YAML loader so that code reading cached engagements needs no YAML.
"""

from __future__ import annotations

from typing import Any


class LocatedMap(dict[Any, Any]):
    """A mapping that knows where it, and each of its keys, starts in the file.

    ``line`` and ``column`` are 1-based and counted in the whole file.
    """

    __slots__ = ("column", "key_positions", "line")

    def __init__(self) -> None:
        super().__init__()
        self.line = 0
        self.column = 0
        self.key_positions: dict[Any, tuple[int, int]] = {}

    def position_of(self, key: Any) -> tuple[int, int]:
        """Line and column of ``key``, or of the mapping itself if the key is absent."""
        return self.key_positions.get(key, (self.line, self.column))
