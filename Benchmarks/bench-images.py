#!/usr/bin/env python3
"""Image benchmark: Sacrum and Hugo resizing the same phone-sized photos in the same run.

    bench-images.py --sacrum PATH --work DIR [--images 50] [--runs 3]

Generates IMAGES 4000x3000 JPEGs (noise over gradients, so they compress like photos, about 3-5 MB)
with EXIF (camera make, serial number, GPS) written by exiftool, one page per photo. Both generators
make widths 480, 960 and 1600 in WebP and JPEG at quality 75: Sacrum from theme.yaml's `images:`,
Hugo from `.Resize "480x webp q75"` etc. in a generated template. Sacrum additionally writes the
metadata-free full-size copy that replaces the original (Hugo publishes no original here).

Each run starts from an empty cache (Sacrum: SACRUM_CACHE_DIR; Hugo: resources/_gen and its
cacheDir) and a fresh output folder, runs alternate, median of RUNS. Then a second Sacrum build with
the cache warm, whose `images` phase (--timings) is the image work of an unchanged rebuild. Peak
memory is GNU time's maximum resident set size. Finally exiftool counts metadata fields beyond the
basic groups in every published image.
"""
import argparse
import hashlib
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import time

WIDTHS = [480, 960, 1600]


def run(args, **kwargs):
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **kwargs)


def timed(args, env=None):
    with tempfile.NamedTemporaryFile(mode="r", suffix=".time") as report:
        start = time.perf_counter()
        result = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", report.name] + args, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        wall = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError("%s failed (%d):\n%s" % (" ".join(args), result.returncode, result.stderr[-3000:]))
        peak = int(report.read().strip().splitlines()[-1])
    return wall, peak, result.stdout


def make_photos(work, count):
    folder = os.path.join(work, "photos")
    stamp = os.path.join(folder, ".complete-v2-%d" % count)
    if os.path.exists(stamp):
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    base = os.path.join(folder, "base.v")
    run(["vips", "gaussnoise", os.path.join(folder, "n.v"), "4000", "3000", "--mean", "0", "--sigma", "18"])
    run(["vips", "xyz", os.path.join(folder, "xy.v"), "4000", "3000"])
    run(["vips", "bandjoin", "%s/xy.v %s/xy.v" % (folder, folder), os.path.join(folder, "xyxy.v")])
    run(["vips", "extract_band", os.path.join(folder, "xyxy.v"), os.path.join(folder, "rgb.v"), "0", "--n", "3"])
    run(["vips", "linear", os.path.join(folder, "rgb.v"), os.path.join(folder, "grad.v"), "0.05 0.06 0.04", "40 60 80"])
    run(["vips", "add", os.path.join(folder, "grad.v"), os.path.join(folder, "n.v"), os.path.join(folder, "sum.v")])
    run(["vips", "gaussblur", os.path.join(folder, "sum.v"), base, "0.8"])
    for i in range(count):
        out = os.path.join(folder, "photo-%02d.jpg" % i)
        run(["vips", "linear", base, out + "[Q=92]", "1", str(i), "--uchar"])
    run(["exiftool", "-q", "-overwrite_original", "-Make=PhoneMaker", "-Model=Phone 15", "-SerialNumber=SN-4711",
         "-GPSLatitude=41.8781", "-GPSLatitudeRef=N", "-GPSLongitude=87.6298", "-GPSLongitudeRef=W",
         "-XMP-dc:Creator=Patient Name"] + [os.path.join(folder, "photo-%02d.jpg" % i) for i in range(count)])
    for name in ("n.v", "xy.v", "xyxy.v", "rgb.v", "grad.v", "sum.v", "base.v"):
        os.remove(os.path.join(folder, name))
    open(stamp, "w").close()
    return folder


SITE_YAML = """title: Image Bench
base_url: https://bench.example
theme: bench
practice:
  name: Image Bench
  phone: "(580) 234-7246"
  phone_link: "+15802347246"
  address: {street: 1 Main St, city: Lawton, region: OK, postal_code: "73501", country: US}
  hours:
    monday: ["08:00-17:00"]
stories:
  disclosure: Results vary.
reviewers:
  - name: Dr. Bench, MD
"""


