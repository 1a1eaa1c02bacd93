"""`huodong serve`: mkdocs' live-reloading preview of the project's site."""

from __future__ import annotations

from pathlib import Path

from mkdocs.commands.serve import serve as mkdocs_serve

from ..console import out
from .build import SiteError, quiet_jieba


def serve(root: Path, address: str = "127.0.0.1:8000") -> None:
    config_file = Path(root) / "mkdocs.yml"
    if not config_file.is_file():
        raise SiteError(f"{root} 下没有 mkdocs.yml，无法预览网站。新项目请用 huodong init 创建")
    out.print(f"正在生成预览网站，稍后请用浏览器打开 http://{address}/ 。修改活动或模板后页面会自动刷新；按 Ctrl+C 停止。",
              markup=False)
    quiet_jieba()
    mkdocs_serve(config_file=str(config_file), dev_addr=address, livereload=True)
