"""The event list's in-memory index: the summary's rows (web.queries.EV), newest first, held as
numpy columns, so that a filtered list page is a few array operations instead of a scan of the
summary in SQL per request. Built with the summary, once per store generation (web.access).

Filters keep the SQL semantics of `parley.store.db.filter_clauses` on the lead mention: actor
and recipient match the code or the text case-insensitively as `ILIKE '%x%'` (`%` and `_` in
x stay wildcards), type and modality are equal, mode is one of the comma-separated modes, dates
compare as strings (`date_to` takes the whole day, month or year it names), outlet matches any
reporting outlet, and a NULL never matches. A string column is stored as codes into its
distinct values, so a text test runs once per distinct value, not once per event.
"""
from __future__ import annotations

import re
import threading
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from typing import Any, Callable, NamedTuple, Sequence

import numpy as np

from parley.store.db import EventFilter

FILTERED = ("actor_code", "actor_text", "recipient_code", "recipient_text", "event", "mode", "modality",
            "outlets", "article_id")
SHOWN = ("title", "lead_outlet", "published")


def like_test(needle: str) -> Callable[[str], Any]:
    """DuckDB's `value ILIKE '%needle%'` as a test on a Python string."""
    if "%" not in needle and "_" not in needle:
        lowered = needle.lower()
        return lambda value: lowered in value.lower()
    body = "".join(".*" if ch == "%" else "." if ch == "_" else re.escape(ch) for ch in needle)
    return re.compile(body, re.IGNORECASE | re.DOTALL).search


class Factor:
    """A string column as int32 codes into its distinct values (None is a value that no test
    matches; code -1 is the last value, which the summary's reader makes None)."""

    def __init__(self, codes: np.ndarray, values: list[str | None]) -> None:
        self.codes, self.values = codes, values
        self._like: dict[str, np.ndarray] = {}

    @classmethod
    def of(cls, values: Sequence[str | None]) -> "Factor":
        index: dict[str | None, int] = {}
        codes = np.fromiter((index.setdefault(v, len(index)) for v in values), np.int32, len(values))
        return cls(codes, list(index))

    def where(self, test: Callable[[str], Any]) -> np.ndarray:
        """A boolean mask over the rows: which rows' value passes `test`."""
        return self.passing(test)[self.codes]

    def passing(self, test: Callable[[str], Any]) -> np.ndarray:
        """Which distinct values pass `test` (None never does)."""
        return np.fromiter((v is not None and bool(test(v)) for v in self.values), bool, len(self.values))

    def matching(self, needle: str) -> np.ndarray:
        """A boolean mask over the rows: `value ILIKE '%needle%'`; the distinct values' answers
        are remembered per needle (the same few actors are asked for again and again)."""
        found = self._like.get(needle)
        if found is None:
            if len(self._like) >= 256:
                self._like.clear()
            found = self._like[needle] = self.passing(like_test(needle))
        return found[self.codes]

    def __getitem__(self, row: int) -> str | None:
        return self.values[self.codes[row]]


class SortedStrings:
    """A string column as ranks into its sorted distinct values (-1 for NULL): `>=` and `<=`
    against a string are comparisons of ranks."""

    def __init__(self, codes: np.ndarray, values: list[str]) -> None:
        self.codes, self.values = codes, values

    @classmethod
    def of(cls, values: Sequence[str | None]) -> "SortedStrings":
        ordered = sorted({v for v in values if v is not None})
        rank = {v: i for i, v in enumerate(ordered)}
        return cls(np.fromiter((rank[v] if v is not None else -1 for v in values), np.int32, len(values)), ordered)

    def at_least(self, bound: str) -> np.ndarray:
        return self.codes >= bisect_left(self.values, bound)

    def at_most(self, bound: str) -> np.ndarray:
        return (self.codes >= 0) & (self.codes < bisect_right(self.values, bound))


class Row(NamedTuple):
    eid: str
    reports: int
    independent: int
    lead_id: str
    lead_rowid: int
    title: str | None
    outlet: str | None
    published: str | None


