"""Settings, each declared once with its help text.

Precedence, lowest first: default < config file (TOML) < environment (PARLEY_*) < command line.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from parley.errors import UsageError


def _data_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")


def default_store() -> str:
    return str(_data_home() / "parley" / "parley.duckdb")


def default_config_file() -> Path:
    base = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return base / "parley" / "config.toml"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass
class Settings:
    store: str = field(default_factory=default_store, metadata={
        "help": "path of the DuckDB store file (per-user data directory by default)"})
    batch_size: int = _setting(32, "articles coded and written per transaction")
    max_bytes: int = _setting(20_000_000, "inputs larger than this many bytes are refused")
    max_code_chars: int = _setting(1_000_000, "articles with a longer text are stored but not coded")
    actor_dictionary: str | None = _setting(
        None, "extra actor dictionary file (JSON) merged over the bundled one")
    failure_policy: str = _setting(
        "record", "'record' (store the failure and go on) or 'raise' (fail fast)")
    code_languages: str = _setting("en", "comma-separated languages the coder codes")
    csv_map: str = _setting(
        "", "CSV columns for article fields, FIELD=COLUMN,... (e.g. text=body,title=headline); "
            "default: columns named like the fields")
    fetch_timeout: float = _setting(20.0, "seconds a fetch may wait to connect or for data "
                                          "(the whole response: 4 times this)")
    fetch_max_redirects: int = _setting(5, "redirects a fetch follows (each hop is checked again)")
    fetch_user_agent: str = _setting(
        "parley/0.1 (news event ledger; fetches news pages for analysis)",
        "User-Agent header of fetches")
    fetch_allow_private: bool = _setting(
        False, "let fetches reach private, loopback and link-local addresses (off: SSRF guard)")
    fetch_delay: float = _setting(1.0, "seconds between two fetches from the same host")
    token: str | None = _setting(
        None, "secret that enables the web server's ingest endpoints (Authorization: Bearer TOKEN); "
              "unset = the server is read-only")
    web_page_size: int = _setting(50, "events per page of the web event list (default)")
    web_max_page_size: int = _setting(500, "largest page size the web API accepts (larger -> 422)")
    web_max_filter_length: int = _setting(200, "longest filter value the web API accepts, in characters")
    web_max_timeline_actors: int = _setting(6, "most actors one stance timeline may compare")
    web_max_ingest_bytes: int = _setting(5_000_000, "largest POST body the ingest endpoint accepts")
    web_max_download: int = _setting(200_000, "most events one CSV/JSONL download of the web event list holds")
    web_cache_entries: int = _setting(4096, "rendered pages kept per store generation (0 = no response cache)")
    web_read_slots: int = _setting(4, "web requests that read the store at once (the others wait their turn)")
    web_idle_release: float = _setting(
        2.0, "seconds without requests after which a read-only server lets go of the store "
             "(so that `parley ingest` can open it for writing)")
    spacy_ner: bool = _setting(
        False, "run spaCy's statistical named-entity recogniser too (about half the parse "
        "throughput; actors, places and events are found without it)")
    event_scorer: str = _setting(
        "bundled", "event scorer: 'bundled' (the trained model shipped in the package), "
        "'off' (rule scores only) or the path of a weights file (scripts/train_scorer.py)")
    recipient_ranker: str = _setting(
        "off", "recipient ranker: 'off' (the rules' recipient), 'bundled' (the trained ranker shipped in "
        "the package; 5-fold CV gain too small to be on by default) or a weights file (scripts/train_recipient.py)")

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}


def _coerce(name: str, raw: Any, current: Any) -> Any:
    if raw is None or isinstance(current, str) or current is None:
        return raw
    if isinstance(current, bool):
        if isinstance(raw, bool):
            return raw
        if str(raw).strip().lower() in ("1", "true", "yes", "on"):
            return True
        if str(raw).strip().lower() in ("0", "false", "no", "off", ""):
            return False
        raise UsageError("E010", f"setting {name!r} expects true or false, got {raw!r}")
    try:
        return type(current)(raw)
    except (TypeError, ValueError):
        raise UsageError("E010", f"setting {name!r} expects {type(current).__name__}, got {raw!r}")


def load(config_file: str | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Settings from defaults, then the config file, then PARLEY_* variables, then overrides."""
    settings = Settings()
    names = {f.name for f in fields(Settings)}
    layers: list[dict[str, Any]] = [_read_file(config_file)]
    layers.append({n: os.environ[f"PARLEY_{n.upper()}"] for n in names
                   if f"PARLEY_{n.upper()}" in os.environ})
    layers.append({k: v for k, v in (overrides or {}).items() if v is not None})
    for layer in layers:
        for key, value in layer.items():
            if key not in names:
                raise UsageError("E011", f"unknown setting {key!r} (known: {', '.join(sorted(names))})")
            setattr(settings, key, _coerce(key, value, getattr(settings, key)))
    if settings.failure_policy not in ("record", "raise"):
        raise UsageError("E012", "failure_policy must be 'record' or 'raise'")
    return settings


def _read_file(config_file: str | None) -> dict[str, Any]:
    path = Path(config_file) if config_file else default_config_file()
    if not path.exists():
        if config_file:
            raise UsageError("E013", f"config file {config_file} does not exist")
        return {}
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")).get("parley", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError("E014", f"config file {path} is not valid TOML: {exc}")
