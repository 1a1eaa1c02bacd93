"""Certificates anyone can verify: the printed number, 核验码 and QR code lead to a page of the built site
that states only what may be published; revoked numbers say so; no page leads to them."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote

import pytest
from pypdf import PdfReader

from generator.content.project import load_project
from generator.engine.workers import run_jobs
from generator.records.load import load_records
from generator.records.printables import record_jobs
from generator.records.project import check_records
from generator.records.verify import ALPHABET, CODE_LENGTH, stamp, verifications
from generator.website.build import build_site

from .site_helpers import internal_values

REPO = Path(__file__).resolve().parent.parent
RECORDS_FIXTURE = REPO / "tests" / "fixtures" / "records" / "project"
URL = "https://zhuting.example.org/"
TODAY = dt.date(2026, 11, 25)
# One 志愿服务记录证明 and one 荣誉证书 of the demo (printing all 28 would cost half a minute).
DEMO_PROOF = "志愿服务记录证明-v02-陈志刚.pdf"
DEMO_HONOUR = "荣誉证书-2025-youxiu-zhiyuanzhe-01-刘淑芬.pdf"


def print_certificates(root: Path, keep=lambda name: True) -> dict[str, Path]:
    project = load_project(root)
    jobs = [j for j in record_jobs(project, ["certificates"], "test", TODAY) if keep(Path(j.output).name)]
    outcome = run_jobs(root, jobs, manifest_name="plans", force=True)
    return {Path(p).name: root / p for p in outcome.written}


def with_url(root: Path) -> None:
    site = root / "content" / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + f"\nurl: {URL}\n", encoding="utf-8")


def pdf_text(path: Path) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(path).pages)


def qr_codes(path: Path, tmp: Path) -> list[str]:
    """Every QR code on the PDF's pages, decoded by zbarimg from a 200 dpi rendering."""
    prefix = tmp / path.stem
    subprocess.run(["pdftoppm", "-png", "-r", "200", str(path), str(prefix)], check=True)
    found = []
    for png in sorted(tmp.glob(f"{path.stem}*.png")):
        run = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
        found += run.stdout.split()
    return found


def page_for(site: Path, url: str) -> Path:
    assert url.startswith(URL), url
    return site / unquote(url.removeprefix(URL))


def visible(path: Path) -> str:
    import lxml.html

    body = lxml.html.fromstring(path.read_text(encoding="utf-8")).xpath("//body")[0]
    return "".join(body.text_content().split())


# ---- the demo: printed certificates and the pages their QR codes name ---------------------------

@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo") / "p"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    with_url(root)
    printed = print_certificates(root, lambda name: name in (DEMO_PROOF, DEMO_HONOUR))
    site = build_site(root)
    return root, printed, site


def test_demo_proof_states_the_volunteer_services_and_issuer_with_a_verifying_qr_code(demo, tmp_path):
    root, printed, site = demo
    text = pdf_text(printed[DEMO_PROOF])
    assert "证明编号：ZTZY-2026-v02" in text
    assert "姓名陈志刚性别男证件类型居民身份证证件号码330122198503121231志愿者编号33010020240305117" in text
    assert "经办人：孙丽萍" in text and "联系电话：0571-86500122" in text
    assert "出具单位（盖章）竹亭镇关爱老人志愿服务队2026年11月25日" in text
    [url] = qr_codes(printed[DEMO_PROOF], tmp_path)
    assert re.fullmatch(re.escape(URL) + r"verify/ZTZY-2026-v02-[a-z2-9]{6}\.html", url)
    code = url[-11:-5]
    assert f"核验码{code}" in text
    assert f"zhuting.example.org/verify/ZTZY-2026-v02-{code}.html" in text  # the short address, typed by hand
    hours = re.search(r"累计志愿服务时长(\d+(?:\.\d+)?)小时", text)[1]
    page = visible(page_for(site, url))
    assert "ZTZY-2026-v02" in page and f"累计{hours}小时" in page
    assert "出具单位竹亭镇关爱老人志愿服务队" in page
    assert "陈志刚" in page  # consented to publication (publish_name: true)
    assert "此证明已作废" not in page
    for private in ("13800002135", "330122198503121231", "33010020240305117", "0571-86500122", "竹亭镇机关党支部"):
        assert private not in page


