# 自治体DX推進手順書 ウェブ版 — `make site` builds everything, `make test` runs every check.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
MKDOCS := NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs
BUNDLE := dist/jichitai-dx-handbook-offline.zip
ZENSICAL_VENV := .venv-zensical

.PHONY: site test check build offline pdf serve lint setup system-deps lock clean new-case bench a11y-report zensical

site: setup check pdf build offline

setup: system-deps $(VENV)/.installed node_modules/.installed

$(VENV)/.installed: requirements.txt
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -r requirements.txt
	# Make the project's packages (macros, tools) importable from the venv's own `mkdocs` command too.
	echo "$(CURDIR)" > "$$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/jichitai-dx-handbook.pth"
	touch $@

# Zensical, the second host (MAINTAINING.md), in its own venv: it must not see mkdocs-macros-plugin or
# Material, and Material's must not see it.
$(ZENSICAL_VENV)/.installed: requirements-zensical.txt
	python3 -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/pip install --quiet -r requirements-zensical.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Debian packages (installed only when missing; run as root on a fresh machine): venv, Node.js/npm,
# Chromium and Japanese fonts for browser tests and PDFs.
system-deps:
	@missing=""; \
	python3 -c "import ensurepip, venv" 2>/dev/null || missing="$$missing python3-venv"; \
	command -v npm >/dev/null || missing="$$missing nodejs npm"; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$$missing fonts-noto-cjk"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi

check: setup
	$(PY) -m macros.check

build: setup
	$(MKDOCS) build --strict --clean --site-dir site

offline: setup
	$(PY) -m tools.offline_bundle

# Both configs built with Zensical: build/zensical-site and build/zensical-offline (tests/test_zensical.py).
zensical: setup $(ZENSICAL_VENV)/.installed
	$(PY) -m tools.zensical_build

# One A4 PDF per part (dist/<part>.pdf), also copied under docs/ so the site and offline builds offer them.
pdf: setup
	$(PY) -m tools.pdf

serve: setup
	$(MKDOCS) serve

# 日本語の文章校正（textlint、設定は .textlintrc.yml と prh.yml）: docs/ の本文と data/ の YAML の文章。
# 指摘は「ファイル:行:桁: 説明」で表示される。
lint: setup
	$(PY) -m tools.lint

# 事例の雛形を作る: make new-case ID=case-xxx
new-case: setup
	$(PY) -m tools.new_case "$(ID)"

test: setup $(ZENSICAL_VENV)/.installed
	$(PY) -m pytest

# Accessibility results (JIS X 8341-3:2016): runs the a11y and keyboard tests and rewrites
# accessibility/results.json, which the ウェブアクセシビリティ試験結果 page is made from.
a11y-report: setup
	$(PY) -m tools.a11y_report

# Performance budgets (not part of `make test`): see benchmarks/README.md.
bench: setup
	$(PY) -m benchmarks.run

lock:
	$(VENV)/bin/pip install --quiet -r requirements.in
	(echo "# Generated from requirements.in by \`make lock\`: every package pinned."; $(VENV)/bin/pip freeze --exclude-editable | grep -v "^pip==") > requirements.txt

clean:
	rm -rf site site-offline .cache build/zensical-site build/zensical-offline
