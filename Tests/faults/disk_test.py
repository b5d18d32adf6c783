#!/usr/bin/env python3
"""A full disk or a read-only output folder: a clear error, exit 1, the previous site intact.

    disk_test.py --sacrum PATH [--pages 300] [--work DIR] [--keep]

Needs root: it re-runs itself under `unshare --mount --propagation private` and mounts small tmpfs
file systems (private to that namespace, so they vanish with it) as the parent of the output folder:

  full disk     a tmpfs with room for one copy of site A but not for A and the bigger site B: A builds;
                B must fail with "No space left on device" and advice, output/ still exactly A, no
                staging folder left and the space given back; after the tmpfs is grown, B builds.
  tiny disk     a tmpfs smaller than any site: the first build must fail the same way and leave neither
                output/ nor a staging folder.
  no inodes     a tmpfs with enough inodes for one copy of the site only (nr_inodes): the second build
                fails creating folders/files; same checks.
  read-only     a tmpfs holding site A, remounted read-only (chmod would not stop root): the build of B
                must fail with "Read-only file system" and advice, output/ still exactly A. Also a
                read-only tmpfs with no lock file and no site yet.
  mount point   the output folder itself a tmpfs, or a bind mount (a container volume, say): it cannot be
                swapped, so the build must fail clearly ("mount point") and leave its contents alone.

Without root, or when mounting is not possible, it FAILS, unless SACRUM_FAULTS_ALLOW_SKIP=1 is set,
then it prints SKIPPED and exits 0.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

import faultlib
from faultlib import Failure, log

CANNOT_MOUNT = 77


def cannot_run(why):
    if os.environ.get("SACRUM_FAULTS_ALLOW_SKIP") == "1":
        print("disk test SKIPPED: %s" % why, flush=True)
        sys.exit(0)
    print("FAIL: the disk test cannot run: %s (it needs root and mount namespaces; set "
          "SACRUM_FAULTS_ALLOW_SKIP=1 to skip it)" % why, file=sys.stderr, flush=True)
    sys.exit(1)


def outer(args):
    """Checks that the test can run, then runs it again inside a private mount namespace."""
    if os.geteuid() != 0:
        cannot_run("not running as root")
    unshare = shutil.which("unshare")
    if not unshare:
        cannot_run("no unshare command (Debian package util-linux)")
    probe = subprocess.run([unshare, "--mount", "--propagation", "private", "true"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if probe.returncode != 0:
        cannot_run("`unshare --mount` failed: %s" % probe.stdout.strip())
    command = [unshare, "--mount", "--propagation", "private", sys.executable, os.path.abspath(__file__), "--inner",
               "--sacrum", args.sacrum, "--pages", str(args.pages)]
    if args.work:
        command += ["--work", args.work]
    if args.keep:
        command.append("--keep")
    code = subprocess.run(command).returncode
    if code == CANNOT_MOUNT:
        cannot_run("mounting a tmpfs in a private mount namespace failed (see above)")
    sys.exit(code)


class Mounts:
    """tmpfs mounts made by the test, unmounted at the end (the namespace would drop them anyway)."""

    def __init__(self):
        self.points = []

    def tmpfs(self, point, options):
        os.makedirs(point, exist_ok=True)
        result = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "sacrum-faults", point],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            print("mount -t tmpfs -o %s failed: %s" % (options, result.stdout.strip()), file=sys.stderr, flush=True)
            if not self.points:
                sys.exit(CANNOT_MOUNT)
            raise Failure("mounting a tmpfs failed: %s" % result.stdout.strip())
        self.points.append(point)
        return point

    def bind(self, source, point):
        result = subprocess.run(["mount", "--bind", source, point], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            raise Failure("mount --bind %s %s failed: %s" % (source, point, result.stdout.strip()))
        self.points.append(point)

    def remount(self, point, options):
        result = subprocess.run(["mount", "-o", "remount," + options, point],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if result.returncode != 0:
            raise Failure("mount -o remount,%s %s failed: %s" % (options, point, result.stdout.strip()))

    def release(self):
        for point in reversed(self.points):
            subprocess.run(["umount", point], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.points = []


def used_bytes(point):
    info = os.statvfs(point)
    return (info.f_blocks - info.f_bfree) * info.f_frsize


def used_inodes(point):
    info = os.statvfs(point)
    return info.f_files - info.f_ffree


def expect_failure(result, case, patterns, forbidden=()):
    """The build exited 1 and its error output matches every (regex, what) of `patterns` and none of
    `forbidden`."""
    shown = (result.stdout + result.stderr).strip()
    log("  sacrum said (exit %d):\n%s" % (result.returncode, "\n".join("    | " + line for line in shown.splitlines())))
    if result.returncode != 1:
        raise Failure("%s: the build exited %d, not 1:\n%s" % (case, result.returncode, shown))
    for pattern, what in patterns:
        if not re.search(pattern, result.stderr, re.IGNORECASE | re.DOTALL):
            raise Failure("%s: the error output does not %s (no match for /%s/):\n%s" % (case, what, pattern, shown))
    for pattern, what in forbidden:
        if re.search(pattern, result.stderr, re.IGNORECASE | re.DOTALL):
            raise Failure("%s: the error output %s (matches /%s/):\n%s" % (case, what, pattern, shown))


def expect_clean(parent, name, case, expected, baseline=None):
    """output/ is exactly `expected` (None: absent), nothing but the lock file beside it, and (with
    `baseline`) the file system's usage back to what it was before the failed build."""
    actual = faultlib.manifest(os.path.join(parent, name))
    if expected is None:
        if actual is not None:
            raise Failure("%s: an output folder was left behind (%d entries)" % (case, len(actual)))
    elif actual != expected:
        raise Failure("%s: the previous site was changed: %s" % (case, faultlib.manifest_difference(actual, expected)))
    lock, staging, unexpected = faultlib.leftovers(parent, name)
    if staging or unexpected:
        raise Failure("%s: left %s beside the output folder" % (case, ", ".join(staging + unexpected)))
    if baseline is not None and used_bytes(parent) > baseline + 64 * 1024:
        raise Failure("%s: the disk holds %d bytes more than before the failed build: the partial new site was "
                      "not deleted" % (case, used_bytes(parent) - baseline))


