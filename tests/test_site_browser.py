"""Headless Chromium opens the built site: no console errors, pages render, Chinese search finds pages.

Chromium is driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``),
so the test sees console errors and uncaught exceptions as events and can wait, in
real time, for the search worker. The site is served by ``python -m http.server``.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.website.build import build_site

from .site_helpers import fixture_project

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="没有安装 Chromium（Debian: apt-get install chromium），跳过浏览器测试")


class Browser:
    """A minimal DevTools-protocol client over Chromium's debugging pipe (fd 3 in, fd 4 out)."""

    def __init__(self, profile: Path):
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        self._process = subprocess.Popen(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--no-first-run", "--remote-debugging-pipe",
             f"--user-data-dir={profile}", "--window-size=1280,900", "about:blank"],
            pass_fds=(3, 4), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=lambda: _pipe_fds(to_chrome_r, from_chrome_w),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Runtime", "Log", "Page"):
            self.call(f"{domain}.enable", session=self.session)

    def call(self, method: str, session: str | None = None, **params) -> dict:
        self._next += 1
        message = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_chrome, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                assert "error" not in reply, reply
                return reply["result"]
            self.events.append(reply)

    def _read(self) -> dict:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_chrome, 65536)
            assert chunk, "Chromium closed the pipe"
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def open(self, url: str) -> None:
        self.events.clear()
        self.call("Page.navigate", session=self.session, url=url)
        self.wait_for("document.readyState === 'complete'")

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", session=self.session, expression=expression, returnByValue=True)
        return result["result"].get("value")

    def wait_for(self, expression: str, seconds: float = 20) -> None:
        deadline = time.monotonic() + seconds
        while not self.evaluate(expression):
            assert time.monotonic() < deadline, f"timed out waiting for {expression}"
            time.sleep(0.2)

    def errors(self) -> list[str]:
        found = []
        for event in self.events:
            params = event.get("params", {})
            if event.get("method") == "Runtime.exceptionThrown":
                found.append(params["exceptionDetails"].get("text", "") + json.dumps(params["exceptionDetails"].get("exception", {}).get("description", "")))
            elif event.get("method") == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append(json.dumps(params.get("args"), ensure_ascii=False))
            elif event.get("method") == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(params["entry"]["text"] + " " + params["entry"].get("url", ""))
        return found

    def screenshot(self, path: Path) -> None:
        import base64

        data = self.call("Page.captureScreenshot", session=self.session, format="png", captureBeyondViewport=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        self._process.kill()
        self._process.wait()
        os.close(self._to_chrome)
        os.close(self._from_chrome)


def _pipe_fds(reading: int, writing: int) -> None:
    """In the child: Chromium reads commands from fd 3 and writes replies to fd 4."""
    reading, writing = os.dup(reading), os.dup(writing)  # out of the way of 3 and 4 first
    os.dup2(reading, 3)
    os.dup2(writing, 4)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = fixture_project(tmp_path_factory.mktemp("browser") / "project")
    build_site(root)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=root / "site", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(50):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.1)
    browser = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield browser, f"http://127.0.0.1:{port}/"
    browser.close()
    server.kill()
    server.wait()


@pytest.mark.parametrize("page, heading", [
    ("index.html", "测试镇关爱老人志愿服务队"),
    ("activities/2026-chongyang.html", "情暖重阳·走进敬老院志愿服务活动"),
    ("news/2026-06-19-duanwu.html", "粽叶飘香迎端午 浓浓关爱暖人心"),
    ("calendar.html", "活动日历"),
])
def test_page_loads_without_console_errors(served, page, heading, tmp_path):
    browser, base = served
    browser.open(base + page)
    assert browser.evaluate("document.querySelector('article h1').textContent") == heading
    assert browser.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    time.sleep(0.5)  # late scripts (search worker start-up) report here
    assert browser.errors() == []
    browser.screenshot(tmp_path / "page.png")
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_chinese_search_finds_a_page(served):
    browser, base = served
    browser.open(base + "index.html?q=义诊")
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0")
    titles = browser.evaluate("[...document.querySelectorAll('.md-search-result__item h1')].map(e => e.textContent)")
    assert "健康进村·溪口村义诊" in [t.replace("\u200b", "") for t in titles]
    assert browser.errors() == []


def test_site_works_opened_from_a_usb_stick(served, tmp_path_factory):
    """file:// : links point at .html files and search runs without a server (offline plugin + shim)."""
    browser, base = served
    site = next(tmp_path_factory.getbasetemp().glob("browser*/project/site"))
    browser.open((site / "index.html").as_uri())
    href = browser.evaluate("document.querySelector('.hd-card__title a').href")
    assert href == (site / "activities" / "2026-chongyang.html").as_uri()
    browser.open((site / "index.html").as_uri() + "?q=重阳")
    browser.wait_for("document.querySelectorAll('.md-search-result__item').length > 0")
    assert browser.errors() == []
