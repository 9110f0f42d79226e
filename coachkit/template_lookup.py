"""Find and render Jinja2 templates, letting a coach override any of them.

Lookup order for a template NAME (file ``NAME.md.j2``): the engagement's
``templates/``, the practice's ``.coachkit/templates/`` (the nearest folder above
the engagement that has one), the user's config folder ``templates/``, then the
built-in templates shipped with coachkit. A template read from a folder renders
in Jinja2's sandbox, because it may come from a practice repository someone
else wrote. A name ending in ``.html`` (``report.html``) is the file
``NAME.j2`` (``report.html.j2``) and renders with HTML autoescaping on.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from coachkit.errors import TemplateError
from coachkit.settings import config_dir
from coachkit.user_cache import cache_home

BUILTIN_PACKAGE = "coachkit.templates"
SUFFIX = ".md.j2"
HTML_SUFFIX = ".html.j2"


@dataclass(frozen=True)
class TemplateSource:
    """Where a template comes from: ``origin`` is engagement, practice, user or built-in."""

    name: str
    origin: str
    path: Path | None
    folder: Path | None

    @property
    def location(self) -> str:
        return str(self.path) if self.path else f"{BUILTIN_PACKAGE}:{file_name(self.name)}"


def file_name(name: str) -> str:
    """``session`` -> ``session.md.j2``, ``report.html`` -> ``report.html.j2``.

    Refuses names that could leave the folder.
    """
    is_html = name.endswith((".html", HTML_SUFFIX))
    base = name.removesuffix(".j2") if is_html else name.removesuffix(SUFFIX).removesuffix(".md")
    if not base or "/" in base or "\\" in base or base.startswith("."):
        raise TemplateError(
            f"{name!r} is not a template name; `coachkit templates list` shows them"
        )
    return base + ".j2" if is_html else base + SUFFIX


def _name_of(file: str) -> str:
    """``session.md.j2`` -> ``session``, ``report.html.j2`` -> ``report.html``."""
    return file.removesuffix(".j2") if file.endswith(HTML_SUFFIX) else file.removesuffix(SUFFIX)


def search_folders(engagement_root: Path | None) -> list[tuple[str, Path]]:
    """The override folders, in the order they are searched."""
    folders: list[tuple[str, Path]] = []
    if engagement_root is not None:
        folders.append(("engagement", engagement_root / "templates"))
        for parent in engagement_root.parents:
            candidate = parent / ".coachkit" / "templates"
            if candidate.is_dir():
                folders.append(("practice", candidate))
                break
    folders.append(("user", config_dir() / "templates"))
    return folders


def _builtin_folder() -> Path:
    import importlib

    return Path(str(importlib.import_module(BUILTIN_PACKAGE).__file__)).parent


def list_templates(engagement_root: Path | None) -> list[tuple[TemplateSource, bool]]:
    """Every template found, with True for the one that wins for its name."""
    seen: set[str] = set()
    found: list[tuple[TemplateSource, bool]] = []
    for origin, folder in [*search_folders(engagement_root), ("built-in", _builtin_folder())]:
        if not folder.is_dir():
            continue
        paths = [*folder.glob("*" + SUFFIX), *folder.glob("*" + HTML_SUFFIX)]
        for path in sorted(paths):
            name = _name_of(path.name)
            is_builtin = origin == "built-in"
            source = TemplateSource(
                name, origin, None if is_builtin else path, None if is_builtin else folder
            )
            found.append((source, name not in seen))
            seen.add(name)
    return found


def find_template(name: str, engagement_root: Path | None) -> TemplateSource:
    """The template that wins for ``name``."""
    wanted = file_name(name)
    for origin, folder in search_folders(engagement_root):
        if (folder / wanted).is_file():
            return TemplateSource(_name_of(wanted), origin, folder / wanted, folder)
    if (_builtin_folder() / wanted).is_file():
        return TemplateSource(_name_of(wanted), "built-in", None, None)
    raise TemplateError(f"no template named {name!r}; `coachkit templates list` shows them")


def template_text(source: TemplateSource) -> str:
    """The template's source text."""
    path = source.path or _builtin_folder() / file_name(source.name)
    return path.read_text(encoding="utf-8")


def _compiled(kind: str) -> Any:
    """Jinja's cache of compiled templates in the user's cache folder, or None.

    Compiling the session template costs more than rendering it (~15 ms); the cache
    keys each template by its file and checks its source, so an edited template is
    compiled again. Sandboxed and built-in templates are kept apart.
    """
    import jinja2

    folder = cache_home() / "templates" / kind
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None  # an unwritable cache only costs speed
    return jinja2.FileSystemBytecodeCache(str(folder))


def _environment(source: TemplateSource) -> Any:
    import jinja2
    from jinja2.sandbox import SandboxedEnvironment

    from coachkit.front_matter_edit import format_scalar

    builtin = jinja2.PackageLoader(BUILTIN_PACKAGE, "")
    options: dict[str, Any] = {
        "undefined": jinja2.StrictUndefined,
        "keep_trailing_newline": True,
        "trim_blocks": True,
        "lstrip_blocks": True,
        # HTML templates (and what they include) escape every value; Markdown ones never do.
        "autoescape": jinja2.select_autoescape(
            enabled_extensions=(HTML_SUFFIX.lstrip("."),), default_for_string=False, default=False
        ),
    }
    if source.folder is None:
        env = jinja2.Environment(loader=builtin, bytecode_cache=_compiled("built-in"), **options)
    else:
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(source.folder), builtin])
        cache = _compiled("sandboxed")
        env = SandboxedEnvironment(loader=loader, bytecode_cache=cache, **options)
    env.filters["yaml"] = format_scalar
    # `key:{{ value | field }}`: a front-matter value with its space, or nothing when empty.
    env.filters["field"] = lambda value: f" {format_scalar(value)}" if format_scalar(value) else ""
    env.filters["quote"] = lambda text: "\n".join(
        f"> {line}".rstrip() for line in str(text).splitlines()
    )
    env.filters["weekday"] = lambda day: day.strftime("%a") if isinstance(day, dt.date) else ""
    return env


def render(name: str, context: dict[str, Any], engagement_root: Path | None) -> str:
    """Render the winning template for ``name`` with ``context``."""
    import jinja2
    from jinja2.exceptions import SecurityError

    source = find_template(name, engagement_root)
    try:
        template = _environment(source).get_template(file_name(source.name))
        rendered = str(template.render(**context))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{exc.filename or source.location}:{exc.lineno}: template error: {exc.message}"
        ) from None
    except SecurityError as exc:
        raise TemplateError(f"{source.location}: template refused by the sandbox: {exc}") from None
    except (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError) as exc:
        # A coach's override can fail like any Python expression ({{ 1/0 }}, a bad index):
        # that is the template's error, named with its line, not a crash of coachkit.
        line = _template_line(sys.exc_info()[2])
        raise TemplateError(f"{source.location}:{line}: template error: {exc}") from None
    if not rendered.strip():
        raise TemplateError(
            f"{source.location}: the template renders nothing; fill it in or delete it"
        )
    return rendered


def _template_line(tb: TracebackType | None) -> int:
    line = 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith((SUFFIX, HTML_SUFFIX)):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
