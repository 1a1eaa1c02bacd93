"""Validating loaded YAML against the models; every failure becomes a located Chinese Problem."""

from __future__ import annotations

import difflib
import re
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .forms import KIND_LABELS
from .loader import Located

M = TypeVar("M", bound=BaseModel)

# pydantic error type → Chinese message; {input} and ctx keys are filled in.
MESSAGES: dict[str, str] = {
    "missing": "缺少必填项“{field}”，请补上",
    "string_type": "这里应该是一段文字",
    "string_too_short": "内容太短或为空，请填写",
    "string_too_long": "内容太长（最多 {max_length} 个字符），请改短一些",
    "string_unicode": "这里应该是一段文字",
    "finite_number": "这里要写一个具体的数字，不能写无穷大（.inf）或 .nan",
    "int_too_big": "数字太大，请检查",
    "float_type": "这里应该是数字",
    "decimal_max_digits": "数字位数太多，请检查",
    "decimal_max_places": "小数位数太多，请检查",
    "decimal_whole_digits": "数字位数太多，请检查",
    "less_than": "必须小于 {lt}（现在是 {input}）",
    "multiple_of": "必须是 {multiple_of} 的倍数（现在是 {input}）",
    "union_tag_not_found": "写法不对",
    "none_required": "这里不用写内容，请删掉",
    "enum": "“{input}”不是可选的值",
    "value_error": "“{input}”的写法不对",
    "assertion_error": "“{input}”的写法不对",
    "frozen_field": "这一项不能修改",
    "date_future": "日期应该在今天之后",
    "date_past": "日期应该在今天之前",
    "date_from_datetime_parsing": "日期“{input}”不存在或格式不对，请写成 2026-10-18 这样的年-月-日",
    "datetime_parsing": "日期“{input}”不存在或格式不对，请写成 2026-10-18 这样的年-月-日",
    "datetime_type": "这里应该是日期，如 2026-10-18",
    "time_parsing": "时间“{input}”格式不对，请写成 14:00",
    "time_type": "这里应该是时间，如 14:00",
    "tuple_type": "这里应该是一个列表（每项前面写“- ”）",
    "set_type": "这里应该是一个列表（每项前面写“- ”）",
    "iterable_type": "这里应该是一个列表（每项前面写“- ”）",
    "is_instance_of": "这里的写法不对",
    "bytes_type": "这里应该是一段文字",
    "url_parsing": "网址“{input}”格式不对，请写成 https://… 这样",
    "url_scheme": "网址必须以 http:// 或 https:// 开头",
    "string_pattern_mismatch": "“{input}”格式不对：只能用小写字母、数字和连字符 -",
    "int_type": "这里应该是整数",
    "int_parsing": "“{input}”不是整数，请写阿拉伯数字，如 30",
    "int_from_float": "“{input}”不是整数，请去掉小数部分",
    "decimal_parsing": "“{input}”不是数字，请写阿拉伯数字，如 12.5",
    "decimal_type": "这里应该是数字",
    "float_parsing": "“{input}”不是数字",
    "greater_than_equal": "不能小于 {ge}（现在是 {input}），请检查",
    "greater_than": "必须大于 {gt}（现在是 {input}）",
    "less_than_equal": "不能大于 {le}（现在是 {input}），请检查",
    "date_from_datetime_parsing": "日期“{input}”不存在或格式不对，请写成 2026-10-18 这样的年-月-日",
    "date_parsing": "日期“{input}”不存在或格式不对，请写成 2026-10-18 这样的年-月-日",
    "date_type": "这里应该是日期，如 2026-10-18",
    "date_from_datetime_inexact": "这里只要日期，不要时间，请写成 2026-10-18",
    "list_type": "这里应该是一个列表（每项前面写“- ”）",
    "model_type": "这里应该是“键: 值”形式的一组内容",
    "model_attributes_type": "这里应该是“键: 值”形式的一组内容",
    "dict_type": "这里应该是“键: 值”形式的一组内容",
    "too_short": "至少要写 {min_length} 项",
    "too_long": "最多只能写 {max_length} 项",
    "bool_type": "这里应该是 true 或 false",
    "bool_parsing": "这里应该是 true 或 false",
    "union_tag_invalid": "写法不对",
}


def validate(model: type[M], located: Located, context: dict[str, Any] | None = None) -> tuple[M | None, list[Problem]]:
    """Validate a loaded document; returns the model (or None) and every problem."""
    try:
        return model.model_validate(located.data, context=context), []
    except ValidationError as error:
        return None, [_problem(model, located, e) for e in error.errors(include_url=False)]


