"""`parley serve`: the web UI and HTTP API over the store."""
from __future__ import annotations

import os
from pathlib import Path

import click

from parley.cli import main
from parley.errors import ParleyError, UsageError


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind. The default is this machine only; another address exposes the store.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port (0 = any free one).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 16),
              help="Server processes (read-only servers only; each holds its own summary and cache).")
@click.option("--log-level", default="warning", show_default=True,
              type=click.Choice(["critical", "error", "warning", "info", "debug"]))
@click.pass_obj
def serve(settings, host: str, port: int, workers: int, log_level: str) -> None:
    """Serve the web UI and its JSON API (read-only unless a token is set: PARLEY_TOKEN).

    With a token the server holds the store for writing and accepts POST /api/ingest; a
    `parley ingest` in another process cannot open the store meanwhile. Without one it opens
    the store read-only and lets go of it when idle (see `web_idle_release`).
    """
    import uvicorn

    from parley.web import create_app

    if not settings.token and not Path(settings.store).expanduser().exists():
        raise ParleyError("E050", f"no store at {settings.store}: ingest something first (parley ingest PATH), "
                                  "or set a token to start a server that ingests")
    if settings.token and len(settings.token) < 16:
        raise UsageError("E015", "the token must have at least 16 characters")
    if settings.token and workers > 1:
        raise UsageError("E016", "a server with a token is the store's one writer: it runs one worker")
    mode = "read-write: POST /api/ingest enabled" if settings.token else "read-only"
    click.echo(f"parley: serving {settings.store} ({mode}, {workers} worker{'s' * (workers > 1)}) "
               f"on http://{host}:{port}/", err=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"parley: warning: bound to {host}: other machines can reach this server", err=True)
    if workers == 1:
        uvicorn.run(create_app(settings), host=host, port=port, log_level=log_level, server_header=False)
        return
    os.environ["PARLEY_STORE"] = str(Path(settings.store).expanduser().resolve())  # for each worker
    uvicorn.run("parley.web.app:create_app_from_env", factory=True, workers=workers, host=host, port=port,
                log_level=log_level, server_header=False)
