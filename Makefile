VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install run test eval lint cer bench

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml scripts/setup.sh
	bash scripts/setup.sh
	touch $@

run: install
	$(VENV)/bin/nirdesh serve

test: install
	bash scripts/test.sh

eval: install
	$(VENV)/bin/nirdesh eval

lint: install
	$(VENV)/bin/ruff check .

cer: install
	$(PY) scripts/ingest_cer.py

# Benchmarks: bench/results/latest.{md,json}; BENCH_ARGS=--quick (smoke test) or --full.
bench: install
	$(PY) -m bench.run $(BENCH_ARGS)
