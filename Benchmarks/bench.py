#!/usr/bin/env python3
"""Full-build benchmark: `sacrum build` next to Hugo on the same generated content, and the cmark
command-line tool over the same Markdown as the parsing floor.

    bench.py --sacrum PATH --work DIR --out DIR [--sizes 1000 10000 50000] [--runs 5]

For each size it generates the corpus (Benchmarks/make-corpus.py, deterministic), then runs, alternating,
sacrum, Hugo (if installed) and cmark, each `runs` times after one warm-up, every run into a fresh
output folder on the same file system. It prints the median wall time, pages per second, peak
resident memory (GNU time) and the ratios Sacrum/Hugo and Sacrum/cmark.

Sacrum runs twice per round: "sacrum" with its cache folder kept between runs (a rebuild: compressed
twins of unchanged files come from the cache, as on a developer's machine or a CI job that keeps
SACRUM_CACHE_DIR), and "sacrum (cold)" with an empty cache folder every run (a first build).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def timed(args, out_dir=None, cache=None, fresh_cache=False):
    """Wall seconds and peak RSS (KiB) of one run; output folder (and a fresh cache) removed first,
    outside the timing."""
    if out_dir:
        shutil.rmtree(out_dir, ignore_errors=True)
    env = dict(os.environ)
    if cache:
        if fresh_cache:
            shutil.rmtree(cache, ignore_errors=True)
        env["SACRUM_CACHE_DIR"] = cache
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as report:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + args,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
        wall = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError("%s failed (%d):\n%s" % (" ".join(args), result.returncode, result.stderr[-3000:]))
        peak = int(report.read().strip().splitlines()[-1])
    return wall, peak


def corpus(work, pages):
    folder = os.path.join(work, "corpus-%d" % pages)
    stamp = os.path.join(folder, ".complete")
    if not os.path.exists(stamp):
        subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--pages", str(pages), "--out", folder,
                        "--hugo"], check=True)
        shutil.copytree(os.path.join(REPO, "themes"), os.path.join(folder, "themes"))
        bodies = os.path.join(folder, "all-bodies.md")
        with open(bodies, "wb") as out:
            for root, _, files in sorted(os.walk(os.path.join(folder, "content"))):
                for name in sorted(files):
                    if not name.endswith(".md"):
                        continue
                    text = open(os.path.join(root, name), "rb").read()
                    if text.startswith(b"---\n"):
                        end = text.find(b"\n---\n", 4)
                        text = text[end + 5:] if end >= 0 else text
                    out.write(text)
        open(stamp, "w").close()
    return folder


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sacrum", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    hugo = shutil.which("hugo")
    cmark = shutil.which("cmark")
    print("median of %d runs after a warm-up; output to %s; wall s, pages/s, peak RSS" % (args.runs, args.out))
    medians = {}
    for pages in args.sizes:
        folder = corpus(args.work, pages)
        total = pages + 26
        sacrum = [args.sacrum, "build", "--source", folder, "--output", os.path.join(args.out, "sacrum"), "--quiet"]
        # (name, command, output folder, cache folder, empty the cache before each run)
        commands = [("sacrum", sacrum, os.path.join(args.out, "sacrum"), os.path.join(args.work, "cache-%d" % pages), False),
                    ("sacrum (cold)", sacrum, os.path.join(args.out, "sacrum"), os.path.join(args.out, "cold-cache"), True)]
        if hugo:
            commands.append(("hugo", [hugo, "-s", os.path.join(folder, "hugo"), "--contentDir", os.path.join(folder, "content"),
                                      "-d", os.path.join(args.out, "hugo"), "--quiet"], os.path.join(args.out, "hugo"), None, False))
        if cmark:
            commands.append(("cmark CLI", [cmark, os.path.join(folder, "all-bodies.md")], None, None, False))
        results = {name: [] for name, _, _, _, _ in commands}
        for run in range(args.runs + 1):
            for name, command, out, cache, fresh in commands:
                wall, peak = timed(command, out, cache, fresh)
                if run > 0:
                    results[name].append((wall, peak))
        print("\n%d pages (+26 section pages)" % pages)
        summary = {}
        for name, runs in results.items():
            wall = statistics.median(w for w, _ in runs)
            peak = max(p for _, p in runs) / 1024
            summary[name] = (wall, peak)
            print("  %-14s %8.3f s  %8.0f pages/s  %7.0f MiB" % (name, wall, total / wall, peak))
        medians[pages] = summary["sacrum"][0]
        if "hugo" in summary:
            for name in ("sacrum", "sacrum (cold)"):
                print("  %s/hugo: wall %.2fx, peak memory %.2fx" % (name, summary[name][0] / summary["hugo"][0],
                                                                   summary[name][1] / summary["hugo"][1]))
        if "cmark CLI" in summary:
            print("  sacrum/cmark CLI (parsing floor): wall %.2fx" % (summary["sacrum"][0] / summary["cmark CLI"][0]))
    if 10000 in medians and 50000 in medians:
        print("\ngrowth: 50,000 pages take %.2fx the time of 10,000" % (medians[50000] / medians[10000]))


if __name__ == "__main__":
    main()
