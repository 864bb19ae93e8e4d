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
        record JSON)""",
    """CREATE TABLE IF NOT EXISTS refusals (
        run_id VARCHAR, source VARCHAR, record VARCHAR, reason VARCHAR, detail VARCHAR,
        refused_at TIMESTAMP DEFAULT current_timestamp)""",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR, command VARCHAR, started TIMESTAMP DEFAULT current_timestamp,
        finished TIMESTAMP, counts JSON)""",
]

INDEXES = [
    "CREATE INDEX IF NOT EXISTS articles_id ON articles (id)",
    "CREATE INDEX IF NOT EXISTS articles_hash ON articles (content_hash)",
    "CREATE INDEX IF NOT EXISTS mentions_article ON mentions (article_id)",
]
