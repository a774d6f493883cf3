# `make demo` sets up .venv and prints the cited Markdown summary of seeds/.
# `make test` sets up .venv and runs the test suite.
# torch is pinned to the CPU build first (constraints.txt) so no CUDA packages are pulled.

PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
STAMP = $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet torch==2.13.0
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/summarize seeds/

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check summarizer tests benchmarks
	$(BIN)/ruff format --check summarizer tests benchmarks

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py --data ../shared/bench/duc2004-dev.jsonl

clean:
	rm -rf $(VENV) build *.egg-info
