#!/usr/bin/env python3
"""End-to-end check of Sacrum's host-ready output, served the way its generated nginx include says.

Builds a copy of the site (with one alias added to a treatment page, so that there is a redirect to
check) with `sacrum build`, serves the output with nginx using `output/sacrum.nginx.conf` (and
Debian's brotli_static module), and checks:
  * every published file answers 200 with its bytes; pages carry `Cache-Control: no-cache`,
    fingerprinted files `public, max-age=31536000, immutable`; every response carries the
    Content-Security-Policy, `X-Content-Type-Options: nosniff` and
    `Referrer-Policy: strict-origin-when-cross-origin`;
  * every file with a .gz or .br twin, asked for with `Accept-Encoding: gzip` / `br`, comes back with
    that Content-Encoding, the twin's bytes and `Vary: Accept-Encoding`, and decompresses (Python's
    gzip; curl's brotli decoder) to the plain file's bytes;
  * the alias answers 301 to the page; a missing path 404 with the site's 404.html; the host files
    (_headers, _redirects, sacrum.nginx.conf, .sacrum-manifest.json) 404;
  * the home page over the wire with br is at most 30% of its bytes (prints the figure);
  * in Chromium, no page (every page of the sitemap, the 404 page, the alias) logs a CSP violation or
    any other console error; and a planted page with an inline style and an inline script does log
    violations, which proves the check can fail.

Usage: check_publish.py --sacrum .build/release/sacrum [--source .] [--work .build/e2e-publish]
Exit status: 0 when every check passed, 1 when one failed, 2 on a set-up error.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from check_site import (BROTLI_STATIC_MODULE, Browser, Nginx, Results, log, short,  # noqa: E402
                        wait_ready)

ALIAS = "/si-fusion/"
ALIAS_PAGE = "treatments/si-joint-fusion.md"
IMMUTABLE = "public, max-age=31536000, immutable"
SECURITY = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
}
BR_TARGET = 0.30


def request(port: int, path: str, encoding: str | None = None) -> tuple[int, dict[str, str], bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=15)
    headers = {"Accept-Encoding": encoding} if encoding else {"Accept-Encoding": "identity"}
    conn.request("GET", path, headers=headers)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


def url_of(rel: str) -> str:
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def copy_site(source: Path, dest: Path) -> None:
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for name in ("site.yaml", "content", "themes", "static", "templates", "archetypes"):
        src = source / name
        if src.is_dir():
            shutil.copytree(src, dest / name, symlinks=True)
        elif src.is_file():
            shutil.copy2(src, dest / name)
    page = dest / "content" / ALIAS_PAGE
    text = page.read_text()
    if not text.startswith("---\n"):
        raise RuntimeError(f"{page} has no front matter to add an alias to")
    page.write_text("---\naliases: [\"" + ALIAS + "\"]\n" + text[4:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sacrum", type=Path, required=True)
    ap.add_argument("--source", type=Path, default=Path("."))
    ap.add_argument("--work", type=Path, default=Path(".build/e2e-publish"))
    args = ap.parse_args()

    if not Path(BROTLI_STATIC_MODULE).exists():
        log(f"e2e-publish: {BROTLI_STATIC_MODULE} is missing: install libnginx-mod-http-brotli-static")
        return 2
    work = args.work.resolve()
    site = work / "site"
    copy_site(args.source.resolve(), site)
    log(f"e2e-publish: building {site} (alias {ALIAS} added to {ALIAS_PAGE})")
    build = subprocess.run([str(args.sacrum.resolve()), "build", "--source", str(site), "--quiet"],
                           capture_output=True, text=True)
    if build.returncode != 0:
        log(build.stderr[-4000:])
        log(f"e2e-publish: sacrum build failed with exit status {build.returncode}")
        return 2
    output = site / "output"
    include = output / "sacrum.nginx.conf"
    results = Results()
    nginx = Nginx(output, work, include=include)
    browser = Browser(work)
    try:
        nginx.start()
        log(f"e2e-publish: nginx serves {output} with {include} at {nginx.base}/")
        check_http(output, nginx.port, results)
        browser.start()
        check_csp(output, nginx, browser, results)
    except RuntimeError as e:
        log(f"e2e-publish: {e}")
        return 2
    finally:
        browser.stop()
        nginx.stop()
    passed, failed = results.counts()
    log(f"e2e-publish: {passed} passed, {failed} failed")
    return 1 if failed else 0


def check_http(output: Path, port: int, results: Results) -> None:
    manifest = json.loads((output / ".sacrum-manifest.json").read_text())
    paths = [e["path"] for e in manifest["files"]]
    host_files = {"_headers", "_redirects", "sacrum.nginx.conf"}
    fingerprinted = {p for p in paths if re.search(r"\.[0-9a-f]{10}\.css$", p)}
    plain = [p for p in paths if not p.endswith((".gz", ".br")) and p not in host_files]
    twins = set(paths) - set(plain) - host_files
    log(f"e2e-publish: {len(plain)} files, {len(twins)} compressed twins, {len(fingerprinted)} fingerprinted")

    for rel in plain:
        if url_of(rel) == ALIAS:
            continue  # the alias's meta-refresh page: nginx answers its URL with a 301 (checked below)
        subject = "/" + rel
        results.check(subject, "served")
        status, headers, body = request(port, "/" + rel)
        if status != 200:
            results.fail(subject, "served", f"HTTP {status} (want 200)")
            continue
        if body != (output / rel).read_bytes():
            results.fail(subject, "served", "the body is not the file's bytes")
        want = IMMUTABLE if rel in fingerprinted else "no-cache"
        results.check(subject, "cache")
        if headers.get("cache-control") != want:
            results.fail(subject, "cache", f"Cache-Control {headers.get('cache-control')!r} (want {want!r})")
        check_security(subject, headers, results)
        if rel.endswith("index.html"):
            status, headers, _ = request(port, url_of(rel))
            results.check(url_of(rel), "page")
            if status != 200 or headers.get("cache-control") != "no-cache":
                results.fail(url_of(rel), "page", f"HTTP {status}, Cache-Control {headers.get('cache-control')!r}")

        for suffix, encoding in ((".gz", "gzip"), (".br", "br")):
            if rel + suffix not in twins:
                continue
            results.check(subject, encoding)
            status, headers, body = request(port, "/" + rel, encoding)
            if status != 200 or headers.get("content-encoding") != encoding:
                results.fail(subject, encoding, f"HTTP {status}, Content-Encoding {headers.get('content-encoding')!r}")
                continue
            if body != (output / (rel + suffix)).read_bytes():
                results.fail(subject, encoding, f"the body is not {rel}{suffix}")
            if "accept-encoding" not in headers.get("vary", "").lower():
                results.fail(subject, encoding, f"no 'Vary: Accept-Encoding' (Vary {headers.get('vary')!r})")
            if headers.get("cache-control") != (IMMUTABLE if rel in fingerprinted else "no-cache"):
                results.fail(subject, encoding, f"Cache-Control {headers.get('cache-control')!r} on the {encoding} response")
            check_security(subject, headers, results)
            decoded = decode(port, "/" + rel, encoding, body)
            if decoded != (output / rel).read_bytes():
                results.fail(subject, encoding, f"{encoding} body does not decompress to the file's bytes")

    # The home page over the wire with br.
    results.check("/", "br size")
    _, _, br_body = request(port, "/", "br")
    size = (output / "index.html").stat().st_size
    ratio = len(br_body) / size
    log(f"e2e-publish: home page {size} bytes, {len(br_body)} with br ({ratio:.1%}; target at most {BR_TARGET:.0%})")
    if ratio > BR_TARGET:
        results.fail("/", "br size", f"{ratio:.1%} of its bytes with br (want at most {BR_TARGET:.0%})")

    # Redirects, the 404 page, the files for hosts.
    results.check(ALIAS, "301")
    status, headers, _ = request(port, ALIAS)
    if status != 301 or headers.get("location") != "/treatments/si-joint-fusion/":
        results.fail(ALIAS, "301", f"HTTP {status} to {headers.get('location')!r} (want 301 to /treatments/si-joint-fusion/)")
    results.check("/no-such-page/", "404")
    status, headers, body = request(port, "/no-such-page/")
    if status != 404 or body != (output / "404.html").read_bytes():
        results.fail("/no-such-page/", "404", f"HTTP {status} (want 404 with the site's 404.html)")
    check_security("/no-such-page/", headers, results)
    for name in sorted(host_files | {".sacrum-manifest.json"}):
        results.check("/" + name, "hidden")
        status, _, _ = request(port, "/" + name)
        if status != 404:
            results.fail("/" + name, "hidden", f"HTTP {status} (want 404: it is for hosts, not visitors)")


def check_security(subject: str, headers: dict[str, str], results: Results) -> None:
    results.check(subject, "security headers")
    for name, value in SECURITY.items():
        if headers.get(name) != value:
            results.fail(subject, "security headers", f"{name}: {headers.get(name)!r} (want {value!r})")
    csp = headers.get("content-security-policy", "")
    if "default-src 'self'" not in csp:
        results.fail(subject, "security headers", f"Content-Security-Policy {csp!r} does not limit to 'self'")


def decode(port: int, path: str, encoding: str, body: bytes) -> bytes:
    if encoding == "gzip":
        return gzip.decompress(body)
    # Python has no Brotli decoder; curl (Debian's, built with brotli) decodes the same response.
    p = subprocess.run(["curl", "-sS", "--compressed", "-H", "Accept-Encoding: br", f"http://127.0.0.1:{port}{path}"],
                       capture_output=True, timeout=30)
    return p.stdout


def csp_messages(browser: Browser) -> tuple[list[str], list[str]]:
    """The console's CSP violations and its other errors since the last call."""
    violations, errors = [], []
    for entry in browser.driver.get_log("browser"):
        message = entry.get("message", "").strip()
        if "Content Security Policy" in message:
            violations.append(message)
        elif entry.get("level") == "SEVERE":
            errors.append(message)
    return violations, errors


