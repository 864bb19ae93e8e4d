"""The store through the CLI: idempotent ingest, stats, export contract, errors."""
from __future__ import annotations

import json
import subprocess
import sys

from conftest import FIXTURES, ROOT, write_jsonl

from parley.store.db import Store

CONTRACT_FIELDS = {"id", "date", "enddate", "actor", "recipient", "event", "mode", "context", "quad_code",
                   "event_scale", "event_text", "event_loc", "text_info", "cite_info", "coder", "coded_date",
                   "article_id", "date_text", "modality", "conditions", "attribution", "story_id", "reports",
                   "independent_reports", "confidence"}
ENTITY_FIELDS = {"entity_text", "code", "sector", "identifier_text", "identifier_id", "office"}


def _stats(cli) -> dict:
    result = cli("stats", "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_twice_changes_no_count(cli):
    first = cli("ingest", str(FIXTURES / "page-dump.txt"))
    assert first.exit_code == 0, first.stderr
    before = _stats(cli)
    assert before["articles"] == 1 and before["events"] >= 1 and before["refused"] == {}
    second = cli("ingest", str(FIXTURES / "page-dump.txt"))
    assert second.exit_code == 0
    assert _stats(cli) == before


def test_malformed_jsonl_line_is_named_and_the_rest_stored(cli, tmp_path):
    path = write_jsonl(tmp_path / "wire.jsonl", [
        {"id": "w1", "text": "Soldiers shelled the town of Avdiivka on Monday."},
        "{not json",
        {"id": "w3", "text": "The president urged the rebels to return to talks."},
    ])
    result = cli("ingest", str(path))
    assert result.exit_code == 1
    assert "line 2" in result.stderr and "bad-json" in result.stderr
    s = _stats(cli)
    assert s["articles"] == 2 and s["refused"] == {"bad-json": 1}
    again = cli("ingest", str(path))
    assert _stats(cli) == s, again.stderr  # a re-run records the same refusal once


def test_export_is_contract_shaped_and_traceable(cli, store_path):
    cli("ingest", str(FIXTURES / "page-dump.txt"))
    out = cli("export", "--format", "plover", "--mentions")
    assert out.exit_code == 0
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert records
    with Store(store_path, read_only=True) as store:
        for rec in records:
            assert CONTRACT_FIELDS <= set(rec)
            text = store.article(rec["article_id"]).text
            ti = rec["text_info"]
            assert 0 <= ti["start"] < ti["end"] <= len(text)
            for ent in rec["actor"] + rec["recipient"]:
                assert ENTITY_FIELDS <= set(ent)
                if ent["start"] is not None:
                    assert text[ent["start"]:ent["end"]] == ent["entity_text"]
            for (s, e), words in zip(rec["offsets"]["event_text"], rec["event_text"]):
                assert text[s:e] == words
            for (s, e), cond in zip(rec["offsets"]["conditions"], rec["conditions"]):
                assert text[s:e] == cond
            assert rec["quad_code"] in (1, 2, 3, 4) and isinstance(rec["event_scale"], float)


def test_show_and_events_and_pipeline(cli):
    cli("ingest", str(FIXTURES / "page-dump.txt"))
    ids = [json.loads(x)["article_id"] for x in cli("export", "--mentions").stdout.splitlines()]
    shown = cli("show", ids[0])
    assert shown.exit_code == 0 and "trigger" in shown.stdout and "rule" in shown.stdout
    assert cli("events", "--type", "CONSULT").exit_code == 0
    assert cli("pipeline").exit_code == 0


def test_unknown_article_is_one_clear_line(cli):
    cli("ingest", str(FIXTURES / "page-dump.txt"))
    result = cli("show", "no-such-id")
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "[E080]" in result.stderr


def test_usage_errors_exit_2_and_every_command_has_help():
    exe = [sys.executable, "-m", "parley"]
    bad = subprocess.run(exe + ["export", "--format", "nope"], capture_output=True, text=True, cwd=ROOT,
                         env={"PARLEY_STORE": "/nonexistent/dir/x.duckdb", "PATH": "/usr/bin:/bin"})
    assert bad.returncode == 2 and "unknown export format" in bad.stderr and "Traceback" not in bad.stderr
    missing = subprocess.run(exe + ["ingest"], capture_output=True, text=True, cwd=ROOT)
    assert missing.returncode == 2
    from parley.cli import main

    for name in main.commands:
        res = subprocess.run(exe + [name, "--help"], capture_output=True, text=True, cwd=ROOT)
        assert res.returncode == 0 and "Usage" in res.stdout, name


def test_recode_replaces_events_in_place(cli, store_path):
    cli("ingest", str(FIXTURES / "page-dump.txt"))
    before = _stats(cli)
    result = cli("recode")
    assert result.exit_code == 0
    assert _stats(cli)["events"] == before["events"]
