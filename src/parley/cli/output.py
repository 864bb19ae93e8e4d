"""`parley events`, `parley show`, `parley export`, `parley stats`."""
from __future__ import annotations

import json
import sys

import click
from rich.table import Table
from rich.text import Text

from parley.cli import main
from parley.cli.common import console, open_store
from parley.errors import ParleyError
from parley.export import get as get_exporter
from parley.export.query import iter_records
from parley.schema import Article, Mention
from parley.store.db import EventFilter


def _ents(ents) -> str:
    return "; ".join(f"{e.entity_text} [{e.code or '?'}{' ' + e.sector if e.sector else ''}]" for e in ents)


def filter_options(f):
    for opt in reversed([
        click.option("--actor", help="Actor code or text (substring)."),
        click.option("--recipient", help="Recipient code or text (substring)."),
        click.option("--type", "event_type", help="PLOVER event type, e.g. AGREE."),
        click.option("--mode", help="PLOVER mode, e.g. meet."),
        click.option("--modality", type=click.Choice(["asserted", "signalled", "future", "hypothetical", "negated"])),
        click.option("--from", "date_from", metavar="DATE", help="Events on or after (YYYY[-MM[-DD]])."),
        click.option("--to", "date_to", metavar="DATE", help="Events on or before."),
        click.option("--outlet", help="Publishing outlet (substring)."),
    ]):
        f = opt(f)
    return f


def _filter(kw: dict) -> EventFilter:
    return EventFilter(actor=kw.get("actor"), recipient=kw.get("recipient"), event=kw.get("event_type"),
                       mode=kw.get("mode"), modality=kw.get("modality"), date_from=kw.get("date_from"),
                       date_to=kw.get("date_to"), outlet=kw.get("outlet"))


@main.command()
@filter_options
@click.option("--limit", default=50, show_default=True, help="Rows to show (0 = all).")
@click.pass_obj
def events(settings, limit: int, **kw) -> None:
    """List coded events (one row per mention) as a table."""
    f = _filter(kw)
    f.limit = limit or None
    with open_store(settings, read_only=True) as store:
        rows = store.mentions(f)
        total = store.count_mentions(_filter(kw))
    table = Table(title=f"{len(rows)} of {total} events", show_lines=False)
    for col in ("date", "event", "actor", "recipient", "modality", "according to", "conditions", "article"):
        table.add_column(col, overflow="fold")
    for m in rows:
        ev = m.event[0] + (f" {'/'.join(m.mode)}" if m.mode else "")
        table.add_row(m.date or "", ev, _ents(m.actor), _ents(m.recipient), m.modality,
                      " > ".join(a.text for a in m.attribution), "; ".join(c.text for c in m.conditions),
                      f"{m.article_id}#{m.text_info['sequence']}")
    console.print(table)


def _highlight(article: Article, mentions: list[Mention]) -> Text:
    text = Text(article.text)
    for m in mentions:
        ti = m.text_info
        text.stylize("on grey15", ti["start"], ti["end"])
        for s in m.event_text:
            text.stylize("bold yellow", s.start, s.end)
        for e in m.actor:
            if e.start is not None:
                text.stylize("bold cyan", e.start, e.end)
        for e in m.recipient:
            if e.start is not None:
                text.stylize("bold magenta", e.start, e.end)
        for c in m.conditions:
            text.stylize("italic green", c.start, c.end)
        for a in m.attribution:
            if a.start is not None:
                text.stylize("underline", a.start, a.end)
    return text


@main.command()
@click.argument("article_id", required=False)
@click.option("--story", "story_id", metavar="ID", help="Show a story instead: its articles and merged events.")
@click.option("--json", "as_json", is_flag=True, help="The article and its events as JSON.")
@click.pass_obj
def show(settings, article_id: str | None, story_id: str | None, as_json: bool) -> None:
    """Show an article with its evidence highlighted and each event's fields and reasons."""
    if story_id:
        from parley.cli.stories import show_story

        return show_story(settings, story_id, as_json)
    if not article_id:
        raise click.UsageError("give an ARTICLE_ID or --story ID")
    with open_store(settings, read_only=True) as store:
        article = store.article(article_id)
        if article is None:
            raise ParleyError("E080", f"no article {article_id!r} in {settings.store} (see `parley events`)")
        mentions = store.mentions(EventFilter(article_id=article_id))
    if as_json:
        from parley.export.records import plover_record
        from parley.serialize import to_dict

        art = to_dict(article)
        art.pop("raw", None)
        click.echo(json.dumps({"article": art, "events": [plover_record(m, article) for m in mentions]},
                              ensure_ascii=False, indent=1))
        return
    console.rule(article.title or article.id)
    console.print(f"id {article.id} | {article.outlet or '?'} | published {article.published or '?'}"
                  f"{' ' + article.published_time if article.published_time else ''} | status {article.status}")
    if article.cites:
        console.print("cites: " + ", ".join(c.text for c in article.cites))
    if article.markers:
        console.print("markers: " + ", ".join(f"{m.kind} ({m.text[:40]})" for m in article.markers))
    console.print(_highlight(article, mentions))
    console.print("[bold yellow]trigger[/] [bold cyan]actor[/] [bold magenta]recipient[/] "
                  "[italic green]condition[/] [underline]source[/]")
    for m in mentions:
        _print_mention(m)


