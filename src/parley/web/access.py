"""How the server holds the store.

DuckDB lets one process open a database file for writing, or several processes open it
read-only, never both at once. So:

* Read-only server (no token configured): one read-only connection, opened on the first
  request and let go after `web_idle_release` seconds without a request. Every request
  reads through its own cursor of that connection (cursors are safe across threads).
  - While the server holds the file, a `parley ingest` in another process cannot open it:
    the CLI stops at once with `[E051] cannot open the store ... Conflicting lock`, having
    written nothing. Run it again once the server has been idle for `web_idle_release` s
    (or stop the server, or configure a token and ingest through the server).
  - While a `parley ingest` runs, the server cannot open the file: pages and API calls answer
    503 `store-unavailable` (with Retry-After) until the ingest ends; the next request after
    that opens the file again and sees everything the ingest stored.
* Token configured: the server opens the store read-write at start and keeps it; it is the
  one writer. Reads are cursors on that connection (each sees a consistent snapshot);
  ingest requests run one at a time through `parley.runs.ingest`, the same path as
  `parley ingest`. A CLI ingest cannot open the store while this server runs: ingest through
  `POST /api/ingest` instead.

Either way the server's connection is an in-memory DuckDB database with the store file
ATTACHed (read-only or not) as `store`, made the default schema of every cursor; the memory
side holds the per-event summary the pages aggregate (web.queries.EV), built once per store
*generation*: each time the file is opened, and again after each ingest through the server.
"""
from __future__ import annotations

import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import duckdb

from parley.errors import ParleyError
from parley.store.db import Store
from parley.web.errors import WebError, from_parley
from parley.web.queries import build_summary


class StoreAccess:
    def __init__(self, path: str, writable: bool = False, idle_release: float = 2.0) -> None:
        self.path = str(Path(path).expanduser())
        self.writable = writable
        self.idle_release = idle_release
        self._lock = threading.Lock()
        self._summary_lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._last_used = time.monotonic()
        self._reaper: threading.Thread | None = None
        self.opened = 0  # how many times the file was opened (shown by /api/status)
        self.generation = 0  # bumped when the file is opened or written through the server
        self._summarized = -1
        if writable:
            Store(self.path).close()  # creates and migrates the store when needed
            self._con = self._attach()

    def _attach(self) -> duckdb.DuckDBPyConnection:
        if not self.writable and not Path(self.path).exists():
            raise ParleyError("E050", f"no store at {self.path}: ingest something first (parley ingest PATH)")
        con = duckdb.connect(":memory:")
        literal = self.path.replace("'", "''")
        try:
            con.execute(f"ATTACH '{literal}' AS store" + ("" if self.writable else " (READ_ONLY)"))
        except duckdb.IOException as exc:
            con.close()
            raise ParleyError("E051", f"cannot open the store {self.path}: {exc}".split("\n")[0])
        except duckdb.Error as exc:
            con.close()
            raise ParleyError("E052", f"{self.path} is not a parley store (DuckDB said: {str(exc).splitlines()[0]})")
        con.execute("USE store")
        if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE database_name = 'store' "
                           "AND table_name = 'articles'").fetchone()[0]:
            con.close()
            raise ParleyError("E053", f"{self.path} holds no parley tables: ingest something first")
        self.opened += 1
        self.generation += 1
        return con

    def _cursor(self, con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
        cur = con.cursor()
        cur.execute("USE store")
        return cur

    # -- reading ----------------------------------------------------------------
    @contextmanager
    def reader(self) -> Iterator[Store]:
        with self._lock:
            con = self._connect()
            self._users += 1
        try:
            cur = self._cursor(con)
            self._summarize(cur)
            try:
                yield Store.on_connection(cur, self.path)
            finally:
                cur.close()
        finally:
            with self._lock:
                self._users -= 1
                self._last_used = time.monotonic()

    def _summarize(self, cur: duckdb.DuckDBPyConnection) -> None:
        """Build the per-event summary once per generation (other readers wait for it)."""
        if self._summarized == self.generation:
            return
        with self._summary_lock:
            generation = self.generation
            if self._summarized != generation:
                build_summary(cur)
                self._summarized = generation

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            try:
                self._con = self._attach()
            except ParleyError as exc:
                raise from_parley(exc)
            self._start_reaper()
        return self._con

    def _start_reaper(self) -> None:
        if self.writable or (self._reaper and self._reaper.is_alive()):
            return
        self._reaper = threading.Thread(target=self._reap, name="parley-store-release", daemon=True)
        self._reaper.start()

    def _reap(self) -> None:
        """Let go of the read-only store once no request has used it for `idle_release` seconds."""
        while True:
            time.sleep(max(0.05, min(0.25, self.idle_release / 2)))
            with self._lock:
                if self._con is None:
                    return
                if self._users == 0 and time.monotonic() - self._last_used >= self.idle_release:
                    self._con.close()
                    self._con = None
                    return

    @property
    def holding(self) -> bool:
        """Whether the server has the store file open right now."""
        return self._con is not None

    # -- writing ----------------------------------------------------------------
    @contextmanager
    def writer(self, wait: float = 30.0) -> Iterator[Store]:
        if not self.writable or self._con is None:
            raise WebError(403, "read-only", "this server is read-only: start it with a token "
                                             "(PARLEY_TOKEN) to enable ingest")
        if not self._write_lock.acquire(timeout=wait):
            raise WebError(503, "busy", "another ingest is running on this server; try again",
                           {"Retry-After": "10"})
        cur = self._cursor(self._con)
        try:
            yield Store.on_connection(cur, self.path)
        finally:
            cur.close()
            self.generation += 1  # the summary is rebuilt on the next read
            self._write_lock.release()

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None
