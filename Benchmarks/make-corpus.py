#!/usr/bin/env python3
"""Deterministic corpus of a spine and pain practice's site, for Sacrum's benchmarks.

    make-corpus.py --pages N --out DIR [--seed S] [--bodies-only] [--hugo]

Writes DIR/content/ (N regular pages plus the section _index.md files), DIR/site.yaml and
DIR/content/images/. Pages look like the practice's own: YAML front matter with the keys Sacrum's
kinds need (treatments list their conditions and review record, stories their authorization),
bodies of about 6 KB with headings, paragraphs with emphasis, lists, a block quote, an image with
alt text and links to other pages (root-relative site paths and relative .md paths).

--bodies-only writes just the Markdown bodies (no front matter) to DIR/bodies/, for comparing the
Markdown renderer with the cmark command-line tool on identical input.
--gfm adds GitHub-flavoured syntax to every body (a pipe table, ~~strikethrough~~, www., https:// and
e-mail autolinks, a task list), from a random stream of its own: the rest of the corpus is unchanged.
--hugo also writes DIR/hugo/ (config and layouts) so Hugo builds the same content/ folder with an
equivalent minimal layout: `hugo -s DIR/hugo --contentDir ../content`.

The same arguments always give byte-identical files (Python standard library only).
"""

import argparse
import os
import random
import shutil
import sys

SECTIONS = [
    # folder, title, kind, share, sub-sections
    ("treatments", "Treatments", "treatment", 0.25, ["spine", "joints", "nerves", "injections", "rehabilitation"]),
    ("conditions", "Conditions", "condition", 0.30, ["back", "neck", "hip", "leg", "nerve", "chronic"]),
    ("stories", "Patient stories", "story", 0.10, ["fusion", "injections", "therapy"]),
    ("articles", "Articles", "article", 0.30, ["2022", "2023", "2024", "2025", "2026"]),
    ("providers", "Our providers", "provider", 0.05, []),
]

WORDS = ("joint pain spine sacroiliac pelvis lumbar nerve muscle ligament cartilage inflammation "
         "relief recovery therapy exercise posture movement walking sitting standing sleep support "
         "stability fusion injection steroid anesthetic imaging fluoroscopy diagnosis exam history "
         "symptom treatment option patient physician surgeon therapist follow-up visit week month "
         "activity strength flexibility balance daily work driving lifting bending twisting rest "
         "ice heat medication swelling stiffness buttock thigh groin hip lower back leg").split()
ADJECTIVES = ("gentle gradual careful common chronic acute mild severe lasting short simple "
              "minimally-invasive targeted guided local general typical individual").split()
HEADINGS = ["Overview", "Symptoms", "Causes", "Diagnosis", "Treatment options", "Recovery",
            "What to expect", "Risks", "Questions to ask", "When to call us", "Living with it",
            "Recovery", "Exercises", "Preparation"]
TAGS = ["back-pain", "si-joint", "steroid-injections", "surgery", "physical-therapy", "sciatica",
        "arthritis", "posture", "exercise", "recovery", "imaging", "nerve-pain"]
REVIEWERS = ["Dr. Ada Reyes, MD", "Dr. Samuel Okafor, DO"]


def words(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n))


def sentence(rng, links, with_link):
    parts = [rng.choice(WORDS).capitalize(), words(rng, rng.randint(5, 14))]
    if rng.random() < 0.3:
        parts.append("*" + rng.choice(ADJECTIVES) + "*")
    if rng.random() < 0.2:
        parts.append("**" + words(rng, 2) + "**")
    if with_link and links:
        title, url = rng.choice(links)
        parts.append("[%s](%s)" % (title.lower(), url))
    parts.append(words(rng, rng.randint(3, 9)))
    return " ".join(parts) + "."


def paragraph(rng, links):
    return " ".join(sentence(rng, links, rng.random() < 0.25) for _ in range(rng.randint(3, 6)))