def _recipient_from(m: Mention) -> str:
    """'rule', or the ranker's choice with its score and what the rule had picked."""
    how = m.explain.get("recipient_from") or "rule"
    rule = m.explain.get("recipient_rule")
    return how + (f" (rule: {', '.join(rule) or 'none'})" if rule is not None else "")


def _print_mention(m: Mention) -> None:
    console.rule(f"{m.event[0]}{' ' + '/'.join(m.mode) if m.mode else ''} - sentence {m.text_info['sequence']}")
    rows = [("actor", _ents(m.actor)), ("recipient", _ents(m.recipient)), ("modality", m.modality),
            ("date", f"{m.date or '?'}" + (f" .. {m.enddate}" if m.enddate else "")
             + (f" from '{m.date_text.text}'" if m.date_text else " (publication date)")),
            ("place", f"{m.event_loc.resolved_place} {m.event_loc.province_code or ''}" if m.event_loc else ""),
            ("conditions", "; ".join(c.text for c in m.conditions)),
            ("according to", " > ".join(f"{a.text} ({a.kind})" for a in m.attribution)),
            ("context", ", ".join(m.context)), ("quad / scale", f"{m.quad_code} / {m.event_scale}"),
            ("why", f"trigger '{m.explain.get('trigger')}' by rule {m.explain.get('rule')}, "
                    f"actor from {m.explain.get('actor_from')}, recipient from {_recipient_from(m)}, score {m.confidence}"
                    + (f", cues {', '.join(m.explain.get('modality_cues') or [])}" if m.explain.get("modality_cues") else ""))]
    for k, v in rows:
        if v:
            console.print(f"  [bold]{k:>13}[/] {v}", highlight=False)


@main.command()
@click.option("--format", "fmt", default="plover", show_default=True, help="Export format (plover, articles, ...).")
@click.option("-o", "--output", "output", metavar="FILE", help="Write here instead of stdout.")
@click.option("--mentions", is_flag=True, help="One record per mention instead of per event.")
@click.option("--asserted-only", is_flag=True, help="Leave out negated and hypothetical events.")
@filter_options
@click.pass_obj
def export(settings, fmt: str, output: str | None, mentions: bool, asserted_only: bool, **kw) -> None:
    """Export events in a format (the PLOVER JSON Lines contract by default)."""
    exporter = get_exporter(fmt)
    with open_store(settings, read_only=True) as store:
        source = getattr(exporter, "records", None)  # formats of other records (articles) bring their own
        records = source(store, f=_filter(kw)) if source else \
            iter_records(store, mentions=mentions, asserted_only=asserted_only, f=_filter(kw))
        if output:
            mode = "wb" if exporter.binary else "w"
            with open(output, mode, **({} if exporter.binary else {"encoding": "utf-8"})) as out:
                n = exporter.write(records, out)
        else:
            n = exporter.write(records, sys.stdout.buffer if exporter.binary else sys.stdout)
    click.echo(f"export: {n} records ({fmt}{', mentions' if mentions else ''})", err=True)


@main.command()
@click.option("--json", "as_json", is_flag=True, help='{"articles": N, "events": N, "refused": {reason: N}, ...}')
@click.pass_obj
def stats(settings, as_json: bool) -> None:
    """Counts of the store: articles, events, refusals by reason."""
    with open_store(settings, read_only=True) as store:
        s = store.stats()
    langs = settings.code_languages
    s["coded_languages"] = langs
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False))
        return
    console.print(f"store {s['store']}")
    console.print(f"articles {s['articles']}  events {s['events']}  mentions {s['mentions']}  stories {s['stories']}")
    console.print("articles by status: " + ", ".join(f"{k} {v}" for k, v in s["articles_by_status"].items()))
    console.print("languages: " + ", ".join(f"{k} {v}" for k, v in s["languages"].items())
                  + f" (coded: {langs}; other languages are stored, not coded)")
    console.print("refused: " + (", ".join(f"{k} {v}" for k, v in s["refused"].items()) or "none"))