DESCRIPTION = "A generated photo of the office for the image benchmark, one of fifty, with its variants at three widths."
HEAD = ("<!doctype html><html lang=\"en\"><title>{{page.title}}</title>"
        "<link rel=\"canonical\" href=\"{{page.canonical}}\"><meta name=\"description\" content=\"{{page.description}}\">")


def make_sites(work, photos, count):
    sacrum = os.path.join(work, "sacrum-site")
    hugo = os.path.join(work, "hugo-site")
    for folder in (sacrum, hugo):
        shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(os.path.join(sacrum, "content", "images"))
    os.makedirs(os.path.join(sacrum, "themes", "bench", "templates"))
    with open(os.path.join(sacrum, "site.yaml"), "w") as f:
        f.write(SITE_YAML)
    templates = os.path.join(sacrum, "themes", "bench", "templates")
    for name, text in {"page.mustache": HEAD + "<main>{{{page.content}}}</main></html>",
                       "list.mustache": HEAD + "{{#page.children}}<a href=\"{{url}}\">{{title}}</a>{{/page.children}}</html>",
                       "404.mustache": "not found"}.items():
        with open(os.path.join(templates, name), "w") as f:
            f.write(text)
    with open(os.path.join(sacrum, "themes", "bench", "theme.yaml"), "w") as f:
        f.write("images:\n  widths: [%s]\n  formats: [webp]\n  quality: 75\n" % ", ".join(map(str, WIDTHS)))
    with open(os.path.join(sacrum, "content", "_index.md"), "w") as f:
        f.write("---\ntitle: Photos\ndescription: %s\n---\n" % DESCRIPTION)

    os.makedirs(os.path.join(hugo, "layouts", "_default"))
    with open(os.path.join(hugo, "config.toml"), "w") as f:
        f.write('baseURL = "https://bench.example/"\ntitle = "Image Bench"\ndisableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]\n'
                '[imaging]\nquality = 75\nresampleFilter = "lanczos"\n')
    resize = "".join('{{ $w%d := .Resize "%dx webp q75" }}{{ $j%d := .Resize "%dx jpg q75" }}' % (w, w, w, w) for w in WIDTHS)
    links = "".join('<img src="{{ $w%d.RelPermalink }}"><img src="{{ $j%d.RelPermalink }}">' % (w, w) for w in WIDTHS)
    with open(os.path.join(hugo, "layouts", "_default", "single.html"), "w") as f:
        f.write('<!doctype html><title>{{ .Title }}</title>{{ with .Resources.GetMatch "*.jpg" }}%s<picture>%s</picture>{{ end }}{{ .Content }}' % (resize, links))
    with open(os.path.join(hugo, "layouts", "_default", "list.html"), "w") as f:
        f.write("<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}")

    for i in range(count):
        name = "photo-%02d.jpg" % i
        shutil.copy(os.path.join(photos, name), os.path.join(sacrum, "content", "images", name))
        with open(os.path.join(sacrum, "content", "photo-%02d.md" % i), "w") as f:
            f.write("---\ntitle: Photo %d\ndescription: %s\n---\n\n![Photo %d of the office](images/%s)\n" % (i, DESCRIPTION, i, name))
        bundle = os.path.join(hugo, "content", "photo-%02d" % i)
        os.makedirs(bundle)
        shutil.copy(os.path.join(photos, name), os.path.join(bundle, name))
        with open(os.path.join(bundle, "index.md"), "w") as f:
            f.write("---\ntitle: Photo %d\n---\n\nPhoto %d.\n" % (i, i))
    return sacrum, hugo


