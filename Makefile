# Two entry points for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= outputs
WORKSPACE ?= $(OUT)/.synth
# The browser the report's tests drive (Debian's package; Playwright downloads none).
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test lint bench clean browser

# The virtualenv is rebuilt when the package's dependencies change.
# constraints.txt pins torch to the CPU build so no CUDA packages are pulled in.
$(BIN)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'
	touch $@

demo: $(BIN)/.installed
	rm -rf $(WORKSPACE)
	$(BIN)/synth --workspace $(WORKSPACE) run corpora/ --out $(OUT)

# Installed only when missing (as root, as CI runs; about a minute).
browser:
	@test -x $(CHROMIUM) || { echo "Installing Chromium for the report's browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	  >/dev/null; }

test: $(BIN)/.installed browser
	$(BIN)/ruff check synth tests benchmarks
	$(BIN)/python -m pytest

lint: $(BIN)/.installed
	$(BIN)/ruff check synth tests benchmarks

bench: $(BIN)/.installed
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,bench]'
	$(BIN)/python benchmarks/privacy_recall.py
	$(BIN)/python benchmarks/ingest_speed.py
	$(BIN)/python benchmarks/themes_quality.py
	$(BIN)/python benchmarks/personas_quality.py
	$(BIN)/python benchmarks/insight_quality.py
	$(BIN)/python benchmarks/codebook_stability.py
	$(BIN)/python benchmarks/scale.py
	$(BIN)/python benchmarks/report_speed.py
	$(BIN)/python benchmarks/refi_qualcoder.py   # skipped unless QUALCODER and QUALCODER_PYTHON are set

clean:
	rm -rf $(VENV) $(OUT)/* .synth
