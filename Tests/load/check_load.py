#!/usr/bin/env python3
"""The preview server (`sacrum serve`) under attack and under load, as a real process.

Copies the practice site into a temporary folder laid out as

    WORK/SECRET-above.txt            a secret two levels above the site
    WORK/outer/SECRET-beside.txt     a secret next to the site
    WORK/outer/site/                 the site (site.yaml, content/, themes/, templates/, static/)
    WORK/outer/site/SECRET-in-source.txt   in the source folder, but not part of the built site

Every secret, a comment in site.yaml, a YAML comment in a page's front matter, a Mustache comment
in the base template and an environment variable of the server (for /proc/self/environ) carry the
same random canary. Then it starts `sacrum serve --port <free port>` and:

1. Traversal: sends a table of raw request targets over a plain socket (no client-side
   normalisation): every encoding of `../` (percent, upper case, double, backslash, overlong UTF-8,
   NUL, `;`, `....//`, full-width dots, ...) aimed at each secret, /etc/passwd, /proc/self/environ
   and the site's source files, plus absolute-form, asterisk-form and relative targets, paths of
   10-100 KB, other methods and an HTTP/0.9 line. Each must be answered 400/403/404/405/414/431 (a
   404 with the site's 404 page), a redirect that stays inside the site, or a closed connection;
   no body may hold the canary or 'root:x:0:0'; the server must answer `/` after each.
2. Load: `wrk -t2 -c50` for --duration seconds (30) rotating over real URLs of the site, and at the
   same time `wrk -t1 -c2` on a missing page (only there 404 is expected), while a thread edits the
   treatment page every 250 ms (body text; every 8th edit its front matter; every 5 s a save with
   broken front matter that the next save fixes), the stylesheet every 3 s and site.yaml every
   10 s, alternating in-place and atomic (rename) saves. Two live-reload
   clients stay connected to /__sacrum/events throughout and another one reconnects over and over.
   Checks: no socket errors (connect/read/write/timeout), no unexpected status (the broken saves
   too keep the last good build served), no failed build but those of the broken saves;
   the server is alive afterwards and serves the last edit; both live-reload clients got an event
   for (nearly) every rebuild and one for the last edit; every reconnecting client got its `hello`;
   RSS (VmRSS, sampled every second) is flat: the maximum over the last 10 s is at most 1.10 x the
   maximum over the first 10 s + 10 MB (the first 10 s take in the warm-up: connection buffers,
   thread arenas). Over the 20 s between them that allows ~14 MB at a 40 MB server: a leak of
   ~25 bytes per request (500,000+ requests) or ~175 KB per rebuild (80 rebuilds) fails.
3. SIGTERM stops the server within 1 s, with the live-reload clients still connected.

    check_load.py --sacrum PATH [--site DIR] [--duration 30] [--skip-load] [--keep]

Exits 0 when every check passed, 1 when one failed, 2 when it could not run (no wrk, no binary).
"""
import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SITE_PARTS = ("site.yaml", "content", "themes", "templates", "static")
REFUSALS = {400, 403, 404, 405, 414, 431, 501}
RSS_FACTOR, RSS_SLACK_MB = 1.10, 10
failures = []


def log(message=""):
    print(f"load: {message}" if message else "", flush=True)


def check(condition, what):
    log(f"{'ok  ' if condition else 'FAIL'} {what}")
    if not condition:
        failures.append(what)
    return condition


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- the site and the secrets ------------------------------------------------------------------

