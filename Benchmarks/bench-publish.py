#!/usr/bin/env python3
"""What the host-ready output costs: full release builds of a generated corpus (make-corpus.py, as
`make bench`) with `publish:` off, with everything on at Brotli quality 5, 9, 10 and 11, and with gzip
only; median wall time and CPU time (user + system) of alternating runs, and the bytes of the twins.
Every variant runs with an empty cache folder (a first build: every twin compressed), except the
"rebuild" one, whose cache the previous run filled (twins of unchanged files read from it).

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

# (name, publish: setting, whether the cache is kept from the previous run)
VARIANTS = [
    ("off", "publish: {gzip: false, brotli: false, headers: false, redirects: false, nginx: false, manifest: false}", False),
    ("no twins", "publish: {gzip: false, brotli: false}", False),
    ("gzip 6 only", "publish: {brotli: false}", False),
    ("gzip 6 + br 5", "publish: {brotli_quality: 5}", False),
    ("gzip 6 + br 5, rebuild", "publish: {brotli_quality: 5}", True),
    ("gzip 6 + br 9", "publish: {brotli_quality: 9}", False),
    ("gzip 6 + br 10", "publish: {brotli_quality: 10}", False),
    ("gzip 6 + br 11", "publish: {brotli_quality: 11}", False),
]


def run(sacrum, site, out, cache, fresh):
    shutil.rmtree(out, ignore_errors=True)
    if fresh:
        shutil.rmtree(cache, ignore_errors=True)
    env = dict(os.environ, SACRUM_CACHE_DIR=cache)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sacrum, "build", "--source", site, "--output", out, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
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
    variants = [(n, p, k) for n, p, k in VARIANTS if args.only is None or n == "off" or n in args.only]
    times = {name: [] for name, _, _ in variants}
    cold_cache = os.path.join(args.work, "publish-cache-cold")
    kept_cache = os.path.join(args.work, "publish-cache-kept")
    sizes = {}
    try:
        for _ in range(args.runs):
            for name, publish, kept in variants:
                with open(site_yaml, "w") as f:
                    f.write(config.rstrip("\n") + "\n" + publish + "\n")
                if kept and not os.path.isdir(kept_cache):
                    run(args.sacrum, corpus, out, kept_cache, False)  # fills the cache, not timed
                times[name].append(run(args.sacrum, corpus, out, kept_cache if kept else cold_cache, not kept))
                sizes[name] = twin_bytes(out)
                print("  %-24s wall %6.2f s  cpu %6.2f s" % ((name,) + times[name][-1]), flush=True)
    finally:
        with open(site_yaml, "w") as f:
            f.write(config)
    base_wall = statistics.median(w for w, _ in times["off"])
    base_cpu = statistics.median(c for _, c in times["off"])
    print("%d pages, %d runs each, %d cores, median:" % (args.pages, args.runs, os.cpu_count()))
    print("%-24s %9s %9s %9s %9s %11s %11s %11s" % ("publish", "wall s", "+wall", "cpu s", "+cpu", "plain MB", ".gz MB", ".br MB"))
    for name, _, _ in variants:
        wall = statistics.median(w for w, _ in times[name])
        cpu = statistics.median(c for _, c in times[name])
        s = sizes[name]
        print("%-24s %9.2f %8.0f%% %9.2f %8.0f%% %11.1f %11.1f %11.1f" % (
            name, wall, 100 * (wall / base_wall - 1), cpu, 100 * (cpu / base_cpu - 1),
            s["plain"] / 1e6, s[".gz"] / 1e6, s[".br"] / 1e6))


if __name__ == "__main__":
    main()
