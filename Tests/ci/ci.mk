# The CI examples of docs/ci/ run as scripts (no CI service); included by the Makefile.
#
#   make ci-examples    validate docs/ci/github-actions.yml and docs/ci/gitlab-ci.yml, then run their
#                       build and deploy steps against a local "server" folder (rsync, sacrum diff)
#
# Installs rsync (Debian) if it is missing; PyYAML comes from the e2e virtualenv (Tests/e2e/requirements.txt).

.PHONY: ci-examples

ci-examples: setup e2e-setup
	$(call need,rsync,rsync)
	$(SWIFT) build -c release --product sacrum
	$(E2E_PY) Tests/ci/check_ci_examples.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum"
