"""Provenance: which articles are one report (same-story grouping, copy kinds), what each
credits (`cites`) and what betrays machine-made or scraped copy (`markers`); events counted
once per independent report. See docs/provenance.md.

features -> relate (pair test) -> group (incremental, with index: the DuckDB tables) ->
events (de-duplication); hooks plug it into `parley ingest` and `parley eval`.
"""
