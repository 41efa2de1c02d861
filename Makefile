# 自治体DX推進手順書 ウェブ版 — `make site` builds everything, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
BUNDLE := dist/jichitai-dx-handbook-offline.zip

.PHONY: site test check build offline serve lint setup system-deps lock clean new-case

site: setup check build offline

setup: $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages for browser tests and PDFs (run as root on a fresh machine).
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list | grep -q "Noto Sans CJK"; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk zip; fi

check: setup
	$(PY) -m macros.check

build: setup
	$(MKDOCS) build --strict --clean --site-dir site

offline: setup
	$(PY) -m tools.offline_bundle

serve: setup
	$(MKDOCS) serve

test: setup system-deps
	$(PY) -m pytest

lock:
	$(VENV)/bin/pip install --quiet -r requirements.in
	(echo "# Generated from requirements.in by \`make lock\`: every package pinned."; $(VENV)/bin/pip freeze --exclude-editable | grep -v "^pip==") > requirements.txt

clean:
	rm -rf site site-offline .cache
