# Rasd front door. Two commands set everything up on a fresh machine:
#   make report   build .venv, install Rasd, render the report for the sample corpus
#   make test     the same set-up plus test tools and a browser, then every test
SHELL := /bin/bash
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install report test eval lab bench browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test,dev]' 2>&1 \
	  | { grep -v 'is ignored: it is neither a file nor a directory' || true; }
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

report: install
	$(BIN)/python -m helpers run

test: install browser
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
	$(BIN)/python benchmarks/bench_numbers.py --reports 500
	$(BIN)/python benchmarks/bench_run.py

# Headless Chromium for the report's browser test (Debian package).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf $(VENV) build src/*.egg-info
