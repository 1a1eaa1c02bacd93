"""`huodong serve`: mkdocs' live-reloading preview of the project's site, speaking Chinese.

mkdocs reports a failed build as "Aborted with a BuildError!" and a failed
rebuild with a Python traceback. Here every build goes through ``_reporting``,
which lists the content's problems located, as `huodong check` does: the first
build's failure ends `huodong serve` with that message, a rebuild's failure is
printed and the preview waits for the next save.
"""

from __future__ import annotations

import errno
import logging
import socket
from pathlib import Path

import mkdocs.commands.serve as mkdocs_serve_module
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.exceptions import Abort, ConfigurationError

from ..console import err, out, report_problems
from ..content.errors import ContentError
from .build import SiteError, _Unlogged, ensure_pages_folder, quiet_jieba

DEFAULT_PORT = 8000


def serve(root: Path, address: str = f"127.0.0.1:{DEFAULT_PORT}") -> None:
    config_file = Path(root) / "mkdocs.yml"
    if not config_file.is_file():
        raise SiteError(f"{root} 下没有 mkdocs.yml，无法预览网站。新项目请用 huodong init 创建")
    host, port = split_address(address)
    refuse_busy(host, port)
    ensure_pages_folder(config_file)
    out.print(f"正在生成预览网站，稍后请用浏览器打开 http://{host}:{port}/ 。修改活动或模板后页面会自动刷新；按 Ctrl+C 停止。",
              markup=False)
    quiet_jieba()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    english, ours = _EnglishRebuildNote(), _Unlogged()
    logging.getLogger("mkdocs.livereload").addFilter(english)
    logging.getLogger("mkdocs.commands.build").addFilter(ours)  # content problems are listed by _Builds
    builds = _Builds()
    mkdocs_serve_module.build = builds  # mkdocs' serve() offers no other way to wrap its builds
    try:
        mkdocs_serve_module.serve(config_file=str(config_file), dev_addr=f"{host}:{port}", livereload=True)
    except (Abort, ConfigurationError) as error:  # mkdocs.yml itself is wrong (a build's failure is told above)
        raise SiteError(f"网站设置文件 mkdocs.yml 有错误：{error}") from None
    finally:
        mkdocs_serve_module.build = mkdocs_build
        logging.getLogger("mkdocs.livereload").removeFilter(english)
        logging.getLogger("mkdocs.commands.build").removeFilter(ours)


def split_address(address: str) -> tuple[str, int]:
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise SiteError(f"预览地址“{address}”不对，请写成 127.0.0.1:8000 这样的“地址:端口”，或只用 --port 8001")
    return host, int(port)


def refuse_busy(host: str, port: int) -> None:
    """A clear answer when another program (often an earlier `huodong serve`) has the port."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise SiteError(f"{port} 端口已被占用（可能另一个 huodong serve 还开着），"
                                f"可以用 huodong serve --port {port + 1}") from None
            raise SiteError(f"无法在 {host}:{port} 上预览网站（错误代码 {errno.errorcode.get(error.errno or 0, '未知')}），"
                            f"请换一个地址，如 huodong serve --port {port + 1}") from None


class _Builds:
    """mkdocs' build, with failures told in Chinese; the first failure stops serve, later ones wait for a fix."""

    def __init__(self) -> None:
        self.first = True

    def __call__(self, config, **kwargs) -> None:
        first, self.first = self.first, False
        try:
            mkdocs_build(config, **kwargs)
        except Exception as error:
            failure = getattr(config.plugins.get("huodong"), "failure", None)
            if isinstance(failure, ContentError):
                if first:
                    raise failure from None
                report_problems(failure.problems)
                raise SystemExit("网站没有重新生成：请按上面的提示修改，保存后会自动再试。") from None
            message = f"网站没有生成成功：{error}" if isinstance(error, SiteError) else \
                "网站没有生成成功，上面列出了原因。请修改后保存，会自动再试。"
            if first:
                raise SiteError(message) from None
            raise SystemExit(message) from None
        if not first:
            err.print("已重新生成，浏览器会自动刷新。", markup=False)


class _EnglishRebuildNote(logging.Filter):
    """Drops livereload's English note after a failed rebuild: huodong has said what failed, in Chinese."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("An error happened during the rebuild")
