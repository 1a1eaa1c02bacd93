"""Certificate numbers anyone can check: the check code, the verification page's name, what it states.

``stamp`` is the one function that turns a certificate number into its check
code and page name; the printed certificate (QR code, short address, 核验码)
and the site's ``verify/<number>-<code>.html`` both come from it, so they agree
by construction. The code is an HMAC of the number under a secret, so one
certificate's address does not reveal another's.

The secret is ``verify_salt`` in content/people/records.yaml (`huodong init`
writes a random one). It lives with the records because the records are what
every machine that prints or builds the site must have anyway (a fresh clone,
CI). A secret generated into .huodong-cache would not survive there: the cache
is disposable, a clean build must equal a cached one, and a new secret would
change every code so that every printed QR code led nowhere. Without
``verify_salt`` certificates print their number only, the site has no
verification pages, and `huodong check` says how to turn verification on.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from urllib.parse import quote

from ..content.errors import WARNING, Problem, display_path
from ..content.loader import YamlError, load_yaml
from ..content.project import Project
from .hours import Service, format_hours, services
from .load import Records
from .public import public_name

FOLDER = "verify"
CODE_LENGTH = 6
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: read aloud or typed from paper
REVOKED = "此证明已作废"


@dataclass(frozen=True)
class Stamp:
    number: str
    code: str  # 核验码, e.g. k3m9qz
    page: str  # the site page, e.g. verify/ZTZY-2026-v01-k3m9qz.html

    def url(self, site_url: str | None) -> str | None:
        """The page's full address, or None when the site has no url."""
        return f"{site_url}{quote(self.page)}" if site_url else None


def stamp(number: str, secret: str) -> Stamp:
    """The check code and verification page of certificate ``number``."""
    mac = hmac.new(secret.encode("utf-8"), number.encode("utf-8"), hashlib.sha256).digest()
    value = int.from_bytes(mac[:8], "big")
    code = ""
    for _ in range(CODE_LENGTH):
        value, digit = divmod(value, len(ALPHABET))
        code += ALPHABET[digit]
    return Stamp(number, code, f"{FOLDER}/{number}-{code}.html")


def short_address(url: str) -> str:
    """The address as printed under a QR code: no scheme."""
    return url.split("://", 1)[-1]


# ---- what a verification page states -------------------------------------------------

@dataclass(frozen=True)
class Verification:
    """One verification page: only what the issue allows; no phone, ID number or place."""

    stamp: Stamp
    kind: str  # 志愿服务记录证明 / 荣誉证书
    name: str  # masked unless the volunteer consented
    issuer: str
    issued: str  # cn date, or "" when not fixed (a proof printed on the day)
    until: str = ""  # a proof: the date of the last service on record
    hours: str = ""
    count: int = 0
    title: str = ""  # 荣誉称号 of a 荣誉证书
    year: int = 0
    revoked: bool = False


def proof_number(records: Records, volunteer_id: str, done: list[Service]) -> str:
    """证明编号: prefix, the year of the last service recorded, the volunteer's id."""
    return f"{records.settings.certificate_prefix}-{done[-1].day.year}-{volunteer_id}"


def honour_numbers(commendation, count: int) -> list[str]:
    base = commendation.number or f"{commendation.year}-{commendation.id}"
    return [base] if count == 1 else [f"{base}-{i:02d}" for i in range(1, count + 1)]


def issued_on(records: Records, today: dt.date) -> dt.date:
    """出具日期: records.yaml's `issued` when fixed, else the day of printing."""
    return records.settings.issued or today


def verifications(project: Project, records: Records, key: str | None = None) -> list[Verification]:
    """Every verification page of the records, from the same numbers the certificates print.

    ``key`` defaults to records.yaml's verify_salt; without one there are no pages.
    """
    from ..content.dates import cn_date

    key = key or records.settings.verify_salt
    if not key:
        return []
    revoked = set(records.settings.revoked)
    done = services(project, records)
    pages = []
    issued = cn_date(records.settings.issued) if records.settings.issued else ""
    for volunteer in records.volunteers.values():
        mine = [s for s in done if s.volunteer == volunteer.id]
        if not mine:
            continue
        number = proof_number(records, volunteer.id, mine)
        pages.append(Verification(
            stamp(number, key), "志愿服务记录证明", public_name(records, volunteer.id), records.issuer, issued,
            hours=format_hours(sum((s.hours for s in mine), Decimal(0))), count=len(mine),
            until=cn_date(mine[-1].day), revoked=number in revoked))
    for commendation in records.commendations:
        people = [public_name(records, p) for p in commendation.people] + list(commendation.units)
        for number, name in zip(honour_numbers(commendation, len(people)), people):
            pages.append(Verification(
                stamp(number, key), "荣誉证书", name, commendation.issuer or records.issuer,
                cn_date(commendation.date), title=commendation.title, year=commendation.year,
                revoked=number in revoked))
    return pages


def check_verification(project: Project, records: Records) -> list[Problem]:
    """`huodong check`: certificates without a site url or verify_salt; revoked numbers that match nothing."""
    has_certificates = bool(records.commendations) or bool(services(project, records))
    if not has_certificates:
        return []
    source = Path(project.root) / "content" / "people" / "records.yaml"
    shown = display_path(source, Path(project.root))
    try:
        located = load_yaml(source, shown) if source.exists() else None
    except YamlError:
        located = None  # reported by load_records already

    def at(*key) -> tuple[int, int]:
        return located.position(key) if located is not None and isinstance(located.data, dict) else (1, 1)

    problems = []
    if not project.site.url:
        problems.append(Problem("content/site.yaml", 1, 1, "没有写网站地址 url，志愿服务证明和荣誉证书只印编号和核验码，"
                                                           "不印核验二维码；有了网站后在 content/site.yaml 写上 url 再打印", WARNING))
    if not records.settings.verify_salt:
        problems.append(Problem(shown, 1, 1, "没有写核验密钥 verify_salt，证书只印编号、没有核验码和二维码，网站上也没有核验页。"
                                             "要让别人能核验证书，请在本文件加一行（随便一串字母数字，写好后不要再改，也不要公开），例如："
                                             f"verify_salt: {secrets.token_urlsafe(12)}", WARNING))
    if records.settings.revoked:
        known = {v.stamp.number for v in verifications(project, records, "-")}
        for i, number in enumerate(records.settings.revoked):
            if number not in known:
                problems.append(Problem(shown, *at("revoked", i), f"作废的证明编号“{number}”没有对应的证书，请核对编号", WARNING))
    return problems
