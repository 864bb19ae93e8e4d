"""`parley fetch URL...` and `parley fetch --feed URL`: fetch pages and feeds, then read, code
and store them exactly as `parley ingest` does with files."""
from __future__ import annotations

import sys

import click

from parley.cli import main
from parley.cli.common import open_store
from parley.cli.ingest import _report, progress
from parley.errors import Refused, UsageError
from parley.ingest import context_from
from parley.ingest.fetch import FetchOptions, check_url, fetch_items
from parley.runs import ingest as run_ingest


@main.command()
@click.argument("urls", nargs=-1, metavar="URL...")
@click.option("--feed", "feeds", multiple=True, metavar="URL",
              help="An RSS/Atom feed: its entries, fetching the pages of summary-only entries (repeatable).")
@click.option("--allow-private", is_flag=True,
              help="Allow private, loopback and link-local addresses (refused by default: SSRF guard).")
@click.option("--timeout", type=float, metavar="SECONDS", help="Socket timeout (settings.fetch_timeout).")
@click.option("--max-redirects", type=int, metavar="N", help="Redirects followed (settings.fetch_max_redirects).")
@click.option("--delay", type=float, metavar="SECONDS", help="Pause between requests to one host (settings.fetch_delay).")
@click.option("--fail-fast", is_flag=True, help="Stop at the first coding failure.")
@click.pass_obj
def fetch(settings, urls: tuple[str, ...], feeds: tuple[str, ...], allow_private: bool,
          timeout: float | None, max_redirects: int | None, delay: float | None, fail_fast: bool) -> None:
    """Fetch web pages (and feeds with --feed), then code and store them like `parley ingest`.

    Exit status: 0 when everything was read, 1 when some were refused, 2 for a usage error.
    """
    if not urls and not feeds:
        raise UsageError("E030", "give one or more URLs, or --feed URL")
    for url in (*urls, *feeds):
        try:
            check_url(url)
        except Refused as r:
            raise UsageError("E031", r.detail)
    for name, value in (("fetch_allow_private", allow_private or None), ("fetch_timeout", timeout),
                        ("fetch_max_redirects", max_redirects), ("fetch_delay", delay)):
        if value is not None:
            setattr(settings, name, value)
    opts = FetchOptions.from_settings(settings)
    items = fetch_items(list(urls), list(feeds), opts, context_from(settings))
    with open_store(settings) as store, progress("fetching") as update:
        summary = run_ingest([*urls, *(f"--feed {f}" for f in feeds)], store, settings, update,
                             failure_policy="raise" if fail_fast else None, command="fetch", items=items)
    _report(summary, "fetch")
    sys.exit(1 if summary.refused else 0)
