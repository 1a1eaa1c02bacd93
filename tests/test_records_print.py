"""The records printables by their content: certificates, honour certificates, forms, visit plan, service cards."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.content.project import load_project
from generator.printing.run import print_project
from generator.records.load import load_records
from generator.engine.workers import run_jobs
from generator.records.printables import BLANK_FORMS, print_visit_plan, record_jobs, split_only

FIXTURE = Path(__file__).parent / "fixtures" / "records" / "project"
TODAY = dt.date(2026, 11, 23)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = tmp_path_factory.mktemp("records") / "p"
    shutil.copytree(FIXTURE, root)
    return load_project(root)


def print_part(project, part: str) -> list[Path]:
    jobs = record_jobs(project, [part], "test", TODAY)
    outcome = run_jobs(project.root, jobs, manifest_name="plans", force=True)
    return [project.root / output for output in outcome.written]


@pytest.fixture(scope="module")
def certificates(project):
    return print_part(project, "certificates")


def text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def compact(path: Path) -> str:
    return "".join(text(path).split())


def fonts_embedded(path: Path) -> set[str]:
    found = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"] if "/FontDescriptor" in font.get_object() else \
                font.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            if any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                found.add(str(font.get_object()["/BaseFont"]))
    return found


def test_one_service_proof_per_volunteer_with_service_and_one_honour_per_awardee(project, certificates):
    names = sorted(p.name for p in certificates)
    assert names == sorted([
        "志愿服务记录证明-v01-张明.pdf", "志愿服务记录证明-v02-李华.pdf",
        "荣誉证书-2026-youxiu-01-张明.pdf", "荣誉证书-2026-youxiu-02-李华.pdf",
        "荣誉证书-2026-youxiu-03-孙建国家庭.pdf", "荣誉证书-2026-youxiu-04-测试小学五（1）班.pdf",
    ])
    assert all(p.parent == project.root / "plans" / "certificates" for p in certificates)


def test_service_proof_states_person_services_hours_and_issuer(certificates):
    proof = next(p for p in certificates if p.name == "志愿服务记录证明-v01-张明.pdf")
    body = compact(proof)
    assert "志愿服务记录证明" in body
    assert "证明编号：ZYFW-2026-v01" in body
    assert "姓名张明性别男证件类型居民身份证证件号码11010519491231002X志愿者编号所在单位测试小学五（1）班" in body
    assert "兹证明张明于2025年10月29日至2026年3月12日期间参加我单位组织的志愿服务活动" in body
    assert "共3次，累计志愿服务时长5.75小时" in body
    for line in ("2025年10月29日重阳节走进测试敬老院测试镇敬老院2", "2026年3月5日春季走访测试村空巢老人测试镇测试村2.5",
                 "2026年3月12日结对帮扶入户走访测试村1.25", "合计5.75"):
        assert line in body
    assert "获得表彰：2026年度“优秀志愿者”。" in body
    assert "出具单位（盖章）测试镇老龄办2026年11月23日" in body
    assert "经办人：联系电话：" in body  # not known: blank lines to fill in by hand
    assert "核验码" not in body and "也可凭编号向测试镇老龄办核验" in body  # no verify_salt: the number only
    assert "—1—" not in body  # a one-page certificate carries no page number
    assert len(PdfReader(proof).pages) == 1
    assert fonts_embedded(proof)


def test_honour_certificate_text(certificates):
    honour = next(p for p in certificates if p.name == "荣誉证书-2026-youxiu-02-李华.pdf")
    body = compact(honour)
    assert "荣誉证书" in body  # the title is letter-spaced; it still extracts in order
    assert "李华：" in body
    assert "在2026年度敬老助老工作中表现突出，被评为“优秀志愿者”。特发此证，以资鼓励。" in body
    assert "坚持走访结对老人。" in body
    assert "测试镇老龄办" in body and "2026年10月18日" in body
    assert "证书编号CS-2026-02" in body


def words(path: Path) -> list[tuple[str, float, float, float, float]]:
    """(text, x0, y0, x1, y1) in points of every word poppler finds on the first page."""
    import subprocess

    import lxml.html

    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(w.text_content(), *(float(w.get(k)) for k in ("xmin", "ymin", "xmax", "ymax")))
            for w in lxml.html.fromstring(out).iter("word")]


def word(found, text: str):
    return next(w for w in found if w[0] == text)


def test_one_day_service_reads_on_that_day(certificates):
    proof = next(p for p in certificates if p.name == "志愿服务记录证明-v02-李华.pdf")
    body = compact(proof)
    assert "兹证明李华于2026年3月5日参加我单位组织的志愿服务活动共1次" in body
    assert "期间" not in body and "至" not in body.split("具体记录如下")[0]


def test_service_proof_issuer_and_date_sit_right_where_the_seal_covers_them(certificates):
    proof = next(p for p in certificates if p.name == "志愿服务记录证明-v01-张明.pdf")
    found = words(proof)
    width = float(PdfReader(proof).pages[0].mediabox.width)
    issuer, date = word(found, "测试镇老龄办"), word(found, "2026年11月23日")
    seal = 42 / 25.4 * 72  # a 42 mm round seal
    for w in (issuer, date):
        assert (w[1] + w[3]) / 2 > width * 0.6  # on the right
    assert date[4] - issuer[2] < seal * 0.6 and abs((issuer[1] + issuer[3]) - (date[1] + date[3])) / 2 < seal / 2


def test_honour_citation_is_body_size_and_the_closing_words_stay_together(certificates):
    honour = next(p for p in certificates if p.name == "荣誉证书-2026-youxiu-02-李华.pdf")
    found = words(honour)
    closing = [w for w in found if "特发此证" in w[0] or "以资鼓励" in w[0]]
    assert len(closing) == 1 and "特发此证，以资鼓励。" in closing[0][0]  # one word: never broken across lines
    reason = word(found, "坚持走访结对老人。")
    citation = next(w for w in found if w[0].startswith("在2026年度"))
    assert abs((reason[4] - reason[2]) - (citation[4] - citation[2])) < 0.5  # same size: body text, not a footnote
    assert len(PdfReader(honour).pages) == 1 and "—1—" not in compact(honour)


def test_blank_forms_from_the_seeds(project):
    written = print_part(project, "forms")
    assert sorted(p.name for p in written) == sorted(BLANK_FORMS.values())
    expected = {
        "空巢老人需求登记表.pdf": ["空巢老人需求登记表", "生活照料", "法律援助", "文体娱乐", "风险等级评估", "每月至少走访2次"],
        "志愿服务活动情况登记表.pdf": ["关爱空巢老人志愿服务活动情况登记表", "志愿者姓名", "服务对象（家属）签字"],
        "委托照顾协议书.pdf": ["留守老年人委托照顾协议书", "甲方（委托人、赡养人）", "不免除甲方依法应当履行的赡养义务"],
        "走访记录表.pdf": ["空巢（留守）老人走访记录表", "走访方式", "处理情况", "走访人签字"],
    }
    for path in written:
        body = compact(path)
        assert all(phrase in body for phrase in expected[path.name]), path.name
        assert len(PdfReader(path).pages) == 1, path.name


def test_visit_plan_and_service_cards_are_internal(project):
    written = print_visit_plan(project, load_records(project), 2026, 3, today=TODAY)
    plan, *cards = written
    assert plan == project.root / "plans" / "internal" / "走访计划表-2026-03.pdf"
    body = compact(plan)
    assert "2026年3月走访计划表" in body
    assert "赵秀英" in body and "测试镇测试村一组8号" in body and "已完成" in body  # 红: two visits in March
    assert "钱德胜" in body and "待走访" in body
    assert [c.name for c in cards] == ["居家养老服务卡-e01-赵秀英.pdf", "居家养老服务卡-e02-钱德胜.pdf"]
    card = compact(cards[0])
    assert "居家养老服务卡" in card
    assert "1940年农历九月初九" in card
    assert "☑生活照料" in card and "☐心理抚慰" in card
    assert "2026年3月12日张明量血压1.25" in card
    assert "13900001111" in card  # the paired volunteer's phone: internal printable


def test_print_only_splits_records_parts_from_activity_documents():
    assert split_only(None) == (None, ["certificates", "forms"])
    assert split_only(["plan", "forms"]) == (["plan"], ["forms"])
    assert split_only(["certificates"]) == ([], ["certificates"])
    assert split_only(None, ids=["a"]) == (None, [])


def test_huodong_print_only_forms_writes_only_forms(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    result = print_project(load_project(root), only=["forms"])
    assert sorted(p.relative_to(root).as_posix() for p in result.written) == sorted(
        f"plans/forms/{name}" for name in BLANK_FORMS.values())


def test_records_css_is_one_stylesheet_parsed_once_and_a_projects_own_copy_replaces_it(tmp_path):
    """records.css comes after print.css as a stylesheet of its own, parsed once per process rather than
    inlined into every certificate (30–40 ms each); a project's templates/print/records/records.css wins."""
    from generator.printing import pdf
    from generator.records import views
    from generator.records.printables import STYLESHEET, render

    root = tmp_path / "p"
    shutil.copytree(FIXTURE, root)
    default = pdf.stylesheets(root.resolve(), STYLESHEET)
    assert len(default) == 3 and pdf.stylesheets(root.resolve(), STYLESHEET)[2] is default[2]
    page = pdf.environment(root.resolve()).get_template("records/forms/visit-record.html")
    assert "<style" not in page.render(organisation="测试", numbered=False, **views.blank_forms())

    own = root / "templates/print/records/records.css"
    own.parent.mkdir(parents=True)
    own.write_text((Path(pdf.__file__).parent.parent.parent / "templates/print/records/records.css").read_text(
        encoding="utf-8") + '\n.records h1::after { content: "（本队样式）"; }\n', encoding="utf-8")
    project = load_project(root)
    written = tmp_path / "form.pdf"
    written.write_bytes(render(project, "forms/visit-record.html", views.blank_forms()))
    assert "空巢（留守）老人走访记录表（本队样式）" in compact(written)
