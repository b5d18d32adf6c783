# Sacrum: set-up, build, test and benchmarks. `make build` and `make test` work on a fresh Debian
# machine: they install what is missing first (as root, or through sudo).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends
BENCH_DIR ?= /tmp/sacrum-bench

.PHONY: build test hostile setup leak-check bench bench-publish bench-instructions bench-markdown bench-serve bench-hostile bench-images bench-languages clean

## Build the practice site into output/ with a release build of sacrum.
build: setup
	$(SWIFT) build -c release --product sacrum
	"$$($(SWIFT) build -c release --show-bin-path)/sacrum" build

## Run the whole test suite: unit, golden-site and CLI tests, the leak check, the end-to-end
## checks of the practice site in a browser, and the CI examples of docs/ci/ run as scripts.
test: setup
	$(SWIFT) build --build-tests
	@# The preview server's tests talk to a live server over sockets with time limits; they run on
	@# their own, after the others, so that CPU-heavy suites (pathological inputs) cannot starve them.
	$(SWIFT) test --skip-build --disable-xctest --skip SacrumServerTests
	$(SWIFT) test --skip-build --disable-xctest --filter SacrumServerTests
	$(MAKE) --no-print-directory leak-check LEAK_BUILD=debug
	$(MAKE) --no-print-directory e2e
	$(MAKE) --no-print-directory ci-examples
	$(MAKE) --no-print-directory hostile

## The hostile-input and fault checks that need the real binary: a short fuzzing pass over each
## libFuzzer target, SIGKILL, full-disk, read-only and concurrent builds, and the preview server
## under load (the parts live in Fuzz/fuzz.mk, Tests/faults/faults.mk and Tests/load/load.mk).
hostile: fuzz-smoke faults load

## Install the system packages Sacrum builds against, if they are missing: cmark, zlib, Brotli and
## OpenSSL's libcrypto (SHA-256), libvips (the image engine) with its command-line tools, and exiftool (the independent metadata reader the image tests use).
setup:
	@if ! pkg-config --exists libcmark zlib libbrotlienc libbrotlidec libcrypto 2>/dev/null; then \
		echo "Installing libcmark-dev, zlib1g-dev, libbrotli-dev, libssl-dev and pkg-config"; \
		$(SUDO) apt-get update -qq; \
		$(APT_INSTALL) libcmark-dev zlib1g-dev libbrotli-dev libssl-dev pkg-config; \
	fi
	@if ! pkg-config --exists vips 2>/dev/null || ! command -v vips >/dev/null || ! command -v exiftool >/dev/null; then \
		echo "Installing libvips-dev, libvips-tools and libimage-exiftool-perl"; \
		$(SUDO) apt-get update -qq; \
		$(APT_INSTALL) libvips-dev libvips-tools libimage-exiftool-perl pkg-config; \
	fi

# Installs the Debian packages named in $(1) unless the commands in $(2) all exist.
define need
	@for c in $(2); do command -v $$c >/dev/null || { $(SUDO) apt-get update -qq && $(APT_INSTALL) $(1) && break; }; done
endef

LEAK_BUILD ?= release
## Render a few thousand hostile generated documents under valgrind: zero leaks, zero memory errors,
## with cmark on malloc/free (so a missing free shows) and on the arena allocator.
leak-check: setup
	$(call need,valgrind binutils,valgrind strip)
	$(SWIFT) build -c $(LEAK_BUILD) --product sacrum-bench
	@mkdir -p .build/leak-check
	@# valgrind 3.19 cannot read the DWARF 5 that Swift 6.3 emits; it checks a stripped copy.
	strip -o .build/leak-check/sacrum-bench "$$($(SWIFT) build -c $(LEAK_BUILD) --show-bin-path)/sacrum-bench"
	valgrind --quiet --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		.build/leak-check/sacrum-bench stress --documents 3000
	valgrind --quiet --leak-check=full --show-possibly-lost=no --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
		.build/leak-check/sacrum-bench stress --documents 3000 --arena
	@echo "leak-check: no leaks and no memory errors"

## Markdown throughput of SacrumMarkdown on one core next to the cmark command-line tool.
bench-markdown: setup
	$(call need,cmark,cmark)
	$(SWIFT) build -c release --product sacrum-bench
	python3 Benchmarks/bench-markdown.py --sacrum-bench "$$($(SWIFT) build -c release --show-bin-path)/sacrum-bench" \
		--work $(BENCH_DIR)/markdown --pages 3000