class Site:
    """A copy of the practice site with secrets around it; all paths carry the same canary."""

    def __init__(self, source, work):
        self.canary = f"sacrum-load-canary-{uuid.uuid4().hex}"
        self.work = work
        self.root = work / "outer" / "site"
        self.root.mkdir(parents=True)
        for name in SITE_PARTS:
            path = Path(source) / name
            if path.is_dir():
                shutil.copytree(path, self.root / name)
            elif path.is_file():
                shutil.copy(path, self.root / name)
        secret = f"{self.canary} do not serve\n"
        (work / "SECRET-above.txt").write_text(secret)
        (work / "outer" / "SECRET-beside.txt").write_text(secret)
        (self.root / "SECRET-in-source.txt").write_text(secret)

        site_yaml = self.root / "site.yaml"
        site_yaml.write_text(site_yaml.read_text() + f"\n# {self.canary}\n")
        self.site_yaml_text = site_yaml.read_text()
        theme = re.search(r"^theme:\s*\"?([\w.-]+)", site_yaml.read_text(), re.M)
        self.theme = theme.group(1) if theme else "default"
        base = self.root / "themes" / self.theme / "templates" / "base.mustache"
        if base.is_file():
            base.write_text(f"{{{{! {self.canary} }}}}\n" + base.read_text())

        # A page in the rotation that the edit thread keeps changing: the first treatment (not a section
        # index, not a translation such as `name.es.md`, whose URL is under its language's prefix).
        treatments = sorted(p for p in (self.root / "content" / "treatments").glob("*.md")
                            if not p.name.startswith("_index") and "." not in p.stem)
        self.page = treatments[0]
        self.page_url = f"/treatments/{self.page.stem}/"
        self.page_text = self.page.read_text()
        self.contact = self.root / "content" / "contact.md"
        if self.contact.is_file():
            text = self.contact.read_text()
            if text.startswith("---\n"):
                self.contact.write_text(f"---\n# {self.canary}\n" + text[4:])
        self.css = self.root / "themes" / self.theme / "assets" / "css" / "style.css"
        self.css_text = self.css.read_text()


# --- the server ----------------------------------------------------------------------------------

class Server:
    """`sacrum serve` with its output collected (it must be drained: every rebuild prints)."""

    def __init__(self, sacrum, site, port):
        self.port = port
        env = dict(os.environ, SACRUM_LOAD_CANARY=site.canary, NO_COLOR="1")
        self.process = subprocess.Popen([sacrum, "serve", "--source", str(site.root), "--port", str(port)],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
        self.lines = []
        self.serving = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))
            if line.startswith("Serving ") and " at http://" in line:
                self.serving.set()

    @property
    def pid(self):
        return self.process.pid

    def alive(self):
        return self.process.poll() is None

    def count(self, prefix, since=0.0, containing=""):
        return sum(1 for t, line in list(self.lines) if line.startswith(prefix) and containing in line and t >= since)

    def rebuild_milliseconds(self, since=0.0):
        return sorted(float(m.group(1)) for t, line in list(self.lines) if t >= since
                      for m in [re.match(r"Rebuilt in (\d+) ms", line)] if m)

    def rss_kb(self):
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1])
        except OSError:
            pass
        return None

    def get(self, path, timeout=5):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def stop(self):
        """SIGTERM; returns the seconds until the process exited (None if it had to be killed)."""
        if not self.alive():
            return 0.0
        start = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=5)
            return time.monotonic() - start
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return None


def raw_request(port, data, timeout=5.0):
    """Sends `data` as is and reads until the server closes; returns (status, headers, body, note)."""
    received = b""
    note = ""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.settimeout(timeout)
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                note = "closed while sending"
            try:
                while True:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    received += chunk
            except socket.timeout:
                note = "timed out"
            except ConnectionResetError:
                note = note or "reset"
    except OSError as error:
        return None, {}, b"", f"connect failed: {error}"
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    match = re.match(rb"HTTP/1\.[01] (\d{3})", lines[0]) if received else None
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
    return (int(match.group(1)) if match else None), headers, body, note


# --- 1. traversal ---------------------------------------------------------------------------------

# How `../` is spelt: (name, prefix after the first `/`, the unit repeated per level).
ENCODINGS = [
    ("../", b"", b"../"),
    ("..%2f", b"", b"..%2f"),
    ("%2e%2e/", b"", b"%2e%2e/"),
    ("%2E%2E%2F", b"", b"%2E%2E%2F"),
    (".%2e/", b"", b".%2e/"),
    ("%2e./", b"", b"%2e./"),
    ("%252e%252e/ (double)", b"", b"%252e%252e/"),
    ("%252e%252e%252f (double)", b"", b"%252e%252e%252f"),
    ("..%255c (double)", b"", b"..%255c"),
    ("..%5c", b"", b"..%5c"),
    ("..\\ (raw)", b"", b"..\\"),
    ("%2e%2e%5c", b"", b"%2e%2e%5c"),
    ("%c0%ae%c0%ae/ (overlong)", b"", b"%c0%ae%c0%ae/"),
    ("..%c0%af (overlong /)", b"", b"..%c0%af"),
    ("%e0%80%ae x2 (overlong 3-byte)", b"", b"%e0%80%ae%e0%80%ae/"),
    ("raw C0 AE C0 AE (overlong)", b"", b"\xc0\xae\xc0\xae/"),
    ("%ef%bc%8e x2 (full-width .)", b"", b"%ef%bc%8e%ef%bc%8e/"),
    ("%u002e%u002e/ (IIS)", b"", b"%u002e%u002e/"),
    ("/./././../", b"./././", b"../"),
    ("..;/", b"", b"..;/"),
    ("....// (strip bypass)", b"", b"....//"),
    ("..%00/", b"", b"..%00/"),
    ("..<NUL>/ (raw)", b"", b"..\x00/"),
    ("treatments/../", b"treatments/", b"../"),
    ("css/..%2f", b"css/", b"..%2f"),
]

