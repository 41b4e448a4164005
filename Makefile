# Lighthouse — everything a developer or CI runs goes through these targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help run test lint bench clean catalogs messages

help: ## Show the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

LOCALE  := src/lighthouse_tui/locale
CATALOG := build/lighthouse.pot
MOS     := $(patsubst %.po,%.mo,$(wildcard $(LOCALE)/*/LC_MESSAGES/lighthouse.po))

# The same compiler as the build's (hatch_build.py) and the test session's (tests/conftest.py).
$(LOCALE)/%.mo: $(LOCALE)/%.po $(STAMP)
	$(BIN)/python -c 'from lighthouse_tui.core.i18n import compile_catalogs; compile_catalogs()'

catalogs: $(MOS) ## Compile the message catalogs (.po -> .mo)

messages: $(STAMP) ## Extract the messages from the code and add the new ones to each .po
	mkdir -p build
	$(BIN)/pybabel extract -w 100 --no-location --sort-output -o $(CATALOG) src/lighthouse_tui
	$(BIN)/pybabel update -w 100 --no-fuzzy-matching --ignore-obsolete -D lighthouse -i $(CATALOG) -d $(LOCALE)

run: $(STAMP) $(MOS) ## Open the app (creates .venv on first use)
	$(BIN)/lighthouse

lint: $(STAMP) ## ruff and the layer contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

test: lint ## Lint, then the whole test suite (which compiles the catalogs first)
	$(BIN)/pytest

BENCHES := run store_bench app_bench import_bench review_bench

BENCH_STAMP := $(VENV)/.bench

$(BENCH_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --group bench
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP) ## Benchmarks, as ratios against baselines measured in the same run
	@failed=; for bench in $(BENCHES); do \
	  echo "== benchmarks/$$bench.py"; \
	  $(BIN)/python benchmarks/$$bench.py || failed="$$failed $$bench"; \
	done; \
	if [ -n "$$failed" ]; then echo "over budget or broken:$$failed"; exit 1; fi

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .ruff_cache
