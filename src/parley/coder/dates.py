"""Date expressions resolved against the publication date.

Absolute dates ("September 5, 2022", "5 Sept. 2022", "in September 2022", "in 2022"), partial
ones ("in September", "next March", "on Saturday", "mid-September", "mid-2021"), relative ones
("yesterday", "the previous day", "last month", "three weeks ago", "earlier this week", "over
the weekend", "last year") and periods ("over the past several months", "since at least
September", "in recent weeks", "in the coming days"). Past is assumed unless the sentence
speaks of the future. A relative expression in an article without a publication date gives
nothing: unknown, not guessed.

Each result has a granularity: day, month, year, or range (a period with an end date).
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

_MON = (r"(?P<mon>(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|January|February|March|April|May|June|"
        r"July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)")
_NUM = (r"(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|few|"
        r"a couple of|many)")
_WD = r"(?P<wd>[Mm]onday|[Tt]uesday|[Ww]ednesday|[Tt]hursday|[Ff]riday|[Ss]aturday|[Ss]unday)"
_Y = r"(?P<y>(?:19|20)\d\d)"
_PART = r"(?P<part>early|late|mid|the middle of|the end of|the beginning of|the start of)"
# Month names are matched capitalised only ("march", "may" are not months); the rest ignores case.
PATTERN_SOURCES: list[tuple[str, str]] = [
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("period", r"(?i:\b(?:over|in|during|for|within|throughout) the (?:past|last|previous) )" + _NUM
     + r"?\s*(?i:(?P<unit>day|week|month|year)s?)\b"),
    ("coming", r"(?i:\b(?:in|over|within) the (?:coming|next) )" + _NUM + r"?\s*(?i:(?P<unit>day|week|month|year)s?)\b"),
    ("recent", r"(?i:\bin recent (?P<unit>day|week|month|year)s)\b"),
    ("since", r"\b(?i:since) (?:(?i:at least|early|late|mid-?) ?)?(?:" + _MON
     + r"(?:\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?)?,?(?:\s+(?P<y>(?:19|20)\d\d))?|(?P<y2>(?:19|20)\d\d))\b"),
    ("mdy", r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("dmy", r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("part_year", r"(?i:\b" + _PART + r"[- ](?:of )?)" + _Y + r"\b"),
    ("part_rel_year", r"(?i:\b" + _PART + r"[- ](?P<rel>last|this|next) year)\b"),
    ("rel_month", r"\b(?P<rel>[Nn]ext|[Ll]ast|[Tt]his|[Cc]oming|[Pp]ast) " + _MON + r"(?![\w-])"),
    ("month_year", r"\b(?:(?i:in|since|as of|until|by|from|during|early|late|mid-?|the end of|the start of)\s+)?"
     + _MON + r",?\s+" + _Y + r"\b"),
    ("ago", r"\b" + _NUM + r"\s+(?i:(?P<unit>day|week|month|year)s?\s+ago)\b"),
    ("within_unit", r"(?i:\b(?P<rel>earlier|later) this (?P<unit>week|month|year))\b"),
    ("weekend", r"(?i:\b(?P<rel>over the|this|last|this past|next|on the) weekend)\b"),
    ("rel_unit", r"(?i:\b(?P<rel>last|next|this|past|coming|previous) (?P<unit>week|month|year))\b"),
    ("weekday", r"\b(?:(?i:(?P<rel>last|next|this|on|this past|on last))\s+)?" + _WD + r"\b"),
    ("deictic", r"(?i:\b(?P<w>today|yesterday|tomorrow|tonight|this morning|this afternoon|this evening|last night|"
     r"the previous day|the day before yesterday|the day before|a day earlier|a day before|the next day))\b"),
    ("part_month", r"(?i:\b" + _PART + r"[- ](?:of )?)" + _MON + r"(?![\w-])"),
    ("month", r"\b(?i:in|since|as of|until|by|from|during|early|late|mid-?|before|after|last|through)\s+" + _MON
     + r"(?![\w-])"),
    ("year", r"\b(?i:in|since|as of|until|by|from|during|early|late|mid-?|throughout|before|after|of)\s+" + _Y
     + r"\b(?!-)"),
]


PATTERNS: list[tuple[str, re.Pattern[str]]] = [(name, re.compile(rx)) for name, rx in PATTERN_SOURCES]
# Which words a pattern needs: a sentence is only searched with the patterns its words allow.
NEEDS: dict[str, tuple[str, ...]] = {
    "iso": ("Y",), "period": ("UNIT", "REL"), "coming": ("UNIT", "REL"), "recent": ("RECENT",), "since": ("SINCE",),
    "mdy": ("MON",), "dmy": ("MON",), "part_year": ("Y",), "part_rel_year": ("UNIT", "REL"), "rel_month": ("MON", "REL"),
    "month_year": ("MON", "Y"), "ago": ("AGO",), "within_unit": ("UNIT", "REL"), "weekend": ("WEEKEND",),
    "rel_unit": ("UNIT", "REL"), "weekday": ("WD",), "deictic": ("DEICTIC",), "part_month": ("MON",),
    "month": ("MON",), "year": ("Y",)}
ANCHORS = re.compile(
    r"(?P<MON>\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))|(?P<Y>\b(?:19|20)\d\d\b)|"
    r"(?P<WD>\b(?:[Mm]on|[Tt]ues|[Ww]ednes|[Tt]hurs|[Ff]ri|[Ss]atur|[Ss]un)day)|"
    r"(?i:(?P<UNIT>\b(?:day|week|month|year)s?\b)|(?P<AGO>\bago\b)|(?P<SINCE>\bsince\b)|(?P<RECENT>\brecent\b)|"
    r"(?P<WEEKEND>\bweekend\b)|(?P<DEICTIC>\b(?:today|yesterday|tomorrow|tonight|morning|afternoon|evening|"
    r"night|previous day|day before|day earlier|next day)\b)|(?P<REL>\b(?:last|next|this|past|previous|coming|"
    r"earlier|later)\b))")


ABSOLUTE = {"iso", "month_year", "year", "part_year"}
@dataclass
class Resolved:
    start: int
    end: int
    text: str
    date: str | None
    enddate: str | None
    granularity: str


def _fmt(d: date, granularity: str) -> str:
    return {"year": f"{d.year:04d}", "month": f"{d.year:04d}-{d.month:02d}"}.get(granularity, d.isoformat())


def _month_near(month: int, ref: date, future: bool, rel: str | None = None) -> date:
    """The month named, in the year that makes sense relative to the reference date."""
    rel = rel.lower() if rel else None
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


def _week_start(d: date) -> date:
    return d - timedelta(days=d.weekday())


Result = tuple[str | None, str | None, str]


def _resolve(name: str, g: dict[str, str | None], ref: date, future: bool) -> Result:
    mon = MONTHS.get((g.get("mon") or "").lower().rstrip("."))
    fn = _RESOLVERS.get(name)
    return fn(g, mon, ref, future) if fn else (None, None, "unknown")


def _r_iso(g, mon, ref, future) -> Result:
    return _fmt(date(int(g["y"]), int(g["m"]), int(g["d"])), "day"), None, "day"


def _r_day(g, mon, ref, future) -> Result:
    year = int(g["y"]) if g.get("y") else _month_near(mon, ref, future).year
    return _fmt(date(year, mon, int(g["d"])), "day"), None, "day"


def _r_month_year(g, mon, ref, future) -> Result:
    return _fmt(date(int(g["y"]), mon, 1), "month"), None, "month"


def _r_month(g, mon, ref, future) -> Result:
    return _fmt(_month_near(mon, ref, future, g.get("rel")), "month"), None, "month"


def _r_year(g, mon, ref, future) -> Result:
    return g["y"], None, "year"


def _r_part_rel_year(g, mon, ref, future) -> Result:
    step = {"last": -1, "next": 1}.get((g.get("rel") or "").lower(), 0)
    return f"{ref.year + step:04d}", None, "year"


def _r_since(g, mon, ref, future) -> Result:
    if g.get("y2"):
        return g["y2"], ref.isoformat(), "range"
    year = int(g["y"]) if g.get("y") else _month_near(mon, ref, False).year
    start = date(year, mon, int(g["d"])) if g.get("d") else date(year, mon, 1)
    return _fmt(start, "day" if g.get("d") else "month"), ref.isoformat(), "range"


def _r_period(g, mon, ref, future) -> Result:
    unit = g["unit"].lower()
    start = ref - timedelta(days=_num(g.get("n")) * UNITS[unit])
    return _fmt(start, "day" if unit in ("day", "week") else "month"), ref.isoformat(), "range"


def _r_coming(g, mon, ref, future) -> Result:
    end = ref + timedelta(days=_num(g.get("n")) * UNITS[g["unit"].lower()])
    return ref.isoformat(), end.isoformat(), "range"


def _r_ago(g, mon, ref, future) -> Result:
    unit = g["unit"].lower()
    d = ref - timedelta(days=_num(g.get("n")) * UNITS[unit])
    gran = {"day": "day", "week": "day", "month": "month", "year": "year"}[unit]
    return _fmt(d, gran), None, gran


def _r_within(g, mon, ref, future) -> Result:
    """'earlier this week' = from the week's start to the publication date; 'later this month'
    = from the publication date to the month's end."""
    unit, rel = g["unit"].lower(), g["rel"].lower()
    first = {"week": _week_start(ref), "month": ref.replace(day=1), "year": ref.replace(month=1, day=1)}[unit]
    last = {"week": first + timedelta(days=6),
            "month": ref.replace(day=calendar.monthrange(ref.year, ref.month)[1]),
            "year": ref.replace(month=12, day=31)}[unit]
    if rel == "earlier":
        return first.isoformat(), ref.isoformat(), "range"
    return ref.isoformat(), last.isoformat(), "range"


