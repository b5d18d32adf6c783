#!/usr/bin/env python3
"""SIGKILL at random moments: `output/` always holds the previous complete site or the new one.

    kill_test.py --sacrum PATH [--kills 100] [--pages 1500] [--seed 1] [--work DIR] [--keep]

Generates two versions of a site (Benchmarks/make-corpus.py; version B appends a paragraph to every
page, so every page differs) and records the manifest of each (relative path, type, size and sha256
of every file and folder) from clean reference builds, checked to be reproducible. Builds A into
WORK/live/output, then measures a few builds (time to the staging folder, to the swap, to exit), and
again every 10 kills and after three builds in a row finished before their kill, since the disk's
speed can change a lot while the test runs.

Then, `--kills` times: starts `sacrum build` of the version that is not in output/ now, sends SIGKILL
after a random delay (early in start-up, anywhere in the build, in the write phase counted from the
moment the build's staging folder appears, just before the swap, within 5 ms after it), and checks that output/ is exactly manifest A or exactly manifest B (nothing missing, extra or
different), that nothing is beside it but Sacrum's lock file and staging folders of killed builds,
and that the lock is free again. A build that finishes before its kill is checked to have written its
site and does not count. Finally a normal build must succeed, write its site and leave no staging
folder, and the two site sources must be untouched.

Prints the kills, how many left the old and how many the new site, the phase each kill hit (from the
staging folder it left) and the delay distribution; exits 1 on any violation.
"""
import argparse
import os
import random
import shutil
import signal
import statistics
import subprocess
import tempfile
import time

import faultlib
from faultlib import Failure, log


def measure(sacrum, site, parent, name):
    """One build, polled in a tight loop: seconds from spawn to the first staging folder, to the output
    folder changing inode (the swap) and to exit."""
    output = os.path.join(parent, name)
    before = os.lstat(output).st_ino
    # Not any staging folder: one a killed build left is there from the start, and taking it for this
    # build's made the write phase look as long as the build (on CI, every before-swap kill then came
    # after the build had finished).
    staging_exists = staging_watch(parent, name)
    start = time.monotonic()
    # stderr goes to a file, not a pipe: nothing reads a pipe while the build runs, and a site whose
    # warnings fill the pipe's 64 KiB would block the build forever.
    errors = tempfile.TemporaryFile(mode="w+")
    process = subprocess.Popen([sacrum, "build", "--source", site, "--output", output, "--quiet"],
                               stdout=subprocess.DEVNULL, stderr=errors, text=True)
    staging_at = swap_at = None
    while process.poll() is None:
        time.sleep(0.0002)
        now = time.monotonic() - start
        if staging_at is None and staging_exists():
            staging_at = now
        if swap_at is None:
            try:
                if os.lstat(output).st_ino != before:
                    swap_at = now
            except FileNotFoundError:
                pass
    exit_at = time.monotonic() - start
    errors.seek(0)
    messages = errors.read()
    errors.close()
    if process.returncode != 0:
        raise Failure("calibration build failed with exit %d: %s" % (process.returncode, messages[-3000:]))
    return staging_at, swap_at, exit_at


KINDS = ("early", "anywhere", "write", "before-swap", "after-swap")


