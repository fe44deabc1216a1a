# health-policy-nlp: `make run` builds the dataset, `make serve` and `make notebook` browse it, `make test` runs
# the tests. Bare `make` lists targets.
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
CORPUS := corpus/raw
OUT := data
INTERIM := $(OUT)/interim
MODEL := models/themes.joblib
# Prerequisites are folders of the package (one concern each, docs/architecture.md): every file in them counts.
src = $(shell find $(1) -type f \( -name '*.py' -o -name '*.tsv' -o -name '*.txt' -o -name '*.sql' -o -name '*.csv' \))
# The folders that shape an extraction: the same list as EXTRACTION_SOURCES in pipeline/extract/version.py.
EXTRACTION_DIRS := pipeline/data pipeline/ingest pipeline/segment pipeline/nlp pipeline/dates pipeline/extract \
	pipeline/references pipeline/organizations pipeline/records.py
EXTRACTION := $(call src,$(EXTRACTION_DIRS)) corpus/organizations.csv
CODE := $(call src,pipeline) corpus/organizations.csv
RAW := $(shell find $(CORPUS) -type f 2>/dev/null | sed 's/ /\\ /g')

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

# What running and browsing need: the core and the analysts' extra (Datasette, DuckDB, JupyterLab). The tests add
# the dev extra; Dask stays optional (`.venv/bin/pip install -e '.[dask]'`, docs/scale.md).
$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	@echo "Installing the pipeline, Datasette, DuckDB and JupyterLab into $(VENV) (about 1.3 GB, a few minutes)…"
	$(PY) -m pip install --progress-bar on --upgrade pip
	$(PY) -m pip install --progress-bar on -e ".[analysts]"
	touch $@

$(DEV_STAMP): $(STAMP)
	@echo "Adding the test and lint tools (pytest, hypothesis, ruff, import-linter)…"
	$(PY) -m pip install --progress-bar on -e ".[analysts,dev]"
	touch $@

install: $(STAMP) ## Create .venv and install what running and browsing need (core and analysts' extras)

run: $(OUT)/dataset.sqlite ## Run the whole pipeline over corpus/raw into data/dataset.sqlite and data/parquet/

$(OUT)/dataset.sqlite: $(STAMP) $(RAW) $(CODE) | $(MODEL)
	$(PY) -m pipeline run --corpus $(CORPUS) --out $(OUT) || [ $$? -eq 3 ]

$(MODEL): | $(STAMP)
	$(PY) -m pipeline train

ingest: $(INTERIM)/ingested/.done ## Stage 1: clean every document into data/interim/ingested/
$(INTERIM)/ingested/.done: $(STAMP) $(RAW) $(call src,pipeline/ingest pipeline/data pipeline/dates pipeline/records.py)
	$(PY) -m pipeline ingest --corpus $(CORPUS) --out $(@D) || [ $$? -eq 3 ]
	touch $@

segment: $(INTERIM)/segmented/.done ## Stage 2: sections, items and sentences into data/interim/segmented/
$(INTERIM)/segmented/.done: $(INTERIM)/ingested/.done $(call src,pipeline/segment pipeline/data)
	$(PY) -m pipeline segment --in $(<D) --out $(@D)
	touch $@

extract: $(INTERIM)/extracted/.done ## Stage 3: units, addressees, actions, references into data/interim/extracted/
$(INTERIM)/extracted/.done: $(INTERIM)/segmented/.done $(EXTRACTION)
	$(PY) -m pipeline extract --in $(<D) --out $(@D) || [ $$? -eq 3 ]
	touch $@

classify: $(INTERIM)/classified/.done ## Stage 4: a theme for every unit into data/interim/classified/
$(INTERIM)/classified/.done: $(INTERIM)/extracted/.done $(call src,pipeline/themes) | $(MODEL)
	$(PY) -m pipeline classify --in $(<D) --out $(@D)
	touch $@

store: $(INTERIM)/classified/.done ## Stage 5: write data/dataset.sqlite and data/parquet/ from the stage files
	$(PY) -m pipeline store --in $(INTERIM)/classified --out $(OUT)

