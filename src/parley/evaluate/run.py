"""`parley eval`: code the items of a gold file and score every task it labels."""
from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable

from parley.errors import Refused, UsageError
from parley.evaluate.codes import equivalence
from parley.evaluate.score import Item, score_events, score_provenance, score_quad, score_roles
from parley.ingest.jsonl import record_to_article
from parley.pipeline.runner import CodeOptions, code_batch

TASKS = ("events", "quad", "roles", "provenance")
PROVENANCE_KEYS = ("cites", "markers", "story", "copy_kind")
# Set by the provenance package (parley.provenance.hooks.install): groups a list of articles
# into stories in place, given their mentions: story_hook(articles, mentions).
story_hook: Callable[[list, list], None] | None = None


def load_gold(path: str) -> tuple[list[Item], list[str]]:
    items: list[Item] = []
    problems: list[str] = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError("E070", f"cannot read gold file {path}: {exc}")
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            gold = json.loads(line)
            article = record_to_article(dict(gold), path, f"line {n}")
        except json.JSONDecodeError as exc:
            problems.append(f"line {n}: not JSON ({exc.msg})")
            continue
        except Refused as r:
            problems.append(f"line {n}: {r.reason} ({r.detail})")
            continue
        items.append(Item(gold=gold, article=article))
    return items, problems


def _tasks(items: list[Item]) -> list[str]:
    found = []
    if any("events" in it.gold for it in items):
        found.append("events")
    if any("quad" in it.gold for it in items):
        found.append("quad")
    if any("roles" in it.gold for it in items):
        found.append("roles")
    if any(k in it.gold for it in items for k in PROVENANCE_KEYS):
        found.append("provenance")
    return found


def evaluate(path: str, options: CodeOptions = CodeOptions(), batch_size: int = 64,
             only: list[str] | None = None, known_articles: Callable[[list], None] | None = None) -> dict[str, Any]:
    items, problems = load_gold(path)
    if not items:
        raise UsageError("E071", f"{path} has no usable gold items" + (f": {problems[0]}" if problems else ""))
    t0 = time.perf_counter()
    by_id = {}
    for i in range(0, len(items), batch_size):
        chunk = items[i:i + batch_size]
        result = code_batch([it.article for it in chunk], options)
        for m in result.mentions:
            by_id.setdefault(m.article_id, []).append(m)
    for it in items:
        it.mentions = by_id.get(it.article.id, [])
    if known_articles is not None:
        known_articles([it.article for it in items])
    _install_provenance()
    if story_hook is not None and any(k in it.gold for it in items for k in PROVENANCE_KEYS):
        story_hook([it.article for it in items], [m for it in items for m in it.mentions])
    seconds = time.perf_counter() - t0
    tasks = [t for t in _tasks(items) if not only or t in only]
    report: dict[str, Any] = {"file": path, "items": len(items), "skipped_lines": problems,
                              "seconds": round(seconds, 3), "items_per_second": round(len(items) / seconds, 2)}
    scorers = {"events": score_events, "quad": score_quad, "roles": score_roles, "provenance": score_provenance}
    for task in tasks:
        labelled = [it for it in items if _labels(it, task)]
        report[task] = scorers[task](labelled)
        if task == "events":  # beside the strict figure: codes compared through data/code_equivalence.json
            report["events_equivalent"] = score_events(labelled, equivalence())
    return report


def _install_provenance() -> None:
    try:
        from parley.provenance.hooks import install
    except ImportError:  # provenance not installed: provenance scores without grouping
        return
    install()


def _labels(it: Item, task: str) -> bool:
    if task == "provenance":
        return any(k in it.gold for k in PROVENANCE_KEYS)
    return task in it.gold
