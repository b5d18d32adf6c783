#!/usr/bin/env python3
"""What a second language costs: release builds of three sites made from one generated corpus.

    bench-languages.py --sacrum PATH --work DIR [--pages 2000] [--share 0.25] [--runs 5]

- base: the corpus (make-corpus.py --pages N), in English only;
- more-english: base plus K = share x N extra English pages (copies of regular pages under new names),
  the cost of K more pages of any kind;
- spanish: base with `languages:` (en-US, es-US) and K regular pages translated (`name.es.md`, same
  body, tags dropped, a translation_review record), the cost of the same K pages as translations.

Each site is built `runs` times, alternating, into a fresh output folder; the median wall time is
reported, per written page too. The goal (issue 15): the translated pages cost at most 5% more per page
than the same number of English pages, i.e. spanish / more-english <= 1.05.
"""

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def build(sacrum, site, out):
    shutil.rmtree(out, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run([sacrum, "build", "--source", site, "--output", out], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        sys.exit("build of %s failed:\n%s" % (site, result.stdout[-3000:] + result.stderr[-3000:]))
    summary = [line for line in result.stdout.splitlines() if line.startswith("Built ")]
    return elapsed, cpu, summary[-1] if summary else ""


def regular_pages(content):
    pages = []
    for folder, _, files in os.walk(content):
        for name in files:
            if name.endswith(".md") and not name.startswith("_index") and name != "index.md":
                pages.append(os.path.join(folder, name))
    return sorted(pages)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sacrum", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--pages", type=int, default=2000)
    ap.add_argument("--share", type=float, default=0.25)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    base = os.path.join(args.work, "lang-base")
    more = os.path.join(args.work, "lang-more-english")
    spanish = os.path.join(args.work, "lang-spanish")
    for folder in (base, more, spanish):
        shutil.rmtree(folder, ignore_errors=True)
    subprocess.run([sys.executable, os.path.join(HERE, "make-corpus.py"), "--pages", str(args.pages), "--out", base], check=True)
    # The repository's themes (the default theme with its i18n/ strings).
    shutil.copytree(os.path.join(os.path.dirname(HERE), "themes"), os.path.join(base, "themes"))
    shutil.copytree(base, more)
    shutil.copytree(base, spanish)

    pages = regular_pages(os.path.join(base, "content"))
    step = max(1, int(round(1 / args.share)))
    chosen = pages[::step]
    for path in chosen:
        relative = os.path.relpath(path, base)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        stem = relative[:-3]
        # An English copy under a new name (and without aliases, which would collide).
        copy = re.sub(r"(?m)^aliases:.*\n", "", text)
        copy = re.sub(r'(?m)^(title|description): "', r'\1: "Copy: ', copy)
        with open(os.path.join(more, stem + "-copy.md"), "w", encoding="utf-8") as f:
            f.write(copy)
        # A translation: the same page, no tags, with its review record.
        translated = re.sub(r"(?m)^(tags|aliases):.*\n", "", text)
        translated = translated.replace("---\n", "---\ntranslation_review: {by: Bench Translator, date: 2026-11-30}\n", 1)
        # Its links lead to English pages, and say so (as a translator would), so no lang.cross-link warning.
        head, _, rest = translated.partition("\n---\n")
        translated = head + "\n---\n" + re.sub(r"\[([^\]]+)\]\(", r"[\1 (English)](", rest)
        with open(os.path.join(spanish, stem + ".es.md"), "w", encoding="utf-8") as f:
            f.write(translated)
    # Every section page is translated too (a few dozen), so that the Spanish sections have titles.
    for folder, _, files in os.walk(os.path.join(base, "content")):
        if "_index.md" in files:
            relative = os.path.relpath(os.path.join(folder, "_index.md"), base)
            with open(os.path.join(base, relative), encoding="utf-8") as f:
                text = f.read()
            with open(os.path.join(spanish, relative[:-3] + ".es.md"), "w", encoding="utf-8") as f:
                f.write(text.replace("---\n", "---\ntranslation_review: {by: Bench Translator, date: 2026-11-30}\n", 1))
    with open(os.path.join(spanish, "site.yaml"), "a", encoding="utf-8") as f:
        f.write("\nlanguages:\n  en-US: {name: English}\n  es-US: {name: Español, title: Clínica}\n")

    sites = [("base", base), ("more-english", more), ("spanish", spanish)]
    times = {name: [] for name, _ in sites}
    cpus = {name: [] for name, _ in sites}
    summaries = {}
    out = os.path.join(args.work, "lang-out")
    for _ in range(args.runs):
        for name, site in sites:
            elapsed, cpu, summary = build(args.sacrum, site, out)
            times[name].append(elapsed)
            cpus[name].append(cpu)
            summaries[name] = summary
    print("pages %d, translated or copied %d (every %dth regular page), %d runs each, median wall time:"
          % (args.pages, len(chosen), step, args.runs))
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, _ in sites:
        print("  %-13s %7.3f s  (runs: %s)  %s" % (name, medians[name], ", ".join("%.3f" % t for t in times[name]), summaries[name]))
    extra_english = medians["more-english"] - medians["base"]
    extra_spanish = medians["spanish"] - medians["base"]
    print("  cost of %d more English pages: %+.3f s; of %d translations: %+.3f s" % (len(chosen), extra_english, len(chosen), extra_spanish))
    print("  whole build, spanish / more-english: %.3f (goal <= 1.05; the spanish site also has its translated sections)"
          % (medians["spanish"] / medians["more-english"]))
    written = {name: int(re.search(r"Built (\d+) pages, (\d+) sections", summaries[name]).group(1))
               + int(re.search(r"Built (\d+) pages, (\d+) sections", summaries[name]).group(2)) for name, _ in sites}
    per = {name: medians[name] / written[name] * 1000 for name, _ in sites}
    print("  per written page (pages + sections): " + ", ".join("%s %.3f ms (%d)" % (n, per[n], written[n]) for n, _ in sites))
    print("  spanish per page / more-english per page: %.3f (goal <= 1.05)" % (per["spanish"] / per["more-english"]))
    cpu = {name: statistics.median(values) for name, values in cpus.items()}
    print("  median CPU time (user + system): " + ", ".join("%s %.3f s" % (n, cpu[n]) for n, _ in sites))
    cpu_per = {name: cpu[name] / written[name] * 1000 for name, _ in sites}
    print("  CPU per written page: " + ", ".join("%s %.3f ms" % (n, cpu_per[n]) for n, _ in sites)
          + "; spanish / more-english: %.3f (goal <= 1.05)" % (cpu_per["spanish"] / cpu_per["more-english"]))


if __name__ == "__main__":
    main()
