"""The web interface: a FastAPI app over the store (`parley serve`).

Layout, in the order a request flows:
  security.py    security headers (Content-Security-Policy), Server-Timing, the last-resort 500
  routes.py      each page twice: HTML (Jinja2 template) and its JSON twin at the same path + `.json`;
                 a response cache per store generation (cache.py) in front of both
  params.py      query parameters -> validated filter objects (caps from settings)
  access.py      how the server holds the store (read-only attach with idle release, or the one writer)
  queries.py     SQL in DuckDB over a per-event summary table; stance.py the timeline's series
  views/         one module per page: builds the plain data a page shows
  charts.py      plotly figure specs from that data (drawn by the plotly.js the `plotly` package ships)
  highlight.py   an article's text cut into evidence segments (rendered escaped)
  api.py         downloads (CSV, JSON Lines), status, and ingest (only with a token)
  errors.py      one error shape {"status", "code", "message"} for every error
  app.py         the app factory
"""
from __future__ import annotations

from parley.web.app import create_app

__all__ = ["create_app"]