train: $(STAMP) ## Retrain the theme classifier (models/themes.joblib and its card)
	$(PY) -m pipeline train

theme-rows: $(STAMP) ## Refresh labelled.csv's rows from the labelled documents in corpus/themes/documents/
	$(PY) -m pipeline.training.documents

eval: $(OUT)/dataset.sqlite ## Score the dataset against corpus/gold; writes data/eval.json
	$(PY) -m pipeline eval --db $< --out $(OUT)/eval.json

test: $(DEV_STAMP) ## Run the test suite (slow checks excluded; the browser checks need chromium, see README)
	$(PY) -m pytest -q

test-slow: $(DEV_STAMP) ## Run the slow, marked checks too
	$(PY) -m pytest -q -m "slow or not slow"

lint: $(DEV_STAMP) ## ruff over the code and tests, and the package's import layers (lint-imports)
	$(VENV)/bin/ruff check pipeline tests tools notebooks
	$(VENV)/bin/ruff format --check pipeline tests tools notebooks
	$(VENV)/bin/lint-imports

BENCH_N ?= 300
bench-corpus: bench/corpus/1000/.done bench/corpus/10000/.done ## Build bench corpora of 1,000 and 10,000 documents (1–30 KB) from corpus/raw
bench/corpus/%/.done: $(STAMP) tools/bench.py $(RAW)
	rm -rf $(@D)
	$(PY) -m tools.bench corpus $* $(@D)
	touch $@

bench: bench/corpus/1000/.done ## Measure floor, 1 and 2 workers and a cached re-run on BENCH_N documents; writes bench/results.json
	$(PY) -m tools.bench run bench/corpus/1000 $(BENCH_N)

profile: bench/corpus/1000/.done ## pyinstrument call tree of the pipeline on 100 bench documents (bench/profile.txt)
	$(PY) -m tools.bench profile bench/corpus/1000 100

N ?= 1000
fuzz: $(STAMP) ## Run N documents recombined from the corpus (cut, renumbered, littered) through the pipeline; fails on any internal error
	$(PY) -m tools.fuzz --n $(N) --workers 2

BASELINE_STAMP := $(VENV)/.installed-baseline
$(BASELINE_STAMP): $(STAMP)
	@echo "Adding Pullenti, the baseline's extractor (an evaluation tool, not a dependency of the pipeline)…"
	$(PY) -m pip install --progress-bar on -e ".[analysts,baseline]"
	touch $@

baseline: $(BASELINE_STAMP) | $(MODEL) ## Pullenti against the pipeline on every gold set: F1 of references, persons, roles (data/baseline/)
	$(PY) -m tools.pullenti_baseline --out $(OUT)/baseline

memcheck: $(STAMP) ## Peak memory of one input of each worst shape at the size limits, 1 and 2 workers (about two hours); fails at 2 GB
	$(PY) -m tools.memcheck --workers 1,2

clean: ## Remove the dataset and interim files
	rm -rf $(OUT)

.PHONY: help install run ingest segment extract classify store train eval test test-slow lint clean bench profile fuzz memcheck \
	baseline

# --- analysts ---
ANALYST_DOCS := docs/dataset.md datasette/metadata.json

docs: $(ANALYST_DOCS) ## Write the data dictionary docs/dataset.md and datasette/metadata.json from the schema

$(ANALYST_DOCS) &: $(STAMP) $(call src,pipeline/store pipeline/analyst) pipeline/data/columns.tsv pipeline/data/facets.tsv \
		pipeline/data/column_types.tsv pipeline/analyst/datasette_plugin/dashboard.json
	$(PY) -m pipeline docs
	touch $(ANALYST_DOCS)

serve: $(OUT)/dataset.sqlite datasette/metadata.json ## Browse the dataset in Datasette (facets, lemma search, charts, reports) at http://127.0.0.1:8001/
	$(PY) -m pipeline serve --db $<

notebook: $(OUT)/dataset.sqlite ## Open JupyterLab on notebooks/ (explore.ipynb loads the dataset with pandas)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $$([ "$$(id -u)" -eq 0 ] && echo --allow-root)  # root: a container

.PHONY: serve docs notebook
# --- analysts ---
