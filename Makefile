# Two entry points that work on a fresh machine with only Python 3.11 and make.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: demo test bench clean

# The stamp files make re-runs cheap: the venv is rebuilt only when pyproject.toml changes.
$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/python examples/digits.py

# -n auto: one pytest worker per core (a cold kernel cache is minutes of single-threaded LLVM)
test: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -n auto

bench: $(VENV)/.installed
	$(BIN)/python bench/eager_overhead.py
	$(BIN)/python bench/compile_bench.py
	$(BIN)/python bench/fastmath_bench.py
	$(BIN)/python bench/ops_bench.py
	$(BIN)/python bench/nn_bench.py

clean:
	rm -rf $(VENV) build *.egg-info
