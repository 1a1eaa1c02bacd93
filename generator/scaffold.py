"""`huodong new` and `huodong init`: starter files an organiser edits, never overwriting theirs."""

from __future__ import annotations

import datetime as dt
import secrets
from importlib import resources
from pathlib import Path

from .content.errors import UserError
from .content.schema import write_schemas
from .engine.atomic import create_new


# A new project's own secret for certificate check codes (see generator/records/verify.py).
RECORDS = ("# 记录设置。证书核验码的密钥：每个项目自动生成一串，之后不要再改，也不要公开。\n"
           "verify_salt: {salt}\n")


class ScaffoldError(Exception):
    pass


def scaffold_text(name: str) -> str:
    return resources.files("generator.scaffolds").joinpath(name).read_text(encoding="utf-8")


def new_activity(root: Path, kind: str, activity_id: str | None = None, today: dt.date | None = None) -> Path:

    folder = root / "content" / "activities"
    if not (root / "content").is_dir():
        raise UserError(f"{root} 下没有 content/ 文件夹：请先运行 huodong init 创建项目，或进入项目文件夹再运行")
    base = activity_id or f"{(today or dt.date.today()):%Y%m%d}-{kind}"
    path = folder / f"{base}.yaml"
    n = 2
    while path.exists():
        if activity_id:
            raise UserError(f"{path} 已经存在，不会覆盖。请换一个编号")
        path = folder / f"{base}-{n}.yaml"
        n += 1
    create_new(path, scaffold_text(f"{kind}.yaml"))
    return path


def init_project(target: Path, name: str | None = None) -> None:

    if target.exists() and any(target.iterdir()):
        raise UserError(f"{target} 不是空文件夹，为了不覆盖已有文件，请换一个新文件夹")
    site = scaffold_text("site.yaml")
    if name:
        site = site.replace("name: 竹亭镇关爱老人志愿服务队", f"name: {name}", 1)
    files = {
        "content/site.yaml": site,
        "content/activities/2026-chongyang.yaml": scaffold_text("festival.yaml"),
        "content/news/README.md": scaffold_text("news-readme.md"),
        "content/media/README.md": "照片和标志图片放在这里。发布到网站时会自动去掉照片里的位置信息（EXIF）。\n",
        "content/pages/about.md": "# 关于我们\n\n在这里介绍你们的组织。content/pages/ 下的每个 Markdown 文件都会成为网站上的一个页面。\n",
        "content/people/README.md": "志愿者名单 volunteers.yaml（或 .csv/.xlsx）和老人档案 elders.yaml 放在这里。老人档案只用于内部打印，不会发布到网站。\n",
        "content/people/records.yaml": RECORDS.format(salt=secrets.token_urlsafe(12)),
        "templates/print/README.md": scaffold_text("templates-readme.md"),
        "templates/site/README.md": scaffold_text("templates-readme.md"),
        "mkdocs.yml": scaffold_text("mkdocs.yml"),
        ".gitignore": "/plans/\n/site/\n/.huodong-cache/\n",
    }
    for relative, text in files.items():
        create_new(target / relative, text)
    write_schemas(target / "schema")
