"""The web interface: a FastAPI app over the store (`parley serve`).

Layout, in the order a request flows:
  access.py      how the server holds the store (read-only leases, or the one writer with a token)
  params.py      query parameters -> validated filter objects (caps from settings)
  queries.py     SQL aggregations in DuckDB (events, counts, series); no Python loops over records
  views/         one module per page: builds the plain data a page shows
  charts.py      plotly figure specs built from that data (drawn by the bundled plotly.js)
  routes.py      each page twice: HTML (Jinja2 template) and its JSON twin at the same path + `.json`
  api.py         ingest and downloads (write endpoints only when a token is configured)
  errors.py      one error shape {"status", "code", "message"} for every error
  security.py    security headers (Content-Security-Policy) and the last-resort 500 handler
  app.py         the app factory
"""
from __future__ import annotations

from parley.web.app import create_app

__all__ = ["create_app"]
