# Vitrine: `make run` serves the platform with demo content; `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
# The address links in emails use (and absolute links without a request): where `make run` serves, unless set.
BASE_URL ?= http://$(HOST):$(PORT)
# The database the PostgreSQL run uses (pytest-django creates and drops test_<name> beside it).
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/vitrine
# Tests run on every core (pytest-xdist); each worker gets its own database, media folder and S3 server.
PYTEST_ARGS ?= -n auto

.PHONY: run test lint check pytest pytest-sqlite pytest-postgres chromium system-deps bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamp files make a second `make run` skip the install when the requirements did not change.
$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime-installed $@

run: system-deps $(VENV)/.runtime-installed
	$(BIN)/python manage.py migrate --noinput
	BASE_URL=$(BASE_URL) $(BIN)/python manage.py seed_demo
	@echo
	@echo "Vitrine is starting at http://$(HOST):$(PORT)/"
	@echo "  public site      http://$(HOST):$(PORT)/"
	@echo "  officers' admin  http://$(HOST):$(PORT)/admin/"
	@echo "  facility portal  http://$(HOST):$(PORT)/portal/"
	@echo "  judging          http://$(HOST):$(PORT)/judging/"
	@echo "  health           http://$(HOST):$(PORT)/healthz"
	@echo "  demo logins: see the list above (password from DEMO_PASSWORD, default vitrine-demo)"
	@echo
	BASE_URL=$(BASE_URL) $(BIN)/python manage.py runserver $(HOST):$(PORT)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/hadolint Dockerfile
	@if docker compose version >/dev/null 2>&1; then SECRET_KEY=compose-config-check docker compose config --quiet; \
	else echo "docker compose is not installed: docker-compose.yml is checked by tests/foundation/test_deployment_files.py"; fi

check: $(VENV)/.dev-installed
	DJANGO_SETTINGS_MODULE=vitrine.settings.test $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=vitrine.settings.test $(BIN)/python manage.py makemigrations --check --dry-run

# Browser tests drive Debian's Chromium; install it when we may (root with apt), else the tests say why.
chromium:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

# WeasyPrint (award certificates) loads Debian's Pango and HarfBuzz's subsetter. When a library is missing, install
# them if we may (root with apt), else say what to install; a second run only asks ldconfig.
SYSTEM_LIBS := libpango-1.0.so.0 libpangoft2-1.0.so.0 libharfbuzz-subset.so.0
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
system-deps:
	@missing=$$(for lib in $(SYSTEM_LIBS); do /sbin/ldconfig -p 2>/dev/null | grep -q "$$lib " || echo $$lib; done); \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's Pango and HarfBuzz for the PDF certificates"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			$(SYSTEM_PACKAGES) >/dev/null; \
	elif [ -n "$$missing" ]; then \
		echo "Missing $$missing: install $(SYSTEM_PACKAGES) (Debian) for the PDF certificates."; \
	fi
	@# manage.py backup and restore (and their tests on PostgreSQL) use pg_dump and pg_restore.
	@if ! command -v pg_dump >/dev/null && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's postgresql-client for backups"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			postgresql-client >/dev/null; \
	fi

pytest-sqlite: system-deps $(VENV)/.dev-installed
	DATABASE_URL=sqlite:///$(CURDIR)/.test-db.sqlite3 $(BIN)/pytest $(PYTEST_ARGS)

pytest-postgres: system-deps $(VENV)/.dev-installed
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)'.rsplit('/', 1)[0] + '/postgres', connect_timeout=3).close()" 2>/dev/null; then \
		DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest $(PYTEST_ARGS); \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL at $(PG_TEST_URL) is unreachable, and CI requires it."; exit 1; \
	else \
		echo "PostgreSQL at $(PG_TEST_URL) is unreachable: the PostgreSQL run is skipped (required when CI=true)."; \
	fi

test: lint check chromium system-deps
	$(MAKE) pytest-sqlite
	$(MAKE) pytest-postgres

# Budgets of docs/performance.md on PostgreSQL and Redis; wrk drives gunicorn over loopback. Scripts make their
# own databases beside BENCH_DB_URL's (test_vitrine_bench, vitrine_bench_http). ARGS="http pages" picks scripts.
BENCH_DB_URL ?= postgres://postgres@127.0.0.1:5432/vitrine_bench
bench: system-deps $(VENV)/.dev-installed
	@if ! command -v wrk >/dev/null && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		echo "Installing Debian's wrk for the HTTP benchmark"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; \
	fi
	DATABASE_URL=$(BENCH_DB_URL) $(BIN)/python bench/run.py $(ARGS)

clean:
	rm -rf $(VENV) staticfiles .test-db.sqlite3 .pytest_cache .ruff_cache