BENCH_SIZES ?= 1000 10000 50000
BENCH_OUT ?= $(shell [ -d /dev/shm ] && echo /dev/shm/sacrum-bench-out || echo $(BENCH_DIR)/out)
## Full builds of generated corpora (BENCH_SIZES) with sacrum, Hugo (Debian's, installed if missing)
## and the cmark CLI as the parsing floor, median of 5 alternating runs; then the instruction count.
bench: setup
	$(call need,hugo cmark time,hugo cmark /usr/bin/time)
	$(SWIFT) build -c release --product sacrum
	python3 Benchmarks/bench.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum" \
		--work $(BENCH_DIR) --out $(BENCH_OUT) --sizes $(BENCH_SIZES)
	$(MAKE) --no-print-directory bench-instructions

## What the host-ready output (publish: in site.yaml) costs: release builds of the BENCH_PAGES corpus
## with it off, gzip only, and gzip + Brotli at quality 9, 10 and 11; wall and CPU time, twin bytes.
bench-publish: setup
	$(SWIFT) build -c release --product sacrum
	python3 Benchmarks/bench-publish.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum" \
		--work $(BENCH_DIR) --out $(BENCH_OUT) --pages $(BENCH_PAGES)

## What a second language costs: release builds of a BENCH_LANG_PAGES corpus, of it with a quarter more
## English pages, and of it with that quarter translated into Spanish (name.es.md); median wall and CPU time.
BENCH_LANG_PAGES ?= 1000
bench-languages: setup
	$(SWIFT) build -c release --product sacrum
	python3 Benchmarks/bench-languages.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum" \
		--work $(BENCH_OUT)/languages --pages $(BENCH_LANG_PAGES)

## Instructions executed by a release build of a 1,000-page corpus under callgrind, compared with
## Benchmarks/instructions.txt: more than 20% above it fails. RECORD=1 writes the new count.
bench-instructions: setup
	$(call need,valgrind binutils,valgrind strip)
	$(SWIFT) build -c release --product sacrum-bench
	python3 Benchmarks/instructions.py --sacrum-bench "$$($(SWIFT) build -c release --show-bin-path)/sacrum-bench" \
		--work $(BENCH_DIR) --record-file Benchmarks/instructions.txt $(if $(RECORD),--record,)

## Time and peak memory of `sacrum check` on oversized and pathological pages (a 20 MB page, a 5 MB
## line, 10,000-deep nesting, cmark's pathological patterns, YAML bombs): the README's bounds.
bench-hostile: setup
	$(call need,time,/usr/bin/time)
	$(SWIFT) build -c release --product sacrum
	python3 Benchmarks/hostile-sizes.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum" \
		--work $(BENCH_DIR)/hostile

## Preview latency: from a file write to the reload event of `sacrum serve`, for the practice site and a
## generated corpus (BENCH_PAGES, default 10000), after a page-body, template and CSS edit; next to
## `hugo server` on the same corpus (installs Debian's hugo if missing).
BENCH_PAGES ?= 10000
bench-serve: setup
	$(call need,hugo,hugo)
	$(SWIFT) build -c release --product sacrum
	python3 Benchmarks/bench-serve.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum" \
		--work $(BENCH_DIR)/serve --pages $(BENCH_PAGES)

## Images: 50 generated 4000x3000 JPEGs with EXIF/GPS, widths 480/960/1600 in WebP and JPEG, Sacrum next
## to Hugo (Debian's, installed if missing) in the same run: time, peak memory, the warm-cache rebuild's
## image phase, and metadata fields left in the published files (exiftool).
BENCH_IMAGES ?= 50
bench-images: setup
	$(call need,hugo time,hugo /usr/bin/time)
	$(SWIFT) build -c release --product sacrum
	python3 Benchmarks/bench-images.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum" \
		--work $(BENCH_DIR)/images --images $(BENCH_IMAGES)

clean:
	rm -rf .build output

# The end-to-end checks of the built site in a real browser (`make e2e`) live beside their script.
-include Tests/e2e/e2e.mk
-include Fuzz/fuzz.mk
-include Tests/faults/faults.mk
-include Tests/load/load.mk
-include Tests/ci/ci.mk
