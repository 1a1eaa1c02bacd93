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

# 公文 roles: (name, stack, the real face's first family, how to get the real face or a stand-in)
REAL_FONT_HINT = ("Windows 自带真字体：把 C:\\Windows\\Fonts 里的 {file} 复制到本机 ~/.local/share/fonts/，"
                  "再运行 fc-cache -f")
ROLES = (
    ("仿宋（正文）", SERIF, "simfang.ttf"),
    ("楷体（（一）级标题、证书）", KAI, "simkai.ttf"),
    ("黑体（一、级标题）", SANS, "simhei.ttf"),
    ("小标宋（标题、红头）", TITLE, "方正小标宋简体（方正字库官网免费下载，商用需授权）"),
)
STAND_INS = frozenset({"Noto Serif CJK SC", "Noto Sans CJK SC", "Source Han Serif SC", "Source Han Sans SC",
                       "AR PL UKai CN", "SimSun", "宋体", "Microsoft YaHei"})
STAND_IN_PACKAGES = {"AR PL UKai CN": "fonts-arphic-ukai", "Noto Serif CJK SC": "fonts-noto-cjk",
                     "Noto Sans CJK SC": "fonts-noto-cjk"}

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


def face_in_use(stack: tuple[str, ...]) -> tuple[str | None, bool]:
    """The family of ``stack`` fontconfig will use, and whether it is the real face, not a stand-in."""
    installed = cjk_families()
    for family in stack:
        if family in installed:
            return family, family not in STAND_INS
    return None, False


def require_cjk_font() -> None:
    if not cjk_families():
        raise NoCJKFont()
