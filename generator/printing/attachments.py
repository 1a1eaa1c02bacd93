"""The 附件 a notice lists, appended after the plan (GB/T 9704-2012 section 8).

An attachment named like one of the built-in blank forms (需求登记表, 走访记录表 …)
appends that form; one naming a PDF under ``content/media/`` appends its pages;
one with neither is only listed in 附件说明, and ``huodong check`` warns about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup

CARD_ROWS = 6  # blank log lines of a 居家养老服务卡 printed as an attachment: it stays on one page


@dataclass(frozen=True)
class Form:
    names: tuple[str, ...]   # an attachment whose name ends with one of these is this form
    template: str            # under templates/print/records/


FORMS: tuple[Form, ...] = (
    Form(("需求登记表",), "forms/needs.html"),
    Form(("志愿服务活动情况登记表", "志愿服务情况登记表", "服务情况登记表"), "forms/activity-log.html"),
    Form(("居家养老服务卡", "服务卡"), "service-card.html"),
    Form(("委托照顾协议书", "照顾协议书"), "forms/care-agreement.html"),
    Form(("走访记录表",), "forms/visit-record.html"),
)


@dataclass(frozen=True)
class Source:
    form: Form | None = None
    pdf: Path | None = None


def source(root: Path, name: str) -> Source | None:
    """What an attachment called ``name`` prints, or None when it has no content."""
    from ..content.project import media_path  # the one rule for files named in YAML (long, odd, outside names)

    plain = name.strip()
    for candidate in (plain, f"{plain}.pdf"):
        if candidate.lower().endswith(".pdf") and (path := media_path(root, candidate)) is not None:
            return Source(pdf=path)
    stem = plain.removesuffix(".pdf")
    for form in FORMS:
        if stem.endswith(form.names):
            return Source(form=form)
    return None


def missing_message(name: str) -> str:
    return (f"附件“{name}”没有内容，打印时只印附件说明。要附上内容，可以把 PDF 文件放到 content/media/{name}.pdf，"
            f"或用内置空白表格的名称：{'、'.join(f.names[0] for f in FORMS)}")


def form_context(form: Form) -> dict[str, Any]:
    """What the blank forms fill in; the service card printed blank for hand-filling."""
    from ..records.models import NEEDS

    if form.template != "service-card.html":
        return {"needs": NEEDS}
    blank = SimpleNamespace(id="", name="", gender="", address="", phone="", contact="", risk="", health="")
    return {"needs": [(need, False) for need in NEEDS], "elder": blank, "birth": "",
            "risk_rule": SimpleNamespace(per="month", times="　"), "paired": [], "log": [], "blank": range(CARD_ROWS)}


def form_body(env, form: Form, organisation: str) -> Markup:
    """The form's ``body`` block alone, to be set inside the notice's own pages."""
    template = env.get_template(f"records/{form.template}")
    context = template.new_context({**form_context(form), "organisation": organisation})
    return Markup("".join(template.blocks["body"](context)))