def _r_weekend(g, mon, ref, future) -> Result:
    rel = (g.get("rel") or "").lower()
    sat = ref - timedelta(days=(ref.weekday() - 5) % 7)
    if rel == "next" or (future and rel != "last" and "past" not in rel):
        sat = ref + timedelta(days=(5 - ref.weekday()) % 7 or 7)
    elif rel == "last" and ref.weekday() in (5, 6):
        sat -= timedelta(days=7)
    return sat.isoformat(), (sat + timedelta(days=1)).isoformat(), "range"


def _r_rel_unit(g, mon, ref, future) -> Result:
    rel, unit = (g.get("rel") or "").lower(), g["unit"].lower()
    step = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if unit == "year":
        return f"{ref.year + step:04d}", None, "year"
    if unit == "month":
        m = ref.month + step
        y = ref.year + (m - 1) // 12
        return f"{y:04d}-{(m - 1) % 12 + 1:02d}", None, "month"
    start = _week_start(ref) + timedelta(days=7 * step)
    return start.isoformat(), (start + timedelta(days=6)).isoformat(), "range"


def _r_weekday(g, mon, ref, future) -> Result:
    return _weekday(WEEKDAYS[g["wd"].lower()], (g.get("rel") or "").lower(), ref, future), None, "day"


def _r_deictic(g, mon, ref, future) -> Result:
    w = g["w"].lower()
    shift = {"yesterday": -1, "last night": -1, "tomorrow": 1, "the previous day": -1, "the day before": -1,
             "a day earlier": -1, "a day before": -1, "the day before yesterday": -2, "the next day": 1}.get(w, 0)
    return (ref + timedelta(days=shift)).isoformat(), None, "day"


