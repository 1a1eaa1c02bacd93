"""`huodong build`'s site half: run mkdocs for a project, then swap the new site in.

The site is built into a sibling folder and only moved into place when the
build succeeded, so a failed or killed build leaves the previous site usable.
"""

from __future__ import annotations

import ctypes
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from typing import TYPE_CHECKING

from ..content.errors import UserError

if TYPE_CHECKING:  # not loaded for remove_leftovers(), which a build that finds nothing changed calls
    from ..content.project import Project

# mkdocs, the plugin and the image libraries load only when a site is built: a build
# that finds the site unchanged imports this module for its folder housekeeping alone


class SiteError(UserError):
    """The site could not be built; the message is Chinese and says what to do."""


def build_site(root: Path, dest: Path | None = None, project: Project | None = None) -> Path:
    """Build the site of the project at ``root`` into ``dest`` (default ``root/site``) and put it in place.

    ``project``, when the caller has loaded it already, is reused instead of
    reading content/ a second time. The sign-up sheets offered are those
    `huodong print` has already made.
    """
    return stage_site(root, dest, project).publish()


@dataclass
class StagedSite:
    """A site built beside the one in place, waiting for its sign-up sheets and the swap."""

    fresh: Path
    dest: Path
    downloads: dict[str, Path]  # published path → the printed sign-up sheet, copied in by publish()

    def publish(self) -> Path:
        """Copy the sign-up sheets in (printing has finished by now) and swap the new site into place."""
        try:
            for uri, source in self.downloads.items():
                target = self.fresh / uri
                target.parent.mkdir(parents=True, exist_ok=True)
                _link_or_copy(source, target)
        except OSError as error:
            self.discard()
            raise SiteError(f"报名表 {error.filename} 无法复制到网站（{error.strerror}）。请重新运行 huodong build；"
                            "原来的网站保持不变。") from None
        _swap(self.fresh, self.dest)
        return self.dest

    def discard(self) -> None:
        shutil.rmtree(self.fresh, ignore_errors=True)


def _link_or_copy(source: Path, target: Path) -> None:
    """A hard link where the file system allows: plans/ files are only ever replaced by rename, never
    rewritten in place, so the site's link keeps the sheet as it was published."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def stage_site(root: Path, dest: Path | None = None, project: Project | None = None,
               sheets: dict[str, Path] | None = None, into: Path | None = None, force: bool = False) -> StagedSite:
    """Build the site into a hidden sibling of ``dest``; nothing in place changes until publish().

    ``sheets`` (activity id → sign-up sheet) names sheets that may still be
    printing; by default those already under plans/. ``into`` is the hidden
    folder (default: staging_folder(dest)). ``force`` renders every page,
    even those that would come out as in the last build.
    """
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort

    from .media import printed_sheets
    from .plugin import HuodongPlugin

    root = Path(root).resolve()
    dest = Path(dest).resolve() if dest else root / "site"
    config_file = root / "mkdocs.yml"
    if not config_file.is_file():
        raise SiteError(f"{root} 下没有 mkdocs.yml，无法生成网站。新项目请用 huodong init 创建，它会带上这个文件")
    remove_leftovers(dest)
    fresh = into or staging_folder(dest)
    config = _config(config_file, fresh)
    plugin = config.plugins.get("huodong")
    if isinstance(plugin, HuodongPlugin):
        plugin.preloaded = project
        plugin.sheets = sheets if sheets is not None else printed_sheets(root)
        plugin.remember, plugin.forget = True, force
    quiet = _Unlogged()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        build(config)
    except BaseException as error:
        shutil.rmtree(fresh, ignore_errors=True)
        if isinstance(plugin, HuodongPlugin) and plugin.failure is not None:
            raise plugin.failure from None  # `huodong` lists the problems itself
        if isinstance(error, Abort):
            raise SiteError(f"网站没有生成成功（{error}），上面列出了原因。原来的网站保持不变。") from None
        raise
    finally:
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    return StagedSite(fresh, dest, plugin.offered if isinstance(plugin, HuodongPlugin) else {})


def staging_folder(dest: Path) -> Path:
    """Where this process builds a new site; named after it, so a later build can tell it was left by a dead one."""
    return Path(dest).with_name(f".{Path(dest).name}.new-{os.getpid()}")


class _Unlogged(logging.Filter):
    """Drops mkdocs' copy of our content errors: the caller reports them once, located."""

    def filter(self, record: logging.LogRecord) -> bool:
        from .plugin import ContentPluginError

        return not record.getMessage().startswith(ContentPluginError.PREFIX)


def ensure_pages_folder(config_file: Path) -> None:
    """The folder mkdocs.yml names as docs_dir (content/pages/: the organiser's own pages) may have been
    deleted with its last page; an empty one is what it means, not mkdocs' English configuration error."""
    match = re.search(r"^docs_dir:\s*['\"]?([^'\"#\n]+?)['\"]?\s*(?:#.*)?$", config_file.read_text(encoding="utf-8"),
                      re.MULTILINE)
    pages = (config_file.parent / (match[1] if match else "docs")).resolve()
    if pages.is_relative_to(config_file.parent.resolve()) and not pages.exists():
        pages.mkdir(parents=True)


def _config(config_file: Path, site_dir: Path):
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    ensure_pages_folder(config_file)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir))
    except (ConfigurationError, Abort) as error:
        raise SiteError(f"网站设置文件 {config_file.name} 有错误：{error}") from None
    quiet_jieba()
    return config


def quiet_jieba() -> None:
    """jieba (Chinese search segmentation) prints English start-up notes; users need not see them."""
    import jieba

    jieba.setLogLevel(logging.WARNING)


def _swap(fresh: Path, dest: Path) -> None:
    """Put the new site in place: one atomic exchange where the OS has it, else two renames."""
    old = dest.with_name(f".{dest.name}.old-{os.getpid()}")
    if dest.exists() and _exchange(fresh, dest):
        shutil.rmtree(fresh, ignore_errors=True)  # ``fresh`` now holds the previous site
        return
    if dest.exists():
        os.rename(dest, old)
    os.rename(fresh, dest)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0


def remove_leftovers(dest: Path) -> None:
    """Clear what killed builds left: half-built sites, and a set-aside site put back if none is in place."""
    for stale in sorted(dest.parent.glob(f".{dest.name}.*-*")):
        stage, _, pid = stale.name.rpartition(".")[2].partition("-")
        if not (stale.is_dir() and stage in ("new", "old") and pid.isdigit() and not _alive(int(pid))):
            continue
        if stage == "old" and not dest.exists():
            os.rename(stale, dest)  # killed between the two renames of _swap: the old site comes back
        else:
            shutil.rmtree(stale, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
