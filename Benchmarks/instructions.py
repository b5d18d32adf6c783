#!/usr/bin/env python3
"""Counts the instructions a release build of the 1,000-page corpus executes, with valgrind's
callgrind (repeatable on a busy machine, unlike time): a first build with an empty cache, then a rebuild
with the cache it filled, whose count is compared with the recorded one.

It runs `sacrum-bench build`, the same `BuildAction` as `sacrum build`: valgrind 3.19 crashes on the
`sacrum` binary itself (even `--version`), whose async main parks the main thread in dispatch's
signal thread; `sacrum-bench` runs the build from a synchronous main.

    instructions.py --sacrum-bench PATH --work DIR --record-file FILE [--record]
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
ALLOWED_GROWTH = 1.20


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sacrum-bench", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--record-file", required=True)
    ap.add_argument("--record", action="store_true")
    args = ap.parse_args()
    corpus = os.path.join(args.work, "instructions-corpus-1000")
    if not os.path.exists(os.path.join(corpus, ".complete")):
        shutil.rmtree(corpus, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--pages", "1000", "--out", corpus], check=True)
        shutil.copytree(os.path.join(REPO, "themes"), os.path.join(corpus, "themes"))
        open(os.path.join(corpus, ".complete"), "w").close()
    counts = {}
    with tempfile.TemporaryDirectory() as scratch:
        # valgrind 3.19 cannot read Swift 6.3's DWARF 5: it runs a stripped copy.
        binary = os.path.join(scratch, "sacrum-bench")
        subprocess.run(["strip", "-o", binary, args.sacrum_bench], check=True)
        # A first build with an empty cache folder (every twin compressed), then a rebuild with the
        # cache it filled (twins of unchanged files read back): the recorded count is the rebuild's.
        env = dict(os.environ, SACRUM_CACHE_DIR=os.path.join(scratch, "cache"))
        for label in ("first build", "rebuild"):
            shutil.rmtree(os.path.join(scratch, "out"), ignore_errors=True)
            result = subprocess.run(
                ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", binary, "build", corpus, os.path.join(scratch, "out")],
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
            if result.returncode != 0:
                sys.exit("the build under callgrind failed:\n" + result.stderr[-3000:])
            match = re.search(r"Collected : (\d+)", result.stderr)
            if not match:
                sys.exit("callgrind printed no instruction count:\n" + result.stderr[-2000:])
            counts[label] = int(match.group(1))
    print("instructions of the first build (empty cache, every twin compressed): %d" % counts["first build"])
    count = counts["rebuild"]
    if args.record or not os.path.exists(args.record_file):
        with open(args.record_file, "w") as f:
            f.write("%d\n" % count)
        print("instructions of the rebuild: %d (recorded in %s)" % (count, args.record_file))
        return
    recorded = int(open(args.record_file).read().split()[0])
    ratio = count / recorded
    print("instructions of the rebuild: %d, recorded %d: %.2fx" % (count, recorded, ratio))
    if ratio > ALLOWED_GROWTH:
        sys.exit("the 1,000-page build executes %.0f%% more instructions than recorded; find out why, or record the new "
                 "count with `make bench-instructions RECORD=1` if the cost is intended" % ((ratio - 1) * 100))


if __name__ == "__main__":
    main()
