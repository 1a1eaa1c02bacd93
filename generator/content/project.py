"""A whole organiser's project: site settings and every activity, loaded and checked.

``load_project`` is the one entry point the CLI, the printables and the mkdocs
plugin call; after it, no code reads YAML or raw dicts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ERROR, WARNING, ContentError, Problem, display_path
from .forms import ID_MAX, id_from_name, number_unit
from .loader import Located, YamlError, load_yaml
from .models import Activity, Photo, SiteConfig
from .validation import validate

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_NAME_BYTES = 200  # a media file name; most file systems stop at 255 bytes


@dataclass
class Project:
    root: Path
    site: SiteConfig
    activities: list[Activity] = field(default_factory=list)
    sources: dict[str, Path] = field(default_factory=dict)  # activity id → its YAML file
    derived_ids: dict[str, str] = field(default_factory=dict)  # file shown → id made from its Chinese name
    problems: list[Problem] = field(default_factory=list)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    def activity(self, activity_id: str) -> Activity:
        for activity in self.activities:
            if activity.id == activity_id:
                return activity
        known = "、".join(a.id for a in self.activities[:20])
        raise KeyError(f"没有编号为“{activity_id}”的活动。现有的活动：{known}")


def load_project(root: Path, *, strict: bool = True) -> Project:
    """Load and validate everything; with ``strict``, raise ContentError on any error."""
    root = Path(root)
    problems: list[Problem] = []
    site = _load_site(root, problems)
    project = Project(root=root, site=site or SiteConfig(name="（未命名）"))
    seen: dict[str, tuple[str, int, int]] = {}
    for path in sorted((root / "content" / "activities").glob("*.y*ml")):
        shown = display_path(path, root)
        located = _load(path, shown, problems)
        if located is None:
            continue
        stem_ok = _default_id(path, located, problems, project)
        activity, found = validate(Activity, located)
        problems.extend(found)
        if activity is None or not stem_ok:
            continue
        line, column = located.position(("id",), key=True)
        if activity.id in seen:
            other = seen[activity.id]
            how = "请在其中一个文件里写 id: 另一个编号" if "id" not in located.keys_at(()) else "请改成不同的编号"
            problems.append(Problem(shown, line, column, f"活动编号“{activity.id}”与 {other[0]} 重复，{how}"))
            continue
        seen[activity.id] = (shown, line, column)
        problems.extend(_rules(activity, located))
        problems.extend(_media_rules(root, activity, located))
        project.activities.append(activity)
        project.sources[activity.id] = path
    project.activities.sort(key=lambda a: (a.day, a.id))
    project.problems = sorted(problems)
    if strict and project.errors:
        raise ContentError(project.problems)
    return project


def _load_site(root: Path, problems: list[Problem]) -> SiteConfig | None:
    path = root / "content" / "site.yaml"
    shown = display_path(path, root)
    if not path.exists():
        problems.append(Problem(shown, 1, 1, "找不到全站设置文件 content/site.yaml，请运行 huodong init 创建，或参照 README 新建"))
        return None
    located = _load(path, shown, problems)
    if located is None:
        return None
    site, found = validate(SiteConfig, located)
    problems.extend(found)
    if site and site.logo and (message := media_problem(root, site.logo)):
        line, column = located.position(("logo",))
        problems.append(Problem(shown, line, column, message))
    return site


def _load(path: Path, shown: str, problems: list[Problem]) -> Located | None:
    try:
        located = load_yaml(path, shown)
    except YamlError as error:
        problems.extend(error.problems)
        return None
    problems.extend(located.warnings)
    if not isinstance(located.data, dict):
        problems.append(Problem(shown, 1, 1, "文件内容应该是“键: 值”形式（例如 title: 活动名称），现在不是"))
        return None
    return located


def _default_id(path: Path, located: Located, problems: list[Problem], project: Project) -> bool:
    """An activity without ``id:`` takes its file name; a Chinese name is read in pinyin (冬季义诊 → dongji-yizhen)."""
    if "id" in located.data:
        return True
    derived = id_from_name(path.stem)
    if not ID_RE.match(derived) or len(derived) > ID_MAX:
        reason = "太长" if derived and len(derived) > ID_MAX else "不能作活动编号"
        problems.append(Problem(located.path, 1, 1, f"文件名“{path.name}”{reason}：请把文件名改短一些（小写字母、数字和连字符，"
                                                    "或几个汉字），例如 2026-chongyang.yaml，或在文件里写 id: 2026-chongyang"))
        return False
    if derived != path.stem:
        project.derived_ids[located.path] = derived
    located.data = {**located.data, "id": derived}
    return True


def _rules(activity: Activity, located: Located) -> list[Problem]:
    """Rules across fields, each located at the value the user should change."""
    found: list[Problem] = []

    def at(loc: tuple, message: str, level: str = ERROR) -> None:
        line, column = located.position(loc)
        found.append(Problem(located.path, line, column, message, level))

    day = activity.day
    if activity.end_date and activity.end_date < day:
        at(("end_date",), f"结束日期 {activity.end_date} 早于活动日期 {day}，请检查 end_date")
    if activity.signup and activity.signup.deadline and activity.signup.deadline > day:
        at(("signup", "deadline"), f"报名截止日期 {activity.signup.deadline} 晚于活动日期 {day}，"
                                   "请把 signup.deadline 改到活动之前")
    for i, phase in enumerate(activity.phases):
        if phase.end < phase.start:
            at(("phases", i, "end"), f"阶段“{phase.name}”的结束日期 {phase.end} 早于开始日期 {phase.start}，请检查")
    for t, track in enumerate(activity.tracks):
        previous = None
        for i, item in enumerate(track.items):
            if previous is not None and item.time.start < previous:
                loc = ("schedule", "tracks", t, "items", i, "time") if track.name else ("schedule", i, "time")
                at(loc, f"流程时间 {item.time} 早于上一项，顺序可能写反了", WARNING)
            previous = item.time.start
    for i, supply in enumerate(activity.supplies):
        raw = located.data.get("supplies", [])[i] if isinstance(located.data.get("supplies"), list) else {}
        written = number_unit(raw.get("qty")) if isinstance(raw, dict) else ""
        if written and raw.get("unit") and written != supply.unit:
            at(("supplies", i, "qty"), f"数量写的单位是“{written}”，但 unit 写的是“{supply.unit}”，请统一成一个", WARNING)
    group_names = {g.name for g in activity.groups}
    for i, person in enumerate(activity.beneficiaries):
        if person.group and group_names and person.group not in group_names:
            at(("beneficiaries", i, "group"), f"小组“{person.group}”没有在 groups 中定义，分组表里将没有组长", WARNING)
    return found


def site_warnings(project: Project) -> list[Problem]:
    """What `check` says once for the whole project, rather than on every sheet printed."""
    without_form = [a.id for a in project.activities if a.signup and not a.signup.form_url]
    if project.site.url or not without_form:
        return []
    shown = "、".join(without_form[:3]) + ("等" if len(without_form) > 3 else "")
    return [Problem("content/site.yaml", 1, 1, f"没有写网站地址 url，{shown}的报名表不印二维码：在本文件写上 url，"
                                               "或在活动的 signup 里写 form_url（在线报名链接），再重新生成", WARNING)]


def media_problem(root: Path, name: str) -> str | None:
    """Why a media file named in YAML cannot be used, or None when it can."""
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        return f"图片文件名太长（{len(name)} 个字），请把文件改个短一点的名字，这里也一起改"
    if "\x00" in name:
        return "图片文件名里有看不见的控制字符，请重新输入文件名"
    media = (Path(root) / "content" / "media").resolve()
    try:
        path = (media / name).resolve()
        if not path.is_relative_to(media):
            return f"“{name}”不在 content/media/ 文件夹里：图片请放进 content/media/，这里只写文件名"
        if not path.is_file():
            return f"找不到图片 content/media/{name}，请检查文件名（包括扩展名 .jpg/.png）"
    except (OSError, ValueError):
        return f"图片文件名“{name}”用不了，请把文件改个简单的名字（字母、数字或汉字），这里也一起改"
    return None


def media_path(root: Path, name: str | None) -> Path | None:
    """The file under content/media/ that YAML names, or None when ``media_problem`` rejects it."""
    if not name or media_problem(root, name):
        return None
    return (Path(root) / "content" / "media" / name).resolve()


def _media_rules(root: Path, activity: Activity, located: Located) -> list[Problem]:
    found = []
    if activity.report:
        for i, photo in enumerate(activity.report.photo_list()):
            if message := media_problem(root, photo.file):
                loc = ("report", "photos", i, "file") if isinstance(activity.report.photos[i], Photo) \
                    else ("report", "photos", i)
                line, column = located.position(loc)
                found.append(Problem(located.path, line, column, message))
    found.extend(_attachment_rules(root, activity, located))
    return found


def _attachment_rules(root: Path, activity: Activity, located: Located) -> list[Problem]:
    """A 附件 with nothing to print (no built-in form, no PDF) is only listed: a warning."""
    from ..printing.attachments import missing_message, source  # names of the built-in forms

    found = []
    for i, name in enumerate(activity.notice.attachments if activity.notice else []):
        if source(root, name) is None:
            line, column = located.position(("notice", "attachments", i))
            found.append(Problem(located.path, line, column, missing_message(name.strip()), WARNING))
    return found
