"""The content model: what an organiser may write in YAML, typed and validated.

Field docs are Chinese because they become the JSON Schema descriptions an
editor shows while the organiser types.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PrivateAttr,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .dates import FESTIVALS, DateProblem, TimeRange, carried_periods, festival_date, parse_day
from .forms import (ID_MAX, KIND_LABELS, KIND_NAMES, ValueFormError, counted_group, decimal_number, kind_name,
                    name_list, text_list, timed_line, whole_number)

CanonicalKind = Literal["visit", "festival", "outing", "clinic", "programme"]
Risk = Literal["红", "黄", "绿"]
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


def _chinese(parse):
    """A forms/dates parser as a pydantic "before" validator whose errors stay Chinese."""

    def validator(value: Any) -> Any:
        try:
            return parse(value)
        except (ValueFormError, DateProblem) as problem:
            raise PydanticCustomError("value_form", str(problem)) from None

    return BeforeValidator(validator)


# Accepted variants are normalised before validation; the JSON Schema shows the
# canonical form first (editors complete it) and admits the variants.
_ITEM = Annotated[str, Field(min_length=1)]
_LIST_SCHEMA = {"anyOf": [{"type": "array", "items": {"type": ["string", "number"]}}, {"type": "string"}]}
TextList = Annotated[list[_ITEM], _chinese(text_list), WithJsonSchema(_LIST_SCHEMA)]
NameList = Annotated[list[_ITEM], _chinese(name_list), WithJsonSchema(
    {**_LIST_SCHEMA, "description": "一行写多个时用顿号“、”或逗号分开"})]
Kind = Annotated[CanonicalKind, _chinese(kind_name), WithJsonSchema(
    {"enum": ["visit", "festival", "outing", "clinic", "programme", *KIND_NAMES]})]
Day = Annotated[dt.date, _chinese(parse_day), WithJsonSchema(
    {"type": "string", "examples": ["2026-10-18", "2026年10月18日", "2026年10月18日（星期日）"]})]
_NUMBER_SCHEMA = {"type": ["number", "string"], "examples": [12, "12人", "十二"]}
Count = Annotated[int, _chinese(whole_number), WithJsonSchema(_NUMBER_SCHEMA)]
Amount = Annotated[Decimal, _chinese(decimal_number), WithJsonSchema(_NUMBER_SCHEMA)]


class Model(BaseModel):
    """Every content object: unknown keys are errors, strings are trimmed."""

    # a phone number or id written as a bare number is text
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=False, coerce_numbers_to_str=True)


CONTACT_PARTS = {"name", "phone", "email"}  # an activity's contact written like site.yaml's contact


def _time_range(value: Any) -> Any:
    if isinstance(value, TimeRange) or value is None:
        return value
    try:
        return TimeRange.parse(getattr(value, "text", None) or str(value))  # 8.30 is 8:30
    except DateProblem as problem:
        raise PydanticCustomError("time_format", str(problem)) from None


TimeSpan = Annotated[
    TimeRange,
    WithJsonSchema({"type": "string", "examples": ["14:00-16:30", "09:00", "下午2点-4点半"]}),
]


class FestivalDate(Model):
    """按节日写日期，例如 {festival: 重阳节, year: 2026}，自动换算为公历。"""

    festival: Literal[FESTIVALS] = Field(description="节日名称，如 重阳节、中秋节、春节")  # type: ignore[valid-type]
    year: Count = Field(ge=1901, le=2099, description="公历年份")

    def resolve(self) -> dt.date:
        return festival_date(self.festival, self.year)


def _date_kind(value: Any) -> str:
    return "festival" if isinstance(value, (dict, FestivalDate)) else "iso"


_FESTIVAL_TEXT = re.compile(rf"^\s*(?:(\d{{4}})\s*年?)?\s*({'|'.join(sorted(FESTIVALS, key=len, reverse=True))})\s*(?:(\d{{4}})\s*年?)?\s*$")


def _festival_text(value: Any) -> Any:
    """``2026年重阳节`` is ``{festival: 重阳节, year: 2026}``."""
    if isinstance(value, str) and (match := _FESTIVAL_TEXT.match(value)):
        year = match[1] or match[3]
        if not year:
            raise DateProblem(f"“{value.strip()}”没有写年份，请写成 {{festival: {match[2]}, year: 2026}} 或 2026年{match[2]}")
        return {"festival": match[2], "year": int(year)}
    return value


DateSpec = Annotated[
    Union[Annotated[Day, Tag("iso")], Annotated[FestivalDate, Tag("festival")]],
    Discriminator(_date_kind),
    _chinese(_festival_text),
]


def _or_line(*examples: str):
    """json_schema_extra of a model organisers may also write as one line of text: editors accept either."""

    def extra(schema: dict, cls: type) -> None:
        written_out = dict(schema)
        schema.clear()
        schema.update({key: written_out[key] for key in ("title", "description") if key in written_out})
        schema["anyOf"] = [written_out, {"type": "string", "examples": list(examples)}]

    return extra


class Participant(Model):
    model_config = ConfigDict(json_schema_extra=_or_line("团员青年15人", "十五人", "养老院老人"))

    group: str = Field(description="参与人员类别，如 团员青年、党员志愿者（只写人数时为空）")
    count: Count | None = Field(default=None, ge=0, description="人数")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        """A participant written as text: 团员青年15人 (group and count), 十五人, 养老院老人."""
        return counted_group(data) if isinstance(data, str) else data


class Responsibility(Model):
    unit: str = Field(description="责任单位或小组，如 党政办")
    duties: str = Field(description="职责")


class ScheduleItem(Model):
    model_config = ConfigDict(json_schema_extra=_or_line("14:00 集合点名", "下午2点-2点20 开幕式"))

    time: TimeSpan = Field(description="时间，如 14:00 或 14:00-14:20")
    item: str = Field(description="内容")
    place: str | None = Field(default=None, description="地点")
    owner: str | None = Field(default=None, description="负责人")

    _check_time = field_validator("time", mode="before")(_time_range)

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        """A line written as text: 下午2点 集合点名, 14:00-14:20 开幕式."""
        if not isinstance(data, str):
            return data
        try:
            return timed_line(data)
        except ValueFormError as problem:
            raise PydanticCustomError("value_form", str(problem)) from None


def _carry_periods(items: list) -> list:
    """Schedule items (lines of text or time/item mappings) with 上午/下午 carried to the times that name none."""
    lines = [_timed(item) if isinstance(item, str) else item for item in items]
    timed = [i for i, item in enumerate(lines) if isinstance(item, dict) and isinstance(item.get("time"), str)]
    for i, time in zip(timed, carried_periods([lines[i]["time"] for i in timed])):
        lines[i] = {**lines[i], "time": time}
    return lines


def _timed(line: str) -> dict | str:
    try:
        return timed_line(line)
    except ValueFormError:
        return line  # ScheduleItem says how to write it


class Track(Model):
    name: str = Field(description="分会场或分线名称")
    items: list[ScheduleItem] = Field(min_length=1)


class Schedule(Model):
    tracks: list[Track] = Field(min_length=1, description="多个会场并行时，每个会场一条流程")


def _schedule_kind(value: Any) -> str:
    return "tracks" if isinstance(value, (dict, Schedule)) else "items"


ScheduleSpec = Annotated[
    Union[Annotated[list[ScheduleItem], Tag("items")], Annotated[Schedule, Tag("tracks")]],
    Discriminator(_schedule_kind),
]


class Phase(Model):
    name: str = Field(description="阶段名称，如 宣传发动阶段")
    start: Day = Field(description="开始日期")
    end: Day = Field(description="结束日期")
    tasks: TextList = Field(default_factory=list, description="本阶段的工作")


class Group(Model):
    name: str = Field(description="组名，如 第一小组")
    leader: str | None = Field(default=None, description="组长")
    members: NameList = Field(default_factory=list, description="组员")


class Beneficiary(Model):
    """慰问对象。以下信息只出现在内部打印件中，绝不会发布到网站。"""

    name: str = Field(description="姓名（内部）")
    address: str | None = Field(default=None, description="住址（内部）")
    community: str | None = Field(default=None, description="所在村（社区），网站上最多显示到这一级")
    phone: str | None = Field(default=None, description="电话（内部）")
    gender: Literal["男", "女"] | None = Field(default=None, description="性别，用于网站上的称呼“李奶奶”")
    group: str | None = Field(default=None, description="负责走访的小组名")
    risk: Risk | None = Field(default=None, description="风险等级：红 / 黄 / 绿")
    needs: TextList = Field(default_factory=list, description="需求，如 生活照料、心理抚慰")
    notes: str | None = Field(default=None, description="备注，如健康状况（内部）")


class Supply(Model):
    item: str = Field(description="物品")
    qty: Amount | None = Field(default=None, ge=0, description="数量，如 4 或 4盒；不写时清单上留空")
    unit: str | None = Field(default=None, description="单位，如 箱、份")
    unit_price: Amount | None = Field(default=None, ge=0, description="单价（元）")

    @model_validator(mode="before")
    @classmethod
    def _unit_from_qty(cls, data: Any) -> Any:
        """qty: 4盒 with no unit means unit 盒 (a contradicting unit is a warning in project rules);
        a supply written as a plain text (血压计) is its item, quantity left blank."""
        if isinstance(data, str):
            return {"item": data}
        if isinstance(data, dict) and not data.get("unit"):
            from .forms import number_unit

            if unit := number_unit(data.get("qty")):
                data = {**data, "unit": unit}
        return data

    @property
    def amount(self) -> Decimal | None:
        return None if self.unit_price is None or self.qty is None else self.qty * self.unit_price


class Budget(Model):
    source: str | None = Field(default=None, description="经费来源")
    total: Amount | None = Field(default=None, ge=0, description="预算总额（元）；不写时按物资合计")
    notes: str | None = Field(default=None, description="说明")


class Signup(Model):
    capacity: Count = Field(ge=1, le=2000, description="名额（报名表按此打印空行）")
    deadline: Day | None = Field(default=None, description="报名截止日期")
    fields: NameList = Field(
        default_factory=lambda: ["姓名", "班级/单位", "联系电话"], description="报名表的列"
    )
    form_url: str | None = Field(default=None, description="网上报名链接（二维码指向这里）")
    contact: str | None = Field(default=None, description="报名联系人")

    @field_validator("form_url")
    @classmethod
    def _http_only(cls, value: str | None) -> str | None:
        if value and not value.lower().startswith(("http://", "https://")):
            raise PydanticCustomError("url_scheme", "报名链接必须以 http:// 或 https:// 开头")
        return value


class Notice(Model):
    """把方案包装成正式通知（红头文件）。"""

    issuer: str = Field(description="发文机关，如 中共XX镇委员会")
    number: str | None = Field(default=None, description="发文字号，如 X团发〔2026〕12号")
    to: str | None = Field(default=None, description="主送机关，如 各村（居）党组织")
    signatory: str | None = Field(default=None, description="落款；不写时用发文机关")
    date: Day | None = Field(default=None, description="成文日期")
    attachments: TextList = Field(default_factory=list, description="附件名称")
    intro: str | None = Field(default=None, description="通知正文开头一段；不写时自动生成")
    cc: TextList = Field(default_factory=list, description="抄送机关（版记）")
    printed_by: str | None = Field(default=None, description="印发机关（版记）；不写时用发文机关")
    printed_on: Day | None = Field(default=None, description="印发日期（版记）；不写时用成文日期")


class Photo(Model):
    file: str = Field(description="照片文件，放在 content/media/ 下")
    caption: str | None = Field(default=None, description="说明")


class Report(Model):
    """活动结束后的新闻报道。"""

    published: Day = Field(description="发布日期")
    title: str | None = Field(default=None, description="报道标题；不写时用活动标题")
    text: str = Field(description="报道正文（可用 Markdown）")
    served: Count | None = Field(default=None, ge=0, description="服务老人人数")
    volunteers: Count | None = Field(default=None, ge=0, description="参与志愿者人数")
    photos: Annotated[list[Union[str, Photo]], _chinese(text_list)] = Field(default_factory=list, description="照片")
    category: str | None = Field(default=None, description="栏目，如 重阳敬老")

    def photo_list(self) -> list[Photo]:
        return [Photo(file=p) if isinstance(p, str) else p for p in self.photos]


class Attendance(Model):
    volunteer: str = Field(description="志愿者编号（见 content/people/volunteers）")
    hours: Amount | None = Field(default=None, ge=0, le=24, description="时长（小时）；不写时按活动时长")


class ActivityCommendation(Model):
    title: str = Field(description="表彰名称，如 优秀志愿者")
    names: NameList = Field(description="获表彰的个人或集体")
    reason: str | None = None


class Activity(Model):
    """一次志愿服务活动。一个文件一个活动：content/activities/<id>.yaml。"""

    id: str = Field(default="", pattern=ID_PATTERN, max_length=ID_MAX,
                    description="编号，默认由文件名得出（小写字母、数字、连字符；中文文件名按拼音）")
    title: str = Field(min_length=2, description="活动名称")
    kind: Kind = Field(description="类别：visit 走访慰问 / festival 节日活动 / outing 外出实践 / clinic 义诊 / programme 结对帮扶项目")
    example: bool = Field(default=False, description="示例活动：写 true 时只能打印，不发布到网站、不计入统计、不发证明")
    date: DateSpec = Field(description="日期，如 2026-10-18、2026年10月18日（星期日），或 {festival: 重阳节, year: 2026}")
    end_date: Day | None = Field(default=None, description="多日活动的结束日期")
    time: TimeSpan | None = Field(default=None, description="时间段，如 14:00-16:30、下午2点-4点半")
    location: str = Field(description="地点")
    organiser: str = Field(description="主办单位")
    co_organisers: NameList = Field(default_factory=list, description="协办单位")
    theme: str | None = Field(default=None, description="活动主题")
    background: str | None = Field(default=None, description="活动背景")
    purpose: TextList = Field(default_factory=list, description="活动目的")
    principles: TextList = Field(default_factory=list, description="活动原则")
    audience: str | None = Field(default=None, description="活动对象，如 辖区 80 岁以上空巢老人")
    participants: Annotated[list[Participant], _chinese(name_list)] = Field(
        default_factory=list, description="参与人员；也可以写成一行：团员青年15人、带队教师2人")
    responsibilities: list[Responsibility] = Field(default_factory=list, description="组织分工")
    schedule: ScheduleSpec | None = Field(default=None, description="活动流程；多个会场时写 tracks")
    phases: list[Phase] = Field(default_factory=list, description="实施步骤（阶段）")
    groups: list[Group] = Field(default_factory=list, description="分组")
    beneficiaries: list[Beneficiary] = Field(default_factory=list, description="慰问对象（内部信息）")
    supplies: Annotated[list[Supply], _chinese(name_list)] = Field(
        default_factory=list, description="物资；也可以写成一行：血压计、血糖仪、体检表")
    budget: Budget | None = Field(default=None, description="经费预算")
    requirements: TextList = Field(default_factory=list, description="注意事项")
    safety: TextList = Field(default_factory=list, description="安全预案")
    signup: Signup | None = Field(default=None, description="报名")
    checklist: TextList = Field(default_factory=list, description="现场清单")
    notice: Notice | None = Field(default=None, description="以通知形式印发")
    report: Report | None = Field(default=None, description="活动报道（活动结束后填写）")
    attendance: list[Attendance] = Field(default_factory=list, description="志愿者出勤")
    commendations: list[ActivityCommendation] = Field(default_factory=list, description="活动表彰")
    contact: str | None = Field(default=None, description="对外联系人（可公开，如 某老师）")
    issued: Day | None = Field(default=None, description="方案的成文日期（署名下的日期）；不写时留空待手填")
    tags: NameList = Field(default_factory=list, description="标签")

    _festival: str | None = PrivateAttr(default=None)

    @field_validator("time", mode="before")
    @classmethod
    def _parse_time(cls, value: Any) -> Any:
        return _time_range(value)

    @field_validator("schedule", mode="before")
    @classmethod
    def _schedule_periods(cls, value: Any) -> Any:
        """上午/下午 written once in a schedule (or a track) holds for the times after it (dates.carried_periods)."""
        if isinstance(value, list):
            return _carry_periods(value)
        if isinstance(value, dict) and isinstance(value.get("tracks"), list):
            return {**value, "tracks": [{**track, "items": _carry_periods(track["items"])}
                                        if isinstance(track, dict) and isinstance(track.get("items"), list) else track
                                        for track in value["tracks"]]}
        return value

    @field_validator("contact", mode="before")
    @classmethod
    def _contact_line(cls, value: Any) -> Any:
        """The contact written as site.yaml's is (name: 李老师, phone: 0571-86521234): the same on one line."""
        if isinstance(value, dict) and value and set(value) <= CONTACT_PARTS \
                and all(isinstance(v, (str, int)) and not isinstance(v, bool) or v is None for v in value.values()):
            return " ".join(str(v).strip() for v in value.values() if v is not None and str(v).strip())
        return value

    @field_validator("date", mode="after")
    @classmethod
    def _resolve_date(cls, value: dt.date | FestivalDate) -> dt.date | FestivalDate:
        if isinstance(value, FestivalDate):
            try:
                value.resolve()
            except DateProblem as problem:
                raise PydanticCustomError("festival", str(problem)) from None
        return value

    @model_validator(mode="after")
    def _consistent(self) -> "Activity":
        if isinstance(self.date, FestivalDate):
            self._festival = self.date.festival
        return self

    # ---- derived values used by every renderer -------------------------------
    @property
    def day(self) -> dt.date:
        """The activity's Gregorian date, festivals resolved."""
        return self.date.resolve() if isinstance(self.date, FestivalDate) else self.date

    @property
    def festival(self) -> str | None:
        return self._festival

    @property
    def kind_label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def tracks(self) -> list[Track]:
        """The schedule as tracks; a plain list is one unnamed track."""
        if self.schedule is None:
            return []
        if isinstance(self.schedule, Schedule):
            return self.schedule.tracks
        return [Track.model_construct(name="", items=self.schedule)]

    @property
    def hours(self) -> float | None:
        return self.time.hours if self.time else None

    @property
    def volunteer_count(self) -> int:
        return sum(p.count or 0 for p in self.participants)

    @property
    def supplies_total(self) -> Decimal | None:
        amounts = [s.amount for s in self.supplies if s.amount is not None]
        return sum(amounts, Decimal(0)) if amounts else None