def leaked_fields(folder):
    """Metadata fields beyond the basic groups in every raster image under `folder`."""
    files = [os.path.join(root, name) for root, _, names in os.walk(folder) for name in names
             if name.lower().endswith((".jpg", ".jpeg", ".png", ".webp", ".avif"))]
    if not files:
        return 0, 0
    result = subprocess.run(["exiftool", "-j", "-G0", "-a", "-u"] + files, check=True, stdout=subprocess.PIPE, text=True)
    allowed = {"SourceFile", "ExifTool", "File", "Composite", "JFIF", "PNG", "RIFF", "QuickTime"}
    leaked = 0
    for record in json.loads(result.stdout):
        for key in record:
            group = key.split(":")[0]
            if group not in allowed or key.endswith(":ExifByteOrder") or key.endswith(":Warning"):
                leaked += 1
    return len(files), leaked


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sacrum", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--images", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    photos = make_photos(args.work, args.images)
    sizes = [os.path.getsize(os.path.join(photos, "photo-%02d.jpg" % i)) for i in range(args.images)]
    digests = {hashlib.sha256(open(os.path.join(photos, "photo-%02d.jpg" % i), "rb").read()).hexdigest() for i in range(args.images)}
    assert len(digests) == args.images, "the generated photos must all differ, or a cache would skip work"
    print("photos: %d x 4000x3000 JPEG, %.1f MB each on average, EXIF/GPS/XMP" % (args.images, statistics.mean(sizes) / 1e6))
    sacrum_site, hugo_site = make_sites(args.work, photos, args.images)
    sacrum_cache = os.path.join(args.work, "sacrum-cache")
    sacrum_out = os.path.join(args.work, "sacrum-out")
    hugo_out = os.path.join(args.work, "hugo-out")
    env = dict(os.environ, SACRUM_CACHE_DIR=sacrum_cache)
    cold = {"sacrum": [], "hugo": []}
    for _ in range(args.runs):
        shutil.rmtree(sacrum_cache, ignore_errors=True)
        shutil.rmtree(sacrum_out, ignore_errors=True)
        cold["sacrum"].append(timed([args.sacrum, "build", "--source", sacrum_site, "--output", sacrum_out, "--quiet"], env=env)[:2])
        for folder in (os.path.join(hugo_site, "resources"), hugo_out, os.path.join(args.work, "hugo-cache")):
            shutil.rmtree(folder, ignore_errors=True)
        cold["hugo"].append(timed(["hugo", "--quiet", "-s", hugo_site, "-d", hugo_out,
                                   "--cacheDir", os.path.join(args.work, "hugo-cache")])[:2])
    shutil.rmtree(sacrum_out, ignore_errors=True)
    warm_wall, warm_peak, output = timed([args.sacrum, "build", "--source", sacrum_site, "--output", sacrum_out, "--timings"], env=env)
    images_ms = float(re.search(r"^\s*images\s+([0-9.]+) ms", output, re.M).group(1))

    def median(name, index):
        return statistics.median(run[index] for run in cold[name])

    s_wall, h_wall = median("sacrum", 0), median("hugo", 0)
    s_peak, h_peak = median("sacrum", 1), median("hugo", 1)
    print("first build (empty caches), median of %d:" % args.runs)
    print("  sacrum  %7.2f s  peak %6.0f MB" % (s_wall, s_peak / 1024))
    print("  hugo    %7.2f s  peak %6.0f MB" % (h_wall, h_peak / 1024))
    print("  ratio   %7.2fx         %6.2fx   (targets: time <= 0.3x, memory <= 0.5x)" % (s_wall / h_wall, s_peak / h_peak))
    print("second sacrum build (warm cache): %.2f s, peak %.0f MB, images phase %.1f ms (target < 50 ms)" % (warm_wall, warm_peak / 1024, images_ms))
    files, leaked = leaked_fields(sacrum_out)
    print("published raster images: %d, metadata fields beyond basic groups: %d (target 0)" % (files, leaked))
    hugo_files, hugo_leaked = leaked_fields(hugo_out)
    print("hugo's published raster images: %d, metadata fields beyond basic groups: %d" % (hugo_files, hugo_leaked))


if __name__ == "__main__":
    main()
