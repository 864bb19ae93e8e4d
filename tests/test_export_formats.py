"""`parley export --format csv|parquet|cameo`: same records as the PLOVER export, each in its form."""
from __future__ import annotations

import csv
import io
import json

import duckdb
import pytest
from click.testing import CliRunner
from web_support import web_store  # noqa: F401 (fixture)

from parley.cli import main
from parley.export import EXPORTERS, get
from parley.export.cameo import COLUMNS as CAMEO_COLUMNS, _dates, cameo_code, table
from parley.export.csv import COLUMNS as CSV_COLUMNS, defuse
from parley.schema import EVENT_TYPES


def export(store: str, *args: str) -> str:
    result = CliRunner().invoke(main, ["--store", store, "export", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def plover(web_store) -> list[dict]:
    return [json.loads(line) for line in export(web_store, "--format", "plover").splitlines()]


def test_formats_register_themselves():
    get("plover")
    assert {"plover", "csv", "parquet", "cameo"} <= set(EXPORTERS)


def test_csv_has_every_record_and_its_fields(web_store, plover):
    rows = list(csv.DictReader(io.StringIO(export(web_store, "--format", "csv"))))
    assert [r["id"] for r in rows] == [r["id"] for r in plover]
    assert list(rows[0]) == [name for name, _ in CSV_COLUMNS]
    for row, rec in zip(rows, plover):
        assert row["event"] == " | ".join(rec["event"]) and row["modality"] == rec["modality"]
        assert row["actor_code"] == " | ".join(e["code"] or "" for e in rec["actor"])
        assert int(row["sentence_start"]) == rec["text_info"]["start"]
        assert int(row["independent_reports"]) == rec["independent_reports"]


def test_csv_defuses_formulas_but_keeps_numbers():
    assert defuse("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")" and defuse("@cmd") == "'@cmd"
    assert defuse("-3.5") == "-3.5" and defuse(-3.5) == -3.5 and defuse("Kyiv") == "Kyiv"


def test_parquet_keeps_the_record_structure(web_store, plover, tmp_path):
    out = tmp_path / "events.parquet"
    export(web_store, "--format", "parquet", "-o", str(out))
    rows = duckdb.sql(f"SELECT id, actor, text_info, cite_info, reports, conditions FROM '{out}'").fetchall()
    assert [r[0] for r in rows] == [r["id"] for r in plover]
    for (rid, actor, text_info, cite, reports, conditions), rec in zip(rows, plover):
        assert [a["code"] for a in actor] == [a["code"] for a in rec["actor"]]
        assert text_info == rec["text_info"] and cite["publication"] == rec["cite_info"]["publication"]
        assert reports == rec["reports"] and conditions == rec["conditions"]


def test_parquet_of_nothing_still_has_the_schema(web_store, tmp_path):
    out = tmp_path / "empty.parquet"
    export(web_store, "--format", "parquet", "--type", "AID", "--actor", "nobody", "-o", str(out))
    cols = [r[0] for r in duckdb.sql(f"DESCRIBE SELECT * FROM '{out}'").fetchall()]
    assert duckdb.sql(f"SELECT count(*) FROM '{out}'").fetchall() == [(0,)] and "independent_reports" in cols


def test_cameo_rows_map_plover_back_to_cameo(web_store, plover):
    lines = export(web_store, "--format", "cameo").splitlines()
    assert lines[0].split("\t") == CAMEO_COLUMNS
    rows = [dict(zip(CAMEO_COLUMNS, line.split("\t"))) for line in lines[1:]]
    assert len(rows) == len(plover) and all(len(line.split("\t")) == len(CAMEO_COLUMNS) for line in lines)
    by_kind = {(r["PLOVER_Event"], r["PLOVER_Mode"]): r for r in rows}
    assert by_kind[("REJECT", "meet")]["EventCode"] == "125" and by_kind[("REJECT", "meet")]["EventRootCode"] == "12"
    assert by_kind[("REQUEST", "meet")]["EventCode"] == "106"
    assert by_kind[("AGREE", "")]["EventRootCode"] == "03" and by_kind[("AGREE", "")]["QuadClass"] == "1"
    assert by_kind[("ASSAULT", "heavy-weapons")]["EventCode"] == "194"
    origin_agree = next(r for r in rows if r["PLOVER_Event"] == "AGREE" and r["NumArticles"] == "2")
    assert origin_agree["SQLDATE"] == "20240210" and origin_agree["Actor1Code"].startswith("RUS")
    assert (origin_agree["NumArticles"], origin_agree["NumSources"]) == ("2", "1")


def test_cameo_table_covers_every_type_and_only_real_modes():
    plover = json.loads((__import__("importlib.resources").resources.files("parley.data") / "plover.json").read_text())
    assert set(table()) == set(EVENT_TYPES)
    for event, entry in table().items():
        assert set(entry["modes"]) <= set(plover["types"][event]["modes"]), event
        for code in [entry["code"], *entry["modes"].values(), *entry.get("contexts", {}).values()]:
            assert code.isdigit() and 3 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20, (event, code)
    assert cameo_code("RETREAT", ["ceasefire"], []) == "0871"
    assert cameo_code("ASSAULT", [], ["military"]) == "190" and cameo_code("ASSAULT", [], []) == "180"
    assert cameo_code("NOT-A-TYPE", [], []) is None


def test_cameo_dates_leave_the_unknown_empty():
    assert _dates("2023-12-23") == ("20231223", "202312", "2023", "2023.9753")
    assert _dates("2023-09") == ("", "202309", "2023", "")
    assert _dates("2022") == ("", "", "2022", "") and _dates(None) == ("", "", "", "")
