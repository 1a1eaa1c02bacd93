"""Files the site publishes besides pages: photos without EXIF, sign-up sheets, QR codes."""

from __future__ import annotations

import hashlib
import io
import posixpath
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import segno
from markupsafe import Markup
from PIL import Image, ImageOps

from ..content.project import media_path, media_problem

PHOTO_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
MAX_SIDE = 1600  # pixels: large enough for a screen, small enough for a phone on 4G


class MediaProblem(Exception):
    """A photo that cannot be published; the message is Chinese."""


def photo_source(root: Path, name: str) -> Path:
    """The file under content/media/ that a report's ``photos:`` entry names.

    Refuses anything outside content/media/ (``../people/elders.yaml``) and
    anything that is not a photo, so no internal file can reach the site.
    """
    path = media_path(root, name)
    if path is None:
        raise MediaProblem(f"{media_problem(root, name)}。网站不会发布它")
    if path.suffix.lower() not in PHOTO_SUFFIXES:
        raise MediaProblem(f"“{name}”不是照片（只发布 .jpg、.png、.webp），网站不会发布它")
    return path


def inline_image(src: str) -> str | None:
    """The content/media/ name that an image written inside Markdown text points at, else None.

    Organisers write the path as their editor shows it from the news file
    (``../media/2026/合影.jpg``) or from the project (``media/…``,
    ``content/media/…``); all three mean the same photo. Addresses on other
    sites and absolute paths name nothing here.
    """
    src = unquote(src).replace("\\", "/")
    if not src or src.startswith("/") or ":" in src.split("/", 1)[0]:
        return None
    parts = [part for part in posixpath.normpath(src).split("/") if part != ".."]
    if parts[:1] == ["content"]:
        parts = parts[1:]
    return "/".join(parts[1:]) if len(parts) > 1 and parts[0] == "media" else None


def photo_uri(data: bytes, name: str) -> str:
    """Where a photo is published: media/<digest of its bytes>.<type>, a name that says nothing of
    what the organiser called the file (张桂芝-13712345670.jpg)."""
    digest = hashlib.sha256(data).hexdigest()[:20]
    return f"media/{''.join(chr(ord('a') + int(c, 16)) for c in digest)}{PurePosixPath(name).suffix.lower()}"


def strip_photo(path: Path) -> bytes:
    """The photo re-encoded without EXIF (GPS, camera, time), XMP or comments.

    The orientation EXIF carried is applied to the pixels first, and very large
    photos are scaled down.
    """
    with Image.open(path) as original:
        image = ImageOps.exif_transpose(original)
        image.thumbnail((MAX_SIDE, MAX_SIDE))
        fmt = "JPEG" if original.format in (None, "MPO") else original.format
        if fmt == "JPEG" and image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        clean = Image.new(image.mode, image.size)  # a fresh image carries no metadata at all
        clean.paste(image)
        buffer = io.BytesIO()
        options = {"quality": 85, "optimize": True} if fmt == "JPEG" else {}
        clean.save(buffer, fmt, **options)
    return buffer.getvalue()


def sheet_uri(activity_id: str) -> str:
    """Where an activity's blank sign-up sheet is published."""
    return f"downloads/{activity_id}-signup.pdf"


PUBLIC_SHEETS = ".huodong-cache/public"  # sign-up sheets rendered from the public view, for the site


def public_sheet(activity_id: str) -> str:
    """Where `huodong build` puts an activity's public sign-up sheet, relative to the project."""
    return f"{PUBLIC_SHEETS}/{activity_id}-signup.pdf"


def printed_sheets(root: Path) -> dict[str, Path]:
    """Activity id → its blank sign-up sheet rendered from the public view (never plans/, which is internal)."""
    return {path.name.removesuffix("-signup.pdf"): path
            for path in sorted((Path(root) / PUBLIC_SHEETS).glob("*-signup.pdf"))}


def qr_svg(url: str) -> Markup:
    """An inline SVG QR code pointing at ``url``."""
    return Markup(segno.make(url, error="m").svg_inline(scale=4, border=2, title="报名二维码"))
