"""Jinja2 environments: a project's own templates/ overrides the defaults file by file.

Autoescape is on and undefined variables fail loudly, so no user text is ever
live HTML and a misspelt variable never prints blank.
"""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Callable

import jinja2

from .content import dates
from .content.errors import UserError
from . import __version__
from .engine.cache import CACHE_DIR, digest
from .locations import DEFAULTS, template_dirs  # noqa: F401  (where templates live: imported from here too)



def use_bytecode_cache(env: jinja2.Environment, root: Path | None) -> None:
    """Keep ``env``'s compiled templates in .huodong-cache/jinja/ between builds (compiling is a third of a
    small rebuild). Call it once the environment's filters and tests are all set.

    Jinja keys each entry by template name and source checksum and writes it
    atomically, so an edited template is never served from a stale entry. But
    compiled code also depends on the environment: how each filter is called
    (with the context or not) and the versions of Jinja and huodong. Those
    name the cache's folder, so a changed filter never meets code compiled
    for the old one.
    """
    if root is None:
        return
    calls = sorted(f"{kind}:{name}:{getattr(function, 'jinja_pass_arg', '')}"
                   for kind, table in (("filter", env.filters), ("test", env.tests))
                   for name, function in table.items())
    shape = digest(__version__, jinja2.__version__, repr(env.autoescape), *calls)[:16]
    folder = Path(root) / CACHE_DIR / "jinja" / shape
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # a read-only project still builds, only without the cache
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder))


class TemplateProblem(UserError):
    """A project's own template is broken or reaches outside templates/; the message says which and where."""


class TemplateMissing(jinja2.TemplateNotFound, UserError):
    """No such template (still a TemplateNotFound, so `ignore missing` keeps working)."""


class ProjectLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads only files really inside its folders.

    A name may not be absolute or climb out (``{% include "/etc/passwd" %}``,
    ``../../x``), and a file found must resolve inside the folder it was found
    in, so a symlink in templates/ cannot make a build read the rest of the disk.
    """

    def get_source(self, environment: jinja2.Environment, template: str):
        name = template.replace("\\", "/")
        if PurePosixPath(name).is_absolute() or ".." in PurePosixPath(name).parts or ":" in name:
            raise TemplateProblem(f"模板里引用了“{template}”：模板只能引用 templates/ 文件夹里的模板，"
                                  "请写相对的文件名，如 {% include \"_footer.html\" %}")
        for folder in self.searchpath:
            found = Path(folder, *name.split("/"))
            if not found.is_file():
                continue
            if not found.resolve().is_relative_to(Path(folder).resolve()):
                shown = found.relative_to(Path(folder).parent.parent).as_posix()  # templates/print/x.html
                raise TemplateProblem(f"{shown}：这个模板指向 templates/ 文件夹以外的文件（{found.resolve()}），"
                                      "为了安全不会读取。请把文件本身复制到 templates/ 里")
            return super().get_source(environment, template)
        raise TemplateMissing(template, f"找不到模板“{template}”：请检查 include、extends 或 import 里的文件名，"
                                        "自己的模板放在 templates/print/ 或 templates/site/ 下")


class ProjectEnvironment(jinja2.Environment):
    """Errors in templates become Chinese messages with the template's file and line."""

    def handle_exception(self, source: str | None = None):
        import sys

        error = sys.exc_info()[1]
        if isinstance(error, jinja2.TemplateSyntaxError):
            where = f"{_shown(error.filename) if error.filename else error.name}:{error.lineno}"
            raise TemplateProblem(f"{where}: 模板写法有错误（{error.message}），请对照默认模板检查这一行") from None
        return super().handle_exception(source)


def _shown(filename: str) -> str:
    """A template's file as the organiser knows it: templates/print/plan.html."""
    path = Path(filename)
    return path.relative_to(path.parent.parent.parent).as_posix() if len(path.parts) > 3 else filename


def make_env(root: Path | None, part: str, filters: dict[str, Callable] | None = None) -> jinja2.Environment:
    """The environment for ``part``'s templates, with the date filters and any ``filters`` given."""
    env = ProjectEnvironment(
        loader=ProjectLoader([str(d) for d in template_dirs(root, part)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        cn_date=dates.cn_date,
        cn_date_weekday=dates.cn_date_weekday,
        cn_month_day=dates.cn_month_day,
        **(filters or {}),
    )
    use_bytecode_cache(env, root)
    return env
