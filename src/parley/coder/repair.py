"""Parse repairs: attachments the small English parser gets wrong in a way a coder never would.

A second act of a speaker: in "X said Armenia was not involved in the talks and called on
the UN to act", the parser hangs "called" as a conjunct of the reported clause ("involved"),
which would make Armenia the caller and the call part of what X said. When the conjunct has
no subject of its own and takes the reporting verb's finite form (said ... called) while the
reported clause has its own auxiliary or another form (was involved, would go), the conjunct
is the speaker's own second act: it is re-attached to the reporting verb.
"""
from __future__ import annotations

from typing import Any

FINITE = ("VBD", "VBZ", "VBP")
SUBJECTS = ("nsubj", "nsubjpass", "csubj", "expl")


def _own_form(clause: Any) -> bool:
    return clause.tag_ not in FINITE or any(c.dep_ in ("aux", "auxpass") for c in clause.children)


def speaker_conjuncts(sp: Any, reporting: set[str]) -> int:
    """Re-attach second acts of a speaker to the reporting verb; returns how many moved."""
    moved = 0
    for tok in sp:
        clause = tok.head
        if tok.dep_ != "conj" or tok.tag_ not in FINITE or clause.dep_ != "ccomp" or clause.i >= tok.i:
            continue
        say = clause.head
        if say.lemma_.lower() not in reporting or say.tag_ != tok.tag_ or not _own_form(clause):
            continue
        if any(c.dep_ in SUBJECTS + ("aux", "auxpass") for c in tok.children):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in say.children):
            continue
        tok.head = say
        moved += 1
    return moved
