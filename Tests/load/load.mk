# The preview server under attack and under load; included by the Makefile (`make hostile` runs it).
#
#   make load                            traversal table, then 30 s of wrk while the site is rebuilt
#   make load LOAD_ARGS='--duration 60'  longer; LOAD_ARGS='--skip-load' for the traversal table only
#
# Installs Debian's wrk (and python3) if missing.

LOAD_ARGS ?=

.PHONY: load

## `sacrum serve` under attack and load: raw path-traversal requests in every encoding never leave
## the site; wrk for 30 s while pages and styles are edited gives no errors, no crash, flat memory.
load: setup
	$(call need,wrk python3,wrk python3)
	$(SWIFT) build -c release --product sacrum
	python3 Tests/load/check_load.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum" $(LOAD_ARGS)