def _problem(model: type[BaseModel], located: Located, error: dict) -> Problem:
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        line, column = located.position(loc, key=True)
        return Problem(located.path, line, column, _unknown_key(model, loc))
    if kind == "missing":
        line, column = located.position(loc[:-1])
    else:
        line, column = located.position(loc)
    return Problem(located.path, line, column, _message(kind, error, loc))


def _message(kind: str, error: dict, loc: tuple) -> str:
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind == "literal_error":
        return f"“{value}”不是可选的值，可以写：{_choices(ctx.get('expected', ''))}"
    template = MESSAGES.get(kind)
    if kind == "value_error" and _CJK.search(error["msg"]):  # a validator's own Chinese ValueError
        return error["msg"].removeprefix("Value error, ")
    if template is None or (kind in _OWN_TYPES):
        # our own PydanticCustomError messages are Chinese; anything else must not leak English
        return error["msg"] if _CJK.search(error["msg"]) else "这里的写法不对，请对照 README 的例子修改"
    field = next((p for p in reversed(loc) if isinstance(p, str)), "")
    text = _short(value) if not isinstance(value, (dict, list)) else ""
    values = {k: str(v) for k, v in ctx.items() if not isinstance(v, (dict, list, tuple))}
    message = template.format_map(_Blank(field=field, input=text, **values))
    if kind == "list_type" and loc and loc[-1] in LIST_EXAMPLES:  # a list of items with parts: how one looks
        message += "：" + LIST_EXAMPLES[loc[-1]]
    return message


# How one item of a list of items with parts is written, for an organiser who wrote one line instead.
LIST_EXAMPLES = {
    "participants": "每类人员一项，如“- group: 团员青年”，下一行缩进两格写“count: 15”",
    "responsibilities": "每个单位一项，如“- unit: 团委”，下一行缩进两格写“duties: 负责招募志愿者”",
}


_CJK = re.compile(r"[\u4e00-\u9fff]")
_OWN_TYPES = {"url_scheme"}  # our custom types that share a name with a pydantic one


class _Blank(dict):
    """str.format_map that leaves a missing key empty rather than raising."""

    def __missing__(self, key: str) -> str:
        return ""


def _short(value: object) -> str:
    """The value as shown in a message: at most 40 characters (a 5,000-digit number stays readable)."""
    try:
        text = str(value)
    except ValueError:  # int too long for str()
        return "（很长的数字）"
    return text if len(text) <= 40 else text[:37] + "…"


def _choices(expected: str) -> str:
    """pydantic's "'visit', 'festival' or ..." as the organiser may write them: 走访慰问（visit）、…"""
    values = [part.strip(" '\"") for part in expected.replace(" or ", ",").split(",") if part.strip()]
    return "、".join(f"{KIND_LABELS[v]}（{v}）" if v in KIND_LABELS else v for v in values)


def _unknown_key(model: type[BaseModel], loc: tuple) -> str:
    key = str(loc[-1])
    allowed = _fields_at(model, loc[:-1])
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
    hint = f"，是不是想写“{close[0]}”？" if close else f"。这一层可以写：{'、'.join(allowed)}" if allowed else "，请删掉"
    return f"不认识的键“{key}”{hint}"


def _fields_at(model: type[BaseModel], loc: tuple) -> list[str]:
    """The field names allowed where ``loc`` points, following nested models."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(current, "model_fields", None)
        if fields and part in fields:
            current = _inner_model(fields[part].annotation)
        else:
            candidate = _model_named(current, part)
            if candidate is None:
                continue
            current = candidate
    fields = getattr(current, "model_fields", None)
    return list(fields) if fields else []


def _model_named(annotation: Any, name: str) -> Any:
    """A union member tagged or named ``name`` (pydantic puts tags into ``loc``)."""
    for arg in getattr(annotation, "__args__", ()) or ():
        inner = _inner_model(arg)
        if isinstance(inner, type) and issubclass(inner, BaseModel) and name in (inner.__name__, "festival", "tracks"):
            return inner
    return None


def _inner_model(annotation: Any) -> Any:
    """Dig a BaseModel out of list[...], Optional[...], Annotated[...]."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _inner_model(arg)
        if found is not None:
            return found
    metadata_origin = getattr(annotation, "__origin__", None)
    if metadata_origin is not None and metadata_origin is not annotation:
        return _inner_model(metadata_origin)
    return None
