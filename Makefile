# Set-up is part of every target: the first run creates .venv and installs
# monitor-pdf (editable) with its test dependencies; later runs reuse it.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
GS_STAMP := $(VENV)/.ghostscript

.PHONY: factsheet factsheets test lint typecheck wheel-check visual-refresh bench bench-batch clean diff

factsheet: $(STAMP)  ## build factsheet-provincies-2024.pdf from the bundled data
	$(BIN)/monitor-pdf build

factsheets: $(STAMP) ## build every factsheet, screen and print, into dist/ with manifest.json; verify it
	rm -rf dist
	$(BIN)/monitor-pdf batch -o dist --profile screen --profile print
	$(BIN)/monitor-pdf verify dist

# What the factsheets say, this checkout against BASE (a git ref): BASE's files
# (git archive, no worktree to clean up) are built with this venv and BASE's own
# code and data (PYTHONPATH first), this checkout with its own; `monitor-pdf
# diff` of the two folders goes to the terminal, build/diff/diff.md (for a pull
# request's job summary) and build/diff/diff.json. A BASE from before the
# records wrote none: that is said, and nothing is compared. Whatever happens,
# build/diff/diff.md says it.
BASE ?= main
DIFF := build/diff
RUN_BASE := cd $(DIFF)/base && PYTHONPATH="$(CURDIR)/$(DIFF)/base" "$(abspath $(BIN))/python" -m monitor_pdf
RUN_THIS := PYTHONPATH="$(CURDIR)" "$(abspath $(BIN))/python" -m monitor_pdf
DIFF_MD = printf '\#\# Factsheets: words and numbers against %s\n\n%s\n' "$(BASE)"
diff: $(STAMP)       ## words and numbers of the factsheets against BASE (default main): build/diff/diff.md
	rm -rf $(DIFF) && mkdir -p $(DIFF)/base
	@git rev-parse --verify --quiet "$(BASE)^{commit}" > /dev/null || { \
	  note="BASE=$(BASE) is no commit in this repository (fetch it first, e.g. git fetch origin main, and use origin/main)"; \
	  echo "make diff: $$note"; $(DIFF_MD) "$$note" > $(DIFF)/diff.md; exit 1; }
	git archive --format=tar "$(BASE)" | tar -x -C $(DIFF)/base
	@echo "make diff: building the factsheets of $(BASE) into $(DIFF)/old and of this checkout into $(DIFF)/new"
	@($(RUN_BASE) batch -o "$(CURDIR)/$(DIFF)/old") > $(DIFF)/old.log 2>&1 || { \
	  tail -n 20 $(DIFF)/old.log; \
	  note="the factsheets of $(BASE) did not all build with this venv and $(BASE)'s code (log: $(DIFF)/old.log)"; \
	  echo "make diff: $$note"; $(DIFF_MD) "$$note" > $(DIFF)/diff.md; exit 1; }
	@$(RUN_THIS) batch -o $(DIFF)/new > $(DIFF)/new.log 2>&1 || { \
	  tail -n 20 $(DIFF)/new.log; \
	  note="this checkout's factsheets did not all build (log: $(DIFF)/new.log)"; \
	  echo "make diff: $$note"; $(DIFF_MD) "$$note" > $(DIFF)/diff.md; exit 1; }
	@if ! grep -qs '"format": "monitor-pdf factsheet record"' $(DIFF)/old/*.json; then \
	  note="$(BASE) predates the factsheet records: its build wrote no .json beside its PDFs, so there is nothing to compare the words and numbers with (the next change will have one)."; \
	  echo "make diff: $$note"; $(DIFF_MD) "$$note" > $(DIFF)/diff.md; \
	  exit 0; \
	fi; \
	{ printf '## Factsheets: words and numbers against %s\n\n' "$(BASE)"; $(RUN_THIS) diff --format markdown $(DIFF)/old $(DIFF)/new; } > $(DIFF)/diff.md && \
	$(RUN_THIS) diff --format json $(DIFF)/old $(DIFF)/new > $(DIFF)/diff.json && \
	if $(RUN_THIS) diff --exit-code $(DIFF)/old $(DIFF)/new; then \
	  echo "No change in the words and numbers of any factsheet." | tee -a $(DIFF)/diff.md; \
	fi

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
	rm -rf $(VENV) factsheet-*.pdf factsheet-*.json .pytest_cache dist build
