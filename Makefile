# Two commands for a new user:  `make demo` (set up + run the main job), `make test` (the test suite).
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
PIP     = $(BIN)/python -m pip
export HF_HUB_OFFLINE = 1
export TRANSFORMERS_OFFLINE = 1

.PHONY: setup demo test lint typecheck unit bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check "torch==2.13.0"
	$(PIP) install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	$(BIN)/python scripts/check_torch.py
	touch $@

demo: setup
	$(BIN)/xcheck demo

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/python -m pytest -m "not integration"

test: lint typecheck
	$(BIN)/python -m pytest

bench: setup
	@echo "usage: $(BIN)/python benchmarks/ingest.py CORPUS_DIR"

clean:
	rm -rf $(VENV) index/*.sqlite* index/vectors-*.faiss* index/.write.lock
