# Two commands for a newcomer: `make run` (the bot) and `make test` (the whole suite).
# Both create the virtualenv in .venv and install what they need on first use.
VENV  := .venv
BIN   := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PYTHON ?= python3

.PHONY: run sandbox test test-fast test-e2e lint migrate

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"
	touch $(STAMP)

# Without BOT_TOKEN the same command opens the local sandbox (emulator + real bot + browser chat).
run: $(STAMP)
	@if [ -n "$$BOT_TOKEN" ]; then exec $(BIN)/khooshe run; fi; \
	echo "BOT_TOKEN is not set: starting the local sandbox instead (no Telegram needed)."; \
	exec $(BIN)/khooshe sandbox

sandbox: $(STAMP)
	$(BIN)/khooshe sandbox

migrate: $(STAMP)
	$(BIN)/khooshe migrate

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bot handlers models tests

test: lint
	$(BIN)/pytest

# The tiers (markers set by tests/conftest.py from tests/<tier>/): unit + services take about a
# minute and need no Application; e2e and browser start the bot, subprocesses and Chromium.
test-fast: $(STAMP)
	$(BIN)/pytest -m "unit or services"

test-e2e: $(STAMP)
	$(BIN)/pytest -m "e2e or browser"
