# kg — two commands on a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
KG     := $(VENV)/bin/kg
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml setup.py | cksum | cut -d' ' -f1)
STORE  ?= build/store
# The per-article hot path that setup.py compiles with mypyc (pyproject.toml, [tool.kg] compiled).
COMPILED         := $(VENV)/.compiled
COMPILED_SOURCES := $(shell sed -n '/^compiled = \[/,/^\]/p' pyproject.toml | grep -o 'kg/[a-z_/]*\.py')

.PHONY: setup run test lint eval bench fuzz clean system-deps browser-deps rdf-tools

setup: $(STAMP) $(COMPILED)

# kg and its dependencies, as pure Python first: mypy then sees every dependency's types when it
# compiles the hot path below (an isolated build environment has none of them).
$(STAMP): pyproject.toml setup.py
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	KG_PURE_PYTHON=1 $(PY) -m pip install -q -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# The hot path compiled in place (a minute or two the first time, seconds after an edit; pure Python
# when no C compiler is found). A compiled module whose source changed is compiled again: Python would
# import the old extension in place of the edited source. The extensions are removed first, so a
# failed compilation leaves the sources in charge, never stale code.
$(COMPILED): $(STAMP) $(COMPILED_SOURCES)
	@echo "compiling the hot path with mypyc (setup.py; log in build/compile.log)"
	@rm -f kg/_native__mypyc.*.so $(patsubst %.py,%.cpython-*.so,$(COMPILED_SOURCES))
	@mkdir -p build; $(PY) setup.py build_ext --inplace > build/compile.log 2>&1 \
	  || { tail -n 20 build/compile.log; exit 1; }
	@grep -h '^kg: .*pure Python' build/compile.log || true
	@touch $(COMPILED)

run: setup
	$(KG) build seeds -o $(STORE)
	@echo; echo "== Who met or phoned whom (saved query: meetings)"
	$(KG) query meetings --store $(STORE) --format table
	@echo; echo "== Shared interlocutors (saved query: shared-interlocutors)"
	$(KG) query shared-interlocutors --store $(STORE) --format table

test: setup system-deps rdf-tools
	$(PY) -m pytest -q

# Property tests (tests/test_fuzz_*.py) at full size: over 10,000 generated inputs in all; the total is
# counted from Hypothesis' statistics. `make test` runs the same properties on a fortieth of the inputs.
fuzz: setup
	@mkdir -p build; HYPOTHESIS_PROFILE=fuzz $(PY) -m pytest -q --hypothesis-show-statistics \
	  tests/test_fuzz_text.py tests/test_fuzz_dates.py tests/test_fuzz_pipeline.py > build/fuzz.log 2>&1 \
	  || { cat build/fuzz.log; exit 1; }
	@tail -n 1 build/fuzz.log
	@awk '/passing, [0-9]+ failing/ {n += $$2} END {print "fuzz: " n " generated inputs passed"; exit n < 10000}' \
	  build/fuzz.log

# raptor's rapper (Debian raptor2-utils), the third parser of tests/test_export_validity.py; same rules.
rdf-tools:
	@if command -v rapper >/dev/null; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing raptor2-utils (apt-get) for the export-validity test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    raptor2-utils >/dev/null; \
	else echo "note: rapper missing and not root: the export-validity test will be skipped"; fi

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
eval: setup
	@test -x $(EVAL) || { echo "make eval needs ../shared/eval (the evaluation kit)"; exit 2; }
	@echo "== seeds/ (5 sample articles)"; $(EVAL) seeds ../shared/eval/seeds-gold.json --quiet
	@echo; echo "== tests/corpus/ (50 articles written and annotated by the project)"; \
	  $(EVAL) tests/corpus/articles tests/corpus/gold.json --quiet
	@echo; echo "== tests/heldout/ (16 articles, kept out of development until their first measurement)"; \
	  $(EVAL) tests/heldout/articles tests/heldout/gold.json --quiet
	@echo; echo "== persons found from the text alone"; \
	  $(PY) tests/discovered_precision.py tests/corpus/articles tests/corpus/gold.json; \
	  $(PY) tests/discovered_precision.py tests/heldout/articles tests/heldout/gold.json

lint: setup
	$(VENV)/bin/ruff check kg tests
	$(VENV)/bin/mypy kg

# Scale benchmarks: 1k and 10k synthetic articles; BENCH_FULL=1 adds 100k (about an hour).
# Reasoning: owlrl's full closure vs kg's at about 10k, 100k and 1M triples (owlrl at 1M: an hour or more).
bench: setup
	$(PY) bench/scale.py $(if $(BENCH_FULL),--full)
	$(PY) bench/reasoning.py

clean:
	rm -rf build .pytest_cache $(COMPILED) kg/_native__mypyc.*.so $(patsubst %.py,%.cpython-*.so,$(COMPILED_SOURCES))
