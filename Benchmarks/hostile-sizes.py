#!/usr/bin/env python3
"""Time and peak memory of `sacrum check` on oversized and pathological pages (issue 8, item 3), and on
hostile images (issue 13): a decompression bomb, a truncated photo, a file lying about its type.

Each case is a one-page site (the page, a minimal site.yaml and theme) under --work; the page's
body is generated here. Prints one row per case: wall seconds and peak RSS from GNU time, and the
exit status (1 where Sacrum refuses the input with a diagnostic, as it should for the cases marked
"refused"). The README's bounds come from this.

    python3 Benchmarks/hostile-sizes.py --sacrum .build/release/sacrum --work /tmp/sacrum-bench/hostile
"""
import argparse
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

SITE_YAML = """title: Size Test Clinic
base_url: https://size.example
theme: plain
practice:
  name: Size Test Clinic
  phone: "(580) 234-7246"
  phone_link: "+15802347246"
  address: {street: 1 Main St, city: Lawton, region: OK, postal_code: "73501", country: US}
  hours:
    monday: ["08:00-17:00"]
stories:
  disclosure: Results vary.
"""

SHORTCODES = {
    "phone": '<a href="{{site.practice.phoneLink}}">{{site.practice.phone}}</a>\n',
    "note": "{{! content: required }}\n<aside>{{{inner}}}</aside>\n",
}

