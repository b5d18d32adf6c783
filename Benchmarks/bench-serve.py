#!/usr/bin/env python3
"""Preview latency: the time from a file write to the browser being told to reload.

For `sacrum serve` it listens on the live-reload stream (`/__sacrum/events`) and times each write
until the `reload` (or `css`) event arrives, after an edit of a page body, of a template and of a
stylesheet, on the practice site and on a generated corpus. For `hugo server` on the same corpus it
times the write until Hugo's log says the rebuild is done, and also records the time Hugo reports
("Total in N ms").

    bench-serve.py --sacrum PATH --work DIR [--pages 10000] [--runs 7]
"""
import argparse
import os
import queue
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(args):
    """Starts a server whose output lines are read by a thread into `process.lines`."""
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    process.lines = queue.Queue()

    def pump():
        for line in process.stdout:
            process.lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return process


def wait_line(process, pattern, timeout):
    deadline = time.monotonic() + timeout
    seen = ""
    while time.monotonic() < deadline:
        try:
            line = process.lines.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen += line
        match = re.search(pattern, line)
        if match:
            return match
    raise RuntimeError("timed out waiting for %r; output so far:\n%s" % (pattern, seen[-2000:]))


class EventStream:
    """A raw HTTP connection to /__sacrum/events, as the live-reload script of a tab showing `page`
    (a URL path such as /contact/) opens it."""

    def __init__(self, port, page):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=120)
        target = "/__sacrum/events?page=" + urllib.parse.quote(page, safe="")
        self.sock.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n" % target).encode())
        self.buffer = b""

    def wait_event(self, names, timeout=120):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name in names:
                marker = b"event: " + name.encode()
                index = self.buffer.find(marker)
                if index >= 0:
                    end = self.buffer.find(b"\n\n", index)
                    if end >= 0:
                        self.buffer = self.buffer[end + 2:]
                        return name
            self.sock.settimeout(max(0.01, deadline - time.monotonic()))
            chunk = self.sock.recv(65536)
            if not chunk:
                raise RuntimeError("event stream closed")
            self.buffer += chunk
        raise RuntimeError("no %s event" % names)

    def drain(self):
        self.sock.setblocking(False)
        try:
            while self.sock.recv(65536):
                pass
        except BlockingIOError:
            pass
        self.sock.setblocking(True)
        self.buffer = b""


def append(path, text):
    with open(path, "a") as f:
        f.write(text)


def bench_sacrum(sacrum, site, page, runs):
    port = free_port()
    process = start_server([sacrum, "serve", "--source", site, "--port", str(port)])
    try:
        started = time.monotonic()
        wait_line(process, r"Serving", 600)
        first = time.monotonic() - started
        # The tab shows the page whose body is edited: a pretty URL from its content path.
        url = "/" + page[:-len(".md")] + "/"
        stream = EventStream(port, url)
        stream.wait_event(["hello"])
        theme = os.path.join(site, "themes", "default")
        edits = [
            ("page body", os.path.join(site, "content", page), lambda n: "\nA sentence added for timing, number %d.\n" % n, ["reload"]),
            # A partial every page includes (an edit of a file no page uses would time nothing useful).
            ("template", os.path.join(theme, "templates", "partials", "header.mustache"), lambda n: "\n<!-- edit %d -->\n" % n, ["reload"]),
            ("CSS", os.path.join(theme, "assets", "css", "style.css"), lambda n: "\n/* edit %d */\n" % n, ["css"]),
        ]
        results = {}
        for label, path, text, events in edits:
            times, rebuilds = [], []
            for n in range(runs + 1):
                time.sleep(0.3)
                stream.drain()
                while not process.lines.empty():
                    process.lines.get_nowait()
                start = time.perf_counter()
                append(path, text(n))
                stream.wait_event(events)
                times.append(time.perf_counter() - start)
                # The open page may reload before the rest of the site is built (template edits):
                # wait for the whole rebuild, so that the next edit does not queue behind it.
                match = wait_line(process, r"Rebuilt in ([0-9]+) ms|The build has errors", 600)
                rebuilds.append(time.perf_counter() - start)
            results[label] = statistics.median(times[1:])
            results[label + " (whole site rebuilt)"] = statistics.median(rebuilds[1:])
        return first, results
    finally:
        process.terminate()
        process.wait(timeout=10)


