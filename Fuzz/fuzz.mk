# libFuzzer fuzzing of front matter, Markdown (with Sacrum's transforms), templates and image files
# (headers, decoding; SacrumImages through libvips); included by
# the Makefile. See Fuzz/README.md.
#
#   make fuzz                        each target for FUZZ_SECONDS (600), one after the other
#   make fuzz-smoke                  each target for FUZZ_SMOKE_SECONDS (20): the pass `make test` runs
#   make fuzz FUZZ_TARGETS=markdown  one target only
#   make fuzz-build                  only build the targets (into .build-fuzz/release/fuzz-<target>)
#
# The targets are built in release mode with `-sanitize=fuzzer,address` (libFuzzer and AddressSanitizer
# ship with the Swift toolchain) in their own scratch folder, .build-fuzz. Each run starts from the
# committed seeds in Fuzz/corpus/<target> and keeps what it finds in .build-fuzz/corpus/<target>; an
# input that crashes, leaks, runs past FUZZ_TIMEOUT seconds or uses more than FUZZ_RSS_MB is written to
# .build-fuzz/artifacts/<target>/ and makes the target fail (after the other targets have run).

FUZZ_TARGETS ?= front-matter markdown template image
FUZZ_SECONDS ?= 600
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB ?= 4096
FUZZ_MAX_LEN ?= 16384
# Extra libFuzzer flags, e.g. FUZZ_FLAGS='-jobs=2 -workers=2' or FUZZ_FLAGS=-only_ascii=1.
FUZZ_FLAGS ?=
FUZZ_NICE ?= nice -n 10
FUZZ_SCRATCH := .build-fuzz
# `--sanitize=fuzzer` makes SwiftPM link libFuzzer's `main` instead of looking for a Swift one, and
# instruments the C targets (libyaml); `-Xcc -fsanitize=address` adds ASan to them. The Swift targets
# get `-sanitize=fuzzer,address` as one flag: swiftc keeps only the last `-sanitize=` it is given, so
# `--sanitize=fuzzer --sanitize=address` would leave Swift code either without coverage or without
# ASan, depending on the order SwiftPM happens to pass them in.
FUZZ_SWIFT_BUILD = $(SWIFT) build --package-path Fuzz --scratch-path $(FUZZ_SCRATCH) -c release \
	--sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=address
# The Swift runtime's own crash backtracer would run inside AddressSanitizer's signal handler and trip
# it; libFuzzer prints the stack itself.
FUZZ_ENV = SWIFT_BACKTRACE=enable=no LSAN_OPTIONS=suppressions=$(CURDIR)/Fuzz/lsan.supp:print_suppressions=0 \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:symbolize=1

.PHONY: fuzz fuzz-smoke fuzz-build

## Fuzz front matter, Markdown and templates with libFuzzer + AddressSanitizer, FUZZ_SECONDS (600)
## each; fails on any crash, leak or timeout (inputs in .build-fuzz/artifacts/).
fuzz: FUZZ_TIME = $(FUZZ_SECONDS)
## The same for FUZZ_SMOKE_SECONDS (20) per target, after replaying every committed seed.
fuzz-smoke: FUZZ_TIME = $(FUZZ_SMOKE_SECONDS)
fuzz fuzz-smoke: fuzz-build
	@set -o pipefail; failed=""; \
	for target in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_SCRATCH)/corpus/$$target $(FUZZ_SCRATCH)/artifacts/$$target; \
		echo "fuzz: $$target for $(FUZZ_TIME) s (corpus $(FUZZ_SCRATCH)/corpus/$$target, seeds Fuzz/corpus/$$target)"; \
		if ! env $(FUZZ_ENV) $(FUZZ_NICE) $(FUZZ_SCRATCH)/release/fuzz-$$target \
			-max_total_time=$(FUZZ_TIME) -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=$(FUZZ_RSS_MB) \
			-malloc_limit_mb=$(FUZZ_RSS_MB) -max_len=$(FUZZ_MAX_LEN) -dict=Fuzz/dict/$$target.dict \
			-artifact_prefix=$(FUZZ_SCRATCH)/artifacts/$$target/ -print_final_stats=1 $(FUZZ_FLAGS) \
			$(FUZZ_SCRATCH)/corpus/$$target Fuzz/corpus/$$target 2>&1 \
			| tee $(FUZZ_SCRATCH)/artifacts/$$target/last-run.log | { grep -v -E '^#[0-9]+.*(NEW|REDUCE|pulse) ' || true; }; then \
			echo "fuzz: $$target FAILED; the input is in $(FUZZ_SCRATCH)/artifacts/$$target/, the log in $(FUZZ_SCRATCH)/artifacts/$$target/last-run.log"; \
			failed="$$failed $$target"; \
		fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzz: failures in:$$failed (see Fuzz/README.md to turn one into a regression test)"; exit 1; fi; \
	echo "fuzz: no crash, leak or timeout in $(FUZZ_TARGETS)"

## Build the fuzz targets (release, -sanitize=fuzzer,address) into .build-fuzz/release/.
fuzz-build: setup
	$(FUZZ_SWIFT_BUILD)
