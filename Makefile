# Two commands do all set-up on a fresh machine (README):
#   make demo   - environment, demo landing folder, then csc run-month: warehouse, report (HTML
#                 and PDF), workbook, published database, docs in build/months/YYYY-MM
#   make test   - environment, then every test (pytest, which also runs dbt build and its tests)

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_LANDING ?= build/landing/demo

export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export DBT_PROFILES_DIR := $(CURDIR)

.PHONY: demo test lint lint-fix venv browser lock clean dfe-env dfe-lock postgres spark spark-lock

venv: $(VENV)/.installed

# Install exactly the locked versions. --no-deps: the lock is complete, and it leaves out
# dbt-core's experimental parser, whose install downloads a binary from outside PyPI
# (README "Dependencies").
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

demo: venv browser
	$(BIN)/csc synth --out $(DEMO_LANDING)
	$(BIN)/csc run-month --landing $(DEMO_LANDING) --force \
		--benchmarks docs/examples/authority-benchmarks.csv --targets docs/examples/kpi-targets.csv \
		--commentary docs/example_commentary.md
	@echo "Warehouse (keep it from month to month): $(CURDIR)/build/warehouse.duckdb"
	@echo "The month (report HTML and PDF, workbook, published database, docs): $(CURDIR)/build/months/"

# The browser tests drive Debian's Chromium headless; install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# A local PostgreSQL for the postgres target (README "PostgreSQL"): Debian's package installed when
# missing, data in build/postgres, 127.0.0.1 port $$CSC_PG_PORT (55432), trust for its own user
# only; prints the CSC_PG_* variables to set.
postgres:
	sh scripts/start_postgres.sh

# The spark target's software (README "Apache Spark"): Debian's Java 17 when java is missing, then
# dbt-spark and pyspark from requirements-spark.lock into the venv (--no-deps). Spark runs in the
# dbt process (local mode); nothing to start. `make spark-lock` regenerates the lock.
spark: venv
	sh scripts/install_spark.sh $(BIN)/python

test: venv browser dfe-env
	$(BIN)/python -m pytest

# The linters (README "Linting"): sqlfluff over the SQL (rules in .sqlfluff), then ruff over the
# Python code (rules in pyproject.toml); both pinned in requirements.lock. sqlfluff's dbt
# templater compiles each file with dbt, which connects to the profile's database: lint
# connects to an in-memory DuckDB, never to a warehouse file (so it can run beside a build),
# with a throwaway pseudonym key (lint hashes nothing; the plugin only needs a key to start).
# `make lint-fix` applies sqlfluff's automatic fixes first.
# --processes 0: one process per core (1 min 40 s for the project on 2 cores, against 3.5 min in one).
SQL_DIRS := models macros analyses tests/dbt
LINT_ENV = CSC_DUCKDB_PATH=:memory: CSC_PSEUDONYM_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_hex(32))')

lint: venv
	$(LINT_ENV) $(BIN)/python scripts/run_sqlfluff.py lint --processes 0 $(SQL_DIRS)
	$(BIN)/ruff check src tests scripts

lint-fix: venv
	$(LINT_ENV) $(BIN)/python scripts/run_sqlfluff.py fix --processes 0 $(SQL_DIRS)
	$(MAKE) lint

# Regenerate requirements.lock from requirements.in (needs uv; see README "Dependencies").
lock:
	uv pip compile --python 3.11 --override overrides.txt requirements.in -o requirements.lock

# The DfE rule engines' own environment (README "Validating a return"): .venv-dfe (or
# $$CSC_DFE_ENV) from requirements-dfe.lock only, with hashes. `csc validate` makes it on first
# use as well; CI makes it before the tests. `make dfe-lock` regenerates the lock.
dfe-env: venv
	$(BIN)/python -m csc.returns.dfe_env

spark-lock:
	uv pip compile --python 3.11 --override overrides.txt requirements-spark.in -o requirements-spark.lock

dfe-lock:
	uv pip compile --python 3.11 --generate-hashes requirements-dfe.in -o requirements-dfe.lock

clean:
	rm -rf build target logs
