# Set-up is part of every target: the first run creates .venv and installs
# monitor-pdf (editable) with its test dependencies; later runs reuse it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GS_STAMP := $(VENV)/.ghostscript

.PHONY: factsheet factsheets test lint typecheck wheel-check visual-refresh bench bench-batch clean

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

test: lint typecheck $(GS_STAMP) ## lint, type check, then the test suite
	$(BIN)/python -m pytest

lint: $(STAMP)       ## ruff (rules in pyproject.toml)
	$(BIN)/ruff check monitor_pdf tests bench

typecheck: $(STAMP)  ## mypy, strict on the stage boundaries (pyproject.toml)
	$(BIN)/mypy

visual-refresh: $(STAMP) ## on purpose: re-render the reference pages of tests/test_visual.py; lists what changed
	$(BIN)/python -m tests.visual.refresh

WHEEL_PYTHON ?= $(PYTHON)
wheel-check: factsheet ## build a wheel, install it in a clean venv (WHEEL_PYTHON=python3.13), build a factsheet there
	rm -rf build/wheel-check && mkdir -p build/wheel-check/out
	$(BIN)/python -m pip wheel . --no-deps --quiet -w build/wheel-check
	$(WHEEL_PYTHON) -m venv build/wheel-check/venv
	build/wheel-check/venv/bin/python -m pip install --quiet build/wheel-check/monitor_pdf-*.whl
	cd build/wheel-check/out && ../venv/bin/monitor-pdf build && ../venv/bin/monitor-pdf build --factsheet landelijk && \
	  ../venv/bin/monitor-pdf build --profile print && ../venv/bin/monitor-pdf check factsheet-*.pdf
	cmp build/wheel-check/out/factsheet-provincies-2024.pdf factsheet-provincies-2024.pdf || \
	  (echo "the installed wheel builds other bytes than this checkout (make factsheet first)"; exit 1)

# Ghostscript measures the print file in tests/test_pdfx.py (ink coverage of its
# separations, its look through its output intent). Installed with apt-get when
# `gs` is missing and we are root (CI, the project's machines); otherwise those
# tests skip and say why. The stamp is only made once gs is there.
$(GS_STAMP): $(STAMP)
	@if ! command -v gs >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing ghostscript (apt-get)"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ghostscript >/dev/null) || \
	      echo "apt-get could not install ghostscript: the Ghostscript tests will skip"; \
	  else \
	    echo "ghostscript (gs) is missing and cannot be installed here: the Ghostscript tests will skip"; \
	  fi; \
	fi
	@if command -v gs >/dev/null 2>&1; then touch $@; fi

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) factsheet-*.pdf .pytest_cache dist build
