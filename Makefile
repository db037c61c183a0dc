# Two entry points for a fresh machine:
#   make demo   installs what synth needs to run (no test tools) and runs it on corpora/
#   make test   adds the dev extras (pytest, ruff, Hypothesis, Ray, Playwright), lints, tests
# Both say what each step does, show pip's progress, and print their time at the end.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
OUT ?= outputs
WORKSPACE ?= $(OUT)/.synth
# The browser the report's tests drive (Debian's package; Playwright downloads none).
CHROMIUM ?= /usr/bin/chromium
# constraints.txt pins torch to the CPU build so no CUDA packages are pulled in.
PIP := $(BIN)/python -m pip install --progress-bar on -c constraints.txt

# $(call timed,NAME,TARGET): make TARGET, then print how long NAME took (also on failure).
define timed
@start=$$(date +%s); $(MAKE) --no-print-directory $(2); status=$$?; \
secs=$$(( $$(date +%s) - start )); \
if [ $$status -eq 0 ]; then outcome=done; else outcome=FAILED; fi; \
printf '==> make %s: %s in %dm %02ds\n' "$(1)" "$$outcome" $$((secs / 60)) $$((secs % 60)); \
exit $$status
endef

.PHONY: demo test lint bench clean browser demo-steps test-steps

demo:
	@echo "==> make demo: installs synth's runtime dependencies into $(VENV) (first time only:"
	@echo "    about 3 minutes and 2 GB, more on a slow connection), then runs synth on corpora/"
	@echo "    (about 2 minutes on 2 cores)."
	$(call timed,demo,demo-steps)

test:
	@echo "==> make test: installs what make demo does plus the dev extras into $(VENV) (first"
	@echo "    time only: about 3 minutes and 2.6 GB in all), then ruff and the whole test suite"
	@echo "    (about 15 minutes on 2 cores; the real-data tests need ../shared/data beside this"
	@echo "    folder and are skipped, with the reason, without it)."
	$(call timed,test,test-steps)

# The virtualenv is rebuilt when the package's dependencies change: runtime first, then dev.
$(BIN)/.runtime: pyproject.toml constraints.txt
	@echo "==> [1/3] creating the virtualenv $(VENV)"
	$(PYTHON) -m venv $(VENV)
	@echo "==> [2/3] upgrading pip"
	$(PIP) --upgrade pip
	@echo "==> [3/3] installing synth and its runtime dependencies (torch, spaCy, the models)"
	$(PIP) -e .
	touch $@

$(BIN)/.dev: $(BIN)/.runtime
	@echo "==> installing the dev extras (pytest, ruff, Hypothesis, Ray, Playwright)"
	$(PIP) -e '.[dev]'
	touch $@

demo-steps: $(BIN)/.runtime
	@echo "==> running synth on corpora/ (writes $(OUT)/)"
	rm -rf $(WORKSPACE)
	$(BIN)/synth --workspace $(WORKSPACE) run corpora/ --out $(OUT)

# Installed only when missing (as root, as CI runs; about a minute).
browser:
	@test -x $(CHROMIUM) || { echo "==> installing Chromium for the report's browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium \
	  >/dev/null; }

test-steps: $(BIN)/.dev browser
	@echo "==> ruff"
	$(BIN)/ruff check synth tests benchmarks
	@echo "==> pytest"
	$(BIN)/python -m pytest

lint: $(BIN)/.dev
	$(BIN)/ruff check synth tests benchmarks

bench: $(BIN)/.dev
	$(PIP) -e '.[dev,bench]'
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
