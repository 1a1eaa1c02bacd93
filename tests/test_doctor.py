"""`huodong doctor` names what is missing and how to install it on the organiser's own system."""

from __future__ import annotations

import sys

from generator import doctor


def _pango_check(monkeypatch, platform: str) -> doctor.Check:
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails as it does without Pango
    return doctor._weasyprint()


def test_missing_pango_on_windows_points_to_the_gtk3_installer(monkeypatch):
    check = _pango_check(monkeypatch, "win32")
    assert not check.ok
    assert check.name == "WeasyPrint 系统库（Pango）"
    assert "GTK3 运行库" in check.fix and "WEASYPRINT_DLL_DIRECTORIES=C:\\Program Files\\GTK3-Runtime Win64\\bin" in check.fix


def test_missing_pango_on_linux_names_the_debian_packages(monkeypatch):
    check = _pango_check(monkeypatch, "linux")
    assert not check.ok
    assert "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b" in check.fix


def test_pango_present_here():
    assert doctor._weasyprint().ok
