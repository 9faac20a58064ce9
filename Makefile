# Set-up is part of every target: the first run creates .venv and installs
# monitor-pdf (editable) with its test dependencies; later runs reuse it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: factsheet factsheets test bench bench-batch clean

factsheet: $(STAMP)  ## build factsheet-provincies-2024.pdf from the bundled data
	$(BIN)/monitor-pdf build

factsheets: $(STAMP) ## build every factsheet, screen and print, into dist/ with manifest.json; verify it
	rm -rf dist
	$(BIN)/monitor-pdf batch -o dist --profile screen --profile print
	$(BIN)/monitor-pdf verify dist

bench: $(STAMP)      ## timings against the peers in ../shared/bench/peers; updates docs/benchmarks.md
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run --write docs/benchmarks.md

bench-batch: $(STAMP) ## batch throughput: 3 lagen and 108 generated provincie factsheets, --jobs 1 and 2
	$(BIN)/python -m bench.batch_throughput

test: $(STAMP)       ## run the test suite
	$(BIN)/python -m pytest

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) factsheet-*.pdf .pytest_cache dist
