"""Which CJK fonts this machine has; the print stylesheet and `huodong doctor` both ask here."""

from __future__ import annotations

import shutil
import subprocess
from functools import lru_cache

# Families in order of preference per role; the print CSS uses the same stacks.
SERIF = ("FangSong", "仿宋", "FangSong_GB2312", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体")
TITLE = ("FZXiaoBiaoSong-B05S", "方正小标宋简体", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "宋体")
SANS = ("SimHei", "黑体", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei")
KAI = ("KaiTi", "楷体", "KaiTi_GB2312", "AR PL UKai CN", "Noto Serif CJK SC", "SimSun")

INSTALL_HINT = "请安装中文字体：Debian/Ubuntu 运行 sudo apt-get install fonts-noto-cjk，然后重新运行"


class NoCJKFont(RuntimeError):
    def __init__(self) -> None:
        super().__init__(f"本机没有中文字体，打印出来会是空白方框。{INSTALL_HINT}")


@lru_cache(maxsize=1)
def cjk_families() -> frozenset[str]:
    """Family names of installed fonts that cover simplified Chinese (via fontconfig)."""
    if shutil.which("fc-list") is None:
        return frozenset()
    try:
        listing = subprocess.run(["fc-list", ":lang=zh-cn", "family"], capture_output=True, text=True,
                                 timeout=30, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    names = {name.strip() for line in listing.splitlines() for name in line.split(",") if name.strip()}
    return frozenset(names)


def require_cjk_font() -> None:
    if not cjk_families():
        raise NoCJKFont()
