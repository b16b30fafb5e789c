# The two set-up commands are `make demo` and `make test`; everything else is for developers.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: install demo serve worker test test-fast lint format messages train-classifier bench reference-data clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

## Run the portal with demo data on SQLite at http://$(HOST):$(PORT)/
demo: $(STAMP)
	DEBUG=1 $(BIN)/obieg demo
	DEBUG=1 $(BIN)/obieg serve --with-worker --host $(HOST) --port $(PORT)

serve: $(STAMP)
	DEBUG=1 $(BIN)/obieg serve --with-worker --host $(HOST) --port $(PORT)

worker: $(STAMP)
	DEBUG=1 $(BIN)/obieg worker

## Run the whole test suite (browser tests need Debian's chromium; they skip without it)
test: $(STAMP)
	$(BIN)/pytest -p no:cacheprovider $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/pytest -m "not browser" -x $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy obieg
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Extract and compile the translation catalogues (needs GNU gettext)
messages: $(STAMP)
	cd obieg && ../$(BIN)/python ../manage.py makemessages --all --no-obsolete --ignore "*/migrations/*"
	cd obieg && ../$(BIN)/python ../manage.py compilemessages

## Rebuild the committed classifier artefacts from $(DATA)
train-classifier: $(STAMP)
	$(BIN)/python -m obieg.classify.train --data $(DATA) --out obieg/classify/artefacts

reference-data: $(STAMP)
	$(BIN)/python scripts/build_reference_data.py --data $(DATA) --out obieg/directory/data

bench: $(STAMP)
	for script in bench/*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
