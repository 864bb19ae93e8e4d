"""The `parley` command: a thin layer over the library (runs, store, export, evaluate)."""
from __future__ import annotations

import sys

import click
import duckdb

from parley import __version__
from parley.errors import ParleyError, UsageError
from parley.settings import load


class ParleyGroup(click.Group):
    """Shows every parley error as one clear line; usage errors exit with status 2."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except UsageError as exc:
            click.echo(f"parley: error: {exc}", err=True)
            sys.exit(2)
        except ParleyError as exc:
            click.echo(f"parley: error: {exc}", err=True)
            sys.exit(1)
        except duckdb.Error as exc:
            click.echo(f"parley: error: [E059] store error: {str(exc).splitlines()[0]}", err=True)
            sys.exit(1)
        except KeyboardInterrupt:
            click.echo("parley: interrupted", err=True)
            sys.exit(130)


@click.group(cls=ParleyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--store", envvar="PARLEY_STORE", metavar="PATH",
              help="DuckDB store file (default: per-user data dir; env PARLEY_STORE).")
@click.option("--config", "config_file", metavar="FILE", help="TOML config file ([parley] table).")
@click.version_option(__version__, prog_name="parley")
@click.pass_context
def main(ctx: click.Context, store: str | None, config_file: str | None) -> None:
    """parley: news coverage of conflicts -> a sourced, de-duplicated ledger of PLOVER events."""
    try:
        ctx.obj = load(config_file, {"store": store})
    except UsageError as exc:
        raise click.UsageError(str(exc))


def _register() -> None:
    """Every module in parley/cli adds its commands to `main`."""
    from parley.plugins import import_all

    import_all("parley.cli", skip=("common",))


_register()
