"""docs/architecture.md keeps up with the package: every module is on it, and only real ones."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "coachkit"
DOC = ROOT / "docs" / "architecture.md"
# A row of the module table: "| `coachkit/notes/` | `reader.py` splits …, `sections.py` … |"
ROW = re.compile(r"^\| `(coachkit/(?:[a-z_]+/)*)` \|")


def rows(text: str) -> dict[str, str]:
    """``{folder: its row}`` for each row of the module table."""
    found = {}
    for line in text.splitlines():
        match = ROW.match(line)
        if match:
            found[match.group(1)] = line
    return found


def is_named(module: Path, text: str) -> bool:
    """Whether the page names ``module``: by path, by dotted name, or in its folder's row."""
    relative = module.relative_to(ROOT)
    dotted = ".".join(relative.with_suffix("").parts).removesuffix(".__init__")
    folder = f"{relative.parent.as_posix()}/"
    if module.name == "__init__.py":
        return f"`{folder}`" in text or f"`{dotted}`" in text
    if f"`{relative.as_posix()}`" in text or f"`{dotted}`" in text:
        return True
    return f"`{module.name}`" in rows(text).get(folder, "")


def test_every_module_of_the_package_is_on_the_architecture_page() -> None:
    text = DOC.read_text(encoding="utf-8")
    missing = [
        module.relative_to(ROOT).as_posix()
        for module in sorted(PACKAGE.rglob("*.py"))
        if not is_named(module, text)
    ]
    assert missing == [], f"add these to docs/architecture.md: {', '.join(missing)}"


def test_every_module_the_page_names_exists() -> None:
    text = DOC.read_text(encoding="utf-8")
    named = [ROOT / path for path in re.findall(r"`(coachkit/[a-z_/]+\.py)`", text)]
    for folder, row in rows(text).items():
        assert (ROOT / folder).is_dir(), folder
        named += [ROOT / folder / name for name in re.findall(r"`([a-z_]+\.py)`", row)]
    gone = sorted({path.relative_to(ROOT).as_posix() for path in named if not path.is_file()})
    assert gone == [], f"docs/architecture.md names modules that do not exist: {', '.join(gone)}"