def test_demo_honour_certificate_qr_leads_to_its_page(demo, tmp_path):
    root, printed, site = demo
    text = pdf_text(printed[DEMO_HONOUR])
    assert "证书编号ZTZY-RY-2025-01" in text
    assert "特发此证，以资鼓励。" in text
    [url] = qr_codes(printed[DEMO_HONOUR], tmp_path)
    page = visible(page_for(site, url))
    assert "ZTZY-RY-2025-01" in page and "2025年度“优秀志愿者”" in page
    assert "出具单位竹亭镇关爱老人志愿服务队" in page and "出具日期2025年12月5日" in page


def test_demo_verification_pages_are_linked_from_nowhere(demo):
    root, printed, site = demo
    pages = sorted(p for p in (site / "verify").glob("*.html") if p.name != "index.html")
    assert len(pages) == 28  # 20 service proofs and 8 honour certificates
    folder = (site / "verify" / "index.html").read_text(encoding="utf-8")  # what a listing of verify/ would show
    assert "<a " not in folder and not any(p.stem in folder for p in pages)
    names = {p.name for p in pages}
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json", ".js", ".txt") and "verify" not in path.parts:
            text = unquote(path.read_text(encoding="utf-8", errors="replace"))
            assert "verify/" not in text or not any(name in text for name in names), path
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d for d in index["docs"] if "verify" in d["location"]]
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and "verify" not in sitemap
    assert all('name="robots" content="noindex, nofollow"' in p.read_text(encoding="utf-8") for p in pages)


def test_demo_verification_pages_leak_no_internal_value(demo):
    root, printed, site = demo
    values = internal_values(REPO) | {"330122198503121231", "33010020240305117", "0571-86500122", "孙丽萍"}
    for page in (site / "verify").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert not [v for v in values if v in text], page


# ---- one function makes the printed code and the page name -----------------------------------

def test_stamp_makes_number_code_and_page_name_together():
    mark = stamp("ZTZY-2026-v01", "a-secret-salt")
    assert len(mark.code) == CODE_LENGTH and set(mark.code) <= set(ALPHABET)
    assert mark.page == f"verify/ZTZY-2026-v01-{mark.code}.html"
    assert mark.url(URL) == f"{URL}verify/ZTZY-2026-v01-{mark.code}.html"
    assert mark.url(None) is None
    assert stamp("ZTZY-2026-v01", "a-secret-salt") == mark  # stable
    assert stamp("ZTZY-2026-v01", "another-salt").code != mark.code  # the secret decides it
    # Neighbouring numbers give unrelated codes: one certificate's address does not reveal the next.
    codes = {stamp(f"ZTZY-2026-v{i:02d}", "a-secret-salt").code for i in range(1, 41)}
    assert len(codes) == 40


def records_fixture(tmp_path: Path, settings: str = ""):
    root = tmp_path / "p"
    shutil.copytree(RECORDS_FIXTURE, root)
    if settings:
        (root / "content" / "people" / "records.yaml").write_text(settings, encoding="utf-8")
    project = load_project(root)
    return root, project, load_records(project)


def test_site_and_printing_use_the_same_numbers_and_codes(tmp_path):
    root, project, records = records_fixture(tmp_path, "verify_salt: test-salt-123456\n")
    printed = {c.number: c.verify for _, _, ctx in _certificate_pages(project, records) for c in ctx.values()}
    pages = {v.stamp.number: v.stamp for v in verifications(project, records)}
    assert set(printed) == set(pages) and len(pages) == 6
    assert all(printed[n].code == pages[n].code for n in pages)


def _certificate_pages(project, records):
    from generator.records.printables import certificate_pages

    return certificate_pages(project, records, TODAY)


def test_without_salt_certificates_print_the_number_only_and_the_site_has_no_verify_pages(tmp_path):
    from generator.website.verify import verify_pages

    root, project, records = records_fixture(tmp_path)
    assert verifications(project, records) == [] and verify_pages(project) == {}
    pages = _certificate_pages(project, records)
    assert all(c.verify.code == "" and c.verify.url is None for _, _, ctx in pages for c in ctx.values())
    assert not (root / ".huodong-cache").exists()  # nothing kept in a cache a fresh clone would lack
    messages = [str(p) for p in check_records(project)]
    assert any("content/site.yaml:1:1: 警告：没有写网站地址 url，志愿服务证明和荣誉证书只印编号和核验码" in m for m in messages)
    assert any("content/people/records.yaml:1:1: 警告：没有写核验密钥 verify_salt，证书只印编号" in m for m in messages)


# ---- a small project: revocation, no url, one-day service -------------------------------------