# What the traversal aims at: (column, path from the top it climbs to, levels to climb from the
# site's root). The last three assume a server that serves from output/ inside the source folder.
GOALS = [
    ("beside", b"SECRET-beside.txt", 1),
    ("above", b"SECRET-above.txt", 2),
    ("passwd", b"etc/passwd", 16),
    ("environ", b"proc/self/environ", 16),
    ("in-src", b"SECRET-in-source.txt", 1),
    ("yaml", b"site.yaml", 1),
    ("md", b"content/contact.md", 1),
]


def single_requests(site, port):
    """Requests that are not an encoding x goal combination: (label, raw request bytes[, the site
    path whose exact response a 200 must be, for a target that legitimately stays inside the site])."""
    def get(target, version=b"HTTP/1.1", method=b"GET", headers=b""):
        return method + b" " + target + b" " + version + b"\r\nHost: 127.0.0.1:" + str(port).encode() \
            + b"\r\nConnection: close\r\n" + headers + b"\r\n"
    page_md = f"/treatments/{site.page.name}".encode()
    return [
        ("//etc/passwd", get(b"//etc/passwd")),
        ("///etc/passwd", get(b"///etc/passwd")),
        ("/site.yaml", get(b"/site.yaml")),
        ("/content/contact.md", get(b"/content/contact.md")),
        ("/contact.md", get(b"/contact.md")),
        ("/contact/index.md", get(b"/contact/index.md")),
        (page_md.decode(), get(page_md)),
        ("/SECRET-in-source.txt", get(b"/SECRET-in-source.txt")),
        ("/themes/.../theme.yaml", get(f"/themes/{site.theme}/theme.yaml".encode())),
        ("/themes/.../base.mustache", get(f"/themes/{site.theme}/templates/base.mustache".encode())),
        ("/base.mustache", get(b"/base.mustache")),
        ("/.. (no slash)", get(b"/..")),
        ("/%2e%2e", get(b"/%2e%2e")),
        ("/.", get(b"/.")),
        ("/index.html%00.css", get(b"/index.html%00.css")),
        ("/index.html<NUL> (raw)", get(b"/index.html\x00")),
        ("/%", get(b"/%")),
        ("/%zz", get(b"/%zz")),
        ("/%ff", get(b"/%ff")),
        ("absolute http://127.0.0.1/../../etc/passwd", get(f"http://127.0.0.1:{port}/../../etc/passwd".encode())),
        ("absolute http://127.0.0.1/%2e%2e/%2e%2e/etc/passwd", get(f"http://127.0.0.1:{port}/%2e%2e/%2e%2e/etc/passwd".encode())),
        ("absolute http://evil.example/..%2f..%2fetc/passwd", get(b"http://evil.example/..%2f..%2fetc/passwd")),
        ("file:///etc/passwd", get(b"file:///etc/passwd")),
        ("relative etc/passwd", get(b"etc/passwd")),
        ("relative ../../etc/passwd", get(b"../../etc/passwd")),
        ("asterisk *", get(b"*")),
        ("open redirect /%2f%2fevil.example/treatments", get(b"/%2f%2fevil.example/treatments")),
        ("open redirect /%5cevil.example/treatments", get(b"/%5cevil.example/treatments")),
        ("redirect /treatments?/../../etc/passwd", get(b"/treatments?/../../etc/passwd")),
        ("header injection /treatments?%0d%0aSet-Cookie:x", get(b"/treatments?%0d%0aSet-Cookie:%20x=1")),
        ("raw bytes in the query /treatments?<FF FE>", get(b"/treatments?\xff\xfe")),
        ("query /index.html?file=../../etc/passwd", get(b"/index.html?file=../../etc/passwd"), "/index.html"),
        ("fragment /#/../../etc/passwd", get(b"/x#/../../etc/passwd")),
        ("10 KB: /a/a/a/... (5,000 levels)", get(b"/" + b"a/" * 5000)),
        ("12 KB: ../ x 4,000 + etc/passwd", get(b"/" + b"../" * 4000 + b"etc/passwd")),
        ("14 KB: %2e%2e/ x 2,000 + etc/passwd", get(b"/" + b"%2e%2e/" * 2000 + b"etc/passwd")),
        ("100 KB: /xxx...", get(b"/" + b"x" * 100_000)),
        ("1 MB: /xxx...", get(b"/" + b"x" * 1_000_000)),
        ("../ x 60 (2 KB limit) + etc/passwd", get(b"/" + b"../" * 60 + b"etc/passwd")),
        ("HEAD /../etc/passwd", get(b"/../etc/passwd", method=b"HEAD")),
        ("HEAD /%2e%2e/SECRET-beside.txt", get(b"/%2e%2e/SECRET-beside.txt", method=b"HEAD")),
        ("POST /../etc/passwd", get(b"/../etc/passwd", method=b"POST", headers=b"Content-Length: 0\r\n")),
        ("PUT /SECRET-put.txt", get(b"/SECRET-put.txt", method=b"PUT", headers=b"Content-Length: 4\r\n") + b"evil"),
        ("DELETE /index.html", get(b"/index.html", method=b"DELETE")),
        ("OPTIONS *", get(b"*", method=b"OPTIONS")),
        ("TRACE /../etc/passwd", get(b"/../etc/passwd", method=b"TRACE")),
        ("CONNECT 127.0.0.1:22", get(b"127.0.0.1:22", method=b"CONNECT")),
        ("HTTP/1.0 without Host, /%2e%2e/etc/passwd",
         b"GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.0\r\n\r\n"),
        ("HTTP/0.9 GET /../../etc/passwd", b"GET /../../etc/passwd\r\n\r\n"),
        ("Host: ../../etc, GET /passwd", b"GET /passwd HTTP/1.1\r\nHost: ../../etc\r\nConnection: close\r\n\r\n"),
        ("space in target /../ etc/passwd", b"GET /../ etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        ("tab in target /..\\t/etc/passwd", get(b"/..\t/etc/passwd")),
        ("events path traversal /__sacrum/../etc/passwd", get(b"/__sacrum/../etc/passwd")),
        ("events path /__sacrum/events/..%2f..%2fetc", get(b"/__sacrum/events/..%2f..%2fetc")),
    ]


def judge(site, not_found_body, status, headers, body, note, inside=None):
    """Why a refused request's response is wrong, or '' when it is fine."""
    if site.canary.encode() in body:
        return "the body holds the canary"
    if b"root:x:0:0" in body:
        return "the body holds /etc/passwd"
    if inside is not None and status == 200:
        return "" if body == inside else "a 200 that is not the site page it names"
    if "set-cookie" in headers:
        return "a Set-Cookie header was injected"
    if status is None:
        return "" if not body else f"no status line ({note})"
    if 300 <= status < 400:
        location = headers.get("location", "")
        if not location.startswith("/") or location.startswith("//") or "\\" in location \
                or re.search(r"(^|/)(\.|%2e){1,2}(/|$)", location.split("?")[0], re.I):
            return f"redirect leaves the site: {location!r}"
        return ""
    if status not in REFUSALS:
        return f"status {status}"
    if status == 404 and body and body != not_found_body and len(body) > 100:
        return "a 404 that is neither the site's 404 page nor a short reason"
    return ""


def run_traversal(site, server):
    log("1. traversal: raw request targets over a plain socket")
    _, not_found_body = server.get("/no-such-page-sacrum-load/")
    port = server.port
    results = []  # (label, status text, problem)

    def send(label, data, inside=None):
        status, headers, body, note = raw_request(port, data)
        inside_body = server.get(inside)[1] if inside else None
        problem = judge(site, not_found_body, status, headers, body, note, inside_body)
        if not server.alive():
            problem = problem or "the server died"
        else:
            try:
                home_status, _ = server.get("/")
                if home_status != 200:
                    problem = problem or f"/ answers {home_status} afterwards"
            except OSError as error:
                problem = problem or f"/ fails afterwards: {error}"
        shown = str(status) if status is not None else ("closed" if not body else "?")
        if status is not None and 300 <= status < 400:
            shown += " -> " + headers.get("location", "")
        results.append((label, shown, problem))
        return shown, problem

    # The matrix: every spelling of ../ aimed at every goal.
    width = max(len(name) for name, _, _ in ENCODINGS)
    log("   " + "encoding".ljust(width) + "".join(f" {goal:>8}" for goal, _, _ in GOALS))
    for name, prefix, unit in ENCODINGS:
        cells = []
        for goal, path, levels in GOALS:
            target = b"/" + prefix + unit * levels + path
            data = b"GET " + target + b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
            shown, problem = send(f"{name} -> {goal}", data)
            cells.append(("!" if problem else "") + shown)
        log("   " + name.ljust(width) + "".join(f" {cell:>8}" for cell in cells))
    log()
    for label, data, *inside in single_requests(site, port):
        shown, problem = send(label, data, *inside)
        log(f"   {label[:58]:<58} {shown}{'  FAIL: ' + problem if problem else ''}")

    bad = [(label, shown, problem) for label, shown, problem in results if problem]
    for label, shown, problem in bad:
        log(f"     {label}: {shown}: {problem}")
    check(not bad, f"{len(results)} traversal requests: all refused (400/404/405/414, or closed) or kept inside "
                   f"the site, no secret, no /etc/passwd, and / still answers 200 after each")
    check(not (site.root / "SECRET-put.txt").exists(), "PUT wrote nothing")
    statuses = {}
    for _, shown, _ in results:
        key = shown.split(" ")[0]
        statuses[key] = statuses.get(key, 0) + 1
    log(f"   statuses: {', '.join(f'{k}: {v}' for k, v in sorted(statuses.items()))}")


# --- 2. load --------------------------------------------------------------------------------------

class EventClient(threading.Thread):
    """A live-reload client on /__sacrum/events that records every event it receives."""

    def __init__(self, port, name):
        super().__init__(daemon=True, name=name)
        self.port = port
        self.events = []  # (time, name)
        self.error = None
        self.closed_at = None
        self.sock = None

    def run(self):
        try:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=10)
            self.sock.settimeout(None)
            self.sock.sendall(b"GET /__sacrum/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n")
            stream = self.sock.makefile("rb")
            status = stream.readline()
            if b" 200 " not in status:
                self.error = f"status line {status!r}"
                return
            for line in stream:
                if line.startswith(b"event: "):
                    self.events.append((time.monotonic(), line[7:].strip().decode()))
            self.closed_at = time.monotonic()
        except OSError as error:
            if self.closed_at is None:
                self.error = str(error)
                self.closed_at = time.monotonic()

    def count(self, *names, since=0.0):
        return sum(1 for t, name in list(self.events) if name in names and t >= since)

    def close(self):
        if self.sock:
            try:
                self.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            self.sock.close()


