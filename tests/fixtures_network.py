"""Fixtures for the network and report tests: the seed store (built once per run) and a headless Chromium.

Import the fixtures into a test module (`from tests.fixtures_network import seed_store`); the store is
built once per test run however many modules import it.

The browser is Debian's `chromium`, driven over the Chrome DevTools Protocol through a pipe
(`--remote-debugging-pipe`: fd 3 carries commands in, fd 4 answers and events out, each message JSON
ending in a NUL byte), so no WebDriver, no websocket library and no browser download is needed.
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
_BUILT: dict[str, Path] = {}
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# No sandbox (CI runs as root), and nothing that tries to reach the network, which hangs without one.
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--no-default-browser-check", "--disable-extensions", "--disable-dev-shm-usage",
                  "--hide-scrollbars", "--mute-audio", "--remote-debugging-pipe")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from seeds/ (five articles), shared by every test of the run."""
    if "seeds" not in _BUILT:
        from kg.build import build

        path = tmp_path_factory.mktemp("seed-store") / "store"
        build([str(SEEDS)], path)
        _BUILT["seeds"] = path
    return _BUILT["seeds"]


def interactions_by_sparql(store_path: Path) -> dict[str, tuple[str, frozenset[str]]]:
    """Each interaction's kind and actors (principals and others present), asked of the store directly.

    Independent of kg.network, so the tests can check the networkx views against the store itself.
    """
    from kg.queries import run
    from kg.rdf.store import open_store

    _, rows = run(open_store(store_path), """
        PREFIX kg: <https://example.org/kg/ontology#>
        SELECT ?i ?kind ?actor WHERE {
          VALUES ?kind { kg:Meeting kg:PhoneCall kg:Visit kg:Letter kg:PressConference }
          ?i a ?kind . { ?i kg:participant ?actor } UNION { ?i kg:present ?actor } }""")
    found: dict[str, tuple[str, set[str]]] = {}
    for row in rows:
        found.setdefault(row["i"], (row["kind"].rsplit("#", 1)[-1], set()))[1].add(row["actor"])
    return {iri: (kind, frozenset(actors)) for iri, (kind, actors) in found.items()}


def chromium_executable() -> str | None:
    explicit = os.environ.get("KG_CHROMIUM")
    if explicit:
        return explicit
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


class CDPError(RuntimeError):
    """Chromium answered a DevTools command with an error, or did not answer in time."""


class Browser:
    """A headless Chromium and one page in it, spoken to over the DevTools pipe."""

    def __init__(self, executable: str, profile: Path, log: Path, width: int = 1280,
                 height: int = 1000) -> None:
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()
        # bash (dash takes one-digit fds only) puts our pipe ends on fd 3 and 4, where
        # --remote-debugging-pipe expects them.
        command = ["/bin/bash", "-c", f'exec "$0" "$@" 3<&{to_browser_r} 4>&{from_browser_w}', executable,
                   *CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}",
                   "about:blank"]
        self._log = open(log, "wb")
        self.process = subprocess.Popen(command, pass_fds=(to_browser_r, from_browser_w),
                                        stdin=subprocess.DEVNULL, stdout=self._log, stderr=subprocess.STDOUT)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._answers: dict[int, dict] = {}
        self._messages: queue.Queue[dict | None] = queue.Queue()
        self.events: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", session=True)
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
        self.send("Emulation.setDeviceMetricsOverride", metrics, session=True)

    def _read(self) -> None:
        buffer = b""
        while True:
            chunk = os.read(self._from_browser, 65536)
            if not chunk:
                self._messages.put(None)
                return
            buffer += chunk
            while b"\0" in buffer:
                message, buffer = buffer.split(b"\0", 1)
                self._messages.put(json.loads(message))

    def _pump(self, deadline: float) -> None:
        try:
            message = self._messages.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            return
        if message is None:
            raise CDPError(f"Chromium closed the DevTools pipe (exit code {self.process.poll()})")
        if "id" in message:
            self._answers[message["id"]] = message
        else:
            self.events.append(message)

    def send(self, method: str, params: dict | None = None, session: bool = False,
             timeout: float = 30.0) -> dict:
        self._next_id += 1
        number = self._next_id
        message: dict = {"id": number, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while number not in self._answers:
            if time.monotonic() > deadline:
                raise CDPError(f"no answer to {method} within {timeout} s")
            self._pump(deadline)
        answer = self._answers.pop(number)
        if "error" in answer:
            raise CDPError(f"{method}: {answer['error']}")
        return answer.get("result", {})

    def wait_for(self, method: str, timeout: float = 30.0) -> dict:
        """The first event named `method` (already received or still to come)."""
        deadline = time.monotonic() + timeout
        while True:
            for event in self.events:
                if event.get("method") == method:
                    return event
            if time.monotonic() > deadline:
                raise CDPError(f"no {method} event within {timeout} s")
            self._pump(deadline)

    def open(self, url: str) -> None:
        self.events.clear()
        self.send("Page.navigate", {"url": url}, session=True)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str):
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True}, session=True)
        if "exceptionDetails" in result:
            raise CDPError(f"{expression!r} threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    def click(self, x: float, y: float) -> None:
        """A real mouse click at page coordinates (pointer events, as a person's click)."""
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            params = {"type": kind, "x": x, "y": y}
            if kind != "mouseMoved":
                params.update(button="left", clickCount=1)
            self.send("Input.dispatchMouseEvent", params, session=True)

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        import base64

        params: dict = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.send("Page.captureScreenshot", params, session=True)["data"]
        path.write_bytes(base64.b64decode(data))

    def console_errors(self) -> list[str]:
        """Uncaught exceptions, console.error calls and error log entries since the page was opened."""
        errors = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                errors.append(json.dumps(params.get("exceptionDetails", {}))[:500])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                args = params.get("args", [])
                errors.append(" ".join(str(a.get("value", a.get("description", ""))) for a in args))
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                errors.append(params["entry"].get("text", ""))
        return errors

    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events
                if e.get("method") == "Network.requestWillBeSent"]

    def close(self) -> None:
        try:
            self.send("Browser.close", timeout=5)
        except CDPError:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._to_browser)
        self._log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """A headless Chromium with a fresh profile, one per test module (each test opens its own page).

    Skipped with a message where no Chromium is installed, except under KG_REQUIRE_INTEGRATION=1 (CI,
    where `make test` installs it): there a missing browser fails the test.
    """
    executable = chromium_executable()
    if executable is None:
        message = ("no Chromium found: install Debian's chromium (`make browser-deps`, as root) "
                   "or set KG_CHROMIUM to a Chromium executable")
        if os.environ.get("KG_REQUIRE_INTEGRATION") == "1":
            pytest.fail(message)
        pytest.skip(message)
    folder = tmp_path_factory.mktemp("chromium")
    instance = Browser(executable, folder / "profile", folder / "chromium.log")
    try:
        yield instance
    finally:
        instance.close()
