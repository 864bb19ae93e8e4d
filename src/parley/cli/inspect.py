"""`parley pipeline` and `parley eval`."""
from __future__ import annotations

import json

import click

from parley.cli import main
from parley.cli.common import console
from parley.pipeline import registry
from parley.runs import options_from


@main.command()
@click.option("--stages", metavar="A,B,...", help="Check this pipeline instead of the default one.")
def pipeline(stages: str | None) -> None:
    """List the pipeline's stages with what each requires and assigns; fail on an unmet need."""
    from rich.table import Table

    names = [s.strip() for s in stages.split(",")] if stages else None
    chosen = registry.get(names)
    table = Table("stage", "requires", "assigns", "what it does")
    for st in chosen:
        doc = getattr(st, "doc", "") or (type(st).__doc__ or "").strip().split("\n")[0]
        table.add_row(st.name, ", ".join(st.requires) or "-", ", ".join(st.assigns) or "-", doc)
    console.print(table)
    registry.check(chosen)
    off = sorted(set(registry.REGISTRY) - {s.name for s in chosen})
    console.print(f"{len(chosen)} stages, contract satisfied" + (f"; registered but off: {', '.join(off)}" if off else ""))


def _print_report(r: dict) -> None:
    console.print(f"[bold]{r['file']}[/]: {r['items']} items in {r['seconds']}s ({r['items_per_second']} items/s)")
    for line in r["skipped_lines"][:5]:
        console.print(f"  skipped {line}")
    if "events" in r:
        e = r["events"]
        console.print(f"events (strict codes): gold {e['gold']}, predicted {e['predicted']}, matched {e['matched']} -> "
                      f"P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f}; "
                      f"unmatched asserted predictions {e['unmatched_asserted_predictions']}")
        for t, v in e["per_type"].items():
            console.print(f"  {t:<10} gold {v['gold']:>4} pred {v['predicted']:>4}  "
                          f"P {v['precision']:.2f} R {v['recall']:.2f} F1 {v['f1']:.2f}")
        if e["on_matched"]:
            console.print("  on matched: " + ", ".join(f"{k} {v['accuracy']:.2f} (n={v['n']})"
                                                       for k, v in e["on_matched"].items()))
    if "events_equivalent" in r:
        e = r["events_equivalent"]
        console.print(f"events (code-equivalence: gold IGO = UNO/EUR/NGO, legacy codes = ISO; data/code_equivalence.json): "
                      f"matched {e['matched']} -> P {e['precision']:.3f} R {e['recall']:.3f} F1 {e['f1']:.3f}")
        console.print("  F1 per type: " + ", ".join(f"{t} {v['f1']:.2f}" for t, v in e["per_type"].items()))
        if e["on_matched"]:
            console.print("  on matched: " + ", ".join(f"{k} {v['accuracy']:.2f} (n={v['n']})"
                                                       for k, v in e["on_matched"].items()))
    if "quad" in r:
        q = r["quad"]
        console.print(f"quad: accuracy {q['accuracy']:.3f}, macro-F1 {q['macro_f1']:.3f}; per label "
                      + ", ".join(f"{k}: {v:.2f}" for k, v in q["f1_per_label"].items()))
    if "roles" in r:
        ro = r["roles"]
        console.print("roles: " + "; ".join(f"{k} P {ro[k]['precision']:.3f} R {ro[k]['recall']:.3f} F1 {ro[k]['f1']:.3f}"
                                           for k in ("actor", "recipient")))
    if "provenance" in r:
        console.print("provenance: " + json.dumps({k: v for k, v in r["provenance"].items()}))


@main.command(name="eval")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.option("--task", "tasks", multiple=True, type=click.Choice(["events", "quad", "roles", "provenance"]),
              help="Score only these tasks (default: every task the file labels).")
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.pass_obj
def evaluate(settings, gold: str, tasks: tuple[str, ...], as_json: bool) -> None:
    """Code the items of a gold file and score every task it labels (shared/design/gold-format.md)."""
    from parley.evaluate.run import evaluate as run_eval
    from parley.evaluate.known import from_store

    report = run_eval(gold, options_from(settings), only=list(tasks) or None,
                      known_articles=from_store(settings.store))
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        _print_report(report)
