"""`parley stories` (largest first) and the story view behind `parley show --story ID`."""
from __future__ import annotations

import json

import click
from rich.table import Table

from parley.cli import main
from parley.cli.common import console, open_store
from parley.errors import ParleyError
from parley.provenance.hooks import install
from parley.provenance.stories import list_stories, members, story_events
from parley.schema import COPY_KINDS
from parley.serialize import to_dict

install()  # grouping runs after every stored batch and in `parley eval`


@main.command()
@click.option("--limit", default=30, show_default=True, help="Stories to list (0 = all).")
@click.option("--min-size", default=1, show_default=True, help="Only stories with at least this many articles.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per story.")
@click.pass_obj
def stories(settings, limit: int, min_size: int, as_json: bool) -> None:
    """Same-story groups, largest first: origin and article counts by copy kind."""
    with open_store(settings, read_only=True) as store:
        found = list_stories(store.con, limit or None, min_size)
        titles = dict(store.con.execute(
            "SELECT id, title FROM articles WHERE id IN (SELECT unnest(?))",
            [[s.origin for s in found if s.origin]]).fetchall()) if found else {}
    if as_json:
        for s in found:
            click.echo(json.dumps({**to_dict(s), "size": len(s.article_ids)}, ensure_ascii=False))
        return
    table = Table(title=f"{len(found)} stories (largest first)")
    for col in ("story", "articles", *COPY_KINDS, "origin"):
        table.add_column(col, overflow="fold")
    for s in found:
        origin = s.origin or ""
        table.add_row(s.id, str(len(s.article_ids)), *(str(s.counts.get(k, 0)) for k in COPY_KINDS),
                      origin + (f": {titles[origin]}" if origin in titles and titles[origin] else ""))
    console.print(table)


def show_story(settings, story_id: str, as_json: bool) -> None:
    """Print one story: its members (kind, what they copy, outlet, date, cites) and its merged events."""
    with open_store(settings, read_only=True) as store:
        rows = members(store.con, story_id)
        if not rows:
            raise ParleyError("E081", f"no story {story_id!r} in {settings.store} (see `parley stories`)")
        events = story_events(store.con, story_id)
    if as_json:
        click.echo(json.dumps({"story_id": story_id, "articles": [to_dict(m) for m in rows],
                               "events": [{"event_id": e, "reports": r, "mentions": n} for e, r, n in events]},
                              ensure_ascii=False, indent=1))
        return
    console.rule(f"story {story_id}: {len(rows)} articles, {len(events)} events")
    table = Table()
    for col in ("article", "kind", "copy of", "outlet", "published", "lang", "cites", "why"):
        table.add_column(col, overflow="fold")
    for m in rows:
        why = ""
        if m.relation:
            r = m.relation
            why = f"{r.get('kind')} of {r.get('to')}: " + ", ".join(
                f"{k} {v}" for k, v in r.items() if k not in ("kind", "to") and v not in (None, -1))
        table.add_row(m.article_id, m.copy_kind or "", m.copy_of or "", m.outlet or "", m.published or "",
                      m.language or "", ", ".join(m.cites), why)
    console.print(table)
    for e, reports, n in events[:20]:
        console.print(f"  event {e}: reported by {reports} article(s), {n} mention(s)")
