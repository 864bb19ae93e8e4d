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
    actor_dictionary: str | None = _setting(
        None, "extra actor dictionary file (JSON) merged over the bundled one")
    failure_policy: str = _setting(
        "record", "'record' (store the failure and go on) or 'raise' (fail fast)")
    code_languages: str = _setting("en", "comma-separated languages the coder codes")
    spacy_ner: bool = _setting(
        False, "run spaCy's statistical named-entity recogniser too (about half the parse "
        "throughput; actors, places and events are found without it)")
    event_scorer: str = _setting(
        "bundled", "event scorer: 'bundled' (the trained model shipped in the package), "
        "'off' (rule scores only) or the path of a weights file (scripts/train_scorer.py)")

    @classmethod
    def help(cls) -> dict[str, str]:
        return {f.name: f.metadata["help"] for f in fields(cls)}


def _coerce(name: str, raw: Any, current: Any) -> Any:
    if raw is None or isinstance(current, str) or current is None:
        return raw
    if isinstance(current, bool):
        if isinstance(raw, bool):
            return raw
        if str(raw).strip().lower() in ("1", "true", "yes", "on", "0", "false", "no", "off"):
            return str(raw).strip().lower() in ("1", "true", "yes", "on")
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