class ReconnectingClient(threading.Thread):
    """Connects to the event stream, waits for `hello`, disconnects; over and over (a page reloading)."""

    def __init__(self, port, stop):
        super().__init__(daemon=True, name="reconnecting")
        self.port, self.stop = port, stop
        self.connections = 0
        self.failed = []

    def run(self):
        while not self.stop.is_set():
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=3) as s:
                    s.sendall(b"GET /__sacrum/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    received = b""
                    while b"event: hello" not in received:
                        chunk = s.recv(4096)
                        if not chunk:
                            break
                        received += chunk
                    if b"event: hello" not in received:
                        self.failed.append(f"no hello: {received[:80]!r}")
                self.connections += 1
            except OSError as error:
                self.failed.append(str(error))
            self.stop.wait(0.05)


class Editor(threading.Thread):
    """Saves the treatment page every 250 ms, its front matter every 8th time, broken front matter
    (fixed by the next save) every 5 s, the stylesheet every 3 s and site.yaml every 10 s; odd saves
    write in place, even ones write a temporary file (a dotfile beside it, or outside the site) and
    rename it over the original (as many editors do)."""

    def __init__(self, site, stop):
        super().__init__(daemon=True, name="editor")
        self.site, self.stop = site, stop
        self.edits = {"page body": 0, "front matter": 0, "broken front matter": 0, "stylesheet": 0, "site.yaml": 0}
        self.last_marker = None

    def save(self, path, text, index):
        if index % 2:
            path.write_text(text)
            return
        if index % 4:
            temporary = path.with_name(f".{path.name}.{index}.tmp")  # beside it; dotfiles are not watched
        else:
            temporary = self.site.work / f"save-{index}.tmp"  # same file system, outside the watched folders
        temporary.write_text(text)
        os.replace(temporary, path)

    def run(self):
        site = self.site
        index = 0
        while not self.stop.wait(0.25):
            index += 1
            if index % 40 == 0:
                self.save(site.root / "site.yaml", site.site_yaml_text + f"# load edit {index}\n", index)
                self.edits["site.yaml"] += 1
            elif index % 20 == 10:
                # A save with broken front matter; the next save fixes it. The last good build
                # must keep being served (wrk sees only 200s) and the clients get `problems`.
                self.save(site.page, '---\ntitle: "Broken by the load test\n---\nBroken.\n', index)
                self.edits["broken front matter"] += 1
            elif index % 12 == 0:
                colour = "rgb(1, 2, 3)" if (index // 12) % 2 else "rgb(4, 5, 6)"
                self.save(site.css, site.css_text + f"\n/* load edit {index} */\nbody {{ outline-color: {colour}; }}\n", index)
                self.edits["stylesheet"] += 1
            else:
                marker = f"Load edit {index} {'alpha' if index % 2 else 'beta'}."
                text = site.page_text + f"\n{marker}\n"
                if index % 8 == 0:
                    text = re.sub(r"^description: *\"?(.*?)\"?$", lambda m: f'description: "{m.group(1)} Edit {index}."',
                                  text, count=1, flags=re.M)
                    self.edits["front matter"] += 1
                else:
                    self.edits["page body"] += 1
                self.save(site.page, text, index)
                self.last_marker = marker


def parse_wrk(output):
    match = re.search(r"^LOADRESULT (.*)$", output, re.M)
    if not match:
        return None
    return {key: float(value) for key, value in (item.split("=") for item in match.group(1).split())}


def run_load(site, server, duration):
    log()
    log(f"2. load: wrk for {duration} s while the site is edited and rebuilt")
    port = server.port
    base = f"http://127.0.0.1:{port}"
    urls = ["/", site.page_url, "/css/style.css", "/conditions/", "/contact/", "/images/si-joint.svg", "/feed.xml"]
    urls = [u for u in urls if u != "/images/si-joint.svg" or (site.root / "content/images/si-joint.svg").exists()]
    missing = "/no-such-page-under-load/"
    for url in urls:
        status, _ = server.get(url)
        if not check(status == 200, f"before the load {url} answers 200 (got {status})"):
            return
    status, _ = server.get(missing)
    check(status == 404, f"before the load {missing} answers 404 (got {status})")

    stop = threading.Event()
    clients = [EventClient(port, f"events-{n}") for n in (1, 2)]
    for client in clients:
        client.start()
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and not all(c.count("hello") for c in clients):
        time.sleep(0.02)
    check(all(c.count("hello") for c in clients), "two live-reload clients connected and got hello")

    rss_before = server.rss_kb()
    rebuilds_before = server.count("Rebuilt in")
    load_start = time.monotonic()
    editor = Editor(site, stop)
    reconnecting = ReconnectingClient(port, stop)
    script = str(HERE / "counts.lua")
    main_wrk = subprocess.Popen(["wrk", "-t2", "-c50", f"-d{duration}s", "-s", script, base, "--", "200", *urls],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    missing_wrk = subprocess.Popen(["wrk", "-t1", "-c2", f"-d{duration}s", "-s", script, base, "--", "404", missing],
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    editor.start()
    reconnecting.start()
    rss = []
    while main_wrk.poll() is None and time.monotonic() - load_start < duration + 30:
        value = server.rss_kb()
        if value is not None and time.monotonic() - load_start < duration + 0.5:
            rss.append(value)
        time.sleep(1.0)
    try:
        main_out, _ = main_wrk.communicate(timeout=30)
        missing_out, _ = missing_wrk.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        main_wrk.kill()
        missing_wrk.kill()
        main_out, missing_out = "", ""
    stop.set()
    editor.join()
    reconnecting.join()

    log("   wrk -t2 -c50 over " + " ".join(urls) + ":")
    for line in main_out.splitlines():
        if not line.startswith("LOADRESULT"):
            log("     " + line)
    main = parse_wrk(main_out)
    extra = parse_wrk(missing_out)
    if not check(main is not None and extra is not None, "wrk ran and reported"):
        log(missing_out)
        return
    seconds = main["duration_us"] / 1e6
    statuses = {k[1:]: int(v) for k, v in main.items() if re.fullmatch(r"s\d{3}", k)}
    log(f"   requests {int(main['requests'])} in {seconds:.1f} s = {main['requests'] / seconds:,.0f} req/s; "
        f"latency mean {main['lat_mean_us'] / 1000:.2f} ms, p50 {main['lat_p50_us'] / 1000:.2f}, "
        f"p90 {main['lat_p90_us'] / 1000:.2f}, p99 {main['lat_p99_us'] / 1000:.2f}, max {main['lat_max_us'] / 1000:.2f} ms; "
        f"statuses {statuses}")
    extra_statuses = {k[1:]: int(v) for k, v in extra.items() if re.fullmatch(r"s\d{3}", k)}
    log(f"   wrk -t1 -c2 on {missing}: requests {int(extra['requests'])} "
        f"({extra['requests'] / (extra['duration_us'] / 1e6):,.0f} req/s), statuses {extra_statuses}")
    for name, result in (("main", main), (missing, extra)):
        errors = {k: int(result[k]) for k in ("connect", "read", "write", "timeout")}
        check(not any(errors.values()), f"wrk {name}: no socket errors {errors}")
        check(result["unexpected"] == 0 and result["empty"] == 0,
              f"wrk {name}: no unexpected status ({int(result['unexpected'])}) and no empty 200 ({int(result['empty'])})")
        check(result["requests"] > 0, f"wrk {name}: {int(result['requests'])} requests completed")
    check(main["status"] == 0, f"wrk main: no non-2xx/3xx responses ({int(main['status'])})")

    # Rebuilds and edits.
    rebuilds = server.count("Rebuilt in") - rebuilds_before
    failed_builds = server.count("The build has errors")
    stylesheet_only = server.count("Rebuilt in", since=load_start, containing="(stylesheets changed)")
    durations = server.rebuild_milliseconds(since=load_start)
    log(f"   edits {editor.edits}; rebuilds {rebuilds} ({rebuilds - stylesheet_only} of pages, "
        f"{stylesheet_only} stylesheet-only)" + (f", each {durations[0]:.0f}-{durations[-1]:.0f} ms, median "
                                                 f"{durations[len(durations) // 2]:.0f} ms" if durations else ""))
    check(rebuilds >= sum(editor.edits.values()) * 0.5, f"the edits caused rebuilds ({rebuilds} for {sum(editor.edits.values())} saves)")
    breaks = editor.edits["broken front matter"]
    check(failed_builds <= breaks, f"only the broken saves failed to build ({failed_builds} failed builds, {breaks} broken saves)")

    # The server is alive and serves the last edit; the live-reload clients are still there.
    check(server.alive(), "the server is alive after the load")
    final = f"Final load marker {uuid.uuid4().hex[:10]}."
    edited_at = time.monotonic()
    site.page.write_text(site.page_text + f"\n{final}\n")
    served = False
    while time.monotonic() - edited_at < 5 and not served:
        try:
            status, body = server.get(site.page_url)
            served = status == 200 and final.encode() in body
        except OSError:
            pass
        if not served:
            time.sleep(0.05)
    check(served, f"the page serves the last edit ({time.monotonic() - edited_at:.2f} s after saving)")
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline and not all(c.count("reload", since=edited_at) for c in clients):
        time.sleep(0.02)
    all_rebuilds = server.count("Rebuilt in", since=load_start)
    for client in clients:
        events = client.count("reload", "css", since=load_start)
        log(f"   {client.name}: {client.count('reload')} reload, {client.count('css')} css, "
            f"{client.count('problems')} problems, {client.count('clear')} clear events; "
            f"{all_rebuilds} rebuilds since the load began")
        check(client.error is None and client.closed_at is None and client.is_alive(),
              f"{client.name} stayed connected ({client.error or 'no error'})")
        check(events >= all_rebuilds * 0.95, f"{client.name} got an event for (nearly) every rebuild ({events} of {all_rebuilds})")
        check(client.count("problems", since=load_start) >= min(failed_builds, 1),
              f"{client.name} was shown the failed builds ({client.count('problems', since=load_start)} problems events, "
              f"{client.count('clear', since=load_start)} clear)")
        check(client.count("reload", since=edited_at) > 0, f"{client.name} got the reload for the last edit")
    check(reconnecting.connections > 0 and not reconnecting.failed,
          f"{reconnecting.connections} reconnecting live-reload clients each got hello ({len(reconnecting.failed)} failed"
          + (f": {reconnecting.failed[:3]}" if reconnecting.failed else "") + ")")

    # Memory.
    mb = [v / 1024 for v in rss]
    log(f"   RSS before the load {rss_before / 1024:.1f} MB; during it, once a second (MB):")
    for row in range(0, len(mb), 10):
        log("     " + " ".join(f"{v:6.1f}" for v in mb[row:row + 10]))
    rss_after = server.rss_kb()
    if len(mb) >= 20:
        first, last = max(mb[:10]), max(mb[-10:])
        limit = first * RSS_FACTOR + RSS_SLACK_MB
        log(f"   RSS start {mb[0]:.1f} MB, end {mb[-1]:.1f} MB, max {max(mb):.1f} MB, after the load {rss_after / 1024:.1f} MB")
        check(last <= limit, f"memory is flat: max of the last 10 s {last:.1f} MB <= {RSS_FACTOR} x max of the first 10 s "
                             f"{first:.1f} MB + {RSS_SLACK_MB} MB = {limit:.1f} MB (grew {last - first:+.1f} MB)")
    else:
        check(False, f"enough RSS samples ({len(mb)}; the load must run at least 20 s)")
    return clients


# --- main ---------------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sacrum", required=True, help="the sacrum binary (a release build)")
    parser.add_argument("--site", default=str(REPO), help="the site to copy (default: the practice site)")
    parser.add_argument("--duration", type=int, default=30, help="seconds of load (default 30, at least 20)")
    parser.add_argument("--skip-load", action="store_true", help="only the traversal checks (no wrk needed)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()

    if not os.access(args.sacrum, os.X_OK):
        log(f"no sacrum binary at {args.sacrum}")
        return 2
    if not args.skip_load and shutil.which("wrk") is None:
        log("wrk is missing: install Debian's wrk (`make load` does), or pass --skip-load")
        return 2

    work = Path(tempfile.mkdtemp(prefix="sacrum-load-"))
    site = Site(args.site, work)
    port = free_port()
    server = Server(args.sacrum, site, port)
    clients = []
    try:
        if not server.serving.wait(60):
            log("\n".join(line for _, line in server.lines[-20:]))
            check(False, "sacrum serve printed 'Serving ... at http://...' within 60 s")
            return 1
        log(f"sacrum serve {server.pid} listens on 127.0.0.1:{port}; site in {site.root}")
        run_traversal(site, server)
        if not args.skip_load:
            clients = run_load(site, server, args.duration) or []
    finally:
        log()
        connected = sum(1 for c in clients if c.is_alive() and c.closed_at is None)
        stopped = server.stop()
        check(stopped is not None and stopped < 1.0,
              (f"SIGTERM stops the server in {stopped:.2f} s" if stopped is not None else "SIGTERM stops the server (killed after 5 s)")
              + (f", with {connected} live-reload clients connected" if connected else ""))
        check(server.process.returncode in (0, -signal.SIGTERM, 128 + signal.SIGTERM),
              f"it exits cleanly (status {server.process.returncode})")
        for client in clients:
            client.close()
        crashes = [line for _, line in server.lines if re.search(r"fatal error|Fatal error|crash|Segmentation|backtrace", line)]
        check(not crashes, "no crash report in the server's output" + (f": {crashes[:3]}" if crashes else ""))
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    if failures:
        log(f"{len(failures)} check(s) failed:")
        for failure in failures:
            log(f"  - {failure}")
        return 1
    log("every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
