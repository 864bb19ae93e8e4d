"""The embedded DuckDB store: articles, event mentions, refusals and runs.

Writes go through `write_batch`, one transaction per batch: an article and its mentions land
together or not at all, so a killed run leaves no half-coded article behind and re-running
the same command picks up where it stopped (stored articles are skipped by content hash).
"""
from __future__ import annotations

import json
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

from parley import serialize
from parley.errors import ParleyError
from parley.schema import Article, Mention, Refusal
from parley.store.schema import INDEXES, MIGRATIONS, SCHEMA_VERSION, TABLES


@dataclass
class EventFilter:
    actor: str | None = None  # code or text
    recipient: str | None = None
    event: str | None = None
    mode: str | None = None
    modality: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    outlet: str | None = None
    article_id: str | None = None
    min_confidence: float | None = None
    limit: int | None = None
    offset: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


def _mention_row(m: Mention, event_id: str | None = None) -> tuple:
    actor = m.actor[0] if m.actor else None
    rec = m.recipient[0] if m.recipient else None
    return (m.id, m.article_id, event_id or m.id, m.text_info.get("sequence"), m.event[0] if m.event else None,
            ",".join(m.mode), m.quad_code, m.event_scale, ",".join(a.code or "" for a in m.actor) or None,
            ",".join(r.code or "" for r in m.recipient) or None, actor.entity_text if actor else None,
            rec.entity_text if rec else None, m.date, m.modality, m.confidence, serialize.dumps(m))


MENTION_COLUMNS = ("id", "article_id", "event_id", "seq", "event", "mode", "quad_code", "event_scale",
                   "actor_code", "recipient_code", "actor_text", "recipient_text", "date", "modality",
                   "confidence", "record")
ARTICLE_COLUMNS = ("id", "content_hash", "url", "outlet", "title", "published", "published_time",
                   "language", "status", "source", "source_record", "story_id", "copy_kind", "copy_of",
                   "coder", "text", "raw", "record")


def _article_row(a: Article, coder: str) -> tuple:
    record = serialize.to_dict(a)
    record.pop("text", None)
    record.pop("raw", None)
    return (a.id, a.content_hash, a.url, a.outlet, a.title, a.published, a.published_time, a.language,
            a.status, a.source, a.source_record, a.story_id, a.copy_kind, a.copy_of, coder, a.text,
            a.raw, json.dumps(record, ensure_ascii=False))


def insert_rows(con: Any, table: str, rows: list[tuple], columns: tuple[str, ...] = ()) -> None:
    """Insert many rows in one statement (one list parameter a column, unnested together).

    Far faster than `executemany`, which runs the statement once a row: it set the single
    writer's ceiling at ~1,200 mentions/s (bench/store_bench.py measures the writer)."""
    if not rows:
        return
    names = f" ({', '.join(columns)})" if columns else ""
    width = len(rows[0])
    con.execute(f"INSERT INTO {table}{names} SELECT " + ", ".join(f"unnest(${i + 1})" for i in range(width)),
                [list(col) for col in zip(*rows)])


