"""A strict, fast YAML loader for front matter.

PyYAML's C loader with YAML 1.2 core typing: only ``true``/``false`` are booleans,
``10:30`` and ``012`` stay strings, and ISO dates (also written as a midnight-UTC
timestamp by other tools) become ``datetime.date``.
Impossible dates and duplicate keys are errors with a position. Every mapping it
builds remembers the line and column where it starts and where each key starts.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, ScalarNode

from coachkit.dates import date_problem
from coachkit.notes.located_map import LocatedMap

# libyaml's C parser when PyYAML has it (it does in every wheel for common platforms).
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR_TAG = "tag:yaml.org,2002:str"


class StrictLoader(_Loader):  # type: ignore[valid-type,misc]
    """CSafeLoader with YAML 1.2 core scalars, checked dates and no duplicate keys.

    ``first_line`` is the file line on which the YAML text begins, so that every
    position it reports is a position in the file.
    """

    yaml_implicit_resolvers: dict[str, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012

    def __init__(self, stream: str, first_line: int = 1) -> None:
        super().__init__(stream)
        self.first_line = first_line

    def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
        # Only implicit scalar resolution is used (no path resolvers): a direct
        # dictionary look-up instead of PyYAML's general loop.
        if kind is ScalarNode:
            if implicit[0]:
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return STR_TAG
        return str(super().resolve(kind, value, implicit))

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A node built before is reached again only through an alias (*name). Refusing
        # aliases of lists and mappings keeps memory and time bounded: an "alias bomb"
        # of nested aliases would otherwise be expanded by anything that walks the data.
        if node in self.constructed_objects or node in self.recursive_objects:
            raise ConstructorError(
                None,
                None,
                "anchors and aliases (&name, *name) are not allowed in front matter; "
                "write the value out",
                node.start_mark,
            )
        return super().construct_object(node, deep)

    def position(self, node: yaml.Node) -> tuple[int, int]:
        mark = node.start_mark
        return mark.line + self.first_line, mark.column + 1


def _add(tag: str, pattern: str, first: str) -> None:
    StrictLoader.add_implicit_resolver(tag, re.compile(pattern, re.X), list(first))


_add("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", "~nN")
StrictLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^$"), [""])
_add("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
# Decimal integers only, and no leading zero: `012` is an id, not the number 10.
_add("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789")
_add(
    "tag:yaml.org,2002:float",
    r"^(?:[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.[0-9]+(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+0123456789.",
)
# A date, or the midnight-UTC timestamp other tools save in its place (gray-matter, through
# js-yaml, writes 2026-01-29 as 2026-01-29T00:00:00.000Z): read as that date, and lint's
# date-from-timestamp writes it back. Any other time of day stays text, so an error where a
# date belongs, since it names no single day everywhere.
MIDNIGHT_UTC = r"T00:00:00(?:\.0+)?(?:Z|[+-]00:?00)"
_add(
    "tag:yaml.org,2002:timestamp",
    rf"^[0-9]{{4}}-[0-9]{{1,2}}-[0-9]{{1,2}}(?:{MIDNIGHT_UTC})?$",
    "0123456789",
)


def _construct_bool(loader: StrictLoader, node: ScalarNode) -> bool:
    return str(loader.construct_scalar(node)).lower() == "true"


def _construct_int(loader: StrictLoader, node: ScalarNode) -> int:
    # Reached for plain integers and for anything tagged !!int, which may be any text.
    text = str(loader.construct_scalar(node))
    try:
        return int(text)
    except ValueError:
        problem = (
            f"a whole number of {len(text)} digits is too long; quote it to keep it as text"
            if text.lstrip("+-").isdigit()
            else f"{_short(text)} is not a whole number"
        )
        raise ConstructorError(None, None, problem, node.start_mark) from None


def _construct_float(loader: StrictLoader, node: ScalarNode) -> float:
    text = str(loader.construct_scalar(node)).lower()
    if text.endswith("inf"):
        return float("-inf") if text.startswith("-") else float("inf")
    if text == ".nan":
        return float("nan")
    try:
        return float(text)
    except ValueError:
        raise ConstructorError(
            None, None, f"{_short(text)} is not a number", node.start_mark
        ) from None


def _short(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _construct_date(loader: StrictLoader, node: ScalarNode) -> dt.date:
    text = str(node.value).partition("T")[0]
    try:
        year, month, day = text.split("-")
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        problem = date_problem(text) or f"invalid date {text!r}: write dates as YYYY-MM-DD"
        raise ConstructorError(None, None, problem, node.start_mark) from None


def _construct_map(loader: StrictLoader, node: MappingNode) -> Any:
    # The hot path of every read: plain string keys and scalar values are built
    # here directly instead of through construct_object, which is several times slower.
    data = LocatedMap()
    first = loader.first_line
    mark = node.start_mark
    data.line, data.column = mark.line + first, mark.column + 1
    yield data
    positions = data.key_positions
    constructors = loader.yaml_constructors
    for key_node, value_node in node.value:
        if key_node.__class__ is ScalarNode and key_node.tag == STR_TAG:
            key = key_node.value
        else:
            key = loader.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise ConstructorError(
                    None,
                    None,
                    "a key must be a plain value, not a list or mapping",
                    key_node.start_mark,
                ) from None
        if key in positions:
            raise ConstructorError(
                None,
                None,
                f"duplicate key {key!r} (first on line {positions[key][0]}); keep one of them",
                key_node.start_mark,
            )
        key_mark = key_node.start_mark
        positions[key] = (key_mark.line + first, key_mark.column + 1)
        if value_node.__class__ is ScalarNode:
            tag = value_node.tag
            if tag == STR_TAG:
                data[key] = value_node.value
                continue
            constructor = constructors.get(tag)
            if constructor is not None:
                data[key] = constructor(loader, value_node)
                continue
        data[key] = loader.construct_object(value_node, deep=False)


StrictLoader.add_constructor("tag:yaml.org,2002:bool", _construct_bool)
StrictLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
StrictLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
StrictLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_date)
StrictLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


def load_strict(text: str, first_line: int = 1) -> Any:
    """Parse one YAML document strictly; raises ``yaml.YAMLError`` with marks."""
    loader = StrictLoader(text, first_line)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()
