"""The site's last gate remembers which files it found clean: unchanged pages are not scanned again,
and a changed page or a changed set of private values is."""

from __future__ import annotations

from pathlib import Path

from generator.privacy import ADDRESS, HIDDEN, Scrubber
from generator.website import gate

ELDER = "欧阳秀英"


def scrubber(*names: str) -> Scrubber:
    return Scrubber({"青山村3组12号": (HIDDEN, ADDRESS)}, {name: name[:2] + "奶奶" for name in names})


def site(folder: Path, **pages: str) -> Path:
    for name, text in pages.items():
        (folder / f"{name}.html").write_text(text, encoding="utf-8")
    return folder


def test_a_page_found_clean_is_not_scanned_again_until_it_or_the_private_values_change(tmp_path, monkeypatch):
    (tmp_path / "site").mkdir()
    built = site(tmp_path / "site", a="<p>看望老人</p>", b=f"<p>看望{ELDER}</p>")
    memory = tmp_path / "gate.json"
    scanned = []
    real = Scrubber.__call__
    monkeypatch.setattr(Scrubber, "__call__", lambda self, text, markdown=False: scanned.append(text) or
                        real(self, text, markdown))

    gate.seal(built, scrubber(ELDER), memory)
    assert (built / "b.html").read_text(encoding="utf-8") == "<p>看望欧阳奶奶</p>"
    assert "<p>看望老人</p>" in scanned

    scanned.clear()
    gate.seal(built, scrubber(ELDER), memory)  # the next build: the same pages
    assert [t for t in scanned if t.startswith("<p>")] == ["<p>看望欧阳奶奶</p>"]  # what the gate rewrote, once
    scanned.clear()
    gate.seal(built, scrubber(ELDER), memory)
    assert [t for t in scanned if t.startswith("<p>")] == []  # only file names were looked at

    (built / "a.html").write_text(f"<p>又看望{ELDER}</p>", encoding="utf-8")  # a page that changed
    gate.seal(built, scrubber(ELDER), memory)
    assert (built / "a.html").read_text(encoding="utf-8") == "<p>又看望欧阳奶奶</p>"

    (built / "c.html").write_text("<p>看望张桂芝</p>", encoding="utf-8")
    gate.seal(built, scrubber(ELDER), memory)  # 张桂芝 is nobody's private name yet: left as it is
    assert (built / "c.html").read_text(encoding="utf-8") == "<p>看望张桂芝</p>"
    gate.seal(built, scrubber(ELDER, "张桂芝"), memory)  # a new elder: every page is scanned again
    assert (built / "c.html").read_text(encoding="utf-8") == "<p>看望张桂奶奶</p>"
