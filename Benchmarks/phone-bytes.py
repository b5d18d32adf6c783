#!/usr/bin/env python3
"""Bytes a 390 px phone fetches for one page of a built site (HTML + stylesheets + images), next to
the same page with its images unprocessed, and whether every <img> of the site has width and height.

For each <picture>, the browser's choice is modelled: the first <source> (WebP) when there is one,
the `sizes` value that applies at 390 CSS px (its media conditions are min-width in rem or px, 1rem =
16 px), and the smallest srcset candidate at least that many device pixels wide (else the widest),
for device pixel ratios 1, 2 and 3. Every image of the page counts, lazy or not. The unprocessed page
is the page as Sacrum published it before issue 13: the same HTML and CSS, and each image's source
file as it is in the site's folder (the photo straight from the camera, metadata and all).

    python3 Benchmarks/phone-bytes.py --output output --site . --page /treatments/si-joint-fusion/
"""
import argparse
import html.parser
import os
import re
import sys

VIEWPORT = 390


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.pictures = []   # (sources [(type, srcset, sizes)], img attrs)
        self.images = []     # every <img>'s attributes
        self.stylesheets = []
        self._sources = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self._sources = []
        elif tag == "source" and self._sources is not None:
            self._sources.append(attrs)
        elif tag == "img":
            self.images.append(attrs)
            if self._sources is not None:
                self.pictures.append((self._sources, attrs))
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or ""):
            self.stylesheets.append(attrs.get("href"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "picture":
            self._sources = None


def css_pixels(sizes):
    for part in (sizes or "100vw").split(","):
        part = part.strip()
        match = re.match(r"\(min-width:\s*([\d.]+)(rem|px)\)\s*(.+)", part)
        if match:
            minimum = float(match.group(1)) * (16 if match.group(2) == "rem" else 1)
            if VIEWPORT < minimum:
                continue
            part = match.group(3)
        if part.endswith("vw"):
            return VIEWPORT * float(part[:-2]) / 100
        if part.endswith("rem"):
            return float(part[:-3]) * 16
        if part.endswith("px"):
            return float(part[:-2])
    return VIEWPORT


def choose(srcset, wanted):
    candidates = []
    for item in srcset.split(","):
        url, width = item.strip().rsplit(" ", 1)
        candidates.append((int(width.rstrip("w")), url))
    candidates.sort()
    for width, url in candidates:
        if width >= wanted:
            return url
    return candidates[-1][1]


def size(output, url):
    return os.path.getsize(os.path.join(output, url.lstrip("/").split("?")[0]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", required=True)
    parser.add_argument("--site", required=True, help="the site's folder, for the unprocessed images")
    parser.add_argument("--page", required=True)
    args = parser.parse_args()
    page_file = os.path.join(args.output, args.page.strip("/"), "index.html")
    text = open(page_file, encoding="utf-8").read()
    page = Page()
    page.feed(text)
    base = len(text.encode()) + sum(size(args.output, href) for href in page.stylesheets)
    print(f"{args.page}: HTML + CSS {base / 1000:.1f} KB, {len(page.images)} images, {len(page.pictures)} as <picture>")
    unprocessed = base
    for attrs in page.images:
        src = attrs["src"]
        original = re.sub(r"\.\d+w\.[0-9a-f]{10}\.\w+$", "", src)
        if original != src:
            # the source's own name: look for the file with that stem in content/ or static/
            folder = os.path.dirname(original.lstrip("/"))
            stem = os.path.basename(original)
            for root in ("content", "static"):
                candidates = [n for n in os.listdir(os.path.join(args.site, root, folder)) if n.rsplit(".", 1)[0] == stem] \
                    if os.path.isdir(os.path.join(args.site, root, folder)) else []
                if candidates:
                    unprocessed += os.path.getsize(os.path.join(args.site, root, folder, candidates[0]))
                    break
        else:
            unprocessed += size(args.output, src)
    print(f"  unprocessed page: {unprocessed / 1000:.1f} KB")
    for ratio in (1, 2, 3):
        total = base
        for attrs in page.images:
            picture = next((p for p in page.pictures if p[1] is attrs), None)
            if picture is None:
                total += size(args.output, attrs["src"])
                continue
            sources, img = picture
            chosen = sources[0] if sources else img
            total += size(args.output, choose(chosen["srcset"], css_pixels(chosen.get("sizes")) * ratio))
        print(f"  390 px phone at DPR {ratio}: {total / 1000:.1f} KB = {100 * total / unprocessed:.0f}% of the unprocessed page")
    missing = []
    for folder, _, names in os.walk(args.output):
        for name in names:
            if name.endswith(".html"):
                checker = Page()
                checker.feed(open(os.path.join(folder, name), encoding="utf-8").read())
                missing += [f"{os.path.join(folder, name)}: {a.get('src')}" for a in checker.images if not a.get("width") or not a.get("height")]
    print(f"<img> without width or height in {args.output}: {len(missing)}")
    for line in missing[:20]:
        print("  " + line)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
