"""Date expressions resolved against the publication date.

Handles absolute dates ("September 5, 2022", "in September 2022", "in 2022"), partial ones
("in September", "next March", "on Saturday"), relative ones ("yesterday", "last month",
"three weeks ago") and periods ("over the past several months", "since at least
September"). Past is assumed unless the sentence speaks of the future.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
           "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
           "several": 3, "a few": 3, "few": 3, "a couple of": 2, "couple of": 2, "many": 6}
UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}

_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_NUM = r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|a couple of|many)"
_WD = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
PATTERNS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx, re.I)) for name, rx in [
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("period", r"\b(?:over|in|during|for|within|throughout) the (?:past|last|previous) " + _NUM + r"?\s*(?P<unit>day|week|month|year)s?\b"),
    ("recent", r"\bin recent (?P<unit>day|week|month|year)s\b"),
    ("since", r"\bsince (?:at least |early |late |mid-?)?(?:" + _MON + r"(?:\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?)?,?(?:\s+(?P<y>(?:19|20)\d\d))?|(?P<y2>(?:19|20)\d\d))\b"),
    ("mdy", r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("dmy", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("rel_month", r"\b(?P<rel>next|last|this|coming|past) " + _MON + r"\b"),
    ("month_year", r"\b(?:(?:in|since|as of|until|by|from|during|early|late|mid-?)\s+)?" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b"),
    ("ago", r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
    ("rel_unit", r"\b(?P<rel>last|next|this|past|coming|earlier this|later this)\s+(?P<unit>week|month|year)\b"),
    ("weekday", r"\b(?:(?P<rel>last|next|this|on|on last)\s+)?" + _WD + r"\b"),
    ("deictic", r"\b(?P<w>today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening|last night)\b"),
    ("month", r"\b(?:in|since|as of|until|by|from|during|early|late|mid-?)\s+" + _MON + r"(?![\w-])"),
    ("year", r"\b(?:in|since|as of|until|by|from|during|early|late|mid-?|throughout|before|after)\s+(?P<y>(?:19|20)\d\d)\b(?!-)"),
]]
ABSOLUTE = {"iso", "month_year", "year"}


@dataclass
class Resolved:
    start: int
    end: int
    text: str
    date: str | None
    enddate: str | None
    granularity: str


def _fmt(d: date, granularity: str) -> str:
    return {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(
        granularity, d.isoformat())


def _month_near(month: int, ref: date, future: bool, rel: str | None = None) -> date:
    """The month named, in the year that makes sense relative to the reference date."""
    year = ref.year
    if rel in ("next", "coming") or (future and rel is None):
        year = ref.year if month > ref.month else ref.year + 1
        if rel is None and month == ref.month:
            year = ref.year
    elif rel in ("last", "past") or rel is None:
        year = ref.year if month <= ref.month else ref.year - 1
        if rel == "last" and month == ref.month:
            year -= 1
    return date(year, month, 1)


def _num(g: str | None) -> int:
    if not g:
        return 3
    return int(g) if g.isdigit() else NUMBERS.get(g.lower(), 3)


def _resolve(name: str, g: dict[str, str | None], ref: date, future: bool) -> tuple[str | None, str | None, str]:
    mon = MONTHS.get((g.get("mon") or "").lower().rstrip("."))
    if name == "iso":
        return _fmt(date(int(g["y"]), int(g["m"]), int(g["d"])), "day"), None, "day"
    if name in ("mdy", "dmy"):
        year = int(g["y"]) if g.get("y") else _month_near(mon, ref, future).year
        return _fmt(date(year, mon, int(g["d"])), "day"), None, "day"
    if name == "month_year":
        return _fmt(date(int(g["y"]), mon, 1), "month"), None, "month"
    if name in ("month", "rel_month"):
        return _fmt(_month_near(mon, ref, future, g.get("rel")), "month"), None, "month"
    if name == "year":
        return g["y"], None, "year"
    if name == "since":
        if g.get("y2"):
            return g["y2"], ref.isoformat(), "range"
        year = int(g["y"]) if g.get("y") else _month_near(mon, ref, False).year
        start = date(year, mon, int(g["d"])) if g.get("d") else date(year, mon, 1)
        return _fmt(start, "day" if g.get("d") else "month"), ref.isoformat(), "range"
    if name in ("period", "recent"):
        days = _num(g.get("n")) * UNITS[g["unit"].lower()]
        start = ref - timedelta(days=days)
        gran = "day" if g["unit"].lower() in ("day", "week") else "month"
        return _fmt(start, gran), ref.isoformat(), "range"
    if name == "ago":
        d = ref - timedelta(days=_num(g.get("n")) * UNITS[g["unit"].lower()])
        gran = {"day": "day", "week": "day", "month": "month", "year": "year"}[g["unit"].lower()]
        return _fmt(d, gran), None, gran
    if name == "rel_unit":
        return _rel_unit((g.get("rel") or "").lower(), g["unit"].lower(), ref)
    if name == "weekday":
        return _weekday(WEEKDAYS[g["wd"].lower()], (g.get("rel") or "").lower(), ref, future), None, "day"
    if name == "deictic":
        w = g["w"].lower()
        shift = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
        return (ref + timedelta(days=shift)).isoformat(), None, "day"
    return None, None, "unknown"


def _rel_unit(rel: str, unit: str, ref: date) -> tuple[str, None, str]:
    step = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "year":
        return f"{ref.year + step:04d}", None, "year"
    if unit == "month":
        m = ref.month + step
        y = ref.year + (m - 1) // 12
        return f"{y:04d}-{(m - 1) % 12 + 1:02d}", None, "month"
    return (ref + timedelta(days=7 * step)).isoformat(), None, "day"


def _weekday(wd: int, rel: str, ref: date, future: bool) -> str:
    if rel == "next" or (future and rel not in ("last", "on last")):
        delta = (wd - ref.weekday()) % 7 or 7
        return (ref + timedelta(days=delta)).isoformat()
    delta = (ref.weekday() - wd) % 7
    if rel in ("last", "on last") and delta == 0:
        delta = 7
    return (ref - timedelta(days=delta)).isoformat()


def find_dates(text: str, offset: int, ref: date | None, future: bool = False) -> list[Resolved]:
    """Every date expression in `text` (a sentence starting at `offset`), non-overlapping."""
    found: list[Resolved] = []
    taken: list[tuple[int, int]] = []
    for name, rx in PATTERNS:
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if (m.groupdict().get("mon") or "").startswith("may"):
                continue  # lower-case "may" is the modal verb, not the month
            if ref is None and not (name in ABSOLUTE or m.groupdict().get("y")):
                taken.append((s, e))  # relative to an unknown date: unknown, not guessed
                continue
            try:
                value, end, gran = _resolve(name, m.groupdict(), ref or date(2000, 1, 1), future)
            except (ValueError, KeyError, TypeError):
                continue
            if value:
                taken.append((s, e))
                found.append(Resolved(offset + s, offset + e, m.group(0), value, end, gran))
    return sorted(found, key=lambda r: r.start)


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 7, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None
