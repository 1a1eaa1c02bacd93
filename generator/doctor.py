"""`huodong doctor`: is this machine able to build? Each problem comes with its fix."""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from importlib import metadata

from .fonts import INSTALL_HINT, REAL_FONT_HINT, ROLES, STAND_IN_PACKAGES, cjk_families, face_in_use


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def diagnose() -> list[Check]:
    return [*_python_packages(), _weasyprint(), _cjk_font(), *_gongwen_faces()]


def _python_packages() -> list[Check]:
    checks = []
    for requirement in metadata.requires("huodong") or []:
        if "extra ==" in requirement:
            continue
        name, minimum = re.match(r"([A-Za-z0-9_.\-]+)\s*(?:>=\s*([\d.]+))?", requirement).groups()
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            checks.append(Check(f"Python 包 {name}", False, "未安装", f"运行 pip install '{requirement}'"))
            continue
        ok = minimum is None or _version_tuple(version) >= _version_tuple(minimum)
        checks.append(Check(f"Python 包 {name}", ok, f"版本 {version}" + ("" if ok else f"，需要 {minimum} 以上"),
                            f"运行 pip install -U '{requirement}'"))
    return checks


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


# How to install Pango, as WeasyPrint's own installation guide ("First Steps") gives it for each system.
PANGO_FIX = {
    "win32": "Windows 需要 GTK3 运行库（其中有 Pango）：下载 GTK-for-Windows-Runtime-Environment-Installer 的最新版"
             "（github.com/tschoonj/GTK-for-Windows-Runtime-Environment-Installer/releases）并按默认选项安装，"
             "然后关闭并重新打开命令提示符。已经装了仍然找不到时，设置环境变量指向它的 bin 文件夹，例如："
             "set WEASYPRINT_DLL_DIRECTORIES=C:\\Program Files\\GTK3-Runtime Win64\\bin",
    "darwin": "macOS 运行 brew install pango（需要先安装 Homebrew）",
}
PANGO_FIX_LINUX = ("Debian/Ubuntu 运行 sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b；"
                   "Fedora 运行 sudo dnf install pango；其他系统见 WeasyPrint 文档的 Installation 一节")


def _weasyprint() -> Check:
    try:
        import weasyprint  # loads Pango through cffi; fails when system libraries are missing
    except (OSError, ImportError) as error:
        return Check("WeasyPrint 系统库（Pango）", False, f"无法加载（{error}）",
                     PANGO_FIX.get(sys.platform, PANGO_FIX_LINUX))
    return Check("WeasyPrint 系统库（Pango）", True, f"WeasyPrint {weasyprint.__version__} 可以使用")


def _cjk_font() -> Check:
    families = sorted(cjk_families())
    if not families:
        return Check("中文字体", False, "没有找到中文字体，打印件会是空白方框", INSTALL_HINT)
    shown = "、".join(families[:4]) + ("等" if len(families) > 4 else "")
    return Check("中文字体", True, f"找到 {len(families)} 个：{shown}")


def _gongwen_faces() -> list[Check]:
    """Which face prints each 公文 role: the real one, a stand-in (and how to get the real one), or none."""
    if not cjk_families():
        return []
    checks = []
    for role, stack, real in ROLES:
        family, genuine = face_in_use(stack)
        hint = REAL_FONT_HINT.format(file=real) if real.endswith(".ttf") else f"真字体：{real}"
        if family is None:
            package = next((p for f, p in STAND_IN_PACKAGES.items() if f in stack), "fonts-noto-cjk")
            checks.append(Check(f"公文字体 {role}", False, "没有可用的字体",
                                f"Debian/Ubuntu 运行 sudo apt-get install {package}；{hint}"))
        elif genuine:
            checks.append(Check(f"公文字体 {role}", True, f"使用 {family}"))
        else:
            checks.append(Check(f"公文字体 {role}", True, f"使用替代字体 {family}（打印可用，与正式公文字形略有不同）。{hint}"))
    return checks
