"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``).

One process serves every browser test of a session: the test sees console errors and
uncaught exceptions as events, can wait in real time for the search worker, can set the
viewport (a 390 px phone, a 1280 px desktop) and can run scripts such as axe-core.
Sites are served by ``python -m http.server``.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


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

    def viewport(self, width: int, height: int = 900) -> None:
        """Lay pages out as on a screen ``width`` CSS pixels wide (a phone is touch and mobile)."""
        mobile = width < 600
        self.call("Emulation.setDeviceMetricsOverride", session=self.session, width=width, height=height,
                  deviceScaleFactor=1, mobile=mobile)
        self.call("Emulation.setTouchEmulationEnabled", session=self.session, enabled=mobile)

    def block(self, *patterns: str) -> None:
        """Requests matching these URL patterns fail from now on (none: allow everything again)."""
        self.call("Network.enable", session=self.session)
        self.call("Network.setBlockedURLs", session=self.session, urls=list(patterns))

    def run_script(self, source: str) -> None:
        """Run a script (e.g. a vendored library) in the page."""
        result = self.call("Runtime.evaluate", session=self.session, expression=source)
        assert "exceptionDetails" not in result, result["exceptionDetails"]

    def evaluate_async(self, expression: str, seconds: float = 30):
        """The value of a promise-returning expression."""
        result = self.call("Runtime.evaluate", session=self.session, expression=expression,
                           awaitPromise=True, returnByValue=True, timeout=seconds * 1000)
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        return result["result"].get("value")

    def key(self, key: str, code: str, key_code: int, shift: bool = False) -> None:
        """Press and release a key, as the keyboard does (Tab: "Tab", "Tab", 9)."""
        for kind in ("rawKeyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", session=self.session, type=kind, key=key, code=code,
                      windowsVirtualKeyCode=key_code, modifiers=8 if shift else 0)

    def screenshot(self, path: Path) -> None:
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




@contextmanager
def serve(folder: Path):
    """Serve ``folder`` over HTTP on a free local port; yields the base URL."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                              cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.kill()
        server.wait()