class Contact(Model):
    name: str | None = Field(default=None, description="联系人")
    phone: str | None = Field(default=None, description="对外公开的办公电话")
    email: str | None = None
    address: str | None = Field(default=None, description="单位地址（公开）")


class SiteConfig(Model):
    """全站设置：content/site.yaml。"""

    name: str = Field(description="组织名称，如 长青社区志愿服务队")
    short_name: str | None = Field(default=None, description="简称")
    description: str | None = Field(default=None, description="一句话介绍")
    logo: str | None = Field(default=None, description="标志图片，放在 content/media/ 下")
    url: str | None = Field(default=None, description="网站地址，如 https://example.org/（用于二维码和订阅）")
    contact: Contact = Field(default_factory=Contact)
    signatory: str | None = Field(default=None, description="文件默认落款")
    region: str | None = Field(default=None, description="所在地区，如 XX县XX镇")
    beneficiaries_on_site: Literal["names", "count"] = Field(
        default="names", description="网站上怎样提到慰问对象：names 称呼如“李奶奶”（默认）；count 只写人数，不出现任何称呼")

    @field_validator("url")
    @classmethod
    def _slash(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.lower().startswith(("http://", "https://")):
            raise PydanticCustomError("url_scheme", "网站地址必须以 http:// 或 https:// 开头")
        return value if value.endswith("/") else value + "/"
