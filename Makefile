# parley: the two set-up commands are `make run` and `make test` (see README).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
SHARED ?= ../shared
SEED   := $(SHARED)/seed/seed-article.txt

.PHONY: run test install test-install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.test-installed: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed

test-install: $(VENV)/.test-installed

# Code the bundled examples (and the seed article when ../shared is there) into the
# default store, then print a summary and the events table.
run: $(VENV)/.installed
	$(BIN)/parley ingest examples/
	@if [ -f "$(SEED)" ]; then $(BIN)/parley ingest "$(SEED)"; else echo "($(SEED) not found: examples only)"; fi
	$(BIN)/parley stats
	COLUMNS=$${COLUMNS:-160} $(BIN)/parley events --limit 40

# The browser tests drive Debian's chromium (never a downloaded browser): install it when missing.
CHROMIUM := /usr/bin/chromium

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(CHROMIUM):
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

test: $(VENV)/.test-installed $(CHROMIUM)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .pytest_cache
