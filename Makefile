# Two commands for a newcomer: `make run` (the bot) and `make test` (the whole suite).
# Both create the virtualenv in .venv and install what they need on first use: `make run` only the
# runtime dependencies (a server needs no test tools), `make test` the dev tools as well.
VENV  := .venv
BIN   := $(VENV)/bin
PIP   := $(BIN)/python -m pip install --quiet --disable-pip-version-check
RUN_STAMP := $(VENV)/.run-stamp
DEV_STAMP := $(VENV)/.dev-stamp
PYTHON ?= python3

.PHONY: run sandbox test test-fast test-e2e lint migrate

VENV_READY = test -x $(BIN)/python || { $(PYTHON) -m venv $(VENV) && $(PIP) --upgrade pip; }

$(RUN_STAMP): pyproject.toml
	@$(VENV_READY)
	$(PIP) -e .
	touch $(RUN_STAMP)

$(DEV_STAMP): pyproject.toml
	@$(VENV_READY)
	$(PIP) -e ".[dev]"
	touch $(DEV_STAMP) $(RUN_STAMP)

# Without BOT_TOKEN the same command opens the local sandbox (emulator + real bot + browser chat).
run: $(RUN_STAMP)
	@if [ -n "$$BOT_TOKEN" ]; then exec $(BIN)/khooshe run; fi; \
	echo "BOT_TOKEN is not set: starting the local sandbox instead (no Telegram needed)."; \
	exec $(BIN)/khooshe sandbox

sandbox: $(RUN_STAMP)
	$(BIN)/khooshe sandbox

migrate: $(RUN_STAMP)
	$(BIN)/khooshe migrate

lint: $(DEV_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy bot handlers models tests

test: lint
	$(BIN)/pytest

# The tiers (markers set by tests/conftest.py from tests/<tier>/): unit + services take about two
# minutes and need no Application; e2e and browser start the bot, subprocesses and Chromium.
test-fast: $(DEV_STAMP)
	$(BIN)/pytest -m "unit or services"

test-e2e: $(DEV_STAMP)
	$(BIN)/pytest -m "e2e or browser"
