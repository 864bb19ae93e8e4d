"""The event list's in-memory index (web.listindex) selects what the SQL filters of the store
select (store.db.filter_clauses over the summary), for every filter and their combinations."""
from __future__ import annotations

import itertools

import numpy as np
from web_support import web_store, web_summary  # noqa: F401 (fixtures)

from parley.store.db import EventFilter, filter_clauses
from parley.web.listindex import Factor, ListIndex, SortedStrings, like_test
from parley.web.queries import EV


def sql_positions(con, f: EventFilter, min_independent: int) -> list[int]:
    clauses, params = filter_clauses(f, "e", outlet="e.outlets")
    where = " AND ".join(["e.independent >= ?", *clauses])
    return [r[0] - 1 for r in con.execute(f"SELECT pos FROM {EV} e WHERE {where} ORDER BY pos",
                                          [min_independent, *params]).fetchall()]



def filters(store) -> list[EventFilter]:
    con = store.con
    actors = [r[0] for r in con.execute(f"SELECT DISTINCT actor_code FROM {EV} WHERE actor_code <> ''").fetchall()]
    dates = sorted(r[0] for r in con.execute(f"SELECT DISTINCT date FROM {EV} WHERE date IS NOT NULL").fetchall())
    middle = dates[len(dates) // 2]
    values = {
        "actor": [actors[0], actors[0].lower(), "russ", "%a_", "no such actor"],
        "recipient": [actors[-1], "ukr", "_"],
        "event": ["agree", "REJECT", "ASSAULT"],
        "mode": ["meet", "ceasefire", "nope"],
        "modality": ["asserted", "signalled", "negated"],
        "date_from": [middle[:4], middle, "2999"],
        "date_to": [middle[:7], middle, "1900"],
        "outlet": ["reuters", "%"],
        "article_id": ["w-origin", "missing"],
    }
    out = [EventFilter(**{k: v}) for k, vs in values.items() for v in vs]
    for a, b in itertools.combinations(values, 2):
        out.append(EventFilter(**{a: values[a][0], b: values[b][0]}))
    return out


def test_index_selects_what_sql_selects(web_summary):
    index = web_summary.lookups.events
    assert isinstance(index, ListIndex) and index.size >= 10
    checked = nonempty = 0
    for f in filters(web_summary):
        for min_independent in (0, 1, 2):
            want = sql_positions(web_summary.con, f, min_independent)
            assert index.select(f, min_independent).tolist() == want, (f, min_independent)
            checked += 1
            nonempty += bool(want)
    assert checked > 150 and nonempty > 60  # the filters chosen do select something


def test_rows_carry_the_summary_columns(web_summary):
    index = web_summary.lookups.events
    chosen = index.select(EventFilter(), 0)[:5].tolist()
    rows = index.rows(chosen)
    for i, row in zip(chosen, rows):
        want = web_summary.con.execute(f"SELECT eid, reports, independent, lead_id, lead_rowid, title, lead_outlet, "
                                   f"published FROM {EV} WHERE pos = ?", [i + 1]).fetchone()
        assert tuple(row) == want


def test_index_from_python_columns_equals_the_one_ranked_by_duckdb(web_summary):
    names = ("eid", "reports", "independent", "lead_id", "lead_rowid", "date", "actor_code", "actor_text",
             "recipient_code", "recipient_text", "event", "mode", "modality", "outlets", "article_id", "title",
             "lead_outlet", "published")
    rows = web_summary.con.execute(f"SELECT {', '.join(names)} FROM {EV} ORDER BY pos").fetchall()
    built = ListIndex.of({n: list(c) for n, c in zip(names, zip(*rows))})
    ranked = web_summary.lookups.events
    for f in filters(web_summary):
        assert built.select(f).tolist() == ranked.select(f).tolist(), f
    everything = ranked.select(EventFilter()).tolist()
    assert built.rows(everything) == ranked.rows(everything)


def test_report_counts_of_the_events_held(web_summary):
    index = web_summary.lookups.events
    eids = index.eids(range(3)) + ["no-such-event"]
    counts = index.counts(eids)
    assert set(counts) == set(eids[:3])
    for eid in eids[:3]:
        assert counts[eid] == web_summary.con.execute(f"SELECT reports, independent FROM {EV} WHERE eid = ?",
                                                  [eid]).fetchone()


def test_like_test_keeps_the_sql_wildcards():
    assert like_test("ab")("xABy") and not like_test("ab")("a-b")
    assert like_test("a_c")("zabcz") and like_test("a%c")("a long c") and not like_test("a_c")("ac")
    assert like_test("1.5")("v1.5") and not like_test("1.5")("105")  # regex characters are literal
    assert like_test("(x")("a(x)")


def test_factor_and_sorted_strings_leave_nulls_out():
    f = Factor.of(["b", None, "a", "b"])
    assert f.where(lambda v: True).tolist() == [True, False, True, True]
    assert [f[i] for i in range(4)] == ["b", None, "a", "b"]
    s = SortedStrings.of(["2024-03-01", None, "2023-12", "2024"])
    assert s.at_least("2024").tolist() == [True, False, False, True]
    assert s.at_most("2023-12\uffff").tolist() == [False, False, True, False]
    assert np.array_equal(s.at_most("2999"), [True, False, True, True])
