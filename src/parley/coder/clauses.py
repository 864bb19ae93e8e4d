"""Clause-level reading around a trigger: its clause head, content, conditions and modality."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable

VERBAL = {"VERB", "AUX"}
TIME_NOUNS = {"day", "week", "month", "year", "time", "moment", "period", "hour", "morning", "afternoon",
              "evening", "night", "weekend", "decade", "century", "era", "season", "spring", "summer",
              "autumn", "fall", "winter", "date", "days", "weeks", "months", "years", "minute", "minutes",
              "january", "february", "march", "april", "may", "june", "july", "august", "september",
              "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
              "saturday", "sunday", "today", "yesterday", "tonight",
              "jan.", "feb.", "mar.", "apr.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec."}  # 'On Dec. 11


def is_time_word(tok: Any) -> bool:
    """A date or time head ('in February 2022 when ...', 'the day after ...'), without NER."""
    if tok.ent_type_ in ("DATE", "TIME"):
        return True
    return tok.lower_ in TIME_NOUNS or (tok.like_num and len(tok.text) == 4 and tok.text.isdigit())


def clause_head(tok: Any) -> Any:
    """The verb (or predicative adjective) that heads the clause a token belongs to."""
    cur = tok
    for _ in range(6):
        if cur.pos_ in VERBAL or (cur.pos_ == "ADJ" and cur.dep_ in ("ROOT", "acomp", "ccomp", "conj")):
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def children(tok: Any, *deps: str) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def subtree_ids(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


CONTRAST_MARKS = {"while", "whereas"}


def is_aside(tok: Any) -> bool:
    """A contrast clause ('..., while the army reported Y'): the writer's own statement, not
    governed by the verbs above it (no modality, report or content of theirs)."""
    return tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONTRAST_MARKS for c in tok.children)


def _asides(clause: Any) -> set[int]:
    """Contrast clauses inside a complement ('warned that X, while the army reported Y'): the
    writer's own statement beside the content, not part of what was said."""
    out: set[int] = set()
    for t in clause.subtree:
        if t.i != clause.i and is_aside(t):
            out |= subtree_ids(t)
    return out


def content_ids(tok: Any) -> set[int]:
    """What a content-taking trigger is about: its clausal complements and for/to/on phrases."""
    out: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("xcomp", "ccomp", "acl", "advcl", "relcl") and c.i > tok.i:
            out |= subtree_ids(c) - _asides(c)
        elif c.dep_ == "prep" and c.lower_ in ("for", "to", "on", "of", "about", "regarding", "over", "in"):
            out |= subtree_ids(c)
        elif c.dep_ == "dobj" and tok.pos_ in VERBAL:
            out |= subtree_ids(c)
    return out


@dataclass
class ConditionClause:
    start: int  # token index
    end: int  # token index, exclusive
    attach: int  # token the clause hangs from


def find_conditions(sent: Any, lexicon: Any, toks: list[Any] | None = None) -> list[ConditionClause]:
    """Condition clauses of a sentence ('until ...', 'as long as ...', 'a truce that would ...')."""
    doc = sent.doc
    out: list[ConditionClause] = []
    base = sent.start_char
    for m in lexicon.condition_re.finditer(sent.text):
        span = doc.char_span(base + m.start(), base + m.end(), alignment_mode="expand")
        if span is None:
            continue
        verb = _clause_verb_after(span[-1])
        if verb is None or verb.i < span.start or verb.dep_ == "ROOT" or verb.head.i == verb.i:
            continue
        end = verb.right_edge.i + 1
        out.append(ConditionClause(span.start, end, verbal_ancestor(verb).i))
    rel_modals = set(lexicon.rules["conditions"]["relative_modals"])
    for tok in (toks if toks is not None else sent):
        if tok.dep_ == "relcl" and any(c.lower_ in rel_modals for c in children(tok, "aux")) \
                and tok.head.lemma_.lower() in lexicon.nouns:
            if not any(c.start <= tok.i < c.end for c in out):
                out.append(ConditionClause(tok.i, tok.right_edge.i + 1, tok.head.i))
    return out


def verbal_ancestor(tok: Any) -> Any:
    """The nearest verb or predicative adjective above a token (itself excluded)."""
    cur = tok.head
    for _ in range(6):
        if cur.pos_ in VERBAL or cur.pos_ == "ADJ" or cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def attaches_to(tok: Any, targets: set[int], steps: int = 3) -> bool:
    """True when `tok` or one of its first ancestors is in `targets`."""
    cur = tok
    for _ in range(steps + 1):
        if cur.i in targets:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _clause_verb_after(marker: Any) -> Any | None:
    cur = marker
    for _ in range(4):
        if cur.pos_ in VERBAL and cur.i >= marker.i:
            return cur
        if cur.head.i == cur.i:
            break
        cur = cur.head
    for tok in marker.doc[marker.i + 1: min(len(marker.doc), marker.i + 12)]:
        if tok.pos_ in VERBAL and marker.i in subtree_ids(tok):
            return tok
    return None


