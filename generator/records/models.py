"""The records model: volunteers, elders (the beneficiary archive), commendations, settings.

What an organiser may write in ``content/people/`` and ``content/commendations/``.
Field docs are Chinese because they become the descriptions an editor shows.
Everything about elders is internal: only counts ever leave this package for the site.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal, Union

from lunar_python.util import LunarUtil
from pydantic import Discriminator, Field, Tag, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from ..content.dates import DateProblem, check_lunar_date
from ..content.models import Day, Model, Risk

NEEDS = ("生活照料", "心理抚慰", "健康保健", "应急救助", "法律援助", "文体娱乐")
Need = Literal[NEEDS]  # type: ignore[valid-type]
Gender = Literal["男", "女"]

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-\d{7,8}$")
_ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
_PHONE_SPACING = re.compile(r"[\s()（）]")
_YES = {"是", "同意", "愿意", "公开", "y", "yes", "true", "1", "√", "✓"}
_NO = {"否", "不同意", "不愿意", "不公开", "n", "no", "false", "0", "×", ""}


def _person_id(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        value = str(value)
    if isinstance(value, str) and not value.strip():
        raise PydanticCustomError("person_id", "编号不能为空，请填写，例如 v01")
    if isinstance(value, str) and not _ID.match(value.strip()):
        raise PydanticCustomError("person_id", "编号“{value}”只能用字母、数字和连字符，例如 v01", {"value": value})
    return value


def _phone(value: Any) -> Any:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str):
        return value
    compact = _PHONE_SPACING.sub("", value)
    if _MOBILE.match(compact.replace("-", "")):
        return compact.replace("-", "")
    if _LANDLINE.match(compact):
        return compact
    raise PydanticCustomError("phone", "电话“{value}”格式不对：手机号是 11 位数字（如 13812345678），"
                                       "座机请写成 0571-12345678", {"value": value})


RESIDENT_ID = "居民身份证"


def _id_number(value: Any, info: ValidationInfo) -> Any:
    """A mainland resident ID: 18 characters with the GB 11643 check digit; other documents as written."""
    if isinstance(value, int):
        value = str(value)
    if not isinstance(value, str):
        return value
    if (info.data.get("id_type") or RESIDENT_ID) != RESIDENT_ID:
        return value.strip()
    value = value.strip().upper()
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    if _ID_NUMBER.match(value):
        check = "10X98765432"[sum(int(c) * w for c, w in zip(value, weights)) % 11]
        if value[-1] == check:
            return value
    raise PydanticCustomError("id_number", "身份证号“{value}”不对：应为 18 位且最后一位校验码正确，请核对", {"value": value})


def _yes_no(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _YES:
            return True
        if text in _NO:
            return False
        raise PydanticCustomError("yes_no", "“{value}”看不懂，请写“是”或“否”", {"value": value})
    return value


def _id_list(value: Any) -> Any:
    """One id may be written without a list: ``volunteers: v01``."""
    return [value] if isinstance(value, (str, int)) and not isinstance(value, bool) else value


PersonId = Annotated[str, Field(min_length=1)]


class Volunteer(Model):
    """一名志愿者（content/people/volunteers.yaml 或 .csv / .xlsx 的一行）。"""

    id: str = Field(description="志愿者编号，如 v01；活动的出勤记录 attendance 用这个编号")
    name: str = Field(min_length=1, description="姓名（网站上只在本人同意公开时显示全名）")
    unit: str | None = Field(default=None, description="学校/班级/单位，如 XX中心小学五（2）班")
    phone: str | None = Field(default=None, description="手机号（内部，绝不上网站）")
    id_type: str | None = Field(default=None, description="证件类型，如 居民身份证、港澳居民来往内地通行证、护照；写了身份证号时默认 居民身份证")
    id_number: str | None = Field(default=None, description="证件号码（内部，印在本人的志愿服务记录证明上；居民身份证会核对校验位）")
    national_id: str | None = Field(default=None, description="全国志愿服务信息系统的志愿者编号（知道时填写，印在证明上）")
    gender: Gender | None = Field(default=None, description="性别：男 / 女")
    publish_name: bool = Field(default=False, description="本人同意在网站上公开全名（是 / 否）；默认否，网站上显示为“张某某”")
    joined: Day | None = Field(default=None, description="加入日期")

    _check_id = field_validator("id", mode="before")(_person_id)
    _check_phone = field_validator("phone", mode="before")(_phone)
    _check_id_number = field_validator("id_number", mode="before")(_id_number)
    _check_publish = field_validator("publish_name", mode="before")(_yes_no)


class VolunteerFile(Model):
    """志愿者名册：content/people/volunteers.yaml。"""

    volunteers: list[Volunteer] = Field(default_factory=list, description="志愿者名单")


class LunarBirth(Model):
    """农历生日：写 {lunar: 九月初九}，或 {lunar_month: 9, lunar_day: 9}；闰月写 leap: true。"""

    lunar: str | None = Field(default=None, description="农历月日，如 九月初九、正月十五、腊月廿三、闰四月初八")
    lunar_month: int | None = Field(default=None, ge=1, le=12, description="农历月（1—12）")
    lunar_day: int | None = Field(default=None, ge=1, le=30, description="农历日（1—30）")
    leap: bool = Field(default=False, description="是否闰月")
    year: int | None = Field(default=None, ge=1900, le=2099, description="出生年份（公历），用于计算年龄")

    @model_validator(mode="after")
    def _month_day(self) -> "LunarBirth":
        if self.lunar:
            self.lunar_month, self.lunar_day, leap = parse_lunar(self.lunar)
            self.leap = self.leap or leap
        if self.lunar_month is None or self.lunar_day is None:
            raise PydanticCustomError("lunar_birth", "农历生日请写成 {lunar: 九月初九}，或 {lunar_month: 9, lunar_day: 9}")
        if self.year is not None:  # a birth date must have existed that year (闰二月 of 1940 did not)
            # 冬月 and 腊月 of the previous lunar year fall early in the Gregorian birth year
            years = (self.year, self.year - 1) if self.lunar_month >= 11 else (self.year,)
            problems = []
            for year in years:
                try:
                    check_lunar_date(year, self.lunar_month, self.lunar_day, self.leap)
                    break
                except DateProblem as problem:
                    problems.append(str(problem))
            else:
                raise PydanticCustomError("lunar_birth", problems[0])
        return self


_LUNAR = re.compile(r"^(闰)?([正一二三四五六七八九十冬腊]|十一|十二)月(.{2})$")
_MONTH_NAMES = {**{name: i for i, name in enumerate(LunarUtil.MONTH) if name}, "一": 1, "十一": 11, "十二": 12}
_DAY_NAMES = {name: i for i, name in enumerate(LunarUtil.DAY) if name}


def parse_lunar(text: str) -> tuple[int, int, bool]:
    """九月初九 → (9, 9, False); 闰四月初八 → (4, 8, True)."""
    match = _LUNAR.match(text.strip().removeprefix("农历"))
    day = _DAY_NAMES.get(match[3]) if match else None
    if not match or day is None:
        raise PydanticCustomError("lunar_text", "农历日期“{text}”看不懂，请写成 九月初九、正月十五、腊月廿三 这样", {"text": text})
    return _MONTH_NAMES[match[2]], day, bool(match[1])


def _birth_kind(value: Any) -> str:
    return "lunar" if isinstance(value, (dict, LunarBirth)) else "solar"


Birth = Annotated[
    Union[Annotated[dt.date, Tag("solar")], Annotated[LunarBirth, Tag("lunar")]],
    Discriminator(_birth_kind),
]


class Visit(Model):
    """一次上门走访。"""

    date: Day = Field(description="走访日期")
    volunteers: list[PersonId] = Field(default_factory=list, description="走访的志愿者编号（一个或多个）")
    hours: Decimal | None = Field(default=None, gt=0, le=24, description="服务时长（小时）；写了才计入志愿者服务时长")
    notes: str | None = Field(default=None, description="走访情况（内部）")

    _one_or_more = field_validator("volunteers", mode="before")(_id_list)


class Elder(Model):
    """一位服务对象（一人一档）。全部内容只用于内部打印件，绝不上网站。"""

    id: str = Field(description="档案编号，如 e01")
    name: str = Field(min_length=1, description="姓名")
    gender: Gender | None = Field(default=None, description="性别：男 / 女")
    birth: Birth | None = Field(default=None, description="出生日期，如 1942-03-15；农历生日写 {lunar: 九月初九, year: 1940}")
    address: str | None = Field(default=None, description="住址")
    community: str | None = Field(default=None, description="所在村（社区）")
    phone: str | None = Field(default=None, description="电话")
    contact: str | None = Field(default=None, description="紧急联系人（子女或亲属）及电话")
    risk: Risk = Field(description="风险等级：红（每月至少走访 2 次）/ 黄（每月 1 次）/ 绿（每季度 1 次）")
    needs: list[Need] = Field(default_factory=list, description="服务需求：生活照料、心理抚慰、健康保健、应急救助、法律援助、文体娱乐")
    volunteers: list[PersonId] = Field(default_factory=list, description="结对志愿者编号")
    registered: Day | None = Field(default=None, description="建档日期；之前的月份不算逾期")
    health: str | None = Field(default=None, description="健康状况")
    notes: str | None = Field(default=None, description="备注")
    visits: list[Visit] = Field(default_factory=list, description="走访记录")

    _check_id = field_validator("id", mode="before")(_person_id)
    _check_phone = field_validator("phone", mode="before")(_phone)
    _one_or_more = field_validator("volunteers", mode="before")(_id_list)


class Cadence(Model):
    """走访频次：每个周期至少走访几次。"""

    times: int = Field(default=1, ge=1, le=31, description="每个周期至少走访的次数")
    per: Literal["month", "quarter"] = Field(default="month", description="周期：month 每月 / quarter 每季度")


DEFAULT_CADENCE: dict[str, Cadence] = {
    "红": Cadence(times=2, per="month"),
    "黄": Cadence(times=1, per="month"),
    "绿": Cadence(times=1, per="quarter"),
}


class ElderFile(Model):
    """服务对象档案：content/people/elders.yaml（内部）。"""

    cadence: dict[Risk, Cadence] = Field(default_factory=dict, description="走访频次，不写时：红 每月 2 次，黄 每月 1 次，绿 每季度 1 次")
    elders: list[Elder] = Field(default_factory=list, description="服务对象名单")


class Commendation(Model):
    """一项表彰：content/commendations/<编号>.yaml。"""

    id: str = Field(default="", description="编号，默认是文件名")
    title: str = Field(min_length=2, description="荣誉称号，如 优秀志愿者、先进集体、孝老敬亲家庭")
    year: int = Field(ge=2000, le=2099, description="表彰年度")
    date: Day = Field(description="颁发日期")
    issuer: str | None = Field(default=None, description="颁发单位；不写时用 site.yaml 的落款")
    document: str | None = Field(default=None, description="表彰文件的文号，如 X志〔2026〕5号")
    reason: str | None = Field(default=None, description="表彰理由或事迹（会公开在网站上）")
    people: list[PersonId] = Field(default_factory=list, description="获表彰的个人：志愿者编号，或不在名册里的姓名（如 张建国家庭）")
    units: list[PersonId] = Field(default_factory=list, description="获表彰的集体，如 XX中心小学五（2）班")
    number: str | None = Field(default=None, description="证书编号；多人时依次加 -01、-02")

    @model_validator(mode="after")
    def _someone(self) -> "Commendation":
        if not self.people and not self.units:
            raise PydanticCustomError("nobody", "请在 people（个人）或 units（集体）里写上获表彰的对象")
        return self


class CandidateRule(Model):
    """从服务时长推荐表彰候选人的规则。"""

    title: str = Field(default="优秀志愿者", description="推荐的荣誉称号")
    min_hours: Decimal = Field(gt=0, description="一年内服务时长达到多少小时")


class RecordsSettings(Model):
    """记录设置：content/people/records.yaml（可以不写）。"""

    issuer: str | None = Field(default=None, description="志愿服务证明的出具单位；不写时用 site.yaml 的落款")
    certificate_prefix: str = Field(default="ZYFW", description="志愿服务证明编号的前缀")
    handler: str | None = Field(default=None, description="证明上的经办人；不写时用 site.yaml 的联系人 contact.name")
    phone: str | None = Field(default=None, description="证明上的联系电话；不写时用 site.yaml 的 contact.phone")
    issued: Day | None = Field(default=None, description="证明的出具日期；不写时为打印当天")
    verify_salt: str | None = Field(default=None, min_length=8, description="证书核验码的密钥：随便一串字母数字（至少 8 位），"
                                    "写好后不要再改，也不要公开；改了以后已印证书的二维码会失效")
    revoked: list[str] = Field(default_factory=list, description="已作废的证明/证书编号；网站核验页会显示“此证明已作废”")
    candidates: list[CandidateRule] = Field(
        default_factory=lambda: [CandidateRule(title="优秀志愿者", min_hours=Decimal(20))],
        description="推荐表彰候选人的规则，默认：一年服务满 20 小时推荐为优秀志愿者",
    )
