"""Reading and checking an actor dictionary file (the user's own, same layout as the bundled
data/actors/*.json). A bad file stops with one clear line naming the file and the entry,
never with a traceback and never half-merged.

Layout (every key optional):
  {"countries": {"CODE": {"names": [...], "adjectives": [...], "seats": [...]}},
   "dependency_names": {"Name": "CODE"},
   "partially_recognized": [{"code": "CODE", "names": [...], "adjectives": [...]}],
   "regions": ["name that is no country", ...],
   "organizations": [{"name", "aliases", "code", "sector", "wikidata", "roles"}],
   "people": [{"name", "aliases", "wikidata", "roles": [{"code", "sector", "office", "start", "end"}]}],
   "agents": {"lemma": {"sector": "MIL", "office": "..."}}, "former": [...]}
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from parley.errors import UsageError

DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CODE = re.compile(r"^[A-Z]{3}$")
SECTOR = re.compile(r"^[A-Z]{3}[A-Za-z]{0,3}$")
QID = re.compile(r"^Q\d+$")
KNOWN_KEYS = {"_doc", "version", "countries", "dependencies", "dependency_names", "partially_recognized", "regions",
              "organizations", "people", "agents", "former", "titles", "collective"}


def read_user_file(path: str) -> dict[str, Any]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError("E040", f"actor dictionary {path} does not exist")
    except IsADirectoryError:
        raise UsageError("E040", f"actor dictionary {path} is a directory, not a JSON file")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError("E041", f"actor dictionary {path} is not valid JSON: {exc}")
    if not isinstance(data, dict):
        raise UsageError("E042", f"actor dictionary {path} must be a JSON object")
    return data


def _fail(path: str, where: str, what: str) -> None:
    raise UsageError("E042", f"actor dictionary {path}: {where}: {what}")


def _strings(path: str, where: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        _fail(path, where, "must be a list of non-empty strings")


def _code(path: str, where: str, value: Any, nullable: bool = True) -> None:
    if value is None and nullable:
        return
    if not isinstance(value, str) or not CODE.match(value):
        _fail(path, where, f"code {value!r} is not a 3-letter upper-case PLOVER code")


def _roles(path: str, where: str, roles: Any) -> None:
    if not isinstance(roles, list):
        _fail(path, where, "roles must be a list")
    for n, r in enumerate(roles):
        at = f"{where} role {n + 1}"
        if not isinstance(r, dict):
            _fail(path, at, "must be an object")
        _code(path, at, r.get("code"))
        if r.get("sector") is not None and not (isinstance(r["sector"], str) and SECTOR.match(r["sector"])):
            _fail(path, at, f"sector {r['sector']!r} is not a PLOVER sector code")
        for key in ("start", "end"):
            v = r.get(key)
            if v is not None and not (isinstance(v, str) and DATE.match(v)):
                _fail(path, at, f"{key} {v!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if r.get("start") and r.get("end") and r["end"] < r["start"][:len(r["end"])]:
            _fail(path, at, f"ends ({r['end']}) before it starts ({r['start']})")


def _named(path: str, kind: str, entries: Any) -> None:
    if not isinstance(entries, list):
        _fail(path, kind, "must be a list")
    for n, e in enumerate(entries):
        where = f"{kind}[{n}]"
        if not isinstance(e, dict) or not isinstance(e.get("name"), str) or not e["name"].strip():
            _fail(path, where, "needs a non-empty 'name'")
        where = f"{kind} {e['name']!r}"
        _strings(path, f"{where} aliases", e.get("aliases", []))
        _code(path, where, e.get("code"))
        qid = e.get("wikidata")
        if qid is not None and not (isinstance(qid, str) and QID.match(qid)):
            _fail(path, where, f"wikidata {qid!r} is not a Q-id (use null when unknown)")
        _roles(path, where, e.get("roles", []))
        if kind == "people" and not e.get("roles") and not e.get("code"):
            _fail(path, where, "a person needs roles (or at least a code)")


def validate(data: dict[str, Any], path: str) -> None:
    """Raise UsageError E042 naming the first problem in a user dictionary."""
    unknown = set(data) - KNOWN_KEYS
    if unknown:
        _fail(path, "top level", f"unknown key(s) {sorted(unknown)}; expected some of {sorted(KNOWN_KEYS - {'_doc'})}")
    countries = data.get("countries", {})
    if not isinstance(countries, dict):
        _fail(path, "countries", "must be an object keyed by code")
    for code, entry in countries.items():
        _code(path, f"countries {code!r}", code, nullable=False)
        if not isinstance(entry, dict):
            _fail(path, f"countries {code!r}", "must be an object")
        for key in ("names", "adjectives", "seats", "regional_adjectives"):
            if key in entry:
                _strings(path, f"countries {code!r} {key}", entry[key])
    for name, code in data.get("dependency_names", {}).items():
        _code(path, f"dependency_names {name!r}", code, nullable=False)
    for n, e in enumerate(data.get("partially_recognized", [])):
        if not isinstance(e, dict):
            _fail(path, f"partially_recognized[{n}]", "must be an object")
        _code(path, f"partially_recognized[{n}]", e.get("code"), nullable=False)
        _strings(path, f"partially_recognized[{n}] names", e.get("names", []))
    if "regions" in data:
        _strings(path, "regions", data["regions"])
    _named(path, "organizations", data.get("organizations", []))
    _named(path, "people", data.get("people", []))
    agents = data.get("agents", {})
    if not isinstance(agents, dict) or not all(isinstance(v, dict) for v in agents.values()):
        _fail(path, "agents", "must map a lemma to an object like {\"sector\": \"MIL\"}")
