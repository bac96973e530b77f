# Loa: the verbs people expect. `make demo` and `make test` do all the set-up.

SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
# The address the demo is served at: its links, PDFs, QR codes and field kits
# lead there (see README, Public address).
export LOA_PUBLIC_URL ?= http://127.0.0.1:$(PORT)
# The machine's uv if it has one, else one installed into .tools/ on first use.
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
VENV_PYTHON := .venv/bin/python
MANAGE := $(VENV_PYTHON) manage.py
# Debian packages the project needs at run time or for its own commands:
# gettext compiles catalogs; pango and harfbuzz render PDFs (WeasyPrint);
# poppler-utils reads them back in tests (pdffonts, pdftoppm).
DEBIAN_PACKAGES := gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils
# And for the browser tests: Chromium drives the pages (with fonts for every
# script the site serves), Java runs the Nu HTML Checker; Varnish is the
# shared cache in front (`make cached` and its tests).
BROWSER_TEST_PACKAGES := chromium fonts-noto-core openjdk-17-jre-headless varnish

export UV_PYTHON_DOWNLOADS := never

.PHONY: demo run cached bench test install deps browser-checkers system-packages lint format messages check backup restore

demo: install
	$(MANAGE) load_demo
	$(MAKE) --no-print-directory run

# The web server, with workers beside it for background work (field kits)
# and for purges of a shared cache in front (`make cached`).
WORKERS := $(MANAGE) db_worker --no-reload & kits=$$!; \
	$(MANAGE) db_worker --no-reload --queue-name purges --interval 0.2 & purges=$$!; \
	trap 'kill $$kits $$purges $$app 2>/dev/null' EXIT INT TERM
run:
	$(WORKERS); \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

# The site as production serves it: gunicorn behind the shared cache
# (Varnish, site/varnish/loa.vcl), which every publish purges. Visit it at
# CACHE_PORT; PORT is gunicorn's own.
CACHE_PORT ?= 6081
cached: export LOA_PUBLIC_URL = http://127.0.0.1:$(CACHE_PORT)
cached: export LOA_SHARED_CACHE_URL = http://127.0.0.1:$(CACHE_PORT)
cached: export DJANGO_SETTINGS_MODULE = config.settings.dev
cached: install
	@$(MAKE) --no-print-directory system-packages DEBIAN_PACKAGES=varnish
	$(WORKERS); \
	$(VENV_PYTHON) -m gunicorn config.wsgi --chdir site --bind 127.0.0.1:$(PORT) \
	  --workers 2 --no-control-socket & app=$$!; \
	$(VENV_PYTHON) site/bench/shared_cache_server.py --port $(CACHE_PORT) --backend-port $(PORT)

# A fresh database (its own SQLite file, or BENCH_DATABASE_URL: an empty
# PostgreSQL database) with the demo and a seeded volume, then the figures.
BENCH_DIR := /tmp/loa-bench
BENCH_PIECES ?= 1000
BENCH_SESSIONS ?= 100000
BENCH_AREAS ?= 80000
bench: install
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -q wrk; } \
	  || echo "wrk is missing (apt install wrk): served figures are skipped"
	rm -rf $(BENCH_DIR) && mkdir -p $(BENCH_DIR)
	export DJANGO_SETTINGS_MODULE=config.settings.bench MEDIA_ROOT=$(BENCH_DIR)/media \
	  DATABASE_URL=$${BENCH_DATABASE_URL:-sqlite:///$(BENCH_DIR)/bench.sqlite3}; \
	$(MANAGE) migrate --noinput >/dev/null && $(MANAGE) load_demo >/dev/null && \
	$(MANAGE) generate_load_data --pieces $(BENCH_PIECES) --sessions $(BENCH_SESSIONS) --areas $(BENCH_AREAS) && \
	$(MANAGE) bench --output bench-results.json $(BENCH_ARGS)

# The database and media in one archive under backups/ (see README, Backups).
backup: deps
	$(MANAGE) backup --output-dir backups

restore: deps
	@test -n "$(FILE)" || { echo "Which backup? make restore FILE=backups/loa-….tar.gz" >&2; exit 2; }
	$(MANAGE) restore "$(FILE)"

test: deps browser-checkers
	$(VENV_PYTHON) -m pytest

# axe-core and the Nu HTML Checker, from npm, as tests/browser/package-lock.json pins them.
browser-checkers:
	@$(MAKE) --no-print-directory system-packages DEBIAN_PACKAGES="$(BROWSER_TEST_PACKAGES)"
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 or later with npm" >&2; exit 1; }
	npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

install: deps
	$(MANAGE) migrate --noinput
	$(MANAGE) count_versions >/dev/null
	$(MANAGE) setup_roles >/dev/null

deps: system-packages $(UV)
	$(UV) sync --locked --python $(PYTHON) --quiet

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check "uv>=0.9,<1"

system-packages:
	@missing=""; \
	for package in $(DEBIAN_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "ok installed" \
	    || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $$missing; \
	  else \
	    echo "Missing Debian packages:$$missing. Install them with: sudo apt-get install$$missing" >&2; \
	    exit 1; \
	  fi; \
	fi

lint: deps
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .

format: deps
	.venv/bin/ruff format .
	.venv/bin/ruff check --fix .

messages: deps
	$(MANAGE) makemessages --no-location --no-obsolete \
	  $$($(VENV_PYTHON) -c "from locales.registry import load_languages; print(' '.join('-l ' + l.code for l in load_languages()))")
	$(MANAGE) compilemessages --ignore=.venv --ignore=.tools

check: deps
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
