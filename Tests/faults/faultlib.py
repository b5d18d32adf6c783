"""Shared helpers of the fault tests: generated sites, manifests of built sites, running `sacrum build`.

Python standard library only.
"""
import fcntl
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MAKE_CORPUS = os.path.join(REPO, "Benchmarks", "make-corpus.py")

# Sacrum caches compressed files (and processed images) in the site's .sacrum-cache/ unless
# SACRUM_CACHE_DIR says otherwise: the tests keep the sites' sources untouched, so every build they run
# shares one cache folder outside them (which killed builds also exercise).
os.environ.setdefault("SACRUM_CACHE_DIR", tempfile.mkdtemp(prefix="sacrum-faults-cache-"))

# What Sacrum itself may leave beside an output folder named NAME: its lock file, and the staging folder
# of a build that was killed (`.NAME.staging-<pid>`, or `.NAME.staging-<pid>.previous` on a file system
# without RENAME_EXCHANGE), which the next build removes.
def staging_pattern(name):
    return re.compile(r"^\." + re.escape(name) + r"\.staging-(\d+)(\.previous)?$")


def lock_name(name):
    return "." + name + ".lock"


class Failure(Exception):
    """A violated expectation: the test prints it and exits 1."""


def log(message):
    print(message, flush=True)


def make_site(folder, pages, seed=1, suffix=None):
    """A generated corpus of `pages` pages with the repository's theme, in `folder`.

    With `suffix`, that Markdown is appended to every page's body, so the built site differs in every
    page (and grows by about the suffix's size per page)."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    subprocess.run([sys.executable, MAKE_CORPUS, "--pages", str(pages), "--out", folder, "--seed", str(seed)],
                   check=True, stdout=subprocess.DEVNULL)
    shutil.copytree(os.path.join(REPO, "themes"), os.path.join(folder, "themes"))
    if suffix:
        for root, _, files in os.walk(os.path.join(folder, "content")):
            for name in files:
                if name.endswith(".md"):
                    with open(os.path.join(root, name), "a", encoding="utf-8") as page:
                        page.write("\n\n" + suffix + "\n")
    return folder


def manifest(folder):
    """{relative path: ("d",) | ("f", size, sha256) | ("l", target) | ("?", mode)} of everything under
    `folder`, not following symbolic links; None when `folder` does not exist."""
    if not os.path.lexists(folder):
        return None
    entries = {}
    for root, dirs, files in os.walk(folder, followlinks=False):
        for name in dirs + files:
            path = os.path.join(root, name)
            rel = os.path.relpath(path, folder)
            info = os.lstat(path)
            if stat.S_ISDIR(info.st_mode):
                entries[rel] = ("d",)
            elif stat.S_ISREG(info.st_mode):
                digest = hashlib.sha256()
                with open(path, "rb") as handle:
                    for block in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(block)
                entries[rel] = ("f", info.st_size, digest.hexdigest())
            elif stat.S_ISLNK(info.st_mode):
                entries[rel] = ("l", os.readlink(path))
            else:
                entries[rel] = ("?", info.st_mode)
    return entries


def manifest_difference(actual, expected, limit=8):
    """A short description of how `actual` differs from `expected` (empty when equal)."""
    if actual is None:
        return "the folder does not exist"
    missing = sorted(set(expected) - set(actual))
    extra = sorted(set(actual) - set(expected))
    differing = sorted(p for p in set(actual) & set(expected) if actual[p] != expected[p])
    parts = []
    for label, paths in (("missing", missing), ("extra", extra), ("differing", differing)):
        if paths:
            parts.append("%d %s (%s%s)" % (len(paths), label, ", ".join(paths[:limit]), ", ..." if len(paths) > limit else ""))
    return "; ".join(parts)


def site_bytes(entries):
    return sum(e[1] for e in entries.values() if e[0] == "f")


def site_blocks(entries, block=4096):
    """Bytes the files take on a file system that allocates whole `block`s (tmpfs: pages)."""
    return sum(-(-e[1] // block) * block for e in entries.values() if e[0] == "f")


def build(sacrum, site, output, extra=(), timeout=600):
    """Runs `sacrum build`; returns the CompletedProcess (text stdout/stderr)."""
    return subprocess.run([sacrum, "build", "--source", site, "--output", output] + list(extra),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=timeout)


def build_ok(sacrum, site, output, extra=()):
    result = build(sacrum, site, output, extra)
    if result.returncode != 0:
        raise Failure("`sacrum build --source %s --output %s` failed with exit %d:\n%s%s"
                      % (site, output, result.returncode, result.stdout, result.stderr))
    return result


def reference_manifest(sacrum, site, work, label):
    """The manifest of a clean build of `site`, checked to be reproducible (two builds into different
    fresh folders give identical files), so a site can be recognised by its manifest."""
    first = os.path.join(work, "reference-%s-1" % label)
    second = os.path.join(work, "reference-%s-2" % label)
    manifests = []
    for parent in (first, second):
        shutil.rmtree(parent, ignore_errors=True)
        os.makedirs(parent)
        build_ok(sacrum, site, os.path.join(parent, "output"))
        manifests.append(manifest(os.path.join(parent, "output")))
        shutil.rmtree(parent)
    if manifests[0] != manifests[1]:
        raise Failure("two clean builds of site %s differ (%s): the build is not reproducible, so the test cannot "
                      "tell the sites apart" % (label, manifest_difference(manifests[1], manifests[0])))
    if not manifests[0]:
        raise Failure("the reference build of site %s is empty" % label)
    return manifests[0]


def leftovers(parent, name):
    """Entries beside the output folder other than the output folder itself: (lock present, staging
    names, unexpected names)."""
    pattern = staging_pattern(name)
    staging, unexpected, lock = [], [], False
    for entry in sorted(os.listdir(parent)):
        if entry == name:
            continue
        if entry == lock_name(name):
            lock = True
        elif pattern.match(entry):
            staging.append(entry)
        else:
            unexpected.append(entry)
    return lock, staging, unexpected


def lock_is_free(parent, name):
    """Whether nobody holds the build lock (True when the lock file does not exist)."""
    path = os.path.join(parent, lock_name(name))
    try:
        fd = os.open(path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(fd, fcntl.LOCK_UN)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)


def check_sacrum(path):
    if not path or not os.path.isfile(path) or not os.access(path, os.X_OK):
        raise Failure("no sacrum binary at %r (pass --sacrum PATH)" % path)
    return os.path.abspath(path)


def run_main(main):
    """Runs `main()`; a Failure prints FAIL and exits 1."""
    started = time.monotonic()
    try:
        main()
    except Failure as failure:
        print("FAIL: %s" % failure, file=sys.stderr, flush=True)
        sys.exit(1)
    print("(%.1f s)" % (time.monotonic() - started), flush=True)
