"""How much of a sentence a noun phrase mention covers (PLOVER entity_text "as written"),
and the conjuncts of a head. Used by coder/resolve.py (actors and recipients) and
coder/objects.py (recipients written as a whole object)."""
from __future__ import annotations

import dataclasses
from typing import Any

from parley.coder.clauses import is_time_word

NOMINAL = {"NOUN", "PROPN", "PRON"}
# Time words (a date before a name: '3 May 2019 the court'), as in coder/resolve.py.
TIME_WORDS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
              "tomorrow", "tonight", "weekend", "january", "february", "march", "april", "may", "june", "july",
              "august", "september", "october", "november", "december", "morning", "evening", "night", "week",
              "month", "year", "day", "hour", "decade", "time"}


def conjuncts(head: Any) -> list[Any]:
    """Nominal conjuncts of a head, down the chain ('Chad, Niger and Mali')."""
    out: list[Any] = []
    todo = [head]
    while todo and len(out) < 12:
        cur = todo.pop(0)
        for c in cur.children:
            if c.dep_ == "conj" and c.pos_ in NOMINAL:
                out.append(c)
                todo.append(c)
    return out


def phrase(head: Any) -> tuple[int, int]:
    """Token range of the noun phrase headed by `head`: the unbroken run of its subtree around
    the head without conjuncts, relative or participle clauses, time phrases ('the police
    on Saturday', 'the army in May') and as-phrases ('villagers as hostages'), and without
    punctuation at either edge (a closing bracket stays when its opening one is inside)."""
    skip: set[int] = set()
    for child in head.children:
        if child.dep_ in ("conj", "cc", "relcl") or (child.dep_ == "acl" and not _participle(child)) or _when(child) or (child.dep_ == "prep" and child.lower_ == "as") \
                or (child.dep_ == "punct" and child.i > head.i and child.lower_ in (",", ";")
                    and any(c.dep_ == "conj" for c in head.children)):
            skip.update(t.i for t in child.subtree)
    keep = {t.i for t in head.subtree if t.i not in skip and not t.is_space}
    lo = hi = head.i
    while lo - 1 in keep:
        lo -= 1
    while hi + 1 in keep:
        hi += 1
    doc = head.doc
    while lo < head.i and (doc[lo].is_punct or doc[lo].dep_ == "cc"):
        lo += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].dep_ == "cc") and not _closes(doc, lo, hi):
        hi -= 1
    if hi + 1 < len(doc) and doc[hi + 1].text == ")" and _opened(doc, lo, hi):
        hi += 1  # the closing bracket hung elsewhere by the parser
    if hi - lo > 40:  # a runaway parse: keep the phrase up to the head
        lo, hi = head.left_edge.i, head.i
    return lo, hi + 1


def aside_cut(sp: Any, start: int, end: int, people: Any, preps: Any, time_preps: Any = ()) -> int:
    """Where a recipient mention written over sp's characters start..end ends without a
    description set off by a comma that is not who it is: 'Haifa[, the third largest city]',
    'the fund[, a pool managed by the UN]', 'aid workers[, including ...]' (data/roles.json
    `asides`). A person's title or name stays ('Angela Merkel, the German chancellor', 'its
    president, Jeff Mason'): `people` are the lemmas that title a person. A time phrase is
    when, not who ('the ports[ following the raid]'; `time_preps`)."""
    span = sp.char_span(start, end, alignment_mode="expand")
    for t in span if span is not None else ():
        if t.head.i == t.i or not start <= t.head.idx < end or t.head.i > t.i:
            continue
        if _aside(t.head, t, people, preps) or (t.dep_ == "prep" and t.lower_ in time_preps and t.i > t.head.i):
            cut = sp[t.left_edge.i - 1] if sp[t.left_edge.i - 1].text == "," else sp[t.left_edge.i]
            return cut.idx if cut.idx > start else end
        if _tail_clause(t):  # 'the Minister of Interior [who told governors ...]'
            cut = sp[t.left_edge.i]
            return cut.idx if cut.idx > start else end
    return end


def _tail_clause(t: Any) -> bool:
    """A relative clause, or an infinitive or gerund clause, under a noun inside a mention:
    what the mention did or is for, not who it is ('fighting in Gaza [to allow the release
    of ...]', 'the province [where troops are battling ...]'). Past participles stay ('the
    proposal submitted by the opposition')."""
    return t.head.pos_ in ("NOUN", "PROPN") and (
        t.dep_ == "relcl" or (t.dep_ == "acl" and t.tag_ in ("VB", "VBG")))


def _aside(head: Any, child: Any, people: Any, preps: Any) -> bool:
    if child.dep_ == "prep" and child.lower_ in ("in", "at") and _personal(head, people) and any(
            g.dep_ == "pobj" and g.pos_ == "PROPN" for g in child.children):
        return True  # 'the Chinese ambassador [in Berlin]', 'President Trump [in Washington]': where, not who
    if child.i <= head.i or child.left_edge.i < 1 or child.doc[child.left_edge.i - 1].text != ",":
        return False
    if child.dep_ == "prep":
        return child.lower_ in preps
    if child.dep_ != "appos" or (head.pos_ == "NOUN" and child.pos_ == "PROPN"):  # 'an inmate, Ali Dowji'
        return False
    named = [c for c in child.children if c.dep_ == "compound"]  # 'the mufti, [Sheikh] Omar Haddad'
    return not any(t.ent_type_ == "PERSON" or t.lemma_.lower() in people for t in (head, child, *named))