@dataclass
class Modality:
    negated: bool = False
    future: bool = False
    hypothetical: bool = False
    signalled: bool = False
    denied: bool = False  # under 'deny'/'refute': the event is denied, not refused
    speculative: bool = False  # someone's expectation or fear, not an actor's announcement
    prepared: bool = False  # under 'prepare'/'ready'/'gear up': readiness being built, not announced
    cues: list[str] = field(default_factory=list)


GOVERNOR_DEPS = ("xcomp", "ccomp", "acomp", "dobj", "pobj", "prep", "pcomp", "advcl", "conj", "auxpass", "aux")


def _governors(tok: Any) -> Iterable[tuple[Any, bool]]:
    """The verbs above a trigger, each with whether it is reached as the first of a pair of
    conjoined verbs ('set up roadblocks and searched'): such a verb lends its auxiliaries
    ('will meet and talk') but not its meaning ('planned and carried out' is no plan)."""
    cur = tok
    for _ in range(5):
        if cur.dep_ not in GOVERNOR_DEPS or cur.head.i == cur.i or is_aside(cur):
            return
        if cur.dep_ == "conj" and cur.head.pos_ not in VERBAL:
            return
        via_conj = cur.dep_ == "conj"
        cur = cur.head
        yield cur, via_conj


def read_modality(trigger: Any, frame_verb: Any, rules: dict[str, Any], reporting: set[str]) -> Modality:
    """Negation, future, hypothetical and signal cues around a trigger."""
    mod = Modality()
    r = rules["modality"]
    heads = [trigger] + ([frame_verb] if frame_verb is not None and frame_verb.i != trigger.i else [])
    for h in heads:
        _read_local(h, mod, r, reporting)
    obj = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is not None and any(c.dep_ == "det" and c.lower_ == "no" for c in obj.children):
        mod.negated, mod.cues = True, mod.cues + ["neg:no"]
    for gov, via_conj in _governors(heads[-1]):
        lemma = gov.lemma_.lower()
        if via_conj:
            _read_local(gov, mod, r, reporting, aux_only=True)
            continue
        if lemma in r["speculation_governors"]:
            mod.speculative = True
        if lemma in reporting:
            break
        if any(c.dep_ == "neg" for c in gov.children) and lemma in ("want", "plan", "intend", "agree", "be", "seem", "appear"):
            mod.negated, mod.cues = True, mod.cues + [f"neg:{gov.text}"]
        if lemma in r["negating_governors"] and gov.pos_ == "VERB":
            mod.negated, mod.cues = True, mod.cues + [f"gov:{gov.text}"]
        if lemma in r["future_governors"]:
            mod.future, mod.cues = True, mod.cues + [f"gov:{gov.text}"]
        if lemma in r["preparation_governors"]["verbs"] and gov.pos_ == "VERB":
            mod.prepared = True
        if lemma in r["hypothetical_governors"]:
            mod.hypothetical, mod.cues = True, mod.cues + [f"gov:{gov.text}"]
        if lemma in r["signal_governors"]:
            mod.signalled, mod.cues = True, mod.cues + [f"gov:{gov.text}"]
        if lemma in r["denial_verbs"] and gov.pos_ == "VERB":
            mod.negated = mod.denied = True
            mod.cues = mod.cues + [f"denied:{gov.text}"]
        if lemma in r["speculation_governors"]:
            mod.speculative = True
        _read_local(gov, mod, r, reporting, aux_only=True)
    return mod


def _read_local(h: Any, mod: Modality, r: dict[str, Any], reporting: set[str], aux_only: bool = False) -> None:
    for c in h.children:
        low = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and low == "no") or (c.dep_ == "advmod" and low == "never"):
            if not aux_only:
                mod.negated, mod.cues = True, mod.cues + [f"neg:{c.text}"]
        elif c.dep_ in ("aux", "auxpass") and low in r["future_aux"]:
            mod.future, mod.cues = True, mod.cues + [f"aux:{c.text}"]
        elif c.dep_ in ("aux", "auxpass") and low in r["hypothetical_aux"]:
            if low == "would" and _under_reporting(h, reporting):
                mod.future, mod.cues = True, mod.cues + ["aux:would(reported)"]
            elif low not in ("can", "must", "should") or h.pos_ != "AUX":
                mod.hypothetical, mod.cues = True, mod.cues + [f"aux:{c.text}"]
        elif c.dep_ == "mark" and low in r["hypothetical_marks"]:
            mod.hypothetical, mod.cues = True, mod.cues + [f"mark:{c.text}"]
    if h.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in r["hypothetical_marks"] for c in h.children):
        mod.hypothetical = True


def _under_reporting(tok: Any, reporting: set[str]) -> bool:
    return tok.dep_ == "ccomp" and tok.head.lemma_.lower() in reporting
