# Set-up is part of every target: the first run creates .venv and installs
# monitor-pdf (editable) with its test dependencies; later runs reuse it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: factsheet test clean

factsheet: $(STAMP)  ## build factsheet-provincies-2024.pdf from the bundled data
	$(BIN)/monitor-pdf build

test: $(STAMP)       ## run the test suite
	$(BIN)/python -m pytest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) factsheet-*.pdf .pytest_cache
