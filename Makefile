# Two commands do all set-up on a fresh machine (README):
#   make demo   - environment, demo landing folder, warehouse, report, published database, docs
#   make test   - environment, then every test (pytest, which also runs dbt build and its tests)

PYTHON ?= python3.11
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_LANDING ?= build/landing/demo

export DO_NOT_TRACK := 1
export DBT_SEND_ANONYMOUS_USAGE_STATS := false
export GX_ANALYTICS_ENABLED := false
export DBT_PROFILES_DIR := $(CURDIR)

.PHONY: demo test venv lock clean

venv: $(VENV)/.installed

# Install exactly the locked versions. --no-deps: the lock is complete, and it leaves out
# dbt-core's experimental parser, whose install downloads a binary from outside PyPI
# (../shared/notes/tooling.md §1.1).
$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

demo: venv
	$(BIN)/csc synth --out $(DEMO_LANDING)
	$(BIN)/csc build --landing $(DEMO_LANDING)
	$(BIN)/csc docs --landing $(DEMO_LANDING)
	@echo "Warehouse: $(CURDIR)/build/warehouse.duckdb"
	@echo "Docs:      $(CURDIR)/build/docs/index.html"

test: venv
	$(BIN)/python -m pytest

# Regenerate requirements.lock from requirements.in (needs uv; see README "Dependencies").
lock:
	uv pip compile --python 3.11 --override overrides.txt requirements.in -o requirements.lock

clean:
	rm -rf build target logs
