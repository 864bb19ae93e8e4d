"""Plotly figure specs (plain dicts) built from view data; the page draws them with the
plotly.js that ships inside the `plotly` package, served from this server."""
from __future__ import annotations

from typing import Any

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}
QUAD_COLORS = {1: "#7fb77e", 2: "#2e7d32", 3: "#e08a5a", 4: "#b71c1c"}
NEGOTIATION_STYLE = {  # label -> (marker symbol, colour)
    "AGREE": ("circle", "#2e7d32"), "CONCEDE": ("triangle-up", "#00838f"),
    "REQUEST meet": ("diamond", "#1565c0"), "REJECT meet": ("x", "#c62828"),
    "RETREAT ceasefire": ("star", "#6a1b9a"),
}
SERIES_COLORS = ["#1f4e79", "#b8860b", "#5e35b1", "#00796b", "#ad1457", "#546e7a"]
FONT = {"family": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif", "size": 12, "color": "#1d2733"}


def _layout(**extra: Any) -> dict[str, Any]:
    base = {"font": FONT, "paper_bgcolor": "#ffffff", "plot_bgcolor": "#ffffff",
            "margin": {"l": 56, "r": 16, "t": 28, "b": 40}, "hovermode": "closest",
            "legend": {"orientation": "h", "y": -0.18}, "xaxis": {"gridcolor": "#eef1f4"},
            "yaxis": {"gridcolor": "#eef1f4", "zerolinecolor": "#9aa5b1"}}
    base.update(extra)
    return base


def quads_by_month(rows: list[dict[str, Any]]) -> dict[str, Any]:
    months = sorted({r["month"] for r in rows})
    data = []
    for quad, name in QUADS.items():
        counts = {r["month"]: r["events"] for r in rows if r["quad"] == quad}
        data.append({"type": "bar", "name": name, "x": months, "y": [counts.get(m, 0) for m in months],
                     "marker": {"color": QUAD_COLORS[quad]}, **MONTH_BARS,
                     "hovertemplate": f"%{{x}}<br>{name}: %{{y}} events<extra></extra>"})
    return {"data": data, "layout": _layout(barmode="stack", height=300, xaxis=time_axis(months), bargap=0.1,
                                            yaxis={"title": "events", "gridcolor": "#eef1f4"})}


TYPE_COLORS = {  # shades of each quad's colour, so the stack reads by quad first
    "AGREE": "#a5d6a7", "CONSULT": "#81c784", "SUPPORT": "#66bb6a", "CONCEDE": "#43a047",
    "COOPERATE": "#2e7d32", "AID": "#1b5e20", "RETREAT": "#00695c",
    "REQUEST": "#ffcc80", "ACCUSE": "#ffa726", "REJECT": "#fb8c00", "THREATEN": "#ef6c00", "SANCTION": "#e65100",
    "PROTEST": "#ef9a9a", "MOBILIZE": "#e57373", "COERCE": "#d32f2f", "ASSAULT": "#8e0000",
}
def months_between(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last (a bare year counts as its January / December)."""
    last = last if len(last) >= 7 else last[:4] + "-12"
    y, m = int(first[:4]), int(first[5:7] or 1)
    out = []
    while f"{y:04d}-{m:02d}" <= last[:7] and len(out) < 2400:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def time_axis(periods: list[str]) -> dict[str, Any]:
    """A date axis whose ticks never repeat a label: months, quarters or years by the span shown."""
    axis: dict[str, Any] = {"type": "date", "gridcolor": "#eef1f4"}
    if not periods:
        return axis
    span = len(months_between(min(periods)[:7], max(periods)[:7]))
    if span <= 18:
        axis.update(dtick="M1", tickformat="%b %Y")
    elif span <= 60:
        axis.update(dtick="M3", tickformat="%b %Y")
    else:
        axis.update(dtick="M12" if span <= 240 else "M60", tickformat="%Y")
    return axis


MONTH_BARS = {"xperiod": "M1", "xperiodalignment": "middle"}


def types_by_month(rows: list[dict[str, Any]], types: list[str]) -> dict[str, Any]:
    months = sorted({r["month"] for r in rows})
    cell = {(r["event"], r["month"]): r["events"] for r in rows}
    data = [{"type": "bar", "name": t, "x": months, "y": [cell.get((t, m), 0) for m in months],
             "marker": {"color": TYPE_COLORS.get(t, "#90a4ae")}, **MONTH_BARS,
             "hovertemplate": f"%{{x}}<br>{t}: %{{y}} events<extra></extra>"} for t in types]
    return {"data": data, "layout": _layout(barmode="stack", height=320, xaxis=time_axis(months), bargap=0.1,
                                            yaxis={"title": "events", "gridcolor": "#eef1f4"},
                                            legend={"orientation": "v", "x": 1.01, "y": 1})}


def stance(rows: list[dict[str, Any]], names: list[str], granularity: str = "month") -> dict[str, Any]:
    """Cooperative events up, conflictual events down, per series and period; mean score as a line
    (broken where a month has no event)."""
    data = []
    periods = sorted({r["period"] for r in rows})
    for i, name in enumerate(names):
        mine = {r["period"]: r for r in rows if r["series"] == name}
        x = sorted(mine)
        color = SERIES_COLORS[i % len(SERIES_COLORS)]
        bars = MONTH_BARS if granularity == "month" else {}
        data.append({"type": "bar", "name": f"{name} cooperative", "x": x, "y": [mine[p]["cooperative"] for p in x],
                     "offsetgroup": name, "marker": {"color": color, "opacity": 0.9}, **bars,
                     "hovertemplate": f"{name} %{{x}}<br>cooperative: %{{y}}<extra></extra>"})
        data.append({"type": "bar", "name": f"{name} conflictual", "x": x, "y": [-mine[p]["conflictual"] for p in x],
                     "offsetgroup": name, "marker": {"color": color, "opacity": 0.4,
                                                     "line": {"color": color, "width": 1}}, **bars,
                     "customdata": [mine[p]["conflictual"] for p in x],
                     "hovertemplate": f"{name} %{{x}}<br>conflictual: %{{customdata}}<extra></extra>"})
        line_x = months_between(x[0], x[-1]) if x and granularity == "month" else x
        data.append({"type": "scatter", "mode": "lines+markers" if len(line_x) <= 60 else "lines",
                     "name": f"{name} mean score", "x": line_x, "yaxis": "y2",
                     "y": [mine[p]["mean_scale"] if p in mine else None for p in line_x],
                     "line": {"color": color, "width": 2}, "marker": {"size": 5}, **bars,
                     "hovertemplate": f"{name} %{{x}}<br>mean PLOVER score: %{{y}}<extra></extra>"})
    top = max([1] + [max(r["cooperative"], r["conflictual"]) for r in rows]) * 1.1  # symmetric: zeros align
    return {"data": data, "layout": _layout(
        barmode="relative", height=380, bargap=0.15, xaxis=time_axis(periods),
        yaxis={"title": "events (cooperative ↑ conflictual ↓)", "gridcolor": "#eef1f4", "zerolinecolor": "#5f6b7a",
               "range": [-top, top]},
        yaxis2={"title": "mean score", "overlaying": "y", "side": "right", "range": [-10.5, 10.5], "showgrid": False,
                "zeroline": False, "tickvals": [-10, -5, 0, 5, 10], "autorange": False},
        margin={"l": 64, "r": 56, "t": 20, "b": 40})}


def negotiation_label(row: dict[str, Any]) -> str:
    ev = row["event"]
    if ev in ("REQUEST", "REJECT") and "meet" in row["mode"]:
        return f"{ev} meet"
    if ev == "RETREAT" and "ceasefire" in row["mode"]:
        return "RETREAT ceasefire"
    return ev


def signals(rows: list[dict[str, Any]], names: list[str]) -> dict[str, Any]:
    """One marker per negotiation-related event: x date, y series; hover shows conditions and reports;
    a click opens the article (customdata[0])."""
    data = []
    rows = [r for r in rows if r["date"] and len(r["date"]) >= 7]  # a bare year has no place on a time axis
    for label, (symbol, color) in NEGOTIATION_STYLE.items():
        mine = [r for r in rows if negotiation_label(r) == label]
        if not mine:
            continue
        data.append({
            "type": "scatter", "mode": "markers", "name": label, "x": [r["date"] for r in mine],
            "y": [r["series"] for r in mine],
            "marker": {"symbol": symbol, "color": color, "line": {"width": 1, "color": "#ffffff"},
                       "size": [min(8 + 3 * r["independent_reports"], 26) for r in mine]},
            "customdata": [[f"/articles/{r['article_id']}", _hover(r)] for r in mine],
            "hovertemplate": "%{customdata[1]}<extra></extra>"})
    return {"data": data, "layout": _layout(height=120 + 40 * max(1, len(names)),
                                            yaxis={"type": "category", "categoryarray": names,
                                                   "gridcolor": "#eef1f4"},
                                            xaxis=time_axis([r["date"] for r in rows if r["date"]]),
                                            margin={"l": 90, "r": 16, "t": 10, "b": 40})}


def _hover(r: dict[str, Any]) -> str:
    from html import escape

    lines = [f"{escape(negotiation_label(r))} · {escape(r['modality'])} · {escape(r['date'] or '?')}",
             f"{escape(r['actor'] or '?')} → {escape(r['recipient'] or '—')}",
             f"{r['independent_reports']} independent of {r['reports']} reports"]
    if r["conditions"]:
        lines.append("conditions: " + escape("; ".join(r["conditions"]))[:200])
    if r["attribution"]:
        lines.append("according to: " + escape(" › ".join(r["attribution"]))[:120])
    return "<br>".join(lines)
