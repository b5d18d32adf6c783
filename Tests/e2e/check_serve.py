#!/usr/bin/env python3
"""End-to-end test of `sacrum serve` in headless Chromium.

Copies the practice site to a temporary folder, starts `sacrum serve` on it, opens a page, and then:
1. edits the page's Markdown and waits (at most 2 s) for the new text to appear without touching
   the browser;
2. edits the stylesheet and checks the page swapped it without reloading;
3. breaks the page's front matter and waits for the error overlay naming the file;
4. fixes it and waits for the page (and no overlay) again;
5. sends SIGTERM and checks the server stops within a second.

    check_serve.py --sacrum PATH [--site DIR]
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
LIMIT = 2.0
failures = []


def log(message):
    print(f"e2e-serve: {message}", flush=True)


def check(condition, what):
    if condition:
        log(f"ok   {what}")
    else:
        log(f"FAIL {what}")
        failures.append(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout):
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        try:
            if predicate():
                return time.monotonic() - start
        except Exception:
            pass
        time.sleep(0.02)
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sacrum", required=True)
    parser.add_argument("--site", default=str(REPO))
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sacrum-serve-"))
    for name in ("site.yaml", "content", "themes"):
        source = Path(args.site) / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, work / name)
    page = work / "content" / "contact.md"
    original = page.read_text()
    css = next((work / "themes" / "default" / "assets" / "css").glob("style.css"))

    port = free_port()
    server = subprocess.Popen([args.sacrum, "serve", "--source", str(work), "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    options = Options()
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"):
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = None
    try:
        line = server.stdout.readline()
        while line and "Serving" not in line:
            line = server.stdout.readline()
        check("Serving" in line, f"sacrum serve started ({line.strip()})")
        driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        driver.set_page_load_timeout(20)
        driver.get(f"http://127.0.0.1:{port}/contact/")
        time.sleep(0.5)  # the live-reload stream connects
        driver.execute_script("window.__sacrumMarker = 'still here'")

        marker = f"Live reload marker {uuid.uuid4().hex[:8]}"
        page.write_text(original + f"\n{marker}\n")
        seconds = wait_for(lambda: marker in driver.find_element("tag name", "main").text, LIMIT)
        check(seconds is not None, f"edited text appears without touching the browser ({seconds:.2f} s)" if seconds else "edited text appears within 2 s")

        driver.execute_script("window.__sacrumMarker = 'still here'")
        before = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        css.write_text(css.read_text() + "\nbody { background-color: rgb(1, 2, 3); }\n")
        seconds = wait_for(lambda: driver.execute_script("return getComputedStyle(document.body).backgroundColor") == "rgb(1, 2, 3)", LIMIT)
        check(seconds is not None, f"stylesheet swapped ({before} -> rgb(1, 2, 3)) in {seconds:.2f} s" if seconds else "stylesheet swapped within 2 s")
        check(driver.execute_script("return window.__sacrumMarker") == "still here", "stylesheet swapped without reloading the page")

        page.write_text("---\ntitle: \"Contact us\n---\nBroken.\n")
        seconds = wait_for(lambda: "content/contact.md" in driver.find_element("id", "__sacrum-problems").text, LIMIT)
        check(seconds is not None, f"broken front matter shows the overlay naming content/contact.md ({seconds:.2f} s)" if seconds else "overlay within 2 s")

        page.write_text(original + f"\n{marker} fixed\n")
        seconds = wait_for(lambda: f"{marker} fixed" in driver.find_element("tag name", "main").text
                           and not driver.find_elements("id", "__sacrum-problems"), LIMIT)
        check(seconds is not None, f"fixing it shows the page again, without the overlay ({seconds:.2f} s)" if seconds else "page back within 2 s")
    finally:
        if driver:
            driver.quit()
        start = time.monotonic()
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
        stopped = time.monotonic() - start
        check(stopped < 1.0, f"SIGTERM stops the server in {stopped:.2f} s")
        check(not (work / "output").exists(), "serve wrote no output/ folder")
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        log(f"{len(failures)} failed")
        return 1
    log("every check passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