def delays(rng, count):
    """The kind of each of `count` kills, shuffled: 15% in the first 50 ms after spawn, 35% anywhere in
    the build, 25% anywhere in the write phase, 15% in the last 15% of the write phase before the
    swap and 10% within 5 ms after it."""
    kinds = ["early"] * 15 + ["anywhere"] * 35 + ["write"] * 25 + ["before-swap"] * 15 + ["after-swap"] * 10
    plan = [kinds[i * len(kinds) // count] for i in range(count)]
    rng.shuffle(plan)
    return plan


class Timing:
    """What a build of the site takes now: medians of the last few measurements (full builds measured
    every few kills, and the builds killed right after their swap), so the kills follow the machine
    when its load, or the disk's speed, changes during the test."""

    def __init__(self):
        self.to_staging, self.staging_to_swap, self.to_exit = [], [], []

    def add(self, staging_at, swap_at, exit_at=None):
        self.to_staging.append(staging_at)
        self.staging_to_swap.append(swap_at - staging_at)
        if exit_at is not None:
            self.to_exit.append(exit_at)

    @staticmethod
    def recent(values):
        return statistics.median(values[-5:])

    @property
    def staging(self):
        return self.recent(self.to_staging)

    @property
    def write(self):
        return self.recent(self.staging_to_swap)

    @property
    def exit(self):
        return self.recent(self.to_exit)


def staging_watch(parent, name):
    """A test for "the build just started has made its staging folder": a staging folder that was not
    beside the output when it started. Folders that killed builds left are there from the start (the
    new build removes them once it holds the lock), and its own name is not needed, so a pid that
    differs from Python's in some sandbox does not matter."""
    pattern = faultlib.staging_pattern(name)
    before = {entry for entry in os.listdir(parent) if pattern.match(entry)}

    def appeared():
        return any(pattern.match(entry) and entry not in before for entry in os.listdir(parent))

    return appeared


def wait_and_kill(process, start, kind, rng, timing, staging_exists, output, inode):
    """Sends SIGKILL at a random moment of the given kind; the kinds tied to the write phase wait for the
    build's staging folder (or the swap) to appear first, so a slower or faster machine than at
    calibration still gets its kills there. Returns the delay from spawn."""

    def until(condition):
        while process.poll() is None and not condition():
            time.sleep(0.0002)
        return time.monotonic()

    def changed():
        try:
            return os.lstat(output).st_ino != inode
        except FileNotFoundError:
            return False

    if kind == "early":
        pause = rng.uniform(0.0, min(0.05, timing.exit / 10)) - (time.monotonic() - start)
    elif kind == "anywhere":
        pause = rng.uniform(0.0, timing.exit) - (time.monotonic() - start)
    elif kind == "write":
        until(staging_exists)
        pause = rng.uniform(0.0, timing.write * 1.1)
    elif kind == "before-swap":
        until(staging_exists)
        pause = rng.uniform(timing.write * 0.85, timing.write * 1.02)
    else:
        staging_seen = until(staging_exists)
        swap_seen = until(changed)
        if process.poll() is None and swap_seen > staging_seen:
            timing.add(staging_seen - start, swap_seen - start)
        pause = rng.uniform(0.0, 0.005)
    if pause > 0:
        time.sleep(pause)
    delay = time.monotonic() - start
    process.send_signal(signal.SIGKILL)
    return delay


def histogram(values, top, buckets=10):
    width = top / buckets
    counts = [0] * (buckets + 1)
    for value in values:
        counts[min(int(value / width), buckets)] += 1
    lines = []
    for index, count in enumerate(counts):
        low = index * width * 1000
        label = "%5.0f-%5.0f ms" % (low, low + width * 1000) if index < buckets else "  >%5.0f ms   " % (top * 1000)
        lines.append("    %s %3d %s" % (label, count, "#" * count))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sacrum", required=True)
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--pages", type=int, default=1500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", help="work folder (default: a new temporary folder, removed after a pass)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    sacrum = faultlib.check_sacrum(args.sacrum)
    work = args.work or tempfile.mkdtemp(prefix="sacrum-kill-")
    os.makedirs(work, exist_ok=True)
    rng = random.Random(args.seed)

    log("kill test: %d kills, %d-page site, work folder %s" % (args.kills, args.pages, work))
    sites = {
        "A": faultlib.make_site(os.path.join(work, "site-a"), args.pages),
        "B": faultlib.make_site(os.path.join(work, "site-b"), args.pages,
                                suffix="Revised: this paragraph is in version B of every page."),
    }
    sources = {label: faultlib.manifest(path) for label, path in sites.items()}
    expected = {label: faultlib.reference_manifest(sacrum, path, work, label) for label, path in sites.items()}
    if expected["A"] == expected["B"]:
        raise Failure("sites A and B build to the same files; the test cannot tell them apart")
    differing = sum(1 for p in expected["A"] if expected["B"].get(p) != expected["A"][p])
    log("reference sites: A %d entries (%.1f MB), B %d entries (%.1f MB), %d entries differ"
        % (len(expected["A"]), faultlib.site_bytes(expected["A"]) / 1e6, len(expected["B"]),
           faultlib.site_bytes(expected["B"]) / 1e6, differing))

    name = "output"
    parent = os.path.join(work, "live")
    output = os.path.join(parent, name)
    shutil.rmtree(parent, ignore_errors=True)
    os.makedirs(parent)
    faultlib.build_ok(sacrum, sites["A"], output)
    current = "A"

    def which_site():
        actual = faultlib.manifest(output)
        for label in ("A", "B"):
            if actual == expected[label]:
                return label, ""
        return None, "neither site A (%s) nor site B (%s)" % (
            faultlib.manifest_difference(actual, expected["A"]), faultlib.manifest_difference(actual, expected["B"]))

    other = {"A": "B", "B": "A"}
    if which_site()[0] != "A":
        raise Failure("the first build did not write site A: %s" % which_site()[1])

    timing = Timing()

    def calibrate():
        nonlocal current
        target = other[current]
        staging_at, swap_at, exit_at = measure(sacrum, sites[target], parent, name)
        label, why = which_site()
        if label != target:
            raise Failure("a complete build of site %s left %s" % (target, why or "site " + str(label)))
        if staging_at is None or swap_at is None:
            raise Failure("a measured build showed no staging folder or no swap")
        timing.add(staging_at, swap_at, exit_at)
        current = target

    for _ in range(3):
        calibrate()
    first = (timing.staging, timing.staging + timing.write, timing.exit)
    log("build of a %d-page site: staging folder at %.0f ms, swap at %.0f ms, exit at %.0f ms (medians of 3; "
        "measured again every 10 kills)" % (args.pages, first[0] * 1000, first[1] * 1000, first[2] * 1000))

    plan = delays(rng, args.kills)
    calibrated_at = 0
    kills = []          # (delay, kind, old or new, phase)
    finished = []       # (delay, kind) of builds that exited before their kill
    missed_in_row = 0
    max_staging = 0
    attempts = 0
    while len(kills) < args.kills:
        attempts += 1
        if attempts > args.kills * 3:
            kinds = {kind: sum(1 for f in finished if f[1] == kind) for kind in KINDS}
            raise Failure("%d of %d builds finished before their kill (by kind: %s); last measured build: staging "
                          "at %.0f ms, swap at %.0f ms, exit at %.0f ms"
                          % (len(finished), attempts - 1, ", ".join("%s %d" % item for item in kinds.items()),
                             timing.staging * 1000, (timing.staging + timing.write) * 1000, timing.exit * 1000))
        if len(kills) - calibrated_at >= 10 or missed_in_row >= 3:
            # Every 10 kills, and when builds keep finishing first (the machine got faster).
            calibrate()
            calibrated_at = len(kills)
            missed_in_row = 0
        kind = plan[len(kills)]
        target = other[current]
        inode = os.lstat(output).st_ino
        staging_exists = staging_watch(parent, name)
        start = time.monotonic()
        process = subprocess.Popen([sacrum, "build", "--source", sites[target], "--output", output, "--quiet"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        actual_delay = wait_and_kill(process, start, kind, rng, timing, staging_exists, output, inode)
        code = process.wait()
        label, why = which_site()
        lock, staging, unexpected = faultlib.leftovers(parent, name)
        where = "after %.1f ms (%s kill #%d, build of site %s over site %s)" % (
            actual_delay * 1000, kind, len(kills) + 1, target, current)
        if unexpected:
            raise Failure("%s: unexpected entries beside output/: %s" % (where, ", ".join(unexpected)))
        if not faultlib.lock_is_free(parent, name):
            raise Failure("%s: the lock is still held after the build died" % where)
        max_staging = max(max_staging, len(staging))
        if code == 0:
            if label != target:
                raise Failure("%s: the build exited 0 but output/ holds %s" % (where, why or "site " + str(label)))
            finished.append((actual_delay, kind))
            missed_in_row += 1
            current = target
            continue
        if code != -signal.SIGKILL:
            raise Failure("%s: the build exited with %d instead of being killed" % (where, code))
        if label is None:
            raise Failure("%s: output/ holds %s" % (where, why))
        own = [s for s in staging if faultlib.staging_pattern(name).match(s).group(1) == str(process.pid)]
        outcome = "old" if label == current else "new"
        if outcome == "old":
            phase = "writing the staging folder" if own else "before writing (start-up, rendering, locking)"
        else:
            phase = "after the swap, removing the previous site" if own else "after the swap and clean-up"
        kills.append((actual_delay, kind, outcome, phase))
        missed_in_row = 0
        current = label

    # A normal build after all that: succeeds, writes its site, leaves no staging folder.
    target = other[current]
    result = faultlib.build_ok(sacrum, sites[target], output)
    label, why = which_site()
    if label != target:
        raise Failure("the build after the kills exited 0 but output/ holds %s" % (why or "site " + str(label)))
    lock, staging, unexpected = faultlib.leftovers(parent, name)
    if staging or unexpected:
        raise Failure("the build after the kills left %s beside output/" % ", ".join(staging + unexpected))
    for label, path in sites.items():
        if faultlib.manifest(path) != sources[label]:
            raise Failure("the sources of site %s changed: %s" % (label, faultlib.manifest_difference(
                faultlib.manifest(path), sources[label])))

    old = sum(1 for k in kills if k[2] == "old")
    new = len(kills) - old
    log("")
    log("%d kills: %d left the previous site, %d the new site; 0 violations" % (len(kills), old, new))
    log("builds that finished before their kill (not counted): %d" % len(finished))
    log("phase hit (from the staging folder each killed build left):")
    for phase in ("before writing (start-up, rendering, locking)", "writing the staging folder",
                  "after the swap, removing the previous site", "after the swap and clean-up"):
        log("    %-48s %3d" % (phase, sum(1 for k in kills if k[3] == phase)))
    values = sorted(k[0] for k in kills)
    exits = sorted(timing.to_exit)
    swaps = sorted(a + b for a, b in zip(timing.to_staging, timing.staging_to_swap))
    log("measured builds (%d): %.0f-%.0f ms, median %.0f ms; swap at %.0f-%.0f ms, median %.0f ms (%d measurements)"
        % (len(exits), exits[0] * 1000, exits[-1] * 1000, statistics.median(exits) * 1000, swaps[0] * 1000,
           swaps[-1] * 1000, statistics.median(swaps) * 1000, len(swaps)))
    log("kill delays: min %.1f ms, median %.1f ms, max %.1f ms"
        % (values[0] * 1000, statistics.median(values) * 1000, values[-1] * 1000))
    for kind in KINDS:
        chosen = [k for k in kills if k[1] == kind]
        if chosen:
            log("    %-11s %3d kills, %3d old / %3d new" % (kind, len(chosen), sum(1 for k in chosen if k[2] == "old"),
                                                         sum(1 for k in chosen if k[2] == "new")))
    log(histogram(values, statistics.median(exits)))
    log("most staging folders of killed builds at once: %d; the final build removed them all" % max_staging)
    if old == 0 or new == 0:
        raise Failure("every kill left the %s site: the kills never hit both sides of the swap, so the test proved "
                      "little" % ("old" if new == 0 else "new"))
    log("PASS")
    if not args.keep and not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    faultlib.run_main(main)
