# kg — two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STORE  ?= build/store

.PHONY: setup run test lint eval bench fuzz clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

run: $(STAMP)
	$(KG) build seeds -o $(STORE)
	@echo; echo "== Who met or phoned whom (saved query: meetings)"
	$(KG) query meetings --store $(STORE) --format table
	@echo; echo "== Shared interlocutors (saved query: shared-interlocutors)"
	$(KG) query shared-interlocutors --store $(STORE) --format table

test: $(STAMP)
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests
	$(VENV)/bin/mypy kg

clean:
	rm -rf build .pytest_cache
