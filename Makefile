# Two entry points a new user needs: `make demo` and `make test`. Everything else is optional.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
export HF_HUB_OFFLINE=1
export RAY_USAGE_STATS_ENABLED=0

.PHONY: demo test setup setup-test bench fuzz-long eval clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install -q -e .

setup-test: $(BIN)/python
	$(BIN)/pip install -q -e '.[test,train,all]'

# Analyse the bundled example article into a local SQLite file and show the report.
demo: setup
	$(BIN)/claimgraph analyze --example --db claimgraph.db

test: setup-test
	$(BIN)/python -m pytest -q -n 2 tests

bench: setup-test
	$(BIN)/python benchmarks/bench_analyze.py

# The fuzz suite with 40x the examples CI runs (tests/test_fuzz.py); prints hypothesis statistics.
fuzz-long: setup-test
	CLAIMGRAPH_FUZZ_SCALE=40 $(BIN)/python -m pytest -q tests/test_fuzz.py --hypothesis-show-statistics

clean:
	rm -rf $(VENV) build *.egg-info claimgraph.db*
