"""Publication timestamps as pages and records write them -> (YYYY-MM-DD, HH:MM)."""
from __future__ import annotations

import re
from datetime import date

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9

_TIME = r"(?:[ T,]+(?:at\s+)?(?P<H>\d{1,2})(?:[:h.](?P<M>\d{2}))?(?::\d{2}(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?m\.?)?)?"
_PATTERNS = [
    ("iso", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + _TIME, re.I)),
    ("dmy-numeric", re.compile(r"^(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})" + _TIME, re.I)),
    ("month-day-year", re.compile(
        r"^(?:[A-Za-z]+,?\s+)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME, re.I)),
    ("day-month-year", re.compile(
        r"^(?:[A-Za-z]+,?\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})" + _TIME, re.I)),
    ("ctime", re.compile(  # JavaScript/Java Date strings: 'Tue Jan 28 15:28:56 CET 2020'
        r"^(?:[A-Za-z]{3},?\s+)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2})\s+(?P<H>\d{1,2}):(?P<M>\d{2})(?::\d{2})?"
        r"\s+(?:[A-Z]{1,5}(?:[+-]\d{2}:?\d{2})?\s+)?(?P<y>\d{4})$", re.I)),
    ("year-month", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})$")),
    ("year", re.compile(r"^(?P<y>\d{4})$")),
]


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return 1900 <= y <= 2100


def _ymd(kind: str, g: dict[str, str]) -> tuple[int, int, int] | None:
    y = int(g["y"])
    if kind == "iso":
        return y, int(g["m"]), int(g["d"])
    if kind == "dmy-numeric":
        a, b = int(g["a"]), int(g["b"])
        # Day first unless that is impossible (13/.. is a day; ../13 means month-first).
        return (y, b, a) if a > 12 or b <= 12 else (y, a, b)
    month = MONTHS.get(g["mon"].lower())
    return (y, month, int(g["d"])) if month else None


def _time(g: dict[str, str | None]) -> str | None:
    if g.get("H") is None:
        return None
    hour, minute = int(g["H"] or 0), int(g.get("M") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "")
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    return f"{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else None


def parse_published(text: str | None) -> tuple[str | None, str | None]:
    """Parse a timestamp as written; returns (date, time), either None when unknown."""
    if not text or not isinstance(text, str):
        return None, None
    s = text.strip()
    for kind, pattern in _PATTERNS:
        match = pattern.match(s)
        if not match:
            continue
        g = match.groupdict()
        if kind == "year":
            return (g["y"], None) if 1900 <= int(g["y"]) <= 2100 else (None, None)
        if kind == "year-month":
            return (f"{g['y']}-{g['m']}", None) if 1 <= int(g["m"]) <= 12 else (None, None)
        ymd = _ymd(kind, g)
        if ymd and _valid(*ymd):
            return f"{ymd[0]:04d}-{ymd[1]:02d}-{ymd[2]:02d}", _time(g)
    return None, None


_ZONES = {"z": "+00:00", "gmt": "+00:00", "utc": "+00:00", "ut": "+00:00", "bst": "+01:00", "cet": "+01:00",
          "cest": "+02:00", "eet": "+02:00", "eest": "+03:00", "msk": "+03:00", "est": "-05:00", "edt": "-04:00",
          "cst": "-06:00", "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00"}
_OFFSET = re.compile(r"\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:(?P<zone>Z|GMT|UTC|UT|[A-Z]{3,4})\b)?"
                     r"\s*(?P<sign>[+-])?(?P<hh>\d{2})?:?(?P<mm>\d{2})?", re.I)


def utc_offset(text: str | None) -> str | None:
    """The UTC offset a timestamp is written with ('+05:30', '-05:00', '+00:00' for Z/GMT), else None."""
    if not text or not isinstance(text, str):
        return None
    for m in _OFFSET.finditer(text):
        if m.group("sign") and m.group("hh"):
            hh, mm = int(m.group("hh")), int(m.group("mm") or 0)
            if hh <= 14 and mm < 60:
                return f"{m.group('sign')}{hh:02d}:{mm:02d}"
        zone = (m.group("zone") or "").lower()
        if zone in _ZONES:
            return _ZONES[zone]
    return None


def to_utc(day: str | None, clock: str | None, offset: str | None) -> str | None:
    """'YYYY-MM-DDTHH:MMZ' of a local date and time written with a known offset."""
    if not (day and clock and offset) or len(day) != 10:
        return None
    from datetime import datetime, timedelta, timezone

    sign = -1 if offset[0] == "-" else 1
    tz = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    local = datetime.fromisoformat(f"{day}T{clock}").replace(tzinfo=tz)
    return local.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def looks_like_timestamp(line: str) -> bool:
    return parse_published(line)[0] is not None and len(line) <= 60
