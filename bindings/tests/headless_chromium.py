"""A headless Chromium (Debian's `chromium`) driven over the Chrome DevTools Protocol, for the
tests of pages Arteria writes: open a file, evaluate script, send real mouse and key events,
and collect every console error and uncaught exception the page raised.

Chromium runs without its sandbox (the tests run as root, where the sandbox cannot start), in
a profile folder of its own, in a process group of its own that is killed on exit whatever
state it is in.
"""
import json
import os
import signal
import subprocess
import time
import urllib.request

import websocket

START_TIMEOUT_S = 20.0
CALL_TIMEOUT_S = 20.0


class Chromium:
    """``with Chromium(profile_dir) as browser:`` a browser with one page, ``browser``."""

    def __init__(self, profile_dir, width=1200, height=800):
        self.profile_dir = profile_dir
        self.size = (width, height)
        self.process = None
        self.socket = None
        self.events = []
        self._next_id = 0

    def __enter__(self):
        os.makedirs(self.profile_dir, exist_ok=True)
        self.process = subprocess.Popen(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--mute-audio",
             "--force-device-scale-factor=1", f"--window-size={self.size[0]},{self.size[1]}",
             "--remote-debugging-port=0", f"--user-data-dir={self.profile_dir}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            self.socket = websocket.create_connection(self._page_socket(), timeout=CALL_TIMEOUT_S,
                                                      suppress_origin=True)
            for domain in ("Runtime", "Log", "Page"):
                self.call(f"{domain}.enable")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        if self.socket is not None:
            self.socket.close()
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return False

    def _page_socket(self):
        """The DevTools socket of the first page: Chromium writes its port into the profile's
        DevToolsActivePort once it listens (port 0 asked it to pick a free one)."""
        port_file = os.path.join(self.profile_dir, "DevToolsActivePort")
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with code {self.process.returncode}")
            try:
                with open(port_file) as f:
                    port = int(f.readline())
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=5) as r:
                    pages = [t for t in json.load(r) if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except (OSError, ValueError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"chromium did not open its DevTools port within {START_TIMEOUT_S} s")

    def call(self, method, **params):
        """Sends one DevTools command and returns its result; events that arrive meanwhile
        are kept in ``events``."""
        self._next_id += 1
        self.socket.send(json.dumps({"id": self._next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == self._next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]
            self.events.append(message)

    def evaluate(self, expression):
        """The value of a script expression in the page (promises awaited)."""
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                           awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, timeout_s=15.0):
        """Waits until `expression` is truthy in the page; returns its value."""
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        raise TimeoutError(f"'{expression}' still false after {timeout_s} s")

    def open(self, path):
        """Loads a local file and waits for its load event."""
        self.call("Page.navigate", url=f"file://{os.path.abspath(path)}")
        self.wait_for("document.readyState === 'complete'")

    def click(self, x, y):
        """A real left click (press and release) at page coordinates (CSS pixels)."""
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=1)

    def press_key(self, key, code, key_code):
        """A real key press and release, sent to the focused element."""
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key=key, code=code,
                      windowsVirtualKeyCode=key_code)

    def errors(self):
        """Every console error, uncaught exception and error log entry so far, as text."""
        self.evaluate("0")  # a round trip: the events sent before it are read by then
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console: " + " ".join(str(a.get("value", a.get("description")))
                                                    for a in params.get("args", [])))
            elif method == "Runtime.exceptionThrown":
                details = params["exceptionDetails"]
                found.append("exception: " + details.get("exception", {}).get(
                    "description", details.get("text", "")))
            elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
                found.append(f"log: {params['entry']['text']} ({params['entry'].get('url', '')})")
        return found
