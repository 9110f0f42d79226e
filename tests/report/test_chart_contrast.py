"""Every chart mark in the HTML report stands out at 3:1 or more (WCAG 1.4.11, non-text contrast).

The colours are read from each built-in HTML template's own CSS (its ``:root``
variables and ``svg .CLASS`` rules), so a change of colour is checked here. A mark is a
bar (``bar-baseline``, ``bar-final``), the line for 0 (``zero``) or the dashed
self-rating (``self``); each is measured against what it is drawn on: the page, the
bar's track and, for the self-rating line, which crosses the bars, each bar.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).parents[2] / "templates"
PAGE = "#ffffff"


def _luminance(colour: str) -> float:
    value = colour.lstrip("#")
    if len(value) == 3:
        value = "".join(char * 2 for char in value)
    channels = [int(value[at : at + 2], 16) / 255 for at in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    dark, light = sorted((_luminance(first), _luminance(second)))
    return (light + 0.05) / (dark + 0.05)


def chart_colours(source: str) -> dict[str, str]:
    """Each ``svg .CLASS`` rule's fill or stroke colour, variables resolved."""
    variables = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,6})", source))
    colours = {}
    for name, body in re.findall(r"svg \.([\w-]+)\s*\{([^}]*)\}", source):
        found = re.search(r"(?:fill|stroke):\s*(?:var\(--([\w-]+)\)|(#[0-9a-fA-F]{3,6}))", body)
        if found:
            colours[name] = variables[found.group(1)] if found.group(1) else found.group(2)
    return colours


def test_contrast_is_computed_as_wcag_says() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#9fb3c8", "#eef2f6") == pytest.approx(1.91, abs=0.01)  # the old baseline bar


@pytest.mark.parametrize(
    "name", ["report.html.j2", "report-plan.html.j2", "report-progress.html.j2"]
)
def test_every_chart_mark_has_a_contrast_of_at_least_3_to_1(name: str) -> None:
    colours = chart_colours((TEMPLATES / name).read_text(encoding="utf-8"))
    bars = [colours["bar-baseline"], colours["bar-final"]]
    drawn_on = {
        "bar-baseline": [PAGE, colours["track"]],
        "bar-final": [PAGE, colours["track"]],
        "zero": [PAGE, colours["track"]],
        "self": [PAGE, colours["track"], *bars],
    }
    for mark, backgrounds in drawn_on.items():
        for background in backgrounds:
            ratio = contrast(colours[mark], background)
            assert ratio >= 3, f"{name}: {mark} {colours[mark]} on {background} is {ratio:.2f}:1"
