# The front door. `make demo` and `make test` are all a new user needs.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint format docs bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip "setuptools>=77" wheel
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	@$(PY) -m coachkit.demo

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check coachkit tests tools templates
	$(VENV)/bin/ruff format --check coachkit tests tools templates
	$(VENV)/bin/mypy

format: $(STAMP)
	$(VENV)/bin/ruff check --fix coachkit tests tools templates
	$(VENV)/bin/ruff format coachkit tests tools templates

docs: $(STAMP)
	$(PY) -m coachkit.cli.reference > docs/cli.md

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache

# Builds and installs a wheel of this checkout in a throw-away venv, times it, and (a full
# run) writes its output into docs/performance.md. E.g. make bench BENCH_ARGS=--quick
bench: $(STAMP)
	$(PY) -m tools.bench.run_bench $(BENCH_ARGS)

fuzz: $(STAMP)
	$(PY) -m tools.fuzz.run_fuzz --cases 2000
