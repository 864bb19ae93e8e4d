"""The store's tables. Full records live in JSON columns (written by parley.serialize);
the other columns are copies kept for filtering and indexing."""

SCHEMA_VERSION = 1

TABLES = [
    """CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        url VARCHAR, outlet VARCHAR, title VARCHAR,
        published VARCHAR, published_time VARCHAR, language VARCHAR,
        status VARCHAR, source VARCHAR, source_record VARCHAR,
        story_id VARCHAR, copy_kind VARCHAR, copy_of VARCHAR,
        coder VARCHAR, ingested_at TIMESTAMP DEFAULT current_timestamp,
        text VARCHAR, raw VARCHAR, record JSON)""",
    """CREATE TABLE IF NOT EXISTS mentions (
        id VARCHAR NOT NULL,
        article_id VARCHAR NOT NULL,
        event_id VARCHAR,
        seq INTEGER, event VARCHAR, mode VARCHAR, quad_code INTEGER, event_scale DOUBLE,
        actor_code VARCHAR, recipient_code VARCHAR, actor_text VARCHAR, recipient_text VARCHAR,
        date VARCHAR, modality VARCHAR, confidence DOUBLE,
        record JSON, report_root VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS refusals (
        run_id VARCHAR, source VARCHAR, record VARCHAR, reason VARCHAR, detail VARCHAR,
        refused_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR, command VARCHAR, started TIMESTAMP DEFAULT current_timestamp,
        finished TIMESTAMP, counts JSON)""",
]

# Columns added after a table was first released: applied to stores made before them.
MIGRATIONS = [
    # whose report a mention rests on (set by parley.provenance.events; null = not grouped yet)
    "ALTER TABLE mentions ADD COLUMN IF NOT EXISTS report_root VARCHAR",
]

INDEXES = [
    "CREATE INDEX IF NOT EXISTS articles_id ON articles (id)",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash)",
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id)",
]

# Provenance (parley.provenance): the same-story index, kept incrementally. One row per
# grouped article; postings of its LSH band keys, exact-sentence hashes and
# language-independent anchors (kind 1, 2, 3).
TABLES += [
    """CREATE TABLE IF NOT EXISTS prov_docs (
        doc INTEGER NOT NULL, article_id VARCHAR NOT NULL, story_id VARCHAR, copy_kind VARCHAR,
        copy_of VARCHAR, day INTEGER, language VARCHAR, host VARCHAR, outlet VARCHAR,
        cites JSON, events JSON, words INTEGER, relation JSON)""",
    """CREATE TABLE IF NOT EXISTS prov_keys (key BIGINT NOT NULL, doc INTEGER NOT NULL, kind TINYINT NOT NULL)""",
]
INDEXES += [
    "CREATE INDEX IF NOT EXISTS prov_docs_article ON prov_docs (article_id)",
    "CREATE INDEX IF NOT EXISTS prov_docs_story ON prov_docs (story_id)",
]
