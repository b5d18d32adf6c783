#!/usr/bin/env python3
"""What the host-ready output costs: full release builds of a generated corpus (make-corpus.py, as
`make bench`) with `publish:` off, with everything on at Brotli quality 9, 10 and 11, and with gzip
only; median wall time and CPU time (user + system) of alternating runs, and the bytes of the twins.

Usage: bench-publish.py --sacrum .build/release/sacrum --work /tmp/sacrum-bench [--pages 10000] [--runs 3]
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
bench = __import__("bench")

VARIANTS = [
    ("off", "publish: {gzip: false, brotli: false, headers: false, redirects: false, nginx: false, manifest: false}"),
    ("no twins", "publish: {gzip: false, brotli: false}"),
    ("gzip 9 only", "publish: {brotli: false}"),
    ("gzip 9 + br 5", "publish: {brotli_quality: 5}"),
    ("gzip 9 + br 9", "publish: {brotli_quality: 9}"),
    ("gzip 9 + br 10", "publish: {brotli_quality: 10}"),
    ("gzip 9 + br 11", "publish: {brotli_quality: 11}"),
]


def run(sacrum, site, out):
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sacrum, "build", "--source", site, "--output", out, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(result.stderr[-3000:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def twin_bytes(out):
    sizes = {".gz": 0, ".br": 0, "plain": 0}
    for root, _, files in os.walk(out):
        for name in files:
            size = os.path.getsize(os.path.join(root, name))
            key = name[-3:] if name.endswith((".gz", ".br")) else "plain"
            sizes[key] += size
    return sizes


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sacrum", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", default=None, help="output folder (default: WORK/publish-out)")
    ap.add_argument("--pages", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only", nargs="+", default=None, help="variants to run (names as printed); 'off' always runs")
    args = ap.parse_args()
    corpus = bench.corpus(args.work, args.pages)
    config = open(os.path.join(corpus, "site.yaml")).read()
    # Sacrum follows no symbolic links, so the variants take turns in the corpus's own site.yaml.
    site_yaml = os.path.join(corpus, "site.yaml")
    out = args.out or os.path.join(args.work, "publish-out")
    variants = [(n, p) for n, p in VARIANTS if args.only is None or n == "off" or n in args.only]
    times = {name: [] for name, _ in variants}
    sizes = {}
    try:
        for _ in range(args.runs):
            for name, publish in variants:
                with open(site_yaml, "w") as f:
                    f.write(config.rstrip("\n") + "\n" + publish + "\n")
                times[name].append(run(args.sacrum, corpus, out))
                sizes[name] = twin_bytes(out)
                print("  %-16s wall %6.2f s  cpu %6.2f s" % ((name,) + times[name][-1]), flush=True)
    finally:
        with open(site_yaml, "w") as f:
            f.write(config)
    base_wall = statistics.median(w for w, _ in times["off"])
    base_cpu = statistics.median(c for _, c in times["off"])
    print("%d pages, %d runs each, %d cores, median:" % (args.pages, args.runs, os.cpu_count()))
    print("%-16s %9s %9s %9s %9s %11s %11s %11s" % ("publish", "wall s", "+wall", "cpu s", "+cpu", "plain MB", ".gz MB", ".br MB"))
    for name, _ in variants:
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        s = sizes[name]
        print("%-16s %9.2f %8.0f%% %9.2f %8.0f%% %11.1f %11.1f %11.1f" % (
            name, wall, 100 * (wall / base_wall - 1), cpu, 100 * (cpu / base_cpu - 1),
            s["plain"] / 1e6, s[".gz"] / 1e6, s[".br"] / 1e6))


if __name__ == "__main__":
    main()
