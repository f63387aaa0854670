# The two commands of the README: `make demo` and `make test`. Both start from a fresh clone.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= sqlite:///communique.db

.PHONY: demo test install dev lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Runtime install, pinned by requirements.lock (regenerate with `make lock`).
$(VENV)/.installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.dev-installed: $(VENV)/.installed
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.installed
dev: $(VENV)/.dev-installed

demo: $(VENV)/.installed
	$(BIN)/communique ingest examples/*.txt --db $(DB)
	$(BIN)/communique events --db $(DB)
	@echo
	@echo "The events above are stored in $(DB:sqlite:///%=%) (SQLite). Try:"
	@echo "  $(BIN)/communique events --db $(DB) --country EU --format jsonl"
	@echo "  $(BIN)/communique export --db $(DB) --format csv -o events.csv"
	@echo "  $(BIN)/communique explain examples/official-visit-portugal-cabo-verde.txt"

lint: $(VENV)/.dev-installed
	$(BIN)/python scripts/check_lock.py requirements.lock
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/lint-imports

test: lint
	$(BIN)/python -m pytest

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/example_accuracy.py
	$(BIN)/python benchmarks/throughput.py

# Registry pins only: a `name @ file:` or URL line would install nowhere but here.
lock: $(VENV)/.dev-installed
	$(BIN)/python -m pip freeze --exclude-editable | $(BIN)/python scripts/check_lock.py --rewrite - > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) communique.db communique.db-wal communique.db-shm