def gfm_section(grng):
    """GitHub-flavoured syntax for a body: a table, strikethrough, autolinks and a task list."""
    out = ["## Visit checklist", ""]
    for _ in range(grng.randint(3, 5)):
        out.append("- [%s] %s" % (grng.choice([" ", "x"]), words(grng, grng.randint(3, 7))))
    out += ["", "| Option | Visits | Recovery |", "| :--- | ---: | :---: |"]
    for _ in range(grng.randint(3, 6)):
        out.append("| %s | %d | %s |" % (words(grng, 2), grng.randint(1, 12), words(grng, 1)))
    out += ["", "%s ~~%s~~ %s. See www.example.org/%s or https://example.org/%s?q=%d, or write to %s@example.org."
            % (words(grng, 6).capitalize(), words(grng, 2), words(grng, 5), grng.choice(WORDS), grng.choice(WORDS),
               grng.randint(1, 99), grng.choice(WORDS)), ""]
    return out


def body(rng, page, links, grng=None):
    out = [paragraph(rng, links), ""]
    if grng is not None:
        out += gfm_section(grng)
    out.append("![%s](/images/figure-%d.svg)" % (page["title"] + " illustration", rng.randint(1, 8)))
    out.append("")
    for h in rng.sample(HEADINGS, rng.randint(3, 5)):
        out.append("## " + h)
        out.append("")
        out.append(paragraph(rng, links))
        out.append("")
        roll = rng.random()
        if roll < 0.35:
            for _ in range(rng.randint(3, 6)):
                out.append("- " + sentence(rng, links, rng.random() < 0.2))
            out.append("")
        elif roll < 0.55:
            for i in range(rng.randint(3, 5)):
                out.append("%d. %s" % (i + 1, sentence(rng, links, False)))
            out.append("")
        elif roll < 0.65:
            out.append("> " + sentence(rng, links, False))
            out.append("")
        if rng.random() < 0.3:
            out.append("### " + rng.choice(ADJECTIVES).capitalize() + " " + rng.choice(WORDS))
            out.append("")
            out.append(paragraph(rng, links))
            out.append("")
    out.append("Call us at (580) 234-7246 to ask about %s." % words(rng, 2))
    return "\n".join(out) + "\n"


def yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plan(pages, rng):
    """Lays out every page: section, sub-section, slug, title, url."""
    plans = []
    counts = [max(1, int(round(pages * share))) for _, _, _, share, _ in SECTIONS]
    counts[-2] += pages - sum(counts)
    number = 0
    for (folder, _, kind, _, subs), count in zip(SECTIONS, counts):
        for i in range(count):
            number += 1
            sub = subs[i % len(subs)] if subs and i % 10 != 9 else None
            title = "%s %s %d" % (rng.choice(ADJECTIVES).capitalize().replace("-", " "), rng.choice(WORDS), number)
            slug = "%s-%s-%d" % (rng.choice(WORDS), rng.choice(WORDS), i + 1)
            path = "/".join(p for p in (folder, sub, slug) if p)
            plans.append({"folder": folder, "sub": sub, "kind": kind, "title": title, "slug": slug,
                          "path": path, "url": "/" + path + "/", "index": i})
    return plans


def front_matter(rng, page, plans_by_kind):
    month = 1 + page["index"] % 10
    day = 1 + page["index"] % 27
    lines = ["---", "title: " + yaml_string(page["title"]),
             "description: " + yaml_string("What patients should know about %s: %s." % (
                 page["title"].lower(), words(rng, 8))),
             "date: 2026-%02d-%02d" % (month, day),
             "weight: %d" % (page["index"] % 50),
             "tags: [%s]" % ", ".join(rng.sample(TAGS, rng.randint(1, 3)))]
    kind = page["kind"]
    if kind in ("treatment", "condition"):
        lines += ["reviewed_by: " + yaml_string(rng.choice(REVIEWERS)),
                  "last_reviewed: 2026-%02d-%02d" % (month, day)]
    if kind == "treatment":
        # Without it a treatment is built with a warning (medical.procedure-type); chosen by index, so
        # the random stream, and so the rest of the corpus, stays as it was.
        lines.append("procedure_type: " + ("surgical", "percutaneous", "noninvasive")[page["index"] % 3])
        conditions = rng.sample(plans_by_kind["condition"], min(2, len(plans_by_kind["condition"])))
        lines.append("conditions:")
        lines += ["  - " + c["path"] for c in conditions]
    if kind == "story":
        treatment = rng.choice(plans_by_kind["treatment"])
        lines += ["treatment: " + treatment["path"],
                  "authorization:",
                  "  id: AUTH-2026-%04d" % page["index"],
                  "  signed: 2026-%02d-%02d" % (month, day),
                  "  expires: 2029-%02d-%02d" % (month, day)]
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