NO_PREVIOUS = [(r"previous site (in .*)?is unchanged", "speaks of a previous site where there was none")]
NO_SPACE = [(r"error: .*no space left on device", "say 'No space left on device'"),
            (r"free some space|choose another --output", "say what to do (free some space)")]


def inner(args):
    sacrum = faultlib.check_sacrum(args.sacrum)
    work = args.work or tempfile.mkdtemp(prefix="sacrum-disk-")
    os.makedirs(work, exist_ok=True)
    mounts = Mounts()
    try:
        run_cases(sacrum, work, mounts, args.pages)
    finally:
        mounts.release()
    if not args.keep and not args.work:
        shutil.rmtree(work)


def run_cases(sacrum, work, mounts, pages):
    log("disk test: %d-page sites, work folder %s" % (pages, work))
    site_a = faultlib.make_site(os.path.join(work, "site-a"), pages)
    site_b = faultlib.make_site(os.path.join(work, "site-b"), pages, suffix=("Version B adds this paragraph. " * 60).strip())
    expected_a = faultlib.reference_manifest(sacrum, site_a, work, "A")
    expected_b = faultlib.reference_manifest(sacrum, site_b, work, "B")
    blocks_a, blocks_b = faultlib.site_blocks(expected_a), faultlib.site_blocks(expected_b)
    log("site A: %d entries, %.1f MB on tmpfs; site B: %d entries, %.1f MB"
        % (len(expected_a), blocks_a / 1e6, len(expected_b), blocks_b / 1e6))
    name = "output"

    # Full disk: room for A (with a margin), not for A and B side by side.
    case = "full disk"
    size = (int(blocks_a * 1.4) // 4096 + 1) * 4096
    if size >= blocks_a + blocks_b:
        raise Failure("site B is not big enough to overflow a %d-byte tmpfs" % size)
    point = mounts.tmpfs(os.path.join(work, "mnt-full"), "size=%d,mode=0755" % size)
    output = os.path.join(point, name)
    log("%s: tmpfs of %.1f MB" % (case, size / 1e6))
    faultlib.build_ok(sacrum, site_a, output)
    if faultlib.manifest(output) != expected_a:
        raise Failure("%s: the first build did not write site A" % case)
    baseline = used_bytes(point)
    result = faultlib.build(sacrum, site_b, output)
    expect_failure(result, case, NO_SPACE + [(r"previous site .*unchanged", "say the previous site is unchanged")])
    expect_clean(point, name, case, expected_a, baseline)
    mounts.remount(point, "size=%d" % ((blocks_a + blocks_b) * 2))
    faultlib.build_ok(sacrum, site_b, output)
    if faultlib.manifest(output) != expected_b:
        raise Failure("%s: after growing the tmpfs, the build of site B did not write it" % case)
    expect_clean(point, name, case + " (after growing the disk)", expected_b)
    log("  ok: exit 1, site A intact, no staging folder, space given back; site B built once there was room")

    case = "tiny disk"
    point = mounts.tmpfs(os.path.join(work, "mnt-tiny"), "size=64k,mode=0755")
    log("%s: tmpfs of 64 KB, no previous site" % case)
    result = faultlib.build(sacrum, site_a, os.path.join(point, name))
    expect_failure(result, case, NO_SPACE, NO_PREVIOUS)
    expect_clean(point, name, case, None)
    if used_bytes(point) > 8 * 4096:
        raise Failure("%s: %d bytes still used after the failed build" % (case, used_bytes(point)))
    log("  ok: exit 1, no output folder, no staging folder")

    case = "no inodes"
    inodes = len(expected_a) + 40
    point = mounts.tmpfs(os.path.join(work, "mnt-inodes"), "size=%d,nr_inodes=%d,mode=0755" % (blocks_a * 4, inodes))
    output = os.path.join(point, name)
    log("%s: tmpfs with %d inodes for a site of %d entries" % (case, inodes, len(expected_a)))
    faultlib.build_ok(sacrum, site_a, output)
    if faultlib.manifest(output) != expected_a:
        raise Failure("%s: the first build did not write site A" % case)
    inodes_before = used_inodes(point)
    result = faultlib.build(sacrum, site_b, output)
    expect_failure(result, case, NO_SPACE)
    expect_clean(point, name, case, expected_a)
    if used_inodes(point) > inodes_before:
        raise Failure("%s: %d more inodes in use than before the failed build" % (case, used_inodes(point) - inodes_before))
    log("  ok: exit 1, site A intact, no staging folder, inodes given back")

    read_only = [(r"error: .*read-only file system", "say 'Read-only file system'"),
                 (r"remount|choose another --output", "say what to do")]
    case = "read-only"
    point = mounts.tmpfs(os.path.join(work, "mnt-ro"), "size=%d,mode=0755" % ((blocks_a + blocks_b) * 2))
    output = os.path.join(point, name)
    faultlib.build_ok(sacrum, site_a, output)
    mounts.remount(point, "ro")
    log("%s: tmpfs holding site A, remounted read-only" % case)
    result = faultlib.build(sacrum, site_b, output)
    expect_failure(result, case, read_only + [(r"previous site .*unchanged", "say the previous site is unchanged")])
    expect_clean(point, name, case, expected_a)
    mounts.remount(point, "rw")
    faultlib.build_ok(sacrum, site_b, output)
    if faultlib.manifest(output) != expected_b:
        raise Failure("%s: after remounting read-write, the build of site B did not write it" % case)
    log("  ok: exit 1, site A intact; site B built once the file system was writable again")

    case = "read-only, empty"
    point = mounts.tmpfs(os.path.join(work, "mnt-ro-empty"), "size=1m,mode=0755,ro")
    log("%s: a read-only tmpfs with no site and no lock file" % case)
    result = faultlib.build(sacrum, site_a, os.path.join(point, name))
    expect_failure(result, case, read_only, NO_PREVIOUS)
    expect_clean(point, name, case, None)
    log("  ok: exit 1, nothing written")

    # The output folder itself a mount point (a container volume, say): it cannot be swapped.
    mount_point = [(r"error: .*mount point", "say the output folder is a mount point"),
                   (r"one folder higher|choose another --output", "say what to do")]
    for case, make in (("output is a mount point", "tmpfs"), ("output is a bind mount", "bind")):
        parent = os.path.join(work, "mnt-parent-" + make)
        output = os.path.join(parent, name)
        os.makedirs(output)
        if make == "tmpfs":
            mounts.tmpfs(output, "size=%d,mode=0755" % ((blocks_a + blocks_b) * 2))
        else:
            source = os.path.join(work, "bind-source")
            os.makedirs(source)
            mounts.bind(source, output)
        with open(os.path.join(output, "keep.txt"), "w") as keep:
            keep.write("the previous contents\n")
        before = faultlib.manifest(output)
        log("%s: %s mounted at the output folder" % (case, make))
        result = faultlib.build(sacrum, site_a, output)
        expect_failure(result, case, mount_point)
        expect_clean(parent, name, case, before)
        log("  ok: exit 1, the folder's contents unchanged, no staging folder left")
    log("PASS")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sacrum", required=True)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--work", help="work folder (default: a new temporary folder, removed after a pass)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    parser.add_argument("--inner", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.inner:
        faultlib.run_main(lambda: inner(args))
    else:
        try:
            args.sacrum = faultlib.check_sacrum(args.sacrum)
        except Failure as failure:
            print("FAIL: %s" % failure, file=sys.stderr)
            sys.exit(1)
        outer(args)


if __name__ == "__main__":
    main()
