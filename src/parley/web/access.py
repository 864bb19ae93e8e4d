"""How the server holds the store.

DuckDB lets one process open a database file for writing, or several processes open it
read-only, never both at once. The server keeps one in-memory DuckDB database for its whole
life and ATTACHes the store file to it as `store` (the default schema of every request's
cursor) only while it needs it:

* Read-only server (no token configured): the file is attached READ_ONLY on the first request
  and detached after `web_idle_release` seconds without a request.
  - While the server holds the file, a `parley ingest` in another process cannot open it:
    the CLI stops at once with `[E051] cannot open the store ... Conflicting lock`, having
    written nothing. Run it again once the server has been idle for `web_idle_release` s
    (or stop the server, or configure a token and ingest through the server).
  - While a `parley ingest` runs, the server cannot attach the file: pages and API calls
    answer 503 `store-unavailable` (with Retry-After) until the ingest ends; the next request
    attaches it again and sees everything the ingest stored.
* Token configured: the server attaches the store read-write at start and keeps it; it is
  the one writer. Reads are cursors (each sees a consistent snapshot); ingest requests run
  one at a time through `parley.runs.ingest`, the same path as `parley ingest`. A CLI ingest
  cannot open the store while this server runs: ingest through `POST /api/ingest` instead.

The memory side holds the per-event summary (web.queries.EV) and the response cache, both
valid for one *generation* of the store. A generation ends when the file's signature (size
and modification time of the file and its WAL) differs at the next attach, or after an
ingest through the server; detaching an unchanged store for a while costs nothing.

No request waits for a summary: the first is built at server start before requests are
accepted; an ingest through the server builds the next before it answers; a change made by
another process (seen at attach) is summarized by one background refresh while pages keep
serving the previous summary. Pages, their cache and memos are per *served* generation (the
summary's), and say when it was built (`as_of`, /api/status).
"""
from __future__ import annotations

import logging
import os
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb

from parley.errors import ParleyError
from parley.store.db import Store
from parley.web.errors import WebError, from_parley
from parley.web.memory import Lookups
from parley.web.queries import EV, build_summary

log = logging.getLogger(__name__)

def signature(path: str) -> tuple:
    """What changes when a DuckDB file is written: size and mtime of the file and its WAL."""
    out = []
    for p in (path, path + ".wal"):
        try:
            st = os.stat(p)
            out.append((st.st_size, st.st_mtime_ns))
        except FileNotFoundError:
            out.append(None)
    return tuple(out)