@pytest.fixture(scope="module")
def small(tmp_path_factory):
    root = tmp_path_factory.mktemp("small") / "p"
    shutil.copytree(RECORDS_FIXTURE, root)
    (root / "content" / "people" / "records.yaml").write_text(
        "verify_salt: test-salt-123456\nrevoked:\n  - CS-2026-02\n", encoding="utf-8")
    return root


def test_revoked_certificate_page_says_so(small, tmp_path):
    project = load_project(small)
    records = load_records(project)
    found = {v.stamp.number: v for v in verifications(project, records)}
    assert found["CS-2026-02"].revoked and not found["CS-2026-01"].revoked
    from generator.website.verify import verify_pages

    pages = verify_pages(project)
    revoked = pages[found["CS-2026-02"].stamp.page]
    assert len(pages) == 7  # six certificates and the empty verify/index.html
    assert "此证明已作废" in revoked and "记录在案" not in revoked
    assert "此证明已作废" not in pages[found["CS-2026-01"].stamp.page]


def test_revoked_number_of_no_certificate_is_a_warning(small):
    records_yaml = small / "content" / "people" / "records.yaml"
    text = records_yaml.read_text(encoding="utf-8")
    records_yaml.write_text(text + "  - CS-2026-99\n", encoding="utf-8")
    try:
        messages = [str(p) for p in check_records(load_project(small))]
    finally:
        records_yaml.write_text(text, encoding="utf-8")
    assert "content/people/records.yaml:4:5: 警告：作废的证明编号“CS-2026-99”没有对应的证书，请核对编号" in messages
    assert not any("CS-2026-02" in m for m in messages)


def test_without_url_certificates_print_number_and_code_but_no_qr(small, tmp_path):
    printed = print_certificates(small, lambda name: name == "志愿服务记录证明-v01-张明.pdf")
    proof = printed["志愿服务记录证明-v01-张明.pdf"]
    text = pdf_text(proof)
    project = load_project(small)
    code = stamp("ZYFW-2026-v01", "test-salt-123456").code
    assert f"证明编号ZYFW-2026-v01核验码{code}" in text
    assert "扫码" not in text and "verify/" not in text
    assert qr_codes(proof, tmp_path) == []
    warnings = [str(p) for p in check_records(project) if "url" in p.message]
    assert len(warnings) == 1  # warned once, not once per certificate


def test_a_proof_that_runs_over_one_page_is_numbered(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(RECORDS_FIXTURE, root)
    for day in range(1, 31):
        (root / "content" / "activities" / f"2026-09-{day:02d}.yaml").write_text(
            f"title: 第{day}次入户走访\nkind: visit\ndate: 2026-09-{day:02d}\ntime: \"09:00-10:30\"\n"
            f"location: 测试村\norganiser: 测试镇老龄办\nattendance:\n  - volunteer: v02\n", encoding="utf-8")
    printed = print_certificates(root, lambda name: name == "志愿服务记录证明-v02-李华.pdf")
    proof = printed["志愿服务记录证明-v02-李华.pdf"]
    pages = [("".join(p.extract_text().split())) for p in PdfReader(proof).pages]
    assert len(pages) == 2
    assert "—1—" in pages[0] and "—2—" in pages[1]
    assert "共31次" in pages[0]


def test_volunteers_may_carry_other_documents_and_a_national_id():
    from generator.records.models import Volunteer
    from generator.records.volunteers import COLUMNS

    passport = Volunteer(id="v1", name="林思远", id_type="护照", id_number="E12345678", national_id="3301002024")
    assert passport.id_number == "E12345678"  # only a 居民身份证 number is checked digit by digit
    with pytest.raises(ValueError, match="身份证号“110105194912310021”不对"):
        Volunteer(id="v2", name="王芳", id_number="110105194912310021")
    assert COLUMNS["证件类型"] == "id_type" and COLUMNS["全国志愿者编号"] == "national_id"
    assert COLUMNS["证件号码"] == "id_number"


def test_a_new_project_gets_its_own_verify_salt(tmp_path):
    from generator.scaffold import init_project

    salts = []
    for name in ("a", "b"):
        init_project(tmp_path / name)
        project = load_project(tmp_path / name)
        records = load_records(project)
        salts.append(records.settings.verify_salt)
        assert not [p for p in check_records(project) if "verify_salt" in p.message]
    assert all(s and len(s) >= 12 for s in salts) and salts[0] != salts[1]