def _r_part_month(g, mon, ref, future) -> Result:
    return _fmt(_month_near(mon, ref, future), "month"), None, "month"


_RESOLVERS = {"iso": _r_iso, "mdy": _r_day, "dmy": _r_day, "month_year": _r_month_year, "month": _r_month,
              "rel_month": _r_month, "year": _r_year, "part_year": _r_year, "part_rel_year": _r_part_rel_year,
              "since": _r_since, "period": _r_period, "recent": _r_period, "coming": _r_coming, "ago": _r_ago,
              "within_unit": _r_within, "weekend": _r_weekend, "rel_unit": _r_rel_unit, "weekday": _r_weekday,
              "deictic": _r_deictic, "part_month": _r_part_month}


def _weekday(wd: int, rel: str, ref: date, future: bool) -> str:
    if rel == "next" or (future and rel not in ("last", "on last", "this past")):
        delta = (wd - ref.weekday()) % 7 or 7
        return (ref + timedelta(days=delta)).isoformat()
    delta = (ref.weekday() - wd) % 7
    if rel in ("last", "on last", "this past") and delta == 0:
        delta = 7
    return (ref - timedelta(days=delta)).isoformat()


def _is_modal_may(text: str, m: re.Match[str], g: dict[str, str | None]) -> bool:
    """'May' is a month only with a day, a year or a time preposition next to it."""
    mon = g.get("mon")
    if mon is None or not mon.startswith("May"):
        return False
    if g.get("d") or g.get("y") or g.get("rel"):
        return False
    at = m.start("mon")
    before = text[max(0, at - 12):at].lower().replace("-", " ").split()
    return not (before and before[-1] in ("in", "since", "until", "by", "from", "during", "early", "late",
                                          "mid", "of", "last", "next", "this", "before", "after", "through"))


def find_dates(text: str, offset: int, ref: date | None, future: bool = False) -> list[Resolved]:
    """Every date expression in `text` (a sentence starting at `offset`), non-overlapping;
    earlier patterns win over later ones."""
    present = {m.lastgroup for m in ANCHORS.finditer(text)}
    if not present:
        return []
    found: list[Resolved] = []
    taken: list[tuple[int, int]] = []
    for name, rx in PATTERNS:
        if not all(need in present for need in NEEDS[name]):
            continue
        for m in rx.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            g = m.groupdict()
            if _is_modal_may(text, m, g):
                continue
            taken.append((s, e))
            if ref is None and not (name in ABSOLUTE or g.get("y")):
                continue  # relative to an unknown date: unknown, not guessed
            try:
                value, end, gran = _resolve(name, g, ref or date(2000, 1, 1), future)
            except (ValueError, KeyError, TypeError):
                taken.pop()
                continue
            if value:
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
