"""Exports: JSONL, CSV, GeoJSON, KML, table, Parquet."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from outposts.export import (
    EXPORTERS,
    write_csv,
    write_geojson,
    write_jsonl,
    write_kml,
    write_parquet,
    write_table,
)
from outposts.records import ACLED_COLUMNS, EXTRA_COLUMNS, Event

KML_NS = {"k": "http://www.opengis.net/kml/2.2"}


def make_events() -> list[Event]:
    return [
        Event(event_id_cnty="SYR1", event_date=date(2021, 3, 4), time_precision=1,
              event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack",
              actor1="Military Forces of Türkiye (2016-)", actor2="SDF: Syrian Democratic Forces",
              report_id="r-1",
              evidence='Turkish forces shelled <script>alert("x")</script> & Maranaz.',
              evidence_start=10, evidence_end=70, confidence=0.75, location="Maranaz",
              latitude=36.45, longitude=37.05, fatalities=1, source="SOHR",
              patrons1=("Türkiye", "Qatar"), geonameid=123),
        Event(event_id_cnty="SYR2", event_date=date(2021, 3, 5), time_precision=2,
              event_type="Battles", sub_event_type="Armed clash", actor1="=HYPERLINK(\"x\")",
              report_id="r-1", evidence="They clashed\x1b[31m somewhere\x00.", evidence_start=0,
              evidence_end=20, confidence=0.4, source_kind="comment", comment_index=2),
    ]


def test_jsonl():
    fh = io.StringIO()
    assert write_jsonl(make_events(), fh) == 2
    lines = fh.getvalue().splitlines()
    rows = [json.loads(x) for x in lines]
    assert rows[0] == make_events()[0].as_row()
    assert "Türkiye" in lines[0]  # ensure_ascii=False
    assert rows[1]["latitude"] is None and rows[1]["comment_index"] == 2


def test_csv_bom_and_acled_order():
    fh = io.StringIO(newline="")
    write_csv(make_events(), fh)
    text = fh.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline="")))
    assert tuple(rows[0]) == ACLED_COLUMNS + EXTRA_COLUMNS
    assert rows[0][:3] == ["event_id_cnty", "event_date", "year"]
    first = dict(zip(rows[0], rows[1]))
    assert first["event_date"] == "2021-03-04" and first["year"] == "2021"
    assert first["patrons1"] == "Türkiye; Qatar" and first["latitude"] == "36.45"
    second = dict(zip(rows[0], rows[2]))
    assert second["latitude"] == "" and second["actor1"].startswith("'=")  # excel-safe by default
    raw = io.StringIO(newline="")
    write_csv(make_events(), raw, excel_safe=False)
    assert "'=HYPERLINK" not in raw.getvalue() and "=HYPERLINK" in raw.getvalue()


def test_geojson():
    fh = io.StringIO()
    write_geojson(make_events(), fh)
    doc = json.loads(fh.getvalue())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 2
    f0, f1 = doc["features"]
    assert f0["geometry"] == {"type": "Point", "coordinates": [37.05, 36.45]}  # lon, lat
    assert f0["properties"]["sub_event_type"].startswith("Shelling")
    assert f1["geometry"] is None
    empty = io.StringIO()
    write_geojson([], empty)
    assert json.loads(empty.getvalue())["features"] == []


def test_kml_parses_and_escapes():
    fh = io.StringIO()
    assert write_kml(make_events(), fh) == 1  # the second event has no point
    text = fh.getvalue()
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert "\x1b" not in text and "\x00" not in text
    root = ET.fromstring(text.encode("utf-8"))
    (pm,) = root.findall(".//k:Placemark", KML_NS)
    assert pm.find("k:TimeStamp/k:when", KML_NS).text == "2021-03-04"
    assert pm.find("k:name", KML_NS).text == "Shelling/artillery/missile attack – Maranaz"
    assert pm.find("k:Point/k:coordinates", KML_NS).text == "37.05,36.45"
    assert '<script>alert("x")</script> & Maranaz' in pm.find("k:description", KML_NS).text
    lxml_etree = pytest.importorskip("lxml.etree")
    lxml_etree.fromstring(text.encode("utf-8"))


def test_kml_hostile_comment_event_with_coordinates():
    e = make_events()[1]
    hostile = Event(**{**{f: getattr(e, f) for f in e.__dataclass_fields__},
                       "latitude": 35.0, "longitude": 38.0, "location": "]]></name><x>",
                       "event_id_cnty": "1 bad id\""})
    fh = io.StringIO()
    write_kml([hostile], fh)
    root = ET.fromstring(fh.getvalue().encode("utf-8"))
    assert root.find(".//k:Placemark", KML_NS).find("k:name", KML_NS).text.endswith("]]></name><x>")


def test_table():
    fh = io.StringIO()
    assert write_table(make_events(), fh, width=100) == 2
    lines = fh.getvalue().splitlines()
    assert lines[0].split()[:3] == ["date", "sub_event_type", "actor1"]
    assert all(len(line) <= 100 for line in lines)
    assert "\x1b" not in fh.getvalue()
    assert "comment #2" in lines[2]
    empty = io.StringIO()
    write_table([], empty, width=80)
    assert "(no events)" in empty.getvalue()


def test_exporters_registry():
    assert set(EXPORTERS) == {"jsonl", "csv", "geojson", "kml", "table"}
    for name, writer in EXPORTERS.items():
        fh = io.StringIO()
        writer(make_events(), fh)
        assert fh.getvalue(), name


def test_parquet_round_trip(tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "events.parquet"
    assert write_parquet(make_events(), path) == 2
    table = pq.read_table(path)
    assert table.column_names == list(ACLED_COLUMNS + EXTRA_COLUMNS)
    assert table.schema.field("latitude").type == pa.float64()
    assert table.schema.field("longitude").type == pa.float64()
    assert table.schema.field("event_date").type == pa.date32()
    assert table.schema.field("fatalities").type == pa.int64()
    rows = table.to_pylist()
    assert rows[0]["event_date"] == date(2021, 3, 4) and rows[0]["latitude"] == 36.45
    assert rows[0]["patrons1"] == ["Türkiye", "Qatar"] and rows[1]["latitude"] is None
    assert rows[1]["comment_index"] == 2


def test_parquet_without_pyarrow_is_a_config_error(tmp_path, monkeypatch):
    import builtins

    from outposts.errors import ConfigError

    real = builtins.__import__

    def fake(name, *a, **kw):
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real(name, *a, **kw)

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(ConfigError, match=r"pip install 'outposts\[parquet\]'"):
        write_parquet(make_events(), tmp_path / "x.parquet")
