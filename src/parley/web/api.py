"""Downloads of the filtered event list, server status, and (with a token) ingest.

Downloads are built like `parley export`: contract records from parley.export.records, the
same lead-mention and report rules (parley.export.query), written by the registered exporter
of the format. Ingest runs the POSTed input records through parley.runs.ingest, the path
`parley ingest` takes (read -> de-duplicate -> code -> one transaction per batch -> hooks).
"""
from __future__ import annotations

import hmac
import json
import os
import tempfile
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask

from parley import __version__
from parley.export import get as get_exporter
from parley.export.query import event_records
from parley.runs import ingest as run_ingest
from parley.web import queries
from parley.web.errors import WebError
from parley.web.params import EventQuery, event_query

router = APIRouter()
DOWNLOADS = {"csv": ("csv", "text/csv; charset=utf-8"), "jsonl": ("plover", "application/x-ndjson")}

def _download(request: Request, q: EventQuery, fmt: str) -> FileResponse:
    name, media = DOWNLOADS[fmt]
    exporter = get_exporter(name)
    cap = request.app.state.settings.web_max_download
    fd, path = tempfile.mkstemp(prefix="parley-download-", suffix=f".{fmt}")
    try:
        with request.app.state.access.reader() as store, os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            eids = queries.event_ids(store, q.filter(), q.min_independent, cap + 1)
            if len(eids) > cap:
                raise WebError(422, "too-many-rows", f"the filtered set has more than {cap} events (the "
                               "web_max_download setting): narrow the filters or use `parley export`")
            exporter.write(event_records(store, eids), out)
    except BaseException:
        os.unlink(path)
        raise
    return FileResponse(path, media_type=media, filename=f"parley-events.{fmt}",
                        background=BackgroundTask(os.unlink, path))


@router.get("/events.csv", summary="The filtered events as CSV (the csv exporter's columns)",
            response_class=FileResponse)
def download_csv(request: Request, q: EventQuery = Depends(event_query)) -> FileResponse:
    return _download(request, q, "csv")


@router.get("/events.jsonl", summary="The filtered events as PLOVER JSON Lines (the export contract)",
            response_class=FileResponse)
def download_jsonl(request: Request, q: EventQuery = Depends(event_query)) -> FileResponse:
    return _download(request, q, "jsonl")


@router.get("/api/status", summary="Server mode and store access")
def status(request: Request) -> dict[str, Any]:
    access = request.app.state.access
    return {"version": __version__, "read_only": not access.writable, "ingest_enabled": access.writable,
            "holding_store": access.holding, "store_opened": access.opened,
            "idle_release_seconds": access.idle_release, "generation": access.generation,
            "summary_ready": access.summary_ready, "summary_seconds": access.summary_seconds,
            "summary_generation": access.served, "summary_built_at": access.summary_built_at,
            "summary_refreshing": access.refreshing,
            "cache": {"hits": request.app.state.cache.hits, "misses": request.app.state.cache.misses}}


def _authorize(request: Request) -> None:
    token = request.app.state.settings.token
    if not token:
        raise WebError(403, "read-only", "this server is read-only: start it with a token (PARLEY_TOKEN) "
                                         "to enable ingest")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise WebError(401, "unauthorized", "ingest needs 'Authorization: Bearer <token>' with the "
                                            "server's token", {"WWW-Authenticate": "Bearer"})


async def _body(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise WebError(413, "too-large", f"the body is {declared} bytes; the cap is {cap} (web_max_ingest_bytes)")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise WebError(413, "too-large", f"the body is over the cap of {cap} bytes (web_max_ingest_bytes)")
        chunks.append(chunk)
    return b"".join(chunks)


def _as_jsonl(body: bytes, content_type: str) -> bytes:
    """JSON Lines as sent, or a JSON array/object turned into lines (each element one record)."""
    if "ndjson" in content_type or "jsonl" in content_type:
        return body
    if "json" not in content_type:
        raise WebError(415, "unsupported-media-type", "send input records as application/x-ndjson "
                                                      "(one JSON object a line) or application/json")
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise WebError(400, "bad-json", f"the body is not valid JSON: {exc}")
    items = data if isinstance(data, list) else [data]
    return b"".join(json.dumps(x, ensure_ascii=False).encode() + b"\n" for x in items)


@router.post("/api/ingest", summary="Ingest input records (needs the server's token)",
             description="Body: input records (shared/design/event-record.md) as JSON Lines "
                         "(application/x-ndjson) or a JSON array. Each is read, de-duplicated, coded and "
                         "stored like `parley ingest`; the answer is the run's counts and its refusals.")
async def ingest(request: Request) -> JSONResponse:
    _authorize(request)
    settings = request.app.state.settings
    body = _as_jsonl(await _body(request, settings.web_max_ingest_bytes),
                     request.headers.get("content-type", "").lower())
    if not body.strip():
        raise WebError(400, "empty", "the body holds no input records")
    summary = await run_in_threadpool(_ingest_file, request, body)
    refusals = [{"record": r.record, "reason": r.reason, "detail": r.detail} for r in summary.refusals]
    return JSONResponse({"run": summary.counts(), "refusals": refusals})


def _ingest_file(request: Request, body: bytes):
    access, settings = request.app.state.access, request.app.state.settings
    with tempfile.TemporaryDirectory(prefix="parley-api-") as tmp:
        path = os.path.join(tmp, "api-ingest.jsonl")
        with open(path, "wb") as f:
            f.write(body)
        with access.writer() as store:
            return run_ingest([path], store, settings, command="api-ingest")
