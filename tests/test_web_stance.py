"""The stance timeline's look-up tables (web.queries EAM/EDM, EAN/EDN) give what the per-event
tables give: the monthly sums equal the month series computed from each event, and the markers
equal the negotiation events joined with their words."""
from __future__ import annotations

from web_support import web_store, web_summary  # noqa: F401 (fixtures)

from parley.web import stance
from parley.web.params import TimelineQuery
from parley.web.queries import EA, ED, EN, NEGOTIATION_WORDS, top_actors, top_dyads



def queries(store) -> list[TimelineQuery]:
    actors = [a["code"] for a in top_actors(store, 6)]
    dyads = [(d["actor"], d["recipient"]) for d in top_dyads(store, 4)]
    assert len(actors) >= 3 and dyads
    out = [TimelineQuery(actors=actors[:3]), TimelineQuery(actors=actors), TimelineQuery(actors=[actors[0]])]
    out += [TimelineQuery(dyad=d) for d in dyads]
    for q in list(out):
        out.append(TimelineQuery(actors=q.actors, dyad=q.dyad, all_modalities=True))
    return out


def test_monthly_sums_equal_the_series_from_each_event(web_summary):
    seen = 0
    for q in queries(web_summary):
        monthly = stance._monthly_rows(web_summary, q)
        assert monthly == stance._event_rows(web_summary, q), q
        seen += len(monthly)
    assert seen > 10


def test_markers_equal_the_negotiation_events_with_their_words(web_summary):
    web_summary.con.execute(NEGOTIATION_WORDS)  # the reference: the build's intermediate, made again
    seen = 0
    for q in queries(web_summary):
        total, marks = stance.negotiation(web_summary, q, 250)
        table, codes = (ED, "e.a = ? AND e.r = ?") if q.dyad else (EA, "e.code = ?")
        names = [(f"{a}→{b}", [a, b]) for a, b in (q.dyad, q.dyad[::-1])] if q.dyad else [(c, [c]) for c in q.actors]
        want = []
        for name, values in names:
            modality = "" if q.all_modalities else "AND e.modality NOT IN ('negated', 'hypothetical')"
            want += [(r[0], name, r[1], r[2]) for r in web_summary.con.execute(
                f"SELECT e.pos, w.eid, w.conditions FROM {table} e JOIN {EN} w ON w.pos = e.pos "
                f"WHERE e.negotiation AND {codes} {modality}", values).fetchall()]
        want.sort(key=lambda r: (r[0], r[1]))
        assert total == len(want), q
        assert [(m["series"], m["event_id"], m["conditions"]) for m in marks] == [w[1:] for w in want], q
        seen += total
    assert seen > 3


def test_a_dated_or_weekly_timeline_counts_each_event(web_summary):
    q = queries(web_summary)[0]
    monthly, _ = stance.series(web_summary, q)
    q.date_from = "1900"
    dated, _ = stance.series(web_summary, q)  # through the per-event rows: the same months
    assert dated == monthly and monthly
