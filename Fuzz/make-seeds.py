#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into Fuzz/corpus/<target>/.

Run from the repository root: python3 Fuzz/make-seeds.py. It reads the practice site (content/,
site.yaml) and the default theme, and adds hand-made hostile inputs. Files it does not write (crash
inputs kept as regression seeds, named crash-*) are left alone; its own files are rewritten.
"""
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "Fuzz" / "corpus"

# The template target's names, in the order the harness gives them to NUL-separated parts.
TEMPLATE_NAMES = [
    "page", "base", "partials/header", "partials/site/footer", "partials/breadcrumbs", "partials/review",
    "partials/toc", "partials/page-list", "partials/site/hours", "partials/site/cta", "list", "home", "treatment",
    "condition", "story", "provider", "contact", "article", "404", "list-story",
]


def write(target, name, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(data)


def clean(target):
    folder = CORPUS / target
    if folder.exists():
        for path in folder.iterdir():
            if not path.name.startswith("crash-"):
                path.unlink()


def pages():
    return sorted((ROOT / "content").rglob("*.md"))


def seed_name(path):
    return str(path.relative_to(ROOT)).replace("/", "_")


# ---------------------------------------------------------------------------------------------------
# Front matter

def front_matter():
    t = "front-matter"
    clean(t)
    for path in pages():
        write(t, seed_name(path), path.read_bytes())
    write(t, "site.yaml", (ROOT / "site.yaml").read_bytes())
    fm = lambda yaml, body="Body.\n": "---\n" + yaml + "---\n" + body
    hostile = {
        "billion-laughs": fm("a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                             "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                             "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"),
        "alias-cycle": fm("a: &a\n  b: *a\n"),
        "alias-undefined": fm("title: *nothing\n"),
        "merge-key": fm("base: &b {title: x}\npage:\n  <<: *b\n  weight: 1\n"),
        "deep-flow": fm("params: " + "[" * 200 + "]" * 200 + "\n"),
        "deep-flow-mapping": fm("params: " + "{a: " * 100 + "1" + "}" * 100 + "\n"),
        "deep-block": fm("".join(" " * i + "k%d:\n" % i for i in range(120)) + " " * 120 + "v: 1\n"),
        "deep-sequence": fm("tags:\n" + "".join("  " * i + "- \n" for i in range(100))),
        "deep-flow-quoted": fm("params: [a 'b\n" + "[" * 300 + "\n"),
        "duplicate-key": fm("title: One\ntitle: Two\n"),
        "synonyms": fm("updated: 2026-01-01\nlastmod: 2026-01-02\npublish_date: 2026-01-01\npublishDate: 2026-01-02\n"),
        "tags-python": fm("title: !!python/object:os.system [ls]\n"),
        "tag-custom": fm("title: !custom x\nweight: !!int 3\ndraft: !!bool yes\n"),
        "toml": "+++\ntitle = \"x\"\n+++\nBody\n",
        "unclosed": "---\ntitle: x\nbody without end\n",
        "dots-fence": "---\ntitle: x\n...\nBody\n",
        "empty-front-matter": "---\n---\n",
        "only-fence": "---",
        "fence-spaces": "---  \t\ntitle: x\n---   \nBody",
        "not-a-fence": "---title\n---\n",
        "crlf": "---\r\ntitle: Windows\r\ndate: 2026-01-01\r\n---\r\nBody\r\n",
        "cr-only": "---\rtitle: Mac\r---\rBody\r",
        "bom-utf8": b"\xef\xbb\xbf---\ntitle: BOM\n---\nBody\n",
        "utf16le": b"\xff\xfe" + "---\ntitle: UTF-16\n---\nBody\n".encode("utf-16-le"),
        "utf16be": b"\xfe\xff" + "---\ntitle: UTF-16\n---\nBody\n".encode("utf-16-be"),
        "utf16-odd": b"\xff\xfe-\x00-",
        "utf16-lone-surrogate": b"\xff\xfe\x00\xd8a\x00",
        "latin1": "---\ntitle: Caf\xe9\n---\n".encode("latin-1"),
        "nul": b"---\ntitle: a\x00b\n---\n",
        "tabs": fm("title:\tx\n\tweight: 3\n"),
        "dates": fm("date: 2026-02-29\nupdated: 2026-13-01T25:61:61+14:00\npublishDate: 0000-00-00\n"
                    "expiryDate: 9999-12-31T23:59:59Z\nlast_reviewed: 2026-1-1\n"),
        "dates-times": fm("date: 2026-03-01T10:30:00.123456789-05:30\nupdated: '2026-03-01 10:30'\n"
                          "publishDate: 2026-03-01t10:30:00z\nexpiryDate: 1970-01-01T00:00:00+00:00\n"),
        "types": fm("title: [a, b]\ndraft: maybe\nweight: 1e100\nslug: ''\nurl: 12\naliases: x\nkind: elephant\n"
                    "procedure_type: magic\ntags: {a: b}\nconditions: 3\nrelated: [[x]]\n"),
        "weights": fm("weight: 99999999999999999999999\n"),
        "authorization": fm("authorization:\n  id: ''\n  signed: yesterday\n  expires: 2020-01-01\n  extra: 1\n"),
        "ignore-checks": fm("ignore_checks:\n  - id: a11y.alt-missing\n  - reason: x\n  - id: x\n    reason: y\n    more: z\n  - 3\n"),
        "params": fm("hero:\n  image: /x.png\n  alt: \"<script>\"\nlist: [1, 2.5, true, null, ~, 'x']\n"),
        "long-line": fm("title: " + "x" * 20000 + "\n"),
        "many-keys": fm("".join("k%d: %d\n" % (i, i) for i in range(500))),
        "block-scalars": fm("description: |\n  line one\n  line two\nsummary: >-\n  folded\n  text\n"),
        "anchors-keys": fm("? [a, b]\n: c\n"),
        "directive": "---\n%YAML 1.2\n---\ntitle: x\n---\n",
        "documents": fm("title: x\n---\ntitle: y\n"),
        "site-weird": "title: x\nbase_url: 'ftp://x'\npractice:\n  hours:\n    monday: ['25:00-26:00', '12:00-11:00', 'x']\n    funday: closed\n",
        "site-empty": "",
        "site-scalar": "just text\n",
    }
    for name, data in hostile.items():
        write(t, name, data)


# ---------------------------------------------------------------------------------------------------
# Markdown (the first byte holds the option flags, see FuzzMarkdown.swift)

SAFE_DEFAULT = 0x0E   # smart punctuation, heading ids, image hints
UNSAFE_DEFAULT = 0x0F
WITH_SITE = 0x4E      # safe defaults, links resolved against the fixture site
DIFFERENTIAL = 0x8E   # safe defaults, arena and malloc renderings compared
SYSTEM_SOURCEPOS = 0x3E


def body_of(text):
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5:]
    return text


def markdown():
    t = "markdown"
    clean(t)
    for index, path in enumerate(pages()):
        body = body_of(path.read_text(encoding="utf-8"))
        flags = [SAFE_DEFAULT, WITH_SITE, UNSAFE_DEFAULT, DIFFERENTIAL, SYSTEM_SOURCEPOS][index % 5]
        write(t, seed_name(path), bytes([flags]) + body.encode())
    hostile = {
        "brackets": "[" * 5000,
        "brackets-close": "[a]" * 2000 + "(" * 1000,
        "images-open": "![" * 3000,
        "stars": "*" * 5000,
        "stars-words": "*a " * 3000,
        "underscores": "_a_ " * 1000 + "_" * 3000,
        "emphasis-nested": "*a **b " * 1500,
        "quotes": ">" * 1000 + " deep",
        "quotes-lines": "".join(">" * i + " x\n" for i in range(150)),
        "lists": "".join("  " * i + "- x\n" for i in range(120)),
        "ordered": "".join("   " * i + "1. x\n" for i in range(90)),
        "backticks": "`" * 3000 + "a" + "``" * 1000,
        "angle": "<" * 5000,
        "autolinks": "<a:" * 2000,
        "html-open": "<a " * 2000,
        "entities": "&#" * 2000 + "&#x" * 1000 + "&amp" * 1000,
        "link-defs": "".join("[r%d]: /u%d \"t\"\n" % (i, i) for i in range(500)) + "".join("[r%d] " % i for i in range(500)),
        "link-nested": "[a](" * 1000 + ")" * 1000,
        "link-title": "[a](b \"" + "\\\"" * 2000 + "\")",
        "headings-same": "# Recovery\n" * 2000,
        "headings-section": "#\n" * 2000,
        "headings-explicit": "".join("## H {#id}\n## H {#id-%d}\n" % i for i in range(300)),
        "headings-numbers": "# a\n# a 1\n# a-1\n# A\n# a {#a-2}\n" * 100,
        "heading-id-edge": "# {#}\n# {#a\n# a {#a b}\n# x{#y}\n# `c` {#z}\n# [l](u) {#w}\n# ![i](p) {#v}\n#   {#only}\n",
        "heading-trailing": "## Title *em* text {#x}\n## Title `code` {#y}\n## Title\\{#z}\n## {#a} {#b}\n",
        "setext": "a\n" + "=" * 3000 + "\nb\n" + "-" * 3000,
        "dangerous": "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [c](\tjava\nscript:x) [d](vbscript:x) "
                     "[e](file:///etc/passwd) [f](data:text/html,x) ![g](data:image/png;base64,AA) "
                     "![h](data:image/svg+xml,<svg>) <javascript:alert(1)> [i]( javascript:x)",
        "images": "![](a.png) ![ ](b.png) ![alt](c.png \"t\") ![![inner](i.png)](o.png) [![img](l.png)](/x/)",
        "raw-html": "<script>alert(1)</script>\n\n<div onclick=x>\n\n*a*\n</div>\n<!-- c -->\n<?php ?>\n<![CDATA[x]]>",
        "code-fences": "```\n" * 1000,
        "gfm-tildes": "~" * 5000 + " ~~a~~ ~b~ \\~~c~~ &#126;~d~ ~~~e~~~ ~~f~ *~~g*~~ [~~h~~](/u)\n",
        "gfm-tilde-runs": "~~a " * 1000 + "b" + " a~~" * 1000,
        "gfm-www": "www." * 2000 + " (www." * 1000 + " _www.a_" * 500,
        "gfm-parens": "www.a.org/" + "(" * 3000 + " https://a.org/" + ")" * 3000 + " http://x.org/&a;" * 300,
        "gfm-email": "a@" * 2000 + " a.b@c " * 500 + " x+y@mail.example. a@b.c- a@b_ (_A_@_.A",
        "gfm-autolink-edges": "\"http://a.org\" 'www.a.org' *www.a.org* `www.a.org` [www.a.org](/x) ![www.a.org](i.png) "
                              "http://🍄.ga/ www.a.org/he<lp ftp://x.y. HTTP://A.ORG mailto:a@b.org xhttp://a.org",
        "gfm-tasks": "- [ ] a\n- [x] b\n- [X] c\n- [x]d\n- \\[x] e\n- [ ]\n  f\n1. [x] g\n> - [ ] h\n" + "- [ ] " * 500 + "i\n",
        "tabs": "\t" * 2000 + "x\n" + "-\t" * 1000,
        "nul-cr": "a\x00b\rc\r\nd\x00\r\r\n# h\x00\n",
        "unicode": "# Ünïcödé ÄÖÜ ß ﬁ Ⅻ ١٢٣ 𝔘 😀\n## Ｆｕｌｌ ｗｉｄｔｈ\n## İstanbul\n## ǅemal\n",
        "smart": "\"a\" 'b' -- --- ... \"'\"'\"'" * 500,
        "site-links": "[a](../conditions/back-pain.md) [b](/treatments/) [c](#risks) [d](../nope.md) [e](back-pain.md#x) "
                      "[f](../images/si-joint.svg) [g](%zz) [h](a\\b) [i](//host/x) [j](/contact/#request-an-appointment) "
                      "[k](../../../../etc/passwd) [l](?q=1) [m](/files/consent.pdf) [n](/_index.md) [o](../treatments/_index.md#x)",
        "gfm-table": "Intro\n| a | *b* | c |\n| :-- | :-: | --: |\n| [x](../x.md) \\| y | `c \\| d` |\n| short |\n| 1 | 2 | 3 | 4 |\n"
                     "> | q |\n> | - |\n\n- | l |\n  | - |\n  | m |\n",
        "gfm-table-wide": "|" + " a |" * 2000 + "\n|" + "-|" * 2000 + "\n" + "| x |\n" * 200,
        "gfm-table-pipes": "| a |\n| - |\n" + "|" * 5000 + "\n" + "\\|" * 3000 + "\n:-\n-:\n",
        "gfm-footnotes": "A[^1] B[^n] C[^1] D[^missing] E[^N]\n\n[^1]: One [l](../y.md).\n\n    | t |\n    | - |\n"
                         "[^n]: Nested[^2]\n[^2]: https://x.example\n[^1]: Again.\n[^unused]: Never.\n```\n[^3]: code\n```\n",
        "gfm-footnotes-many": "".join("T[^%d] " % i for i in range(600)) + "\n\n" + "".join("[^%d]: N[^%d]\n" % (i, i + 1) for i in range(600)),
        "gfm-alerts": "> [!NOTE]\n> a\n\n> [!tip]\n\n> [!IMPORTANT]\n> > [!WARNING]\n> > [!CAUTION]\n\n> [!NOPE]\n> x\n\n> [!NOTE] same line\n",
        "gfm-alerts-deep": "".join("> " * i + "> [!NOTE]\n" for i in range(100)),
    }
    for index, (name, text) in enumerate(hostile.items()):
        flags = [SAFE_DEFAULT, UNSAFE_DEFAULT, WITH_SITE, DIFFERENTIAL][index % 4]
        data = text.encode("utf-8")
        write(t, name, bytes([flags]) + data)
    write(t, "site-links-with-site", bytes([WITH_SITE]) + hostile["site-links"].encode())
    write(t, "dangerous-unsafe", bytes([UNSAFE_DEFAULT]) + hostile["dangerous"].encode())
    write(t, "raw-html-safe", bytes([SAFE_DEFAULT]) + hostile["raw-html"].encode())


# ---------------------------------------------------------------------------------------------------
# Templates (NUL-separated, in TEMPLATE_NAMES order)

def templates():
    t = "template"
    clean(t)
    folder = ROOT / "themes" / "default" / "templates"
    theme = {}
    for path in sorted(folder.rglob("*.mustache")):
        name = str(path.relative_to(folder))[: -len(".mustache")]
        theme[name] = path.read_text(encoding="utf-8")
        write(t, "default_" + name.replace("/", "_"), path.read_bytes())

    def joined(selection):
        last = max(TEMPLATE_NAMES.index(n) for n in selection)
        return "\x00".join(selection.get(n, "") for n in TEMPLATE_NAMES[: last + 1])

    write(t, "theme-default-all", joined(theme))
    write(t, "theme-default-page", joined({n: theme[n] for n in ["page", "base", "partials/header", "partials/site/footer",
                                                                 "partials/breadcrumbs", "partials/review"]}))
    write(t, "theme-default-list", joined({n: theme[n] for n in theme if n in TEMPLATE_NAMES and n != "page"}))
    hostile = {
        "escaping": "{{page.title}}|{{site.title}}|{{page.description}}|{{site.practice.address.street}}|{{page.content}}",
        "raw": "{{{page.title}}}{{&site.title}}{{{jsonLD}}}{{{page.content}}}",
        "sections": "{{#page.toc}}<a href=\"#{{id}}\">{{text}}</a>{{#isSub}}sub{{/isSub}}{{/page.toc}}"
                    "{{^page.hasToc}}none{{/page.hasToc}}{{#page.children}}{{title}}{{url}}{{summary}}{{/page.children}}",
        "nested-sections": "{{#a}}" * 200 + "x" + "{{/a}}" * 200,
        "unclosed": "{{#page}}{{#site}}{{/page}}",
        "unfinished": "{{page.title",
        "delimiters": "{{=<% %>=}}<% page.title %><%={{ }}=%>{{page.title}}",
        "bad-delimiters": "{{= =}}{{=a=}}{{=<% %>}}",
        "pragma": "{{%CONTENT_TYPE: TEXT}}{{page.title}}",
        "pragma-bad": "{{%CONTENT_TYPE}}{{%NOPE: X}}",
        "transforms": "{{uppercase(page.title)}}{{lowercase(site.title)}}{{reversed(page.children)}}{{first(page.tags)}}"
                      "{{count(page.toc)}}{{empty(page.related)}}{{a(b(c(d)))}}{{#first(page.breadcrumbs)}}{{title}}{{/first(page.breadcrumbs)}}",
        "inheritance": "{{<base}}{{$main}}main{{/main}}{{$title}}t{{/title}}{{/base}}\x00<html>{{$title}}d{{/title}}{{$main}}{{/main}}</html>",
        "inheritance-text": "{{<base}}text{{/base}}\x00b",
        "partials-missing": "{{>nope}}{{<nope2}}{{/nope2}}{{>*page.kind}}",
        "site-partial-page": "\x00\x00\x00{{page.title}}{{menu}}",
        "comments": "{{! comment }}{{!\nmulti\nline}}",
        "params": "{{#page.params.faq}}{{question}}={{answer}}{{/page.params.faq}}{{page.params.nested.deeper.deepest}}",
        "menus": "{{#menu}}<a href=\"{{url}}\"{{#isCurrent}} aria-current=\"page\"{{/isCurrent}}>{{title}}</a>{{/menu}}"
                 "{{#footerMenu}}{{title}}{{/footerMenu}}{{#site.practice.hoursByDays}}{{.}}{{/site.practice.hoursByDays}}",
        "dates": "{{page.date.iso}} {{page.updated.display}} {{page.lastModified.year}} {{#page.review}}{{name}}{{date.iso}}{{/page.review}}",
        "dot": "{{.}}{{#.}}{{.}}{{/.}}{{..}}{{a..b}}",
        "whitespace": "  {{#a}}  \n  {{/a}}  \n\t{{> partials/header }}\t\n\x0b{{x}}\x0c",
        "vt-error": "a\x0b\x0b\x0b{{#b}}\n\x0c{{/c}}",
        "dynamic": "{{>*page.layout}}{{<*page.kind}}{{/*page.kind}}",
        "blocks-outside": "{{$block}}default{{/block}}",
    }
    for name, text in hostile.items():
        write(t, name, text)


def images():
    """Small images of every format Sacrum reads, made with the vips tool, and hostile ones."""
    import struct
    import subprocess
    import tempfile
    import zlib
    t = "image"
    clean(t)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["vips", "xyz", folder + "/xy.v", "24", "16"], check=True)
        subprocess.run(["vips", "bandjoin", folder + "/xy.v " + folder + "/xy.v", folder + "/xyxy.v"], check=True)
        subprocess.run(["vips", "extract_band", folder + "/xyxy.v", folder + "/rgb.v", "0", "--n", "3"], check=True)
        subprocess.run(["vips", "cast", folder + "/rgb.v", folder + "/rgb8.v", "uchar"], check=True)
        for name in ["small.jpg", "small.png", "small.webp", "small.gif"]:
            subprocess.run(["vips", "copy", folder + "/rgb8.v", folder + "/" + name], check=True)
            write(t, "seed-" + name.replace(".", "-"), open(folder + "/" + name, "rb").read())
        jpeg = open(folder + "/small.jpg", "rb").read()
    write(t, "truncated-jpeg", jpeg[: len(jpeg) // 2])

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    def png(width, height, rows):
        data = zlib.compress(b"\0" * ((width + 1) * rows), 9)
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
                + chunk(b"IDAT", data) + chunk(b"IEND", b""))
    write(t, "bomb-png", png(50_000, 50_000, 2))
    write(t, "png-4x4", png(4, 4, 4))
    frame = bytes([0x21, 0xF9, 4, 0, 10, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0])
    write(t, "animated-gif", b"GIF89a" + bytes([1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF]) + frame + frame + b"\x3b")


if __name__ == "__main__":
    front_matter()
    markdown()
    templates()
    images()
    for target in ["front-matter", "markdown", "template", "image"]:
        print(target, len(list((CORPUS / target).iterdir())), "seeds")
