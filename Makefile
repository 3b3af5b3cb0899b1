# Reading Room
#   make demo   serve the demo archive at http://127.0.0.1:8000 (SQLite + Tantivy, ./archive-data)
#   make test   install what the tests need, then lint, type-check and test on SQLite and PostgreSQL
#   make lint   ruff check, ruff format --check, mypy, import-linter (the apps' layering)
#   make fmt    ruff format and ruff check --fix

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
PYTEST_ARGS ?=
# root installs Debian packages itself; anyone else goes through sudo
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APT_GET := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

.PHONY: help demo test test-sqlite test-postgres lint fmt system-deps clean

help:
	@sed -n 's/^#   //p' $(firstword $(MAKEFILE_LIST))

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install --quiet -e '.[test]'
	@touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/readingroom demo

# Debian's Chromium for the browser tests (never `playwright install`), PostgreSQL's server
# binaries for the PostgreSQL pass (the tests start their own throwaway cluster), Node with the
# clients of tests/clients (citeproc-js, astrocite-ris, citation-js) at their locked versions,
# XeLaTeX, Biber, Noto CJK and pdftotext for tests/clients/test_latex.py, and Pango with DejaVu
# for the record PDFs (WeasyPrint).
system-deps:
	@missing=""; \
	[ -x /usr/bin/chromium ] || missing="$$missing chromium fonts-liberation"; \
	compgen -G '/usr/lib/postgresql/*/bin/initdb' > /dev/null || missing="$$missing postgresql-15"; \
	command -v npm > /dev/null || missing="$$missing nodejs npm"; \
	command -v xelatex > /dev/null || missing="$$missing texlive-xetex texlive-bibtex-extra"; \
	command -v biber > /dev/null || missing="$$missing biber"; \
	command -v pdftotext > /dev/null || missing="$$missing poppler-utils"; \
	[ -d /usr/share/fonts/opentype/noto ] || missing="$$missing fonts-noto-cjk"; \
	ldconfig -p | grep -q libpangoft2-1.0 || missing="$$missing libpango-1.0-0 libpangoft2-1.0-0"; \
	[ -d /usr/share/fonts/truetype/dejavu ] || missing="$$missing fonts-dejavu-core"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(APT_GET) update -q; \
		$(APT_GET) install -y -q --no-install-recommends $$missing; \
	fi
	[ -d tests/clients/node_modules ] || npm ci --prefix tests/clients --no-audit --no-fund

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy readingroom
	$(BIN)/lint-imports

fmt: $(VENV)/.installed-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

test-sqlite: system-deps $(VENV)/.installed-test
	READINGROOM_TEST_DB=sqlite $(BIN)/pytest $(PYTEST_ARGS)

# Browser tests run in the SQLite pass only: the pages are the same on either database.
test-postgres: system-deps $(VENV)/.installed-test
	READINGROOM_TEST_DB=postgres $(BIN)/pytest -m "not browser" $(PYTEST_ARGS)

test: system-deps lint test-sqlite test-postgres

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache .mypy_cache .ruff_cache .hypothesis
