VENV := .venv
PY := $(VENV)/bin/python
SHARED ?= ../shared

.PHONY: install run test eval lint format cer bench second-opinion

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

# Refit the learned second opinion and every item's confidence calibration on the rules that run (after
# EXTRACTOR_VERSION moves, `make eval` says so). Needs corpus/, scikit-learn (pip install -e '.[train]')
# and, where they are at hand, the real set's texts in REALSET_TEXTS (corpus/README.md; without them the fit
# is made on corpus/ alone); writes models/data/second_opinion.json. Then
# `python scripts/train_second_opinion.py evaluate --allow-missing` for the figures.
REALSET_TEXTS ?= /work/realset_texts
second-opinion: install
	$(PY) scripts/train_second_opinion.py train --allow-missing --texts "$(REALSET_TEXTS)"

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