class Store:
    def __init__(self, path: str, read_only: bool = False) -> None:
        self.path = path
        if path != ":memory:":
            Path(path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            if read_only and not Path(path).exists():
                raise ParleyError("E050", f"no store at {path}: ingest something first (parley ingest PATH)")
        try:
            self.con = duckdb.connect(str(Path(path).expanduser()) if path != ":memory:" else path,
                                      read_only=read_only)
        except duckdb.IOException as exc:
            raise ParleyError("E051", f"cannot open the store {path}: {exc}".split("\n")[0])
        except duckdb.Error as exc:
            raise ParleyError("E052", f"{path} is not a parley store (DuckDB said: {str(exc).splitlines()[0]})")
        if not read_only:
            self._migrate()
        elif not self.con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'articles'").fetchone()[0]:
            self.con.close()
            raise ParleyError("E053", f"{path} holds no parley tables: ingest something first")

    @classmethod
    def on_connection(cls, con: duckdb.DuckDBPyConnection, path: str) -> "Store":
        """A Store over a connection (or cursor) opened elsewhere, e.g. one cursor per web request
        on a connection the server holds; closing it closes only that cursor."""
        store = cls.__new__(cls)
        store.path, store.con = path, con
        return store

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def _migrate(self) -> None:
        for ddl in TABLES + MIGRATIONS + INDEXES:
            self.con.execute(ddl)
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- writing ----------------------------------------------------------------
    def known(self, articles: list[Article]) -> tuple[set[str], dict[str, str]]:
        """(content hashes stored and coded, {id: stored hash} for ids already used).

        An article whose coding failed counts as not stored, so running the same command
        again (after a fix) codes it."""
        if not articles:
            return set(), {}
        hashes = [a.content_hash for a in articles]
        ids = [a.id for a in articles]
        stored = {r[0] for r in self.con.execute(
            "SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?)) AND status <> 'failed'",
            [hashes]).fetchall()}
        by_id = dict(self.con.execute(
            "SELECT id, content_hash FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall())
        return stored, by_id

    def write_batch(self, articles: list[Article], mentions: list[Mention], refusals: Iterable[Refusal] = (),
                    run_id: str | None = None, coder: str = "") -> None:
        """Store coded articles with their mentions (replacing earlier ones) in one transaction."""
        ids = [a.id for a in articles]
        with self.transaction() as con:
            if ids:
                con.execute("DELETE FROM mentions WHERE article_id IN (SELECT unnest(?))", [ids])
                con.execute("DELETE FROM articles WHERE id IN (SELECT unnest(?))", [ids])
                insert_rows(con, "articles", [_article_row(a, coder) for a in articles], ARTICLE_COLUMNS)
            insert_rows(con, "mentions", [_mention_row(m) for m in mentions], MENTION_COLUMNS)
            self._insert_refusals(con, refusals, run_id)

    def replace_mentions(self, article_ids: list[str], mentions: list[Mention]) -> None:
        with self.transaction() as con:
            con.execute("DELETE FROM mentions WHERE article_id IN (SELECT unnest(?))", [article_ids])
            insert_rows(con, "mentions", [_mention_row(m) for m in mentions], MENTION_COLUMNS)

    def add_refusals(self, refusals: Iterable[Refusal], run_id: str | None = None) -> None:
        with self.transaction() as con:
            self._insert_refusals(con, refusals, run_id)

    @staticmethod
    def _insert_refusals(con: Any, refusals: Iterable[Refusal], run_id: str | None) -> None:
        """Record refusals once: the same input refused again (a re-run) is not counted twice."""
        rows = [(run_id, r.source, r.record, r.reason, r.detail[:2000], r.source, r.record, r.reason)
                for r in refusals]
        if rows:
            con.executemany(
                "INSERT INTO refusals (run_id, source, record, reason, detail) SELECT ?, ?, ?, ?, ? "
                "WHERE NOT EXISTS (SELECT 1 FROM refusals WHERE source = ? "
                "AND record IS NOT DISTINCT FROM ? AND reason = ?)", rows)

    def start_run(self, command: str) -> str:
        run_id = uuid.uuid4().hex[:12]
        self.con.execute("INSERT INTO runs (run_id, command) VALUES (?, ?)", [run_id, command])
        return run_id

    def finish_run(self, run_id: str, counts: dict[str, Any]) -> None:
        self.con.execute("UPDATE runs SET finished = current_timestamp, counts = ? WHERE run_id = ?",
                         [json.dumps(counts), run_id])

    # -- reading ----------------------------------------------------------------
    def article(self, article_id: str) -> Article | None:
        row = self.con.execute("SELECT record, text, raw FROM articles WHERE id = ?", [article_id]).fetchone()
        return _article(row) if row else None

    def articles(self, where: str = "", params: list | None = None, limit: int | None = None) -> list[Article]:
        sql = "SELECT record, text, raw FROM articles " + (f"WHERE {where} " if where else "") + "ORDER BY id"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [_article(r) for r in self.con.execute(sql, params or []).fetchall()]

    def iter_articles(self, batch: int = 500, where: str = "", params: list | None = None) -> Iterator[Article]:
        cur = self.con.cursor()
        cur.execute("SELECT record, text, raw FROM articles " + (f"WHERE {where} " if where else "") + "ORDER BY id",
                    params or [])
        while rows := cur.fetchmany(batch):
            yield from (_article(r) for r in rows)

    def mentions(self, f: EventFilter | None = None) -> list[Mention]:
        where, params = _filter_sql(f or EventFilter())
        sql = f"SELECT m.record FROM mentions m JOIN articles a ON a.id = m.article_id {where} " \
              "ORDER BY m.date, m.article_id, m.seq, m.id"
        if f and f.limit:
            sql += f" LIMIT {int(f.limit)} OFFSET {int(f.offset)}"
        return [serialize.loads(Mention, r[0]) for r in self.con.execute(sql, params).fetchall()]

    def iter_mentions(self, f: EventFilter | None = None, batch: int = 1000) -> Iterator[Mention]:
        """Like `mentions`, streamed (memory does not grow with the store)."""
        where, params = _filter_sql(f or EventFilter())
        cur = self.con.cursor()
        cur.execute(f"SELECT m.record FROM mentions m JOIN articles a ON a.id = m.article_id {where} "
                    "ORDER BY m.date, m.article_id, m.seq, m.id", params)
        while rows := cur.fetchmany(batch):
            yield from (serialize.loads(Mention, r[0]) for r in rows)

    def count_mentions(self, f: EventFilter | None = None) -> int:
        where, params = _filter_sql(f or EventFilter())
        return self.con.execute(f"SELECT count(*) FROM mentions m JOIN articles a ON a.id = m.article_id {where}",
                                params).fetchone()[0]

    def stats(self) -> dict[str, Any]:
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        refused = dict(self.con.execute(
            "SELECT reason, count(*) FROM refusals GROUP BY reason ORDER BY reason").fetchall())
        status = dict(self.con.execute("SELECT status, count(*) FROM articles GROUP BY status").fetchall())
        languages = dict(self.con.execute(
            "SELECT coalesce(language, 'unknown'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC").fetchall())
        return {"articles": one("SELECT count(*) FROM articles"),
                "events": one("SELECT count(DISTINCT coalesce(event_id, id)) FROM mentions"),
                "mentions": one("SELECT count(*) FROM mentions"),
                "refused": refused, "articles_by_status": status, "languages": languages,
                "stories": one("SELECT count(DISTINCT story_id) FROM articles WHERE story_id IS NOT NULL"),
                "store": self.path}


def _article(row: tuple) -> Article:
    record = json.loads(row[0])
    record["text"], record["raw"] = row[1], row[2]
    return serialize.from_dict(Article, record)


def filter_clauses(f: EventFilter, t: str = "m", outlet: str = "a.outlet") -> tuple[list[str], list[Any]]:
    """SQL conditions (and their parameters) for an EventFilter over a table aliased `t` with
    the mention columns; `outlet` is the column the outlet filter tests."""
    clauses: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.actor:
        add(f"({t}.actor_code ILIKE ? OR {t}.actor_text ILIKE ?)", f"%{f.actor}%", f"%{f.actor}%")
    if f.recipient:
        add(f"({t}.recipient_code ILIKE ? OR {t}.recipient_text ILIKE ?)", f"%{f.recipient}%", f"%{f.recipient}%")
    if f.event:
        add(f"{t}.event = ?", f.event.upper())
    if f.mode:
        add(f"list_contains(string_split({t}.mode, ','), ?)", f.mode)
    if f.modality:
        add(f"{t}.modality = ?", f.modality)
    if f.date_from:
        add(f"{t}.date >= ?", f.date_from)
    if f.date_to:
        add(f"{t}.date <= ?", f.date_to + "\uffff")
    if f.outlet:
        add(f"{outlet} ILIKE ?", f"%{f.outlet}%")
    if f.article_id:
        add(f"{t}.article_id = ?", f.article_id)
    return clauses, params


def _filter_sql(f: EventFilter) -> tuple[str, list[Any]]:
    clauses, params = filter_clauses(f)
    if f.min_confidence is not None:
        clauses.append("m.confidence >= ?")
        params.append(f.min_confidence)
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
