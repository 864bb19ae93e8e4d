"""Credited origins found in the text: "(Reuters) -" datelines, "first reported by X",
"X, citing Y", "according to X", "X reported", "told X", and their counterparts in other
languages ("selon", "según", "laut", "по данным"). Works on the text alone, so articles that
are stored but not coded (other languages) get their `cites` too.

An outlet is known from data/outlets.json (names and aliases). Unambiguous names (The New
York Times, Reuters) count wherever they appear; short or common-word forms (AP, Time, the
Post) count only next to a credit cue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from parley.provenance.features import fold
from parley.provenance.rules import rules
from parley.schema import Article, Span

CUE_WINDOW = 40


# A capitalised word not glued to a word or hyphen before it. The capital comes first and the
# look-behind after it (same matches as (?<![\w-])[A-Z]...): the scanner then jumps from capital
# to capital instead of testing the look-behind at every position (2.5 times faster).
_CAPWORD = re.compile(r"[A-Z](?<![\w-][A-Z])[\w&'./-]*")


@dataclass(frozen=True)
class Outlets:
    by_first: dict[str, tuple[str, ...]]  # first word -> forms starting with it, longest first
    canonical: dict[str, str]  # folded form -> canonical name


@lru_cache(maxsize=1)
def outlets() -> Outlets:
    from parley.coder.attribution import sources

    canon: dict[str, str] = {}
    by_first: dict[str, list[str]] = {}
    for form, entry in sources().outlets.items():
        canon[fold(form)] = entry["name"]
        bare = re.sub(r"^(?:the|The) ", "", form)  # "the Times" is found as "Times" (ambiguous)
        by_first.setdefault(re.split(r"[\s]", bare)[0].rstrip(".,"), []).append(bare)
    return Outlets({k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in by_first.items()}, canon)


@lru_cache(maxsize=1 << 16)
def _forms_of(capword: str) -> tuple[str, ...] | None:
    """The outlet forms a capitalised word may start (none for most words; cached)."""
    table = outlets().by_first
    word = capword.rstrip(".,'")
    return table.get(word) or table.get(word.rstrip("'s").rstrip("’s"))


def _mentions(text: str) -> list[tuple[str, int, int]]:
    """Known outlet names in the text: (form, start, end); scans capitalised words only."""
    forms_of = _forms_of
    out = []
    for m in _CAPWORD.finditer(text):
        forms = forms_of(m.group(0))
        if not forms:
            continue
        i = m.start()
        for f in forms:
            end = i + len(f)
            if text.startswith(f, i) and (end == len(text) or not (text[end].isalnum() or text[end] in "-")):
                lead = 4 if text[max(0, i - 4):i] in ("the ", "The ") else 0
                out.append((text[i - lead:end], i - lead, end))
                break
    return out


def canonical(name: str | None) -> str | None:
    """The outlet's canonical name ('NYT' -> 'The New York Times'), or None when unknown."""
    if not name:
        return None
    f = fold(name.strip())
    table = outlets().canonical
    return table.get(f) or table.get(f.removeprefix("the ")) or table.get("the " + f)


_ARTICLE_END = re.compile(r"\s+(?:the|la|el|le|les|los|las|der|die|das|il|lo|o|a)$")


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The credit cues folded like the text they are compared with ('según' -> 'segun')."""
    r = rules()
    return tuple(fold(c) for c in r.credit_before), tuple(fold(c) for c in r.credit_after)


def _cued(text: str, start: int, end: int) -> bool:
    cue_before, cue_after = _cues()
    before = fold(text[max(0, start - CUE_WINDOW):start]).rstrip(" ,:(\u00a0")
    before = _ARTICLE_END.sub("", before)  # 'según la AP', 'laut der FAZ'
    after = fold(text[end:end + CUE_WINDOW]).lstrip(" ,:)\u00a0")
    return any(before.endswith(c) for c in cue_before) or any(after.startswith(c) for c in cue_after)


_NAME_BEFORE = re.compile(r"[A-Z][\w'.-]*[ \u00a0]$")
_NAME_AFTER = re.compile(r"^[ \u00a0](?:of |for |de |)[A-Z]")


def _inside_name(text: str, start: int, end: int) -> bool:
    """'the National Liberation Army' holds no outlet: a form glued to a capitalised word
    before or after it is part of a longer name (checked only when no credit cue is near)."""
    before = text[max(0, start - 30):start]
    if text[start:start + 4] in ("the ", "The "):
        before = ""  # 'the' starts the phrase, nothing glued before
    return bool(_NAME_BEFORE.search(before)) or bool(_NAME_AFTER.match(text[end:end + 6]))


def _dateline(text: str) -> list[Span]:
    out = []
    for m in rules().dateline.finditer(text[:2000]):
        name = m.group(1).strip()
        if canonical(name):
            out.append(Span(name, m.start(1), m.start(1) + len(name)))
    return out


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    return frozenset(re.sub(r"^(?:the|The) ", "", f) for f in rules().ambiguous)


def credited(article: Article) -> list[Span]:
    """Outlets the text credits, each once (first credited mention), in text order."""
    text = article.text
    own = canonical(article.outlet)
    found: list[Span] = list(_dateline(text))
    ambiguous = _ambiguous()
    for form, start, end in _mentions(text):
        bare = re.sub(r"^(?:the|The) ", "", form)
        if (bare in ambiguous or _inside_name(text, start, end)) and not _cued(text, start, end):
            continue
        found.append(Span(form, start, end))
    out: list[Span] = []
    seen: set[str] = set()
    for span in sorted(found, key=lambda s: s.start):
        name = canonical(span.text)
        if name and name not in seen and name != own:
            seen.add(name)
            out.append(span)
    return out


def merge(existing: list[Span], extra: list[Span]) -> list[Span]:
    """The attribution stage's cites plus ours, one per outlet, in text order."""
    seen = {canonical(s.text) or s.text.lower() for s in existing}
    out = list(existing)
    for s in extra:
        key = canonical(s.text) or s.text.lower()
        if key not in seen:
            seen.add(key)
            out.append(s)
    return sorted(out, key=lambda s: s.start)


def cited_names(article: Article) -> frozenset[str]:
    return frozenset(canonical(c.text) or c.text for c in article.cites)