class ListIndex:
    """One summary's events (row i = the event at position i + 1, newest first)."""

    def __init__(self, eid: Sequence[str], lead_id: Sequence[str], numbers: dict[str, np.ndarray],
                 text: dict[str, Factor], date: SortedStrings, max_memo_bytes: int = 32_000_000) -> None:
        self.size = len(eid)
        # numpy object arrays, not lists or dicts: the garbage collector does not walk them
        self.eid, self.lead_id = np.asarray(eid, dtype=object), np.asarray(lead_id, dtype=object)
        self._by_eid = np.argsort(self.eid, kind="stable")  # event id -> row, by binary search
        self.reports, self.independent, self.lead_rowid = (numbers[n] for n in ("reports", "independent",
                                                                                "lead_rowid"))
        self.text, self.date = text, date
        self.max_memo_bytes = max_memo_bytes
        self._memo: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def from_summary(cls, con: Any, table: str) -> "ListIndex":
        """Read from the summary table: DuckDB numbers each string column's sorted distinct values
        and gives each event its value's number (-1 for NULL), so Python makes one object per
        distinct value, not one per event and column."""
        names = (*FILTERED, *SHOWN, "date")
        joins = " ".join(f"LEFT JOIN (SELECT v, (row_number() OVER (ORDER BY v) - 1)::INTEGER AS k FROM "
                         f"(SELECT DISTINCT {n} AS v FROM {table} WHERE {n} IS NOT NULL)) d{i} ON d{i}.v = e.{n}"
                         for i, n in enumerate(names))
        codes = ", ".join(f"coalesce(d{i}.k, -1) AS {n}" for i, n in enumerate(names))
        got = con.execute(f"SELECT e.eid, e.lead_id, e.reports, e.independent, e.lead_rowid, {codes} "
                          f"FROM {table} e {joins} ORDER BY e.pos").fetchnumpy()
        values = {n: [r[0] for r in con.execute(f"SELECT DISTINCT {n} FROM {table} WHERE {n} IS NOT NULL "
                                                "ORDER BY 1").fetchall()] for n in names}
        numbers = {n: np.asarray(got[n], dtype=np.int64) for n in ("reports", "independent", "lead_rowid")}
        text = {n: Factor(np.asarray(got[n], dtype=np.int32), values[n] + [None]) for n in (*FILTERED, *SHOWN)}
        return cls(got["eid"], got["lead_id"], numbers, text,
                   SortedStrings(np.asarray(got["date"], dtype=np.int32), values["date"]))

    @classmethod
    def of(cls, columns: dict[str, list[Any]]) -> "ListIndex":
        """From columns in Python (row i = position i + 1)."""
        numbers = {n: np.asarray(columns[n], dtype=np.int64) for n in ("reports", "independent", "lead_rowid")}
        return cls(columns["eid"], columns["lead_id"], numbers,
                   {n: Factor.of(columns[n]) for n in (*FILTERED, *SHOWN)}, SortedStrings.of(columns["date"]))

    # -- selecting --------------------------------------------------------------
    def select(self, f: EventFilter, min_independent: int = 0) -> np.ndarray:
        """The rows a filter selects, newest first (remembered per filter, oldest out first)."""
        key = (min_independent, f.actor, f.recipient, f.event, f.mode, f.modality, f.date_from, f.date_to,
               f.outlet, f.article_id)
        with self._lock:
            found = self._memo.get(key)
            if found is not None:
                self._memo.move_to_end(key)
                return found
        rows = np.flatnonzero(self._mask(f, min_independent))
        with self._lock:
            self._memo[key] = rows
            while sum(v.nbytes for v in self._memo.values()) > self.max_memo_bytes and len(self._memo) > 1:
                self._memo.popitem(last=False)
        return rows

    def _mask(self, f: EventFilter, min_independent: int) -> np.ndarray:
        text = self.text
        mask = self.independent >= min_independent
        for needle, code, words in ((f.actor, "actor_code", "actor_text"),
                                    (f.recipient, "recipient_code", "recipient_text")):
            if needle:
                mask &= text[code].matching(needle) | text[words].matching(needle)
        if f.event:
            mask &= text["event"].where(f.event.upper().__eq__)
        if f.mode:
            mask &= text["mode"].where(lambda v: f.mode in v.split(","))
        if f.modality:
            mask &= text["modality"].where(f.modality.__eq__)
        if f.date_from:
            mask &= self.date.at_least(f.date_from)
        if f.date_to:
            mask &= self.date.at_most(f.date_to + "\uffff")
        if f.outlet:
            mask &= text["outlets"].matching(f.outlet)
        if f.article_id:
            mask &= text["article_id"].where(f.article_id.__eq__)
        return mask

    # -- reading ------------------------------------------------------------------
    def rows(self, chosen: Sequence[int]) -> list[Row]:
        title, outlet, published = (self.text[n] for n in SHOWN)
        return [Row(self.eid[i], int(self.reports[i]), int(self.independent[i]), self.lead_id[i],
                    int(self.lead_rowid[i]), title[i], outlet[i], published[i]) for i in chosen]

    def eids(self, chosen: Sequence[int]) -> list[str]:
        return [self.eid[i] for i in chosen]

    def counts(self, eids: Sequence[str]) -> dict[str, tuple[int, int]]:
        """{event id: (reports, independent reports)} of the events this summary holds."""
        return {eid: (int(self.reports[i]), int(self.independent[i])) for eid in eids
                if (i := self.row_of(eid)) is not None}

    def row_of(self, eid: str) -> int | None:
        """The row of an event id, or None."""
        at = int(np.searchsorted(self.eid, eid, sorter=self._by_eid))
        if at < self.size and self.eid[self._by_eid[at]] == eid:
            return int(self._by_eid[at])
        return None
