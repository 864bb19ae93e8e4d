"""Stage `provenance`: the outlets an article credits beyond reporting links ("(Reuters) -"
datelines, "first reported by X", "X, citing Y") and markers of machine-made or scraped copy
found in the body and the URL (parley.provenance.cites / .markers)."""
from __future__ import annotations

from parley.pipeline.doc import Doc
from parley.pipeline.registry import stage
from parley.provenance.article import annotate


@stage("provenance", requires=["cites"], assigns=["provenance"])
def provenance(doc: Doc) -> Doc:
    """Credited origins (datelines, 'first reported by', 'X, citing Y') and copy markers."""
    annotate(doc.article)
    return doc


def _install() -> None:
    """Grouping runs after every stored batch and in `parley eval` (parley.provenance.hooks)."""
    from parley.provenance.hooks import install

    install()


_install()
