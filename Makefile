# kg — two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
STORE  ?= build/store

.PHONY: setup run test lint eval bench fuzz clean system-deps browser-deps

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

test: $(STAMP) system-deps
	$(PY) -m pytest -q

# Java and Apache Jena (Debian's jars) for the remote-store integration tests; the Oxigraph server comes
# from PyPI with the dev dependencies. Installed once, as root, when missing; skipped otherwise.
JENA := /usr/share/java/jena-cmds.jar
system-deps: browser-deps
	@if [ -e $(JENA) ] && command -v java >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Java and Apache Jena (apt-get) for the remote-store tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    default-jre-headless libapache-jena-java >/dev/null; \
	else echo "note: Java or Apache Jena missing and not root: the Jena tests will be skipped"; fi

# Debian's Chromium (and a font with Arabic script) for the HTML report's browser test; same rules.
browser-deps:
	@if command -v chromium >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing Chromium (apt-get) for the report's browser test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium fonts-dejavu-core >/dev/null; \
	else echo "note: Chromium missing and not root: the report's browser test will be skipped"; fi

# Scores the seeds and the project's own annotated corpus with the shared evaluation (../shared/eval).
EVAL := ../shared/eval/run-eval
eval: $(STAMP)
	@test -x $(EVAL) || { echo "make eval needs ../shared/eval (the evaluation kit)"; exit 2; }
	@echo "== seeds/ (5 sample articles)"; $(EVAL) seeds ../shared/eval/seeds-gold.json --quiet
	@echo; echo "== tests/corpus/ (50 articles written and annotated by the project)"; \
	  $(EVAL) tests/corpus/articles tests/corpus/gold.json --quiet

lint: $(STAMP)
	$(VENV)/bin/ruff check kg tests
	$(VENV)/bin/mypy kg

# Scale benchmarks: 1k and 10k synthetic articles; BENCH_FULL=1 adds 100k (about an hour).
bench: $(STAMP)
	$(PY) bench/scale.py $(if $(BENCH_FULL),--full)

clean:
	rm -rf build .pytest_cache
