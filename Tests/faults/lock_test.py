#!/usr/bin/env python3
"""Two builds at once on the same output folder are serialised by the lock file `.output.lock`.

    lock_test.py --sacrum PATH [--pages 800] [--rounds 6] [--work DIR] [--keep]

held lock     the test takes the lock itself (fcntl.flock on WORK/live/.output.lock, as Sacrum does), then
              starts a build: the build must say it is waiting, must not finish, write a staging folder
              or touch output/ while the test holds the lock (three build times, 3 to 20 s), and must finish with
              exit 0 and the new site only after the test lets go.
two at once   `--rounds` times, a build of site A and a build of site B start together on the same
              output/; a watcher lists the output's parent folder in a tight loop. Both must exit 0,
              the two builds' staging folders must never exist at the same time, output/ must be
              exactly one complete site, the one of the build that wrote last, and nothing but the
              lock file may be left beside it.

Exits 1 on any violation.
"""
import argparse
import fcntl
import os
import shutil
import subprocess
import tempfile
import threading
import time

import faultlib
from faultlib import Failure, log

WAITING = "waiting for another build"


class Build:
    """A `sacrum build` running in the background, its stderr collected with arrival times."""

    def __init__(self, sacrum, site, output, label):
        self.label = label
        self.started = time.monotonic()
        self.process = subprocess.Popen([sacrum, "build", "--source", site, "--output", output],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        self.stderr_lines = []
        self.stdout = ""
        self.ended = None
        self.readers = [threading.Thread(target=self._read_stderr, daemon=True),
                        threading.Thread(target=self._read_stdout, daemon=True)]
        for reader in self.readers:
            reader.start()

    def _read_stderr(self):
        for line in self.process.stderr:
            self.stderr_lines.append((time.monotonic(), line.rstrip("\n")))

    def _read_stdout(self):
        self.stdout = self.process.stdout.read()

    @property
    def stderr(self):
        return "\n".join(line for _, line in self.stderr_lines)

    def said_waiting(self):
        return any(WAITING in line for _, line in self.stderr_lines)

    def wait(self, timeout=600):
        code = self.process.wait(timeout=timeout)
        self.ended = self.ended or time.monotonic()
        for reader in self.readers:
            reader.join()
        return code


def held_lock(sacrum, sites, expected, parent, name, build_seconds):
    output = os.path.join(parent, name)
    lock_path = os.path.join(parent, faultlib.lock_name(name))
    if not os.path.exists(lock_path):
        raise Failure("no lock file %s after a build" % lock_path)
    hold = min(max(3.0, 3 * build_seconds), 20.0)
    fd = os.open(lock_path, os.O_RDWR | os.O_CLOEXEC)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        log("held lock: the test holds %s for %.1f s and starts a build of site B" % (lock_path, hold))
        build = Build(sacrum, sites["B"], output, "B")
        deadline = build.started + hold
        pattern = faultlib.staging_pattern(name)
        while time.monotonic() < deadline:
            if build.process.poll() is not None:
                build.wait()
                raise Failure("the build finished (exit %d) while the test held the lock:\n%s%s"
                              % (build.process.returncode, build.stdout, build.stderr))
            written = [e for e in os.listdir(parent) if pattern.match(e)]
            if written:
                raise Failure("the build made %s while the test held the lock" % ", ".join(written))
            time.sleep(0.01)
        if faultlib.manifest(output) != expected["A"]:
            raise Failure("output/ changed while the test held the lock")
        if not build.said_waiting():
            raise Failure("the build did not say it is waiting (expected '%s...' on stderr); it said: %r"
                          % (WAITING, build.stderr))
        waiting_at = next(t for t, line in build.stderr_lines if WAITING in line) - build.started
        released = time.monotonic()
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    code = build.wait()
    if code != 0:
        raise Failure("the build exited %d after the lock was released:\n%s%s" % (code, build.stdout, build.stderr))
    if faultlib.manifest(output) != expected["B"]:
        raise Failure("after the lock was released the build exited 0 but output/ is not site B: %s"
                      % faultlib.manifest_difference(faultlib.manifest(output), expected["B"]))
    lock, staging, unexpected = faultlib.leftovers(parent, name)
    if staging or unexpected:
        raise Failure("the build left %s" % ", ".join(staging + unexpected))
    log("  ok: it said %r after %.2f s, waited, finished %.2f s after the release (exit 0, site B complete)"
        % (WAITING + "...", waiting_at, build.ended - released))
    return "B"


def two_at_once(sacrum, sites, expected, parent, name, rounds):
    output = os.path.join(parent, name)
    pattern = faultlib.staging_pattern(name)
    waited = 0
    for round_number in range(1, rounds + 1):
        order = ("A", "B") if round_number % 2 else ("B", "A")
        builds = {label: Build(sacrum, sites[label], output, label) for label in order}
        by_pid = {str(b.process.pid): label for label, b in builds.items()}
        first_seen = {}         # label -> time its staging folder first appeared
        overlap = None
        while any(b.process.poll() is None for b in builds.values()):
            now = time.monotonic()
            present = set()
            for entry in os.listdir(parent):
                match = pattern.match(entry)
                if match and match.group(1) in by_pid:
                    present.add(by_pid[match.group(1)])
            for label in present:
                first_seen.setdefault(label, now)
            if len(present) > 1 and overlap is None:
                overlap = now
        codes = {label: b.wait() for label, b in builds.items()}
        where = "round %d (started %s then %s)" % (round_number, order[0], order[1])
        for label, code in codes.items():
            if code != 0:
                raise Failure("%s: the build of site %s exited %d:\n%s%s" % (where, label, code, builds[label].stdout,
                                                                             builds[label].stderr))
        if overlap is not None:
            raise Failure("%s: the staging folders of both builds existed at the same time: the builds were not "
                          "serialised" % where)
        actual = faultlib.manifest(output)
        label = next((l for l in ("A", "B") if actual == expected[l]), None)
        if label is None:
            raise Failure("%s: output/ is neither complete site: A: %s; B: %s" % (
                where, faultlib.manifest_difference(actual, expected["A"]),
                faultlib.manifest_difference(actual, expected["B"])))
        if len(first_seen) == 2:
            last = max(first_seen, key=first_seen.get)
        else:
            sayers = [l for l, b in builds.items() if b.said_waiting()]
            last = sayers[0] if len(sayers) == 1 else None
        if last is not None and label != last:
            raise Failure("%s: output/ holds site %s, but site %s was written last" % (where, label, last))
        lock, staging, unexpected = faultlib.leftovers(parent, name)
        if staging or unexpected:
            raise Failure("%s: left %s" % (where, ", ".join(staging + unexpected)))
        waiting = [l for l, b in builds.items() if b.said_waiting()]
        waited += 1 if waiting else 0
        seen = " then ".join(sorted(first_seen, key=first_seen.get)) or "none seen"
        log("  round %d: both exit 0; staging folders %s, never together; %s; output/ = site %s"
            % (round_number, seen, "site %s waited for the lock" % waiting[0] if waiting else "no build had to wait",
               label))
    return waited


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sacrum", required=True)
    parser.add_argument("--pages", type=int, default=800)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--work", help="work folder (default: a new temporary folder, removed after a pass)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args()
    sacrum = faultlib.check_sacrum(args.sacrum)
    work = args.work or tempfile.mkdtemp(prefix="sacrum-lock-")
    os.makedirs(work, exist_ok=True)
    log("lock test: %d-page sites, work folder %s" % (args.pages, work))
    sites = {
        "A": faultlib.make_site(os.path.join(work, "site-a"), args.pages),
        "B": faultlib.make_site(os.path.join(work, "site-b"), args.pages, suffix="Version B of every page."),
    }
    expected = {label: faultlib.reference_manifest(sacrum, path, work, label) for label, path in sites.items()}
    name = "output"
    parent = os.path.join(work, "live")
    shutil.rmtree(parent, ignore_errors=True)
    os.makedirs(parent)
    faultlib.build_ok(sacrum, sites["A"], os.path.join(parent, name))
    started = time.monotonic()
    faultlib.build_ok(sacrum, sites["A"], os.path.join(parent, name))
    build_seconds = time.monotonic() - started
    log("a build takes %.2f s" % build_seconds)

    held_lock(sacrum, sites, expected, parent, name, build_seconds)
    log("two at once: %d rounds" % args.rounds)
    waited = two_at_once(sacrum, sites, expected, parent, name, args.rounds)
    log("%d of %d rounds had one build wait for the other" % (waited, args.rounds))
    if waited == 0:
        raise Failure("in no round did a build wait for the other: the builds never overlapped in their write "
                      "phase, so the rounds showed nothing")
    log("PASS")
    if not args.keep and not args.work:
        shutil.rmtree(work)


if __name__ == "__main__":
    faultlib.run_main(main)