def check_csp(output: Path, nginx: Nginx, browser: Browser, results: Results) -> None:
    tree = ET.parse(output / "sitemap.xml")
    pages = [re.sub(r"^https?://[^/]+", "", loc.text.strip())
             for loc in tree.getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    pages += ["/no-such-page/", ALIAS]
    log(f"e2e-publish: {len(pages)} pages in Chromium for CSP violations")
    for path in pages:
        results.check(path, "csp")
        browser.drain_logs()
        try:
            browser.driver.get(nginx.base + path)
            wait_ready(browser.driver)
            violations, errors = csp_messages(browser)
        except Exception as e:  # noqa: BLE001 - a page that cannot load is a failure, reported
            results.fail(path, "csp", f"page did not load: {short(e)}")
            continue
        for message in violations:
            results.fail(path, "csp", f"CSP violation: {message[:300]}")
        for message in errors:
            if "404" in message and path == "/no-such-page/":
                continue  # the 404 status of the page itself
            results.fail(path, "csp", f"console error: {message[:300]}")

    # The check can fail: a page with an inline style and an inline script is refused twice.
    canary = output / "csp-canary" / "index.html"
    canary.parent.mkdir(exist_ok=True)
    canary.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head>'
                      '<body><p style="color: red">x</p><script>document.title = "ran";</script></body></html>\n')
    results.check("/csp-canary/", "csp detects violations")
    browser.drain_logs()
    browser.driver.get(nginx.base + "/csp-canary/")
    wait_ready(browser.driver)
    violations, _ = csp_messages(browser)
    title = browser.driver.title
    canary.unlink()
    canary.parent.rmdir()
    if len(violations) < 2 or title == "ran":
        results.fail("/csp-canary/", "csp detects violations",
                     f"{len(violations)} violations logged, title {title!r} (want 2 and the script blocked)")


if __name__ == "__main__":
    sys.exit(main())
