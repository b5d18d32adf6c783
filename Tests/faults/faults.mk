# Fault checks of `sacrum build` with the release binary; included by the Makefile (`make hostile`
# runs them). What each checks: Tests/faults/README.md.
#
#   make faults                          all three below, one after the other
#   make faults-kill FAULTS_KILLS=300    SIGKILL at random moments (default 100 kills)
#   make faults-disk                     full disk, no inodes, read-only (root: tmpfs in a private mount namespace)
#   make faults-lock                     two builds at once, and a build waiting on a held lock
#
# Installs Debian's python3, util-linux (unshare) and mount if missing. Without root the disk check
# fails; SACRUM_FAULTS_ALLOW_SKIP=1 makes it print SKIPPED instead.

FAULTS_DIR := Tests/faults
FAULTS_KILLS ?= 100
FAULTS_PAGES ?= 1500
FAULTS_SACRUM = --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum"

.PHONY: faults faults-kill faults-disk faults-lock faults-binary

## SIGKILL during builds (100 times, output/ always exactly the old or the new site), a full disk and
## a read-only output folder (clear error, previous site intact), two builds at once (serialised).
faults: faults-binary
	python3 $(FAULTS_DIR)/kill_test.py $(FAULTS_SACRUM) --kills $(FAULTS_KILLS) --pages $(FAULTS_PAGES)
	python3 $(FAULTS_DIR)/disk_test.py $(FAULTS_SACRUM)
	python3 $(FAULTS_DIR)/lock_test.py $(FAULTS_SACRUM)

## Kill `sacrum build` with SIGKILL at random moments (FAULTS_KILLS, default 100).
faults-kill: faults-binary
	python3 $(FAULTS_DIR)/kill_test.py $(FAULTS_SACRUM) --kills $(FAULTS_KILLS) --pages $(FAULTS_PAGES)

## Full disk, too few inodes and a read-only file system under the output folder (needs root).
faults-disk: faults-binary
	python3 $(FAULTS_DIR)/disk_test.py $(FAULTS_SACRUM)

## Two builds at once on one output folder, and a build waiting while the test holds the lock.
faults-lock: faults-binary
	python3 $(FAULTS_DIR)/lock_test.py $(FAULTS_SACRUM)

faults-binary: setup
	$(call need,python3 util-linux mount,python3 unshare mount umount)
	$(SWIFT) build -c release --product sacrum
