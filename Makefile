VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

.PHONY: install run test eval lint format cer bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh
	touch $@

run: install
	$(VENV)/bin/nirdesh serve

# Needs nothing beside the repo; checks against the shared dev set are in `make eval`.
test: install
	bash scripts/test.sh

# Extraction figures on ../shared/eval/dev and corpus/, then the ingest checks on the shared dev PDFs.
eval: install
	@if [ ! -f "$(SHARED)/eval/score.py" ]; then \
	  echo "make eval: the shared evaluation set is not at $(SHARED)/eval (score.py and dev/); set SHARED=/path/to/shared" >&2; \
	  exit 2; \
	fi
	$(VENV)/bin/nirdesh eval --shared "$(SHARED)/eval"
	NIRDESH_SHARED="$(SHARED)" $(PY) -m pytest -q -p no:cacheprovider evaluation

# Lint, format and types: all three must be clean.
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

cer: install
	$(PY) scripts/ingest_cer.py

# Benchmarks: bench/results/latest.{md,json}; BENCH_ARGS=--quick (smoke test) or --full.
bench: install
	$(PY) -m bench.run $(BENCH_ARGS)