SITE_YAML = """title: Corpus Spine & Pain
base_url: https://corpus.example
language: en-US
practice:
  name: Corpus Spine & Pain Clinic
  phone: "(580) 234-7246"
  phone_link: "+15802347246"
  address:
    street: 100 Example Avenue
    city: Lawton
    region: OK
    postal_code: "73501"
    country: US
  hours:
    monday: ["08:00-12:00", "12:45-17:00"]
    tuesday: ["08:00-12:00", "12:45-17:00"]
    wednesday: ["08:00-12:00", "12:45-17:00"]
    thursday: ["08:00-12:00", "12:45-17:00"]
    friday: ["08:00-12:00", "12:45-17:00"]
reviewers:
  - name: Dr. Ada Reyes, MD
  - name: Dr. Samuel Okafor, DO
stories:
  disclosure: Results vary. This patient's experience is not a promise of the results any other patient will have.
menu:
  - title: Treatments
    url: /treatments/
  - title: Conditions
    url: /conditions/
  - title: Patient stories
    url: /stories/
  - title: Articles
    url: /articles/
"""

HUGO_CONFIG = """baseURL = "https://corpus.example/"
title = "Corpus Spine & Pain"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.highlight]
codeFences = false
[markup.goldmark.renderer]
unsafe = false
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body><nav><ul>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></nav>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>
"""
HUGO_SINGLE = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}
"""
HUGO_LIST = """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}<ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
"""

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="320" height="180" viewBox="0 0 320 180">'
       '<rect width="320" height="180" fill="#e8f1f4"/><circle cx="%d" cy="90" r="40" fill="#1f5f74"/></svg>\n')


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bodies-only", action="store_true")
    ap.add_argument("--hugo", action="store_true")
    ap.add_argument("--gfm", action="store_true")
    args = ap.parse_args()
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    rng = random.Random(args.seed)
    plans = plan(args.pages, rng)
    by_kind = {}
    for p in plans:
        by_kind.setdefault(p["kind"], []).append(p)
    for kind in ("treatment", "condition"):
        by_kind.setdefault(kind, [])
    link_targets = [(p["title"], p["url"]) for p in plans]
    grng = random.Random(args.seed + 1_000_003) if args.gfm else None

    for page in plans:
        text = body(rng, page, rng.sample(link_targets, min(12, len(link_targets))), grng)
        if args.bodies_only:
            write(os.path.join(args.out, "bodies", page["path"] + ".md"), text)
        else:
            write(os.path.join(args.out, "content", page["path"] + ".md"), front_matter(rng, page, by_kind) + text)
    if args.bodies_only:
        return

    content = os.path.join(args.out, "content")
    write(os.path.join(content, "_index.md"),
          "---\ntitle: Home\ndescription: A spine and pain practice treating back, leg and buttock pain in southwest Oklahoma.\n---\n\nWelcome.\n")
    for folder, title, _, _, subs in SECTIONS:
        write(os.path.join(content, folder, "_index.md"),
              "---\ntitle: %s\ndescription: %s\n---\n\n%s.\n" % (
                  yaml_string(title), yaml_string("All of our %s pages, for patients and their families to read." % title.lower()), title))
        for sub in subs:
            write(os.path.join(content, folder, sub, "_index.md"),
                  "---\ntitle: %s\ndescription: %s\n---\n" % (
                      yaml_string("%s: %s" % (title, sub.capitalize())),
                      yaml_string("%s about %s for patients of the practice and their families." % (title, sub))))
    for i in range(1, 9):
        write(os.path.join(content, "images", "figure-%d.svg" % i), SVG % (40 * i))
    write(os.path.join(args.out, "site.yaml"), SITE_YAML)
    if args.hugo:
        hugo = os.path.join(args.out, "hugo")
        write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
        write(os.path.join(hugo, "layouts", "_default", "baseof.html"), HUGO_BASEOF)
        write(os.path.join(hugo, "layouts", "_default", "single.html"), HUGO_SINGLE)
        write(os.path.join(hugo, "layouts", "_default", "list.html"), HUGO_LIST)


if __name__ == "__main__":
    sys.exit(main())
