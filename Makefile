# Tryggsam: `make run` runs the whole system, `make test` the whole suite.
PY ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PYTHON := $(VENV)/bin/python
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: install messages run test lint bench bench-scale audit lock clean

$(VENV)/.installed: requirements.lock
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -r requirements.lock
	touch $@

install: $(VENV)/.installed

messages: install
	$(PYTHON) manage.py compile_sv

run: install messages
	$(PYTHON) manage.py run_local

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/bandit --quiet -r . -c pyproject.toml --severity-level high
	$(VENV)/bin/lint-imports --no-cache
	DJANGO_SETTINGS_MODULE=config.settings.test $(PYTHON) manage.py makemigrations --check --dry-run

# Chromium, Pango and a font are installed when missing (as root) or named;
# PostgreSQL and Redis are started for the run when none answers at
# DATABASE_URL / REDIS_URL (scripts/test_services.py says how).
test: install messages lint
	$(PYTHON) scripts/test_system_packages.py $(PYTEST_ARGS)
	DJANGO_SETTINGS_MODULE=config.settings.test $(PYTHON) scripts/test_services.py run -- \
	  $(VENV)/bin/pytest $(PYTEST_ARGS)

# The load generator is wrk (Debian package) when it can be had; otherwise
# bench/load.py. BENCH_ARGS: e.g. --quick, --reload, --rounds 7.
bench: install messages
	@test -x /usr/bin/wrk || { test "$$(id -u)" = 0 && \
	  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null 2>&1 || \
	   (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null)); } || \
	  echo "bench: wrk not available, using the Python load generator"
	$(PYTHON) bench/run.py $(BENCH_ARGS)

# 10x data <= 1.2x time: inbox and lägesbild year on 100,000 vs 1,000,000 reports
# (bench/scale.py; a second database tryggsam_bench_small).
bench-scale: install messages
	$(PYTHON) bench/scale.py $(BENCH_ARGS)

# pip-audit where a vulnerability service answers; says so plainly when none does
# (AUDIT_REQUIRED=1 makes that an error).
audit: install
	$(PYTHON) scripts/audit.py

# Re-resolve the pinned versions from pyproject.toml (needs `uv` in the venv).
lock:
	$(PYTHON) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --group dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var/static