def _personal(tok: Any, people: Any) -> bool:
    """A person titled ('the ambassador', 'President Donald Trump')."""
    return tok.lemma_.lower() in people or any(c.dep_ == "compound" and c.lemma_.lower() in people for c in tok.children)


def _participle(child: Any) -> bool:
    """A past-participle modifier is part of the phrase ('the plan proposed by the opposition',
    'shells fired by the army', 'a group known as the Defenders'); a misparsed main verb
    with its own object is not."""
    sub = list(child.subtree)
    return child.tag_ == "VBN" and child.i > child.head.i and len(sub) <= 12 \
        and not child.doc[child.i - 1].is_punct and not any(
            c.dep_ in ("dobj", "nsubj", "nsubjpass", "ccomp") for c in child.children)


def _when(child: Any) -> bool:
    """A time modifier of a noun: 'on Saturday', 'in May 2021', 'Sunday', '3 May 2019'."""
    if child.dep_ == "prep" and child.lower_ in ("on", "in", "at", "during", "since", "until"):
        objs = [g for g in child.children if g.dep_ == "pobj"]
        return bool(objs) and all(is_time_word(g) for g in objs)
    if child.dep_ in ("npadvmod", "nummod", "advmod") and child.i < child.head.i:  # '3 May 2019 the court'
        return any(t.lower_ in TIME_WORDS and t.lower_ != "may" for t in child.subtree)
    return child.dep_ == "npadvmod" and is_time_word(child)


def _opened(doc: Any, lo: int, hi: int) -> bool:
    """A bracket opened in lo..hi and not closed there."""
    depth = 0
    for k in range(lo, hi + 1):
        depth += {"(": 1, ")": -1}.get(doc[k].text, 0)
    return depth > 0


def _closes(doc: Any, lo: int, hi: int) -> bool:
    """The token at `hi` closes a bracket opened inside lo..hi ('the Oromo Liberation Front (OLF)')."""
    pairs = {")": "(", "]": "["}
    opening = pairs.get(doc[hi].text)
    return opening is not None and any(doc[k].text == opening for k in range(lo, hi))


def pobjs(tok: Any, preps: tuple[str, ...]) -> list[Any]:
    """Objects of the given prepositions (and indirect objects), not dates or numbers."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in preps:
            out.extend(g for g in c.children if g.dep_ == "pobj" and not is_time_word(g) and not g.like_num)
        elif c.dep_ == "dative" and c.pos_ in ("NOUN", "PROPN", "PRON"):
            out.append(c)
    return out


POSSESSIVE_MARKS = ("'s", "’s", "' s", "’ s")
MODIFIER_TAGS = ("RB", "JJ", "JJR", "JJS", "VBN", "VBG", "CD", "HYPH", "NN", "NNS", "NNP", "NNPS")


def possessed_end(sp: Any, end: int) -> int:
    """A mention that ends on a possessive ('Peru’s') is written with what it owns, the noun
    phrase after it ('Peru’s internationally recognized government', 'Moldova’s border
    districts'): where that phrase ends, or `end` when no noun follows."""
    span = sp.char_span(0, end, alignment_mode="expand") if end else None
    if span is None or not len(span) or span[-1].text not in POSSESSIVE_MARKS:
        return end
    last = None
    for t in sp[span[-1].i + 1:]:
        if t.tag_ not in MODIFIER_TAGS:
            break
        if t.pos_ in ("NOUN", "PROPN"):
            last = t
            if t.i + 1 >= len(sp) or sp[t.i + 1].pos_ not in ("NOUN", "PROPN"):
                break
    return last.idx + len(last.text) if last is not None else end


def shared_conjuncts(sp: Any, ents: list[Any]) -> list[Any]:
    """Conjuncts under one determiner or number are one group: 'the Palestinian people and
    organizations', 'some 40 officers and members of the guard', 'a Kenyan doctor and nurse'
    (a bare common noun after 'and/or', nothing of its own before its head, no relative clause)."""
    out: list[Any] = []
    for e in ents:
        prev = out[-1] if out else None
        if prev is not None and _joins(sp, prev, e):
            out[-1] = dataclasses.replace(prev, entity_text=sp.text[prev.start:e.end], end=e.end,
                                          code=prev.code or e.code)
        else:
            out.append(e)
    return out


def _joins(sp: Any, first: Any, second: Any) -> bool:
    if None in (first.start, first.end, second.start, second.end) or second.code not in (None, first.code):
        return False
    if sp.text[first.end:second.start].strip() not in ("and", "or"):
        return False
    a = sp.char_span(first.start, first.end, alignment_mode="expand")
    b = sp.char_span(second.start, second.end, alignment_mode="expand")
    if a is None or b is None or not len(a) or not len(b):
        return False
    head, opener = b.root, a[0]
    return (head.pos_ == "NOUN" and head.i == b[0].i and a.root.pos_ == "NOUN" and head.dep_ == "conj"
            and head.head.i == a.root.i and opener.tag_ in ("DT", "CD", "PDT") and not any(
                c.dep_ in ("relcl", "acl") and c.i > head.i for c in a.root.subtree))
