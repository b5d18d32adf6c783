#!/usr/bin/env python3
"""Markdown throughput: SacrumMarkdown (one core, heading ids, image hints and a link rewriter on)
with the GitHub-flavoured extensions on and off (plain CommonMark), and the cmark command-line tool
over the same bodies concatenated into one file, one process. The bodies carry the extensions'
syntax (make-corpus.py --gfm: a pipe table, strikethrough, www./https/e-mail autolinks, a task list),
so that the extensions do their work; the goal is at most 15% more time with them on.

    bench-markdown.py --sacrum-bench PATH --work DIR [--pages N] [--runs N]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def cli_median(args, runs):
    times = []
    for _ in range(runs + 1):
        start = time.perf_counter()
        subprocess.run(args, stdout=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times[1:])  # the first run warms the page cache


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sacrum-bench", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()

    subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--pages", str(args.pages),
                    "--out", args.work, "--bodies-only", "--gfm"], check=True)
    bodies = os.path.join(args.work, "bodies")
    files = sorted(os.path.join(root, f) for root, _, names in os.walk(bodies) for f in names if f.endswith(".md"))
    concatenated = os.path.join(args.work, "all.md")
    with open(concatenated, "wb") as out:
        for path in files:
            with open(path, "rb") as f:
                out.write(f.read())
    size = os.path.getsize(concatenated) / 1e6

    result = subprocess.run([args.sacrum_bench, "markdown", bodies, "--runs", str(args.runs)],
                            check=True, capture_output=True, text=True).stdout.strip()
    print(result)
    sacrum_mbs = float(re.search(r"([0-9.]+) MB/s", result).group(1))

    for flags in ([], ["--smart"]):
        seconds = cli_median(["cmark", *flags, concatenated], args.runs)
        mbs = size / seconds
        print("cmark CLI %-8s: %d documents, %.1f MB, median of %d runs %.3f s: %.1f MB/s, %.0f documents/s; "
              "Sacrum/cmark throughput %.2fx" % (" ".join(flags) or "(plain)", len(files), size, args.runs,
                                                 seconds, mbs, len(files) / seconds, sacrum_mbs / mbs))


if __name__ == "__main__":
    main()
