# The Family Conference Portal: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app portal
# The portal assumes production unless told otherwise; `make` runs it for development.
export PORTAL_ENV ?= development
PORT ?= 5000
# The local PostgreSQL's `test` database; CI fails when it does not answer.
TEST_DATABASE_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
export TEST_DATABASE_URL

PO_FILES := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run install assets translations migrate demo test lint migrations-check test-sqlite \
        test-postgres test-browser i18n-extract i18n-update i18n-compile i18n-check i18n-init \
        bench clean

## Set-up ---------------------------------------------------------------------------------

$(BIN)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(BIN)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The stylesheet, the scripts and the icon, each with its content's hash in its name and
# Brotli and gzip copies beside it (static/build/manifest.json lists them).
static/build/manifest.json: node_modules/.installed static/scss/portal.scss static/scss/*.mjs \
                            static/js/*.js static/images/*
	npm run --silent build

assets: static/build/manifest.json

translations/%/LC_MESSAGES/messages.mo: translations/%/LC_MESSAGES/messages.po $(BIN)/.installed
	$(BIN)/pybabel compile --statistics -i $< -o $@

translations: $(MO_FILES)

migrate: install
	mkdir -p instance
	$(FLASK) db upgrade

demo: migrate
	$(FLASK) demo

run: install assets translations demo
	$(BIN)/honcho start --procfile Procfile.dev --port $(PORT)

## Checks ---------------------------------------------------------------------------------

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy portal/domain portal/data
	$(BIN)/lint-imports --no-cache --no-logo

migrations-check: install
	rm -f instance/migrations-check.db*
	mkdir -p instance
	DATABASE_URL=sqlite:///$(CURDIR)/instance/migrations-check.db $(FLASK) db upgrade
	DATABASE_URL=sqlite:///$(CURDIR)/instance/migrations-check.db $(FLASK) db check
	rm -f instance/migrations-check.db*

test-sqlite: install assets translations
	$(BIN)/pytest -m "not browser" -q

test-postgres: install assets translations
	@if $(BIN)/python -m tests.postgres_available; then \
		PORTAL_TEST_DATABASE=postgres $(BIN)/pytest -m "not browser" -q; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL does not answer at TEST_DATABASE_URL: CI needs it." >&2; exit 1; \
	else \
		echo "Skipping the PostgreSQL run: nothing answers at TEST_DATABASE_URL."; \
	fi

test-browser: install assets translations
	@if [ -x /usr/bin/chromium ]; then \
		$(BIN)/pytest -m browser -q -n 2; \
	elif [ "$$CI" = "true" ]; then \
		echo "Chromium is missing at /usr/bin/chromium: CI needs it." >&2; exit 1; \
	else \
		echo "Skipping the browser tests: install Debian's chromium (apt-get install chromium)."; \
	fi

# The SQLite and PostgreSQL runs are independent (each its own database and temporary
# folders), so they run side by side on two cores; each one's output is printed whole.
test: lint migrations-check i18n-check
	$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres
	$(MAKE) --no-print-directory test-browser

bench: install assets translations
	$(BIN)/python bench/page_weight.py
	$(BIN)/python bench/queries.py
	$(BIN)/python bench/sign_in_timing.py
	$(BIN)/python bench/delivery_latency.py
	$(BIN)/python bench/delivery_fault_drill.py
	$(BIN)/python bench/sign_in_black_box.py
	$(BIN)/python bench/caseload.py
	$(BIN)/python bench/cpu_per_request.py
	BENCH_DATABASE_URL= $(BIN)/python bench/load.py
	@if [ -n "$$BENCH_DATABASE_URL" ]; then $(BIN)/python bench/load.py; \
	else echo "bench/load.py on PostgreSQL: set BENCH_DATABASE_URL (a database named *bench or bench_*)"; fi
	$(BIN)/python bench/production_probe.py
	$(BIN)/python bench/lists.py
	$(BIN)/python bench/first_paint.py

## Languages ------------------------------------------------------------------------------

i18n-extract: install
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --no-location \
		--sort-output --omit-header -o translations/messages.pot .

i18n-update: i18n-extract
	$(BIN)/pybabel update --no-fuzzy-matching -i translations/messages.pot -d translations

i18n-compile: install
	$(BIN)/pybabel compile --statistics -d translations

i18n-check: install
	$(BIN)/python -m portal.i18n_check

i18n-init: i18n-extract
	@test -n "$(LANG_CODE)" || (echo "Use: make i18n-init LANG_CODE=xx" >&2; exit 2)
	$(BIN)/pybabel init -i translations/messages.pot -d translations -l $(LANG_CODE)

clean:
	rm -rf $(VENV) node_modules static/build tests/browser/axe.min.js
	find translations -name '*.mo' -delete
