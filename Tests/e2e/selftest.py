#!/usr/bin/env python3
"""Self-test of check_site.py: the fixture site passes, and a copy with planted defects fails with
every defect reported. The defective copy is made under /tmp (never in the repository) and removed.

Run with the e2e venv's python: make e2e-selftest
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixture-site"
CHECK = HERE / "check_site.py"

# (file, text to find, text to put in its place)
DEFECTS = [
    ("index.html", "<h2 id=\"services\">",
     '<img src="/favicon.svg" width="16" height="16">\n'            # an image without alt
     '    <script src="https://cdn.example.com/x.js"></script>\n'    # a script from another host
     '    <script>notDefinedAnywhere();</script>\n'                  # a JavaScript error
     '    <h2 id="services">'),
    ("about/index.html", "<h2 id=\"contact\">",
     '<p><a href="/no-such-page/">A missing page</a> and '           # a link to a missing page
     '<a href="/treatments/si-joint-fusion/#no-such-anchor">a missing anchor</a>.</p>\n'
     '    <h2 id="contact">'),
    ("treatments/si-joint-fusion/index.html", "<h2 id=\"recovery\">",
     '<ul><p>Not a list item</p></ul>\n'                              # invalid HTML
     '    <h2 id="recovery">'),
]

# (subject, check, text the failure must contain)
EXPECTED = [
    ("/", "axe", "axe image-alt"),
    ("/", "network", "request to another host: https://cdn.example.com/x.js"),
    ("/", "console", "notDefinedAnywhere is not defined"),
    ("/", "html", "index.html line 26: An \u201cimg\u201d element must have an \u201calt\u201d attribute"),
    ("/about/", "links", '"/no-such-page/": /no-such-page/ answered HTTP 404'),
    ("/about/", "links", 'no element with id="no-such-anchor" on /treatments/si-joint-fusion/'),
    ("/treatments/si-joint-fusion/", "html", "not allowed as child of element \u201cul\u201d"),
    ("/unlisted/", "sitemap", "not in sitemap.xml"),
    ("/treatments/si-joint-fusion/", "size", "over the budget of 51200"),
]


def run(site: Path, tmp: Path, name: str) -> tuple[int, dict]:
    report = tmp / f"{name}.json"
    cmd = [sys.executable, str(CHECK), "--site", str(site), "--screenshots", str(tmp / f"{name}-shots"),
           "--work", str(tmp / f"{name}-work"), "--report", str(report)]
    print(f"selftest: {' '.join(cmd)}", flush=True)
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, timeout=900)
    data = json.loads(report.read_text()) if report.exists() else {"failures": []}
    return p.returncode, data


def main() -> int:
    passed = failed = 0

    def verdict(ok: bool, what: str) -> None:
        nonlocal passed, failed
        passed += ok
        failed += not ok
        print(f"selftest: {'ok  ' if ok else 'FAIL'} {what}", flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="e2e-selftest-", dir="/tmp"))
    try:
        code, data = run(FIXTURE, tmp, "fixture")
        verdict(code == 0 and not data["failures"], f"the fixture site passes (exit {code})")

        site = tmp / "defective-site"
        shutil.copytree(FIXTURE, site)
        for rel, find, replace in DEFECTS:
            f = site / rel
            text = f.read_text()
            assert find in text, f"{rel} has no {find!r}"
            f.write_text(text.replace(find, replace, 1))
        (site / "unlisted").mkdir()                                   # a page missing from the sitemap
        shutil.copy(site / "about" / "index.html", site / "unlisted" / "index.html")
        page = site / "treatments" / "si-joint-fusion" / "index.html"  # a page over the weight budget
        page.write_text(page.read_text().replace(
            "</main>", "  <p>" + "Padding to go over the budget. " * 1700 + "</p>\n  </main>", 1))

        code, data = run(site, tmp, "defective")
        print()
        verdict(code == 1, f"the defective copy fails (exit {code})")
        for subject, check, text in EXPECTED:
            hit = any(f["subject"] == subject and f["check"] == check and text in f["what"] for f in data["failures"])
            verdict(hit, f"reported: {subject} [{check}] ...{text}...")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"e2e-selftest: {passed} passed, {failed} failed", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