class StoreAccess:
    def __init__(self, path: str, writable: bool = False, idle_release: float = 2.0) -> None:
        self.path = str(Path(path).expanduser())
        self.writable = writable
        self.idle_release = idle_release
        self._lock = threading.Lock()
        self._summary_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._mem = duckdb.connect(":memory:")
        self._local = threading.local()
        self._attached = False
        self._users = 0
        self._last_used = time.monotonic()
        self._reaper: threading.Thread | None = None
        self._signature: tuple | None = None
        self.opened = 0  # how many times the file was attached (shown by /api/status)
        self.generation = 0  # which state of the store the summary and the cache describe
        self._summarized = -1  # the generation the summary describes (what pages show)
        self._lookups: dict[int, Lookups] = {}  # web.memory, per summarized generation
        self._refreshing = False
        self.summary_seconds: float | None = None
        self.summary_built_at: str | None = None
        if writable:
            Store(self.path).close()  # creates and migrates the store when needed
            self._attach()

    def _attach(self) -> None:
        if not self.writable and not Path(self.path).exists():
            raise ParleyError("E050", f"no store at {self.path}: ingest something first (parley ingest PATH)")
        literal = self.path.replace("'", "''")
        try:
            self._mem.execute(f"ATTACH '{literal}' AS store" + ("" if self.writable else " (READ_ONLY)"))
        except duckdb.IOException as exc:
            raise ParleyError("E051", f"cannot open the store {self.path}: {exc}".split("\n")[0])
        except duckdb.Error as exc:
            raise ParleyError("E052", f"{self.path} is not a parley store (DuckDB said: {str(exc).splitlines()[0]})")
        if not self._mem.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'store' "
                                 "AND table_name = 'articles'").fetchone()[0]:
            self._mem.execute("DETACH store")
            raise ParleyError("E053", f"{self.path} holds no parley tables: ingest something first")
        self._attached = True
        self.opened += 1
        current = signature(self.path)
        if current != self._signature:
            self._signature = current
            self.generation += 1

    def _detach(self) -> None:
        if self._attached:
            self._mem.execute("DETACH store")
            self._attached = False

    def _cursor(self) -> duckdb.DuckDBPyConnection:
        cur = self._mem.cursor()
        cur.execute("USE store")
        return cur

    def _thread_cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's reading cursor, kept while the store stays attached (a new one after a
        detach: `opened` counts attaches); one thread runs one request at a time."""
        held = getattr(self._local, "cursor", None)
        if held is not None and held[0] == self.opened:
            return held[1]
        if held is not None:
            held[1].close()
        cur = self._cursor()
        self._local.cursor = (self.opened, cur)
        return cur

    # -- reading ----------------------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[Store]:
        """A Store over its own cursor; the file stays attached until every reader is done."""
        with self._lock:
            if not self._attached:
                try:
                    self._attach()
                except ParleyError as exc:
                    raise from_parley(exc)
                self._start_reaper()
            self._users += 1
        try:
            cur = self._thread_cursor()
            self._summarize(cur)
            store = Store.on_connection(cur, self.path)
            generation = self.served
            store.generation = generation  # type: ignore[attr-defined]  # for per-generation memos
            store.lookups = self._lookups.get(generation)  # type: ignore[attr-defined]
            yield store
        finally:
            with self._lock:
                self._users -= 1
                self._last_used = time.monotonic()

    def _summarize(self, cur: duckdb.DuckDBPyConnection) -> None:
        """Make sure a per-event summary exists. The first one is built here (at server start,
        by `warm`, before requests are accepted); after a store change the previous summary
        keeps serving while one background refresh builds the next (never a request waiting
        for it, never two builds at once)."""
        if self._summarized == self.generation:
            return
        if self._summarized > 0:
            self._refresh_behind()
            return
        with self._summary_lock:
            if self._summarized <= 0:
                self._build(cur)

    def _build(self, cur: duckdb.DuckDBPyConnection) -> None:
        """(Holding _summary_lock.) Build the summary of the current generation: readers of the
        previous one are not blocked (DuckDB replaces the table in one transaction)."""
        generation = self.generation
        t0 = time.perf_counter()
        build_summary(cur)
        lookups = Lookups.build(cur, EV)
        self._lookups = {g: x for g, x in self._lookups.items() if g >= self._summarized} | {generation: lookups}
        self.summary_seconds = round(time.perf_counter() - t0, 3)
        self.summary_built_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        self._summarized = generation

    def _refresh_behind(self) -> None:
        """Start the one background refresh, unless it runs already (single flight)."""
        with self._lock:
            if self._refreshing or not self._attached:
                return
            self._refreshing = True
            self._users += 1  # the file stays attached while the refresh reads it
        threading.Thread(target=self._refresh, name="parley-summary-refresh", daemon=True).start()

    def _refresh(self) -> None:
        try:
            while True:
                with self._summary_lock:
                    if self._summarized != self.generation:
                        cur = self._cursor()
                        try:
                            self._build(cur)
                        finally:
                            cur.close()
                with self._lock:
                    if self._summarized == self.generation or not self._attached:
                        self._refreshing = False
                        self._users -= 1
                        self._last_used = time.monotonic()
                        return
        except Exception:  # noqa: BLE001 - the next request starts another refresh
            log.exception("refreshing the web summary failed; the previous one keeps serving")
            with self._lock:
                self._refreshing = False
                self._users -= 1
                self._last_used = time.monotonic()

    def as_of(self) -> dict[str, object]:
        """What the lists and counts describe: the summary's store state and when it was built."""
        return {"summary_built_at": self.summary_built_at, "summary_generation": self._summarized}

    def warm(self) -> None:
        """Attach and build the summary now (at server start, before requests are accepted);
        a store that cannot be read yet is left for the first request to report."""
        try:
            with self.reader():
                pass
        except WebError:
            pass

    @property
    def summary_ready(self) -> bool:
        return self._summarized == self.generation and self.generation > 0

    def _start_reaper(self) -> None:
        if self.writable or (self._reaper and self._reaper.is_alive()):
            return
        self._reaper = threading.Thread(target=self._reap, name="parley-store-release", daemon=True)
        self._reaper.start()

    def _reap(self) -> None:
        """Detach the read-only store once no request has used it for `idle_release` seconds."""
        while True:
            time.sleep(max(0.05, min(0.25, self.idle_release / 2)))
            with self._lock:
                if not self._attached:
                    return
                if self._users == 0 and time.monotonic() - self._last_used >= self.idle_release:
                    self._detach()
                    return

    def current_generation(self) -> int | None:
        """The generation pages describe (the summary's) when the store is attached and has a
        summary; None when a reader must attach first. Not a use of the store: a request that
        is answered from it calls `touch` (a status poll must not keep the store held)."""
        with self._lock:
            if not self._attached or self._summarized <= 0:
                return None
            return self._summarized  # while a refresh runs (started by a reader), the previous one

    def touch(self) -> None:
        """A page was served from what the store held: counts as use for the idle release."""
        with self._lock:
            self._last_used = time.monotonic()

    @property
    def served(self) -> int:
        """The generation the pages describe: the summary's, which may trail the store's while a
        refresh runs. Response caches and memos are kept per served generation."""
        return self._summarized

    @property
    def refreshing(self) -> bool:
        return self._refreshing

    @property
    def holding(self) -> bool:
        """Whether the server has the store file open right now."""
        return self._attached

    # -- writing ----------------------------------------------------------------
    @contextmanager
    def writer(self, wait: float = 30.0) -> Iterator[Store]:
        if not self.writable or not self._attached:
            raise WebError(403, "read-only", "this server is read-only: start it with a token "
                                             "(PARLEY_TOKEN) to enable ingest")
        if not self._write_lock.acquire(timeout=wait):
            raise WebError(503, "busy", "another ingest is running on this server; try again",
                           {"Retry-After": "10"})
        cur = self._cursor()
        written = False
        try:
            yield Store.on_connection(cur, self.path)
            written = True
        finally:
            with self._lock:
                self.generation += 1
            if written:  # the ingest answers once its events are in the summary; readers keep
                try:     # the previous one meanwhile (DuckDB swaps the table in one transaction)
                    with self._summary_lock:
                        if self._summarized != self.generation:
                            self._build(cur)
                except duckdb.Error:
                    log.exception("building the web summary after an ingest failed")
            cur.close()
            self._write_lock.release()
            if self._summarized != self.generation:  # a failed ingest may have stored some batches
                self._refresh_behind()

    def close(self, wait: float = 30.0) -> None:
        """Let go of the store at shutdown, once a background summary refresh has finished (it
        reads through the same in-memory database); after `wait` seconds, close anyway."""
        deadline = time.monotonic() + wait
        while self._refreshing and time.monotonic() < deadline:
            time.sleep(0.05)
        with self._lock:
            try:
                self._detach()
                self._mem.close()
            except duckdb.Error as exc:  # a refresh still running past the wait: the process ends anyway
                log.warning("closing the store at shutdown: %s", str(exc).splitlines()[0])