def bench_hugo(hugo_site, content, page, runs):
    port = free_port()
    static = os.path.join(hugo_site, "static")
    os.makedirs(static, exist_ok=True)
    with open(os.path.join(static, "style.css"), "w") as f:
        f.write("body { color: #222; }\n")
    process = start_server(["hugo", "server", "-s", hugo_site, "--contentDir", content, "--port", str(port), "--bind", "127.0.0.1"])
    try:
        started = time.monotonic()
        wait_line(process, r"Web Server is available", 600)
        first = time.monotonic() - started
        edits = [
            ("page body", os.path.join(content, page), lambda n: "\nA sentence added for timing, number %d.\n" % n),
            ("template", os.path.join(hugo_site, "layouts", "_default", "baseof.html"), lambda n: "\n<!-- edit %d -->\n" % n),
            ("CSS", os.path.join(static, "style.css"), lambda n: "\n/* edit %d */\n" % n),
        ]
        results = {}
        for label, path, text in edits:
            walls, reported = [], []
            for n in range(runs + 1):
                time.sleep(0.5)
                start = time.perf_counter()
                while not process.lines.empty():
                    process.lines.get_nowait()
                append(path, text(n))
                # Hugo logs "Total in N ms" after a rebuild, and "Syncing x to /" for a static file.
                match = wait_line(process, r"Total in ([0-9.]+) ms|Syncing \S+ to", 120)
                walls.append(time.perf_counter() - start)
                if match.lastindex and match.group(1):
                    reported.append(float(match.group(1)) / 1000)
            results[label] = (statistics.median(walls[1:]), statistics.median(reported[1:]) if len(reported) > 1 else None)
        return first, results
    finally:
        process.terminate()
        process.wait(timeout=10)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sacrum", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    practice = os.path.join(args.work, "practice")
    shutil.rmtree(practice, ignore_errors=True)
    os.makedirs(practice)
    for name in ("site.yaml", "content", "themes"):
        source = os.path.join(REPO, name)
        (shutil.copytree if os.path.isdir(source) else shutil.copy)(source, os.path.join(practice, name))
    corpus = os.path.join(args.work, "corpus-%d" % args.pages)
    subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--pages", str(args.pages), "--out", corpus, "--hugo"], check=True)
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(corpus, "themes"))
    corpus_page = sorted(os.path.relpath(os.path.join(root, f), os.path.join(corpus, "content"))
                         for root, _, files in os.walk(os.path.join(corpus, "content", "articles"))
                         for f in files if f.endswith(".md") and not f.startswith("_"))[0]

    print("median of %d edits each, from the write to the open page's reload event (sacrum; 'whole site rebuilt': to the 'Rebuilt in' line) or to Hugo's 'Total in' log line" % args.runs)
    first, results = bench_sacrum(args.sacrum, practice, "contact.md", args.runs)
    print("sacrum serve, practice site: first build %.2f s; %s" % (
        first, ", ".join("%s %.1f ms" % (k, v * 1000) for k, v in results.items())))
    first, sacrum = bench_sacrum(args.sacrum, corpus, corpus_page, args.runs)
    print("sacrum serve, %d-page corpus: first build %.2f s; %s" % (
        args.pages, first, ", ".join("%s %.1f ms" % (k, v * 1000) for k, v in sacrum.items())))
    if shutil.which("hugo"):
        first, hugo = bench_hugo(os.path.join(corpus, "hugo"), os.path.join(corpus, "content"), corpus_page, args.runs)
        print("hugo server, %d-page corpus: first build %.2f s; %s" % (args.pages, first, ", ".join(
            "%s %.1f ms (Hugo reports %s)" % (k, v[0] * 1000, "%.1f ms" % (v[1] * 1000) if v[1] is not None else "n/a")
            for k, v in hugo.items())))
        print("ratio sacrum/hugo (wall, write to done): %s" % ", ".join(
            "%s %.2fx" % (k, sacrum[k] / hugo[k][0]) for k in sacrum if k in hugo))
    else:
        print("hugo is not installed; apt-get install hugo to compare")


if __name__ == "__main__":
    main()