PAGE_TEMPLATE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{page.title}}</title>
<link rel="canonical" href="{{page.canonical}}"></head><body><main><h1>{{page.title}}</h1>
{{{page.content}}}</main></body></html>
"""


def r(text, count):
    return text * count


CASES = [
    ("20 MB page, 250,000 paragraphs with links",
     lambda: "".join(f"Paragraph {i} about the SI joint, with **bold** text and [a link](https://example.com/{i}).\n\n" for i in range(250_000))),
    ("5 MB single line", lambda: r("word ", 1_000_000) + "\n"),
    ("10,000 nested block quotes", lambda: r("> ", 10_000) + "a\n"),
    ("10,000 nested lists", lambda: r("- ", 10_000) + "a\n"),
    ("50,000 nested block quotes", lambda: r(">", 50_000) + "a\n"),
    ("10,000 headings with one title", lambda: r("## Notes\n\n", 10_000)),
    ("cmark: nested strong emph", lambda: r("*a **a ", 65_000) + "b" + r(" a** a*", 65_000)),
    ("cmark: many emph closers", lambda: r("a_ ", 65_000)),
    ("cmark: many emph openers", lambda: r("_a ", 65_000)),
    ("cmark: many link closers", lambda: r("a]", 65_000)),
    ("cmark: many link openers", lambda: r("[a", 65_000)),
    ("cmark: mismatched openers and closers", lambda: r("*a_ ", 50_000)),
    ("cmark: openers and closers multiple of 3", lambda: "a**b" + r("c* ", 50_000)),
    ("cmark: link openers and emph closers", lambda: r("[ a_", 50_000)),
    ("cmark: pattern [ (]( repeated", lambda: r("[ (](", 80_000)),
    ("cmark: pattern ![[]() repeated (refused)", lambda: r("![[]()", 160_000)),
    ("cmark: nested brackets", lambda: r("[", 50_000) + "a" + r("]", 50_000)),
    ("cmark: backticks", lambda: "".join("e" + "`" * n for n in range(1, 5_000))),
    ("cmark: unclosed links A", lambda: r("[a](<b", 30_000)),
    ("cmark: unclosed links B", lambda: r("[a](b", 30_000)),
    ("cmark: unclosed <!--", lambda: "</" + r("<!--", 300_000)),
    ("cmark: many references", lambda: "".join(f"[{i}]: https://example.com/u\n" for i in range(50_000)) + r("[0] ", 50_000)),
    ("shortcodes: 100,000 in a page", lambda: r("{{< phone >}} ", 100_000)),
    ("shortcodes: 200,000 in a page", lambda: r("{{< phone >}} ", 200_000)),
    ("shortcodes: 10,000 nested pairs (refused)", lambda: r("{{< note >}}", 10_000) + r("{{< /note >}}", 10_000)),
    ("shortcodes: 20,000 unclosed quotes (refused)", lambda: r("{{< note a=\"", 20_000)),
    ("shortcodes: 100,000 template tags (refused)", lambda: r("{{site.practice.phone}} ", 100_000)),
    ("GFM: 100,000 tildes", lambda: "a " + r("~", 100_000) + " b\n"),
    ("GFM: 20,000 nested strikethroughs", lambda: r("~~a ", 20_000) + "b" + r(" a~~", 20_000)),
    ("GFM: 50,000 strikethrough openers", lambda: r("~a ", 50_000)),
    ("GFM: one 200 KB www. link", lambda: r("www.", 50_000)),
    ("GFM: 50,000 (www. openings", lambda: r("(www.", 50_000)),
    ("GFM: 100,000 parentheses after a link", lambda: "www.a.org/" + r(")", 100_000)),
    ("GFM: 100,000 at signs", lambda: r("a@", 100_000)),
    ("GFM: 50,000 e-mail addresses", lambda: r("a@b.co ", 50_000)),
    ("GFM: table of 10,000 columns", lambda: "|" + r(" a |", 10_000) + "\n|" + r("-|", 10_000) + "\n|" + r(" b |", 10_000) + "\n"),
    ("GFM: table of 100,000 rows", lambda: "| a | b |\n| - | - |\n" + r("| x | [y](https://example.com) |\n", 100_000)),
    ("GFM: 10,000-column header over short rows", lambda: "|" + r(" a |", 10_000) + "\n|" + r("-|", 10_000) + "\n" + r("| x |\n", 1_000)),
    ("GFM: 100,000 pipes in a row", lambda: "| a |\n| - |\n" + r("|", 100_000) + "\n"),
    ("GFM: 10,000 footnotes", lambda: "".join(f"Text[^{i}].\n" for i in range(10_000)) + "\n" + "".join(f"[^{i}]: Note {i}.\n" for i in range(10_000))),
    ("GFM: chain of 10,000 footnotes", lambda: "Start[^0]\n\n" + "".join(f"[^{i}]: Next[^{i + 1}]\n" for i in range(10_000)) + "[^10000]: End.\n"),
    ("GFM: 10,000 references to one footnote", lambda: r("A[^n] ", 10_000) + "\n\n[^n]: Note.\n"),
    ("GFM: alerts nested 1,000 deep", lambda: "".join(r("> ", i) + "> [!NOTE]\n" for i in range(1_000)) + r("> ", 1_000) + "a\n"),
    ("image: 50,000 x 50,000 PNG bomb of a few KB (refused)", lambda: "![Bomb](bomb.png)\n"),
    ("image: 2^31-1 x 1 PNG header (refused)", lambda: "![Wide](wide.png)\n"),
    ("image: 10,000 x 10,000 PNG of zeros, 100 MP", lambda: "![Zeros](zeros.png)\n"),
    ("image: truncated 4000x3000 JPEG (refused)", lambda: "![Cut](cut.jpg)\n"),
    ("image: JPEG named .png (refused)", lambda: "![Liar](liar.png)\n"),
    ("image: random bytes named .jpg (refused)", lambda: "![Noise](noise.jpg)\n"),
    ("YAML: billion laughs (refused)", None),
    ("YAML: 10,000 nested lists (refused)", None),
]


def png(width, height, rows):
    """A grey PNG whose header says width x height, with `rows` rows of zeros compressed."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    compressor = zlib.compressobj(9)
    row = b"\0" * (width + 1)
    data = b"".join(compressor.compress(row) for _ in range(rows)) + compressor.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def photo():
    """A 4000x3000 JPEG made with the vips tool (noise, so that it is photo-sized)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["vips", "gaussnoise", folder + "/n.v", "4000", "3000", "--sigma", "40", "--mean", "128"], check=True)
        subprocess.run(["vips", "cast", folder + "/n.v", folder + "/p.jpg[Q=90]", "uchar"], check=True)
        with open(folder + "/p.jpg", "rb") as f:
            return f.read()


def images(name):
    """The image file a case's page shows: (file name, bytes), or None."""
    if "PNG bomb" in name:
        return "bomb.png", png(50_000, 50_000, 16)
    if "2^31-1" in name:
        return "wide.png", png(2**31 - 1, 1, 0)
    if "PNG of zeros" in name:
        return "zeros.png", png(10_000, 10_000, 10_000)
    if "truncated" in name:
        data = photo()
        return "cut.jpg", data[: len(data) // 2]
    if "named .png" in name:
        return "liar.png", photo()
    if "random bytes" in name:
        return "noise.jpg", b"\xff\xd8\xff" + os.urandom(200_000)
    return None


def front_matter(name):
    if name.startswith("YAML: billion"):
        lines = ["title: Laughs", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
        lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 10)]
        return "\n".join(lines)
    if name.startswith("YAML: 10,000"):
        return "title: Deep\nx: " + r("[", 10_000) + r("]", 10_000)
    return "title: Page"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sacrum", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--only", default="", help="run only the cases whose name contains this")
    args = parser.parse_args()
    sacrum = os.path.abspath(args.sacrum)
    print(f"{'case':48} {'wall':>8} {'peak RSS':>10}  exit")
    worst_time = worst_rss = 0.0
    for index, (name, body) in enumerate(CASES):
        if args.only not in name:
            continue
        site = os.path.join(args.work, f"case-{index:02d}")
        shutil.rmtree(site, ignore_errors=True)
        os.makedirs(os.path.join(site, "content"))
        os.makedirs(os.path.join(site, "themes", "plain", "templates"))
        with open(os.path.join(site, "site.yaml"), "w") as f:
            f.write(SITE_YAML)
        for template in ("page", "list", "404"):
            with open(os.path.join(site, "themes", "plain", "templates", template + ".mustache"), "w") as f:
                f.write(PAGE_TEMPLATE)
        os.makedirs(os.path.join(site, "themes", "plain", "templates", "shortcodes"))
        for shortcode, text in SHORTCODES.items():
            with open(os.path.join(site, "themes", "plain", "templates", "shortcodes", shortcode + ".mustache"), "w") as f:
                f.write(text)
        with open(os.path.join(site, "content", "page.md"), "w") as f:
            f.write("---\n" + front_matter(name) + "\n---\n" + (body() if body else "Body.\n"))
        image = images(name)
        if image:
            with open(os.path.join(site, "content", image[0]), "wb") as f:
                f.write(image[1])
        measure = os.path.join(args.work, "time.txt")
        # An image case is a build (check does not process images); a crash is a negative or >128 exit.
        command = [sacrum, "build", "--source", site, "--output", os.path.join(site, "out")] if image else [sacrum, "check", "--source", site]
        process = subprocess.run(
            ["/usr/bin/time", "-f", "%e %M", "-o", measure] + command,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        with open(measure) as f:
            wall_text, rss_text = f.read().split()[-2:]
        wall, peak = float(wall_text), int(rss_text) / 1024
        print(f"{name:48} {wall:7.2f}s {peak:7.0f} MB  {process.returncode}")
        worst_time = max(worst_time, wall)
        worst_rss = max(worst_rss, peak)
        shutil.rmtree(site, ignore_errors=True)
    print(f"worst: {worst_time:.2f} s, {worst_rss:.0f} MB peak")
    return 0


if __name__ == "__main__":
    sys.exit(main())
