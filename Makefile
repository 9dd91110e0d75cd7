# Two commands for a newcomer:  make run  (set up + start the app)  and  make test.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock | cksum | cut -d' ' -f1)
DATA   ?= data

.PHONY: setup run test lint lock soak ingest-corpus eval bench clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# CPU torch first (the wheel is on this machine); a plain torch pulls a CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	# the versions the suite passed on (scripts/lock.py writes the lock), then the project itself
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e '.[test,ocr]'
	$(BIN)/pip check
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

setup: $(STAMP)

run: setup
	NIANBAO_DATA_DIR=$${NIANBAO_DATA_DIR:-$(DATA)} $(BIN)/nianbao serve

# Gates: ruff (lint + import order) over the tree; mypy over the packages it covers (pyproject).
lint: setup
	$(BIN)/ruff check .
	$(BIN)/mypy

# After changing pyproject.toml's dependencies: install them, then pin what is installed.
lock:
	$(BIN)/pip install -q -e '.[test,ocr]'
	$(BIN)/python scripts/lock.py

test: setup lint
	-bash scripts/install-browser.sh
	-bash scripts/install-services.sh
	# every core, a test file to a worker (module fixtures are set up once); the slowest tests listed
	$(BIN)/python -m pytest -q -n auto --dist loadfile --durations=15

# The long variant of tests/robustness: 300 kills (make test runs 50).
soak: setup
	NIANBAO_KILLS=300 $(BIN)/python -m pytest -q -s tests/robustness

ingest-corpus: setup
	$(BIN)/nianbao ingest --data-dir $(DATA) ../shared/corpus

eval: setup
	$(BIN)/nianbao eval --corpus ../shared/corpus

bench: setup
	# scale up to 10,000 reports (~30 min); --sizes 30000 --keep DIR adds the 90-min, 5-GB size
	$(BIN)/python -m benchmarks latency understanding ingest embedding ocr scale --sizes 100 1000 10000

clean:
	rm -rf $(VENV) .pytest_cache
