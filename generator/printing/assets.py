"""What a printable may load: the project's own files and the packaged templates, nothing else.

WeasyPrint fetches every ``<img>``, stylesheet and font URL through a fetcher;
``ProjectFetcher`` refuses other files on this computer (``file:///etc/...``),
paths that climb out of the project (``../../``) and the network.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from .libraries import quick_lookup

with quick_lookup():
    from weasyprint.urls import URLFetcher

from ..templates import template_dirs


class RefusedURL(ValueError):
    """A resource outside the project; WeasyPrint logs it and leaves the image out."""


def allowed_roots(root: Path) -> tuple[Path, ...]:
    """Folders a printable may read from: content/ and the print template folders."""
    return (Path(root).resolve() / "content", *(d.resolve() for d in template_dirs(root, "print")))


def inside(path: Path, roots: tuple[Path, ...]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder) for folder in roots)


class ProjectFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that reads only files under ``roots`` and ``data:`` URLs."""

    def __init__(self, roots: tuple[Path, ...]):
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = roots
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file" and parts.netloc in ("", "localhost"):
            path = Path(url2pathname(unquote(parts.path)))
            if inside(path, self.roots):
                return super().fetch(url, headers)
        self.refused.append(url)
        raise RefusedURL(f"打印文档只能使用本项目 content/ 和 templates/ 下的文件，已忽略：{url}")
