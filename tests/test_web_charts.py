"""Chart specs built from view data: time axes, gaps, negotiation markers, escaping."""
from __future__ import annotations

from parley.web import charts


def row(date, event="AGREE", mode=(), series="RUS→UKR", **extra):
    base = {"series": series, "date": date, "event": event, "mode": list(mode), "modality": "signalled",
            "independent_reports": 1, "reports": 2, "actor": "Russia", "recipient": "Ukraine",
            "article_id": "a1", "conditions": [], "attribution": []}
    return {**base, **extra}


def test_months_between_and_axes():
    assert charts.months_between("2023-11", "2024-02") == ["2023-11", "2023-12", "2024-01", "2024-02"]
    assert charts.months_between("2019", "2019")[0] == "2019-01" and len(charts.months_between("2019", "2019")) == 12
    assert charts.time_axis(["2024-01", "2024-03"])["dtick"] == "M1"
    assert charts.time_axis(["2010-01", "2024-03"])["tickformat"] == "%Y"
    assert charts.time_axis([]) == {"type": "date", "gridcolor": "#eef1f4"}


def test_signals_leave_bare_years_off_the_time_axis_and_escape_text():
    rows = [row("2019"), row("2024-02-10", conditions=["<b>until</b> troops leave"]),
            row("2024-03-01", "REJECT", ["meet"]), row("2024-03-05", "RETREAT", ["ceasefire"])]
    fig = charts.signals(rows, ["RUS→UKR"])
    names = {t["name"]: t for t in fig["data"]}
    assert set(names) == {"AGREE", "REJECT meet", "RETREAT ceasefire"}
    assert names["AGREE"]["x"] == ["2024-02-10"]  # the bare-year AGREE is only in the table
    hover = names["AGREE"]["customdata"][0]
    assert hover[0] == "/articles/a1" and "&lt;b&gt;until&lt;/b&gt;" in hover[1] and "<b>" not in hover[1]


def test_stance_breaks_the_mean_line_at_empty_months_and_aligns_zeros():
    rows = [{"series": "RUS", "period": p, "events": 3, "cooperative": 2, "conflictual": 1,
             "cooperative_weight": 5.0, "conflictual_weight": -2.0, "mean_scale": 1.0} for p in ("2024-01", "2024-04")]
    fig = charts.stance(rows, ["RUS"])
    line = next(t for t in fig["data"] if t["name"] == "RUS mean score")
    assert line["x"] == ["2024-01", "2024-02", "2024-03", "2024-04"] and line["y"] == [1.0, None, None, 1.0]
    low, high = fig["layout"]["yaxis"]["range"]
    assert low == -high
    conflict = next(t for t in fig["data"] if t["name"] == "RUS conflictual")
    assert conflict["y"] == [-1, -1]
