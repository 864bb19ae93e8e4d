"""Parquet, written by DuckDB (already parley's store engine, so no pyarrow dependency).

The columns are the contract record's fields with their nesting kept (actor and recipient
are lists of structs, text_info a struct, ...), typed explicitly so that an empty or sparse
export has the same schema as a full one; fields the contract gains later are carried as
JSON columns until they are typed here.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from typing import Any, BinaryIO, Iterable

import duckdb

from parley.export import register

ENTITY = ('STRUCT(entity_text VARCHAR, code VARCHAR, sector VARCHAR, identifier_text VARCHAR, '
          'identifier_id VARCHAR, office VARCHAR, "start" INTEGER, "end" INTEGER, sectors VARCHAR[])')
TYPES: dict[str, str] = {
    "id": "VARCHAR", "article_id": "VARCHAR", "date": "VARCHAR", "enddate": "VARCHAR", "date_text": "VARCHAR",
    "actor": f"{ENTITY}[]", "recipient": f"{ENTITY}[]", "event": "VARCHAR[]", "mode": "VARCHAR[]",
    "context": "VARCHAR[]", "quad_code": "INTEGER", "event_scale": "DOUBLE", "event_text": "VARCHAR[]",
    "event_loc": ('STRUCT(extracted_place VARCHAR, resolved_place VARCHAR, country_code VARCHAR, province VARCHAR, '
                  'province_code VARCHAR, lat DOUBLE, lon DOUBLE, resolution INTEGER, "start" INTEGER, "end" INTEGER)'),
    "text_info": 'STRUCT(sequence INTEGER, "start" INTEGER, "end" INTEGER)',
    "cite_info": "STRUCT(url VARCHAR, title VARCHAR, publication VARCHAR, language VARCHAR)",
    "coder": "VARCHAR", "coded_date": "VARCHAR", "modality": "VARCHAR", "conditions": "VARCHAR[]",
    "attribution": 'STRUCT(text VARCHAR, kind VARCHAR, code VARCHAR, "start" INTEGER, "end" INTEGER)[]',
    "story_id": "VARCHAR", "reports": "INTEGER", "independent_reports": "INTEGER", "confidence": "DOUBLE",
    "offsets": "JSON", "mention_id": "VARCHAR", "explain": "JSON",
    "mentions": 'STRUCT(mention_id VARCHAR, article_id VARCHAR, text_info STRUCT(sequence INTEGER, "start" INTEGER, "end" INTEGER))[]',
}


def _columns(extra: set[str]) -> str:
    types = {**TYPES, **{k: "JSON" for k in sorted(extra)}}
    return "{" + ", ".join(f"'{k}': '{v}'" for k, v in types.items()) + "}"


@register("parquet")
class Parquet:
    name = "parquet"
    binary = True

    def write(self, records: Iterable[dict], out: BinaryIO) -> int:
        with tempfile.TemporaryDirectory(prefix="parley-parquet-") as tmp:
            source, target = os.path.join(tmp, "records.jsonl"), os.path.join(tmp, "events.parquet")
            n, extra = self._spool(records, source)
            con = duckdb.connect(":memory:")
            try:
                con.execute(f"COPY (SELECT * FROM read_json(?, format = 'newline_delimited', "
                            f"columns = {_columns(extra)})) TO '{target}' (FORMAT parquet, COMPRESSION zstd)",
                            [source])
            finally:
                con.close()
            with open(target, "rb") as f:
                shutil.copyfileobj(f, out)
        return n

    @staticmethod
    def _spool(records: Iterable[dict[str, Any]], path: str) -> tuple[int, set[str]]:
        n, extra = 0, set()
        with open(path, "w", encoding="utf-8") as f:
            for rec in records:
                extra.update(k for k in rec if k not in TYPES)
                f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n, extra
