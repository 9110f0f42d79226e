"""Find and render Jinja2 templates, letting a coach override any of them.

Lookup order for a template NAME (file ``NAME.md.j2``): the engagement's
``templates/``, the practice's ``.coachkit/templates/`` (the nearest folder above
the engagement that has one), the user's config folder ``templates/``, then the
built-in templates shipped with coachkit. A template read from a folder renders
in Jinja2's sandbox, because it may come from a practice repository someone
else wrote. A name ending in ``.html`` (``report.html``) is the file
``NAME.j2`` (``report.html.j2``) and renders with HTML autoescaping on.

What keeps a template in bounds lives beside this module: its context is plain data
(template_data), its files are real files inside the template folders
(template_files), and it runs on a time budget and an output cap (template_limits).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

from coachkit.errors import CoachkitError, TemplateError
from coachkit.storage.settings import config_dir
from coachkit.storage.user_folders import cache_home
from coachkit.templating.data import require_plain
from coachkit.templating.files import TemplateFolder, folder_loader, holds_template, read_template
from coachkit.templating.limits import (
    OUTPUT_CAP,
    OverBudget,
    TooLarge,
    collect,
    running_for,
    time_budget,
)

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
    home: TemplateFolder | None = None

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


def template_folders(engagement_root: Path | None) -> list[TemplateFolder]:
    """The override folders, in the order they are searched."""
    folders: list[TemplateFolder] = []
    if engagement_root is not None:
        folders.append(TemplateFolder("engagement", engagement_root, ("templates",)))
        for parent in engagement_root.parents:
            if (parent / ".coachkit" / "templates").is_dir():
                folders.append(TemplateFolder("practice", parent, (".coachkit", "templates")))
                break
    folders.append(TemplateFolder("user", config_dir(), ("templates",)))
    return folders


def _builtin_folder() -> Path:
    import importlib

    return Path(str(importlib.import_module(BUILTIN_PACKAGE).__file__)).parent


def list_templates(engagement_root: Path | None) -> list[tuple[TemplateSource, bool]]:
    """Every template found, with True for the one that wins for its name."""
    seen: set[str] = set()
    found: list[tuple[TemplateSource, bool]] = []
    homes: list[TemplateFolder | None] = [*template_folders(engagement_root), None]
    for home in homes:
        folder = home.path if home else _builtin_folder()
        if not folder.is_dir():
            continue
        paths = [*folder.glob("*" + SUFFIX), *folder.glob("*" + HTML_SUFFIX)]
        for path in sorted(paths):
            name = _name_of(path.name)
            if home is None:
                source = TemplateSource(name, "built-in", None, None)
            else:
                source = TemplateSource(name, home.origin, path, folder, home)
            found.append((source, name not in seen))
            seen.add(name)
    return found


def find_template(name: str, engagement_root: Path | None) -> TemplateSource:
    """The template that wins for ``name``; a symbolic link on the way is refused."""
    wanted = file_name(name)
    for folder in template_folders(engagement_root):
        if holds_template(folder, wanted):
            path = folder.path / wanted
            return TemplateSource(_name_of(wanted), folder.origin, path, folder.path, folder)
    if (_builtin_folder() / wanted).is_file():
        return TemplateSource(_name_of(wanted), "built-in", None, None)
    raise TemplateError(f"no template named {name!r}; `coachkit templates list` shows them")


def template_text(source: TemplateSource) -> str:
    """The template's source text, read without following links."""
    if source.home is None:
        return (_builtin_folder() / file_name(source.name)).read_text(encoding="utf-8")
    found = read_template(source.home, file_name(source.name))
    if found is None:
        raise TemplateError(f"{source.location}: the template has gone; run the command again")
    return found[0]


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


def _environment(source: TemplateSource, engagement_root: Path | None) -> Any:
    """A Jinja environment for ``source``: sandboxed with limits unless it is built in."""
    import jinja2

    from coachkit.templating.filters import install
    from coachkit.templating.sandbox import LimitedEnvironment, LimitedSandbox

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
    env: Any
    if source.home is None:
        env = LimitedEnvironment(loader=builtin, bytecode_cache=_compiled("built-in"), **options)
    else:
        # Includes, imports and extends search the same folders, in the same order.
        loader = folder_loader(template_folders(engagement_root), builtin)
        env = LimitedSandbox(loader=loader, bytecode_cache=_compiled("sandboxed"), **options)
    install(env)
    if source.home is not None:
        env.limit_filters()
    return env


def render(name: str, context: dict[str, Any], engagement_root: Path | None) -> str:
    """Render the winning template for ``name`` with ``context`` (plain data only).

    Nothing is written here: a command writes the text only once this returns, so a
    template that fails, runs out of time or grows too large leaves no file behind.
    """
    require_plain(context)
    source = find_template(name, engagement_root)
    env = _environment(source, engagement_root)
    seconds = time_budget()
    try:
        with running_for(env.deadline, seconds):
            template = env.get_template(file_name(source.name))
            rendered = collect(template.generate(**context), env.deadline)
    except BaseException as exc:  # each becomes one line, or is raised again
        raise _one_line(exc, source, seconds) from None
    if not rendered.strip():
        raise TemplateError(
            f"{source.location}: the template renders nothing; fill it in or delete it"
        )
    return rendered


def _one_line(exc: BaseException, source: TemplateSource, seconds: float) -> BaseException:
    """The TemplateError that says what went wrong with ``source``; else ``exc`` itself."""
    import jinja2
    from jinja2.exceptions import SecurityError

    where = source.location
    if isinstance(exc, OverBudget):
        return TemplateError(
            f"{where}: template stopped after {seconds:g} s (a loop that does not end?); "
            "nothing was written"
        )
    if isinstance(exc, TooLarge):
        return TemplateError(
            f"{where}: template output is over {OUTPUT_CAP // 1_000_000} MB; nothing was written"
        )
    if isinstance(exc, RecursionError):
        return TemplateError(
            f"{where}: template recursion too deep (a template that includes itself, or a "
            "macro that calls itself without end)"
        )
    if isinstance(exc, MemoryError):
        return TemplateError(f"{where}: template needs too much memory; nothing was written")
    if isinstance(exc, CoachkitError):
        return exc
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(
            f"{_shown(exc.filename) or where}:{exc.lineno}: template error: {exc.message}"
        )
    file, line = _template_line(exc.__traceback__)
    at = f"{_shown(file) or where}:{line}"
    if isinstance(exc, SecurityError):
        return TemplateError(f"{at}: template refused by the sandbox: {exc}")
    if isinstance(exc, jinja2.TemplateNotFound):
        return TemplateError(f"{at}: template error: {exc.message or exc}")
    if isinstance(exc, (jinja2.TemplateError, ArithmeticError, LookupError, TypeError, ValueError)):
        # A coach's override can fail like any Python expression ({{ 1/0 }}, a bad index):
        # that is the template's error, named with its line, not a crash of coachkit.
        return TemplateError(f"{at}: template error: {exc}")
    return exc


def _shown(file: str | None) -> str | None:
    """A template file as messages show it: built-ins by package, others by path."""
    if file is None:
        return None
    path = Path(file)
    if path.parent == _builtin_folder():
        return f"{BUILTIN_PACKAGE}:{path.name}"
    return file


def _template_line(tb: TracebackType | None) -> tuple[str | None, int]:
    """The innermost template file and line in a traceback Jinja rewrote."""
    file, line = None, 1
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith(".j2"):
            file, line = name, tb.tb_lineno
        tb = tb.tb_next
    return file, line
