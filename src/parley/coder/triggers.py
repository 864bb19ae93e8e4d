"""Finding event triggers in a parsed sentence, by the lexicon (data/triggers.json).

Three kinds: verbs ("attacked", "urged"), event nouns in frames ("held talks", "received
overtures from the Kremlin", "talks took place") and predicative adjectives ("ready for
talks"). Only clausal verbs count: a verb inside a relative clause or under a noun ("the aim
of capturing Kyiv") is background or intention, not an event of the sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from parley.coder.clauses import content_ids, is_time_word

CLAUSAL = {"ROOT", "ccomp", "xcomp", "advcl", "conj", "parataxis"}
OBJECT_DEPS = ("dobj", "nsubjpass", "attr")


@dataclass
class Trigger:
    token: Any
    frame: str  # verb | support | receiver | occur | adj
    event: str
    mode: list[str]
    score: float
    entry: dict[str, Any]
    support: Any = None  # the support verb of a noun trigger
    words: list[int] = field(default_factory=list)
    rule: str = ""
    content: set[int] = field(default_factory=set)


def is_clausal(tok: Any) -> bool:
    """True when a verb heads a clause of the sentence (not a relative clause or noun modifier)."""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "ROOT" or cur.head is cur:
            return True
        if cur.dep_ == "pcomp" and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head
            continue
        if cur.dep_ == "relcl" and (is_time_word(cur.head) or any(
                c.lower_ in ("when", "as") for c in cur.children if c.dep_ in ("advmod", "mark"))):
            cur = cur.head.head if cur.head.dep_ == "pobj" else cur.head
            cur = cur.head if cur.dep_ == "prep" else cur
            continue
        if cur.dep_ not in CLAUSE_OK:
            return False
        cur = cur.head
        if cur.pos_ not in ("VERB", "AUX", "ADJ"):
            return False
    return True


CLAUSE_OK = CLAUSAL | {"acomp"}


def _object(tok: Any) -> Any | None:
    for dep in OBJECT_DEPS:
        for c in tok.children:
            if c.dep_ == dep:
                return c
    return None


def _lemma_key(noun: Any) -> str:
    return noun.lemma_.lower()


def _refine(entry: dict[str, Any], table: dict[str, Any], key: str | None) -> dict[str, Any] | None:
    if key is not None and key in table:
        sub = table[key]
        return None if sub is None else {**entry, **sub}
    return entry


def verb_trigger(tok: Any, lex: Any) -> Trigger | None:
    entry = lex.verbs.get(tok.lemma_.lower())
    if entry is None or tok.pos_ != "VERB":
        return None
    particles = [c for c in tok.children if c.dep_ == "prt"]
    if entry.get("requires_particle") and not {p.lower_ for p in particles} & set(entry.get("particles", [])):
        return None
    preps = {c.lower_: c for c in tok.children if c.dep_ in ("prep", "dative", "agent")}
    if entry.get("requires_prep") and not set(preps) & set(entry["requires_prep"]):
        return None
    obj = _object(tok)
    merged: dict[str, Any] | None = dict(entry)
    objects = entry.get("objects")
    if objects:
        key = _object_key(obj, objects)
        if key is None and entry.get("objects_only"):
            return None
        merged = _refine(entry, objects, key)
    for name, prep in preps.items():
        sub = entry.get("preps", {}).get(name)
        if merged is not None and sub and "objects" in sub:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            merged = _refine(merged, sub["objects"], _object_key(pobj, sub["objects"]))
    if merged is None:
        return None
    words = [tok.i] + [p.i for p in particles]
    t = Trigger(tok, "verb", merged["event"], list(merged.get("mode", [])), merged.get("score", 0.5),
                merged, words=words, rule=f"verb:{tok.lemma_.lower()}")
    if merged.get("content"):
        t.content = content_ids(tok)
    if merged.get("needs_content") and not t.content:
        return None
    return t


def _object_key(obj: Any, table: dict[str, Any]) -> str | None:
    if obj is None:
        return None
    for tok in [obj] + [c for c in obj.children if c.dep_ in ("compound", "amod")]:
        if tok.lemma_.lower() in table:
            return tok.lemma_.lower()
    return None


def noun_trigger(tok: Any, lex: Any) -> Trigger | None:
    key = _noun_key(tok, lex)
    if key is None:
        return None
    entry = lex.nouns[key]
    if entry.get("needs_modifier") and not any(c.lower_ in entry["needs_modifier"] for c in tok.children):
        return None
    frame, support = _noun_frame(tok, lex)
    if frame is None or (support is not None and not is_clausal(support)):
        return None
    if support is not None and support.lemma_.lower() in lex.verbs and frame == "support":
        verb_entry = lex.verbs[support.lemma_.lower()]
        if not verb_entry.get("objects_only"):
            return None  # the verb is itself the event ("reject the offer")
    t = Trigger(tok, frame, entry["event"], list(entry.get("mode", [])), entry.get("score", 0.5),
                dict(entry), support=support, rule=f"noun-{frame}:{key}")
    t.words = ([support.i] if support is not None else []) + [tok.i]
    t.content = {c2.i for c in tok.children if c.dep_ in ("prep", "acl") and c.lower_ not in ("from", "with", "between", "by") for c2 in c.subtree}
    if entry.get("needs_content") and not t.content:
        return None
    return t


def _noun_key(tok: Any, lex: Any) -> str | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = tok.lemma_.lower()
    compound = next((c for c in tok.children if c.dep_ == "compound"), None)
    if compound is not None and f"{compound.lower_} {lemma}" in lex.nouns:
        return f"{compound.lower_} {lemma}"
    return lemma if lemma in lex.nouns else None


def _noun_frame(tok: Any, lex: Any) -> tuple[str | None, Any]:
    head = tok.head
    if tok.dep_ in ("dobj", "attr") and head.lemma_.lower() in lex.support_verbs:
        role = lex.support_verbs[head.lemma_.lower()]
        return ("receiver" if role == "receiver" else "support" if role == "subject" else None), head
    if tok.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in ("in", "into") \
            and head.head.lemma_.lower() in ("engage", "participate", "take", "join", "enter"):
        return "support", head.head
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.occurrence_verbs:
        return "occur", head
    return None, None


def adjective_trigger(tok: Any, lex: Any) -> Trigger | None:
    entry = lex.adjectives.get(tok.lemma_.lower())
    if entry is None or tok.pos_ != "ADJ" or tok.dep_ not in ("acomp", "ROOT", "ccomp", "conj"):
        return None
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if entry.get("requires_prep") and not preps & set(entry["requires_prep"]):
        return None
    content = content_ids(tok)
    if entry.get("needs_content") and not content:
        return None
    head = tok.head if tok.dep_ == "acomp" else tok
    if not is_clausal(head):
        return None
    return Trigger(tok, "adj", entry["event"], list(entry.get("mode", [])), entry.get("score", 0.5),
                   dict(entry), support=head if head is not tok else None, words=[tok.i],
                   rule=f"adj:{tok.lemma_.lower()}", content=content)
