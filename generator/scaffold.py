"""`huodong new` and `huodong init`: starter files an organiser edits, never overwriting theirs."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from importlib import resources
from pathlib import Path

import yaml

from .content.dates import festival_date
from .content.errors import UserError
from .content.schema import write_schemas
from .engine.atomic import create_new

EXAMPLE_ID = "2026-chongyang"
EXAMPLE_NOTE = """\
# 这是 huodong init 写的示例活动。有下面 example: true 这一行时，它不会发布到网站，
# 不计入网站上的统计，也不发志愿服务证明，只能打印出来看看效果。
# 改成你们自己的活动后，删掉 example: true 这一行，它就会正式发布；不需要就直接删掉这个文件。
example: true
"""
DATE_LINE = re.compile(r"^date: (.+)$", re.MULTILINE)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")


# A new project's own secret for certificate check codes (see generator/records/verify.py).
RECORDS = ("# 记录设置。证书核验码的密钥：每个项目自动生成一串，之后不要再改，也不要公开。\n"
           "verify_salt: {salt}\n")


class ScaffoldError(Exception):
    pass


def scaffold_text(name: str) -> str:
    return resources.files("generator.scaffolds").joinpath(name).read_text(encoding="utf-8")


def new_activity(root: Path, kind: str, activity_id: str | None = None, day: dt.date | None = None) -> Path:
    """content/activities/<date>-<id>.yaml from the kind's scaffold, named after the activity's date.

    ``day`` (``--date``) becomes the activity's date, and every other date in
    the scaffold (deadline, phases) moves with it; without it the scaffold's
    own example date names the file.
    """
    folder = root / "content" / "activities"
    if not (root / "content").is_dir():
        raise UserError(f"{root} 下没有 content/ 文件夹：请先运行 huodong init 创建项目，或进入项目文件夹再运行")
    if activity_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", activity_id):
        raise UserError(f"活动编号“{activity_id}”只能用英文小写字母、数字和“-”，例如 --id chongyang")
    text = scaffold_text(f"{kind}.yaml")
    text, when = _dated(text, day)
    text = _own_organiser(text, _organisation(root))
    if activity_id:  # the file is named after the date too; the id stays what was asked for
        text = re.sub(r"^(# 类别.*\n)?kind: ", lambda m: f"# 编号：用在 plans/ 文件夹名和网址里\nid: {activity_id}\n{m.group(0)}",
                      text, count=1, flags=re.MULTILINE)
    base = f"{when.isoformat()}-{activity_id or kind}"
    path = folder / f"{base}.yaml"
    n = 2
    while path.exists():
        if activity_id:
            raise UserError(f"{path} 已经存在，不会覆盖。请换一个编号")
        path = folder / f"{base}-{n}.yaml"
        n += 1
    create_new(path, text)
    return path


def _dated(text: str, day: dt.date | None) -> tuple[str, dt.date]:
    """The scaffold with its date moved to ``day`` (other dates keep their distance), and the date."""
    written = DATE_LINE.search(text)
    assert written is not None, "every scaffold has a top-level date"
    value = yaml.safe_load(written.group(1))
    example = festival_date(value["festival"], value["year"]) if isinstance(value, dict) else value
    if day is None:
        return text, example
    shift = day - example

    def moved(match: re.Match) -> str:
        try:
            return (dt.date(*map(int, match.groups())) + shift).isoformat()
        except (ValueError, OverflowError):
            return match.group(0)

    lines = [line if line.lstrip().startswith("#") else ISO_DATE.sub(moved, line) for line in text.splitlines(True)]
    return DATE_LINE.sub(f"date: {day.isoformat()}", "".join(lines), count=1), day


def _organisation(root: Path) -> str | None:
    """The organisation's name from content/site.yaml, if it can be read."""
    try:
        site = yaml.safe_load((root / "content" / "site.yaml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    name = site.get("name") if isinstance(site, dict) else None
    return name if isinstance(name, str) and name.strip() else None


def _own_organiser(text: str, name: str | None) -> str:
    """The scaffold's example organiser replaced by the project's own organisation."""
    if not name:
        return text
    return re.sub(r"^organiser: .*$", lambda _: f"organiser: {_scalar(name)}", text, count=1, flags=re.MULTILINE)


def _scalar(text: str) -> str:
    """A YAML scalar for ``text`` (a JSON string is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def init_project(target: Path, name: str | None = None) -> None:
    """A new project in the empty folder ``target``, for the organisation ``name`` (default: the folder's name)."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise UserError(f"{target} 不是空文件夹，为了不覆盖已有文件，请换一个新文件夹")
    name = (name or target.resolve().name).strip()
    site = re.sub(r"^(name|signatory): .*$", lambda m: f"{m.group(1)}: {_scalar(name)}", scaffold_text("site.yaml"),
                  flags=re.MULTILINE)
    example = _own_organiser(scaffold_text("festival.yaml"), name).replace("\n# 活动名称", f"\n{EXAMPLE_NOTE}# 活动名称", 1)
    files = {
        "content/site.yaml": site,
        f"content/activities/{EXAMPLE_ID}.yaml": example,
        "content/news/README.md": scaffold_text("news-readme.md"),
        "content/media/README.md": "照片和标志图片放在这里。发布到网站时会自动去掉照片里的位置信息（EXIF）。\n",
        "content/pages/about.md": "# 关于我们\n\n在这里介绍你们的组织。content/pages/ 下的每个 Markdown 文件都会成为网站上的一个页面。\n"
                                  "要放到网站根目录的文件（如自定义域名用的 CNAME、百度或微信的验证文件）也放在 content/pages/ 下。\n",
        "content/people/README.md": scaffold_text("people-readme.md"),
        "content/people/records.yaml": RECORDS.format(salt=secrets.token_urlsafe(12)),
        "templates/print/README.md": scaffold_text("templates-readme.md"),
        "templates/site/README.md": scaffold_text("templates-readme.md"),
        "mkdocs.yml": scaffold_text("mkdocs.yml"),
        ".gitignore": "/plans/\n/site/\n/.huodong-cache/\n",
    }
    for relative, text in files.items():
        create_new(target / relative, text)
    write_schemas(target / "schema")
