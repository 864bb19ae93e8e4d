"""Stage `events`: the rule coder. Triggers -> type and mode, actor and recipient, modality,
conditions and context, per sentence (see coder/ for each step and data/ for the rules)."""
from __future__ import annotations

import dataclasses
from typing import Any

from parley.coder.clauses import attaches_to, find_conditions, is_time_word, read_modality, subtree_ids
from parley.coder.resolve import Resolver
from parley.coder.roles import roles
from parley.coder.triggers import Trigger, adjective_trigger, is_clausal, noun_trigger, verb_trigger
from parley.pipeline.doc import Candidate, Doc
from parley.pipeline.registry import stage

VERBAL_OBJECTS = {"decision", "policy", "plan", "proposal", "statement", "remark", "comment", "law",
                  "move", "idea", "report", "claim", "position", "stance", "approach", "record"}
VIOLENCE_WORDS = {"attack", "strike", "retaliate", "retaliation", "war", "force", "military", "bomb",
                  "destroy", "kill", "invade", "invasion", "respond", "response", "consequence", "revenge",
                  "escalation", "nuclear", "missile", "fire", "hit", "target", "punish", "crush"}
CIVIL_SECTORS = {"CVL", "LAB", "EDU", "AGR", "OPP", "SOC", "REL", "MED", "JRN"}
OFFICIAL_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG"}


def _blocked(sent: Any, lex: Any, conditions: list) -> set[int]:
    """Tokens whose triggers are not events of this sentence."""
    out: set[int] = set()
    for c in conditions:
        out |= set(range(c.start, c.end))
    for tok in sent:
        if tok.dep_ == "relcl" and not _temporal_clause(tok):
            out |= subtree_ids(tok)
        elif tok.lemma_.lower() in lex.intent_nouns and tok.pos_ == "NOUN":
            for child in tok.children:
                if child.dep_ in ("acl", "prep", "relcl"):
                    out |= subtree_ids(child)
    return out


def _temporal_clause(tok: Any) -> bool:
    """'in February 2022 when Russian forces entered' is an adverbial clause, not background."""
    return is_time_word(tok.head) or any(
        c.lower_ in ("when", "as") and c.dep_ in ("advmod", "mark") for c in tok.children)


def _find(sent: Any, lex: Any, blocked: set[int]) -> list[Trigger]:
    found: list[Trigger] = []
    for tok in sent:
        if tok.i in blocked:
            continue
        trig = verb_trigger(tok, lex) if tok.pos_ == "VERB" and is_clausal(tok) else adjective_trigger(tok, lex)
        if trig is not None:
            found.append(trig)
            blocked |= trig.content
    for tok in sent:
        if tok.i in blocked or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        trig = noun_trigger(tok, lex)
        if trig is not None and (trig.support is None or trig.support.i not in blocked):
            found.append(trig)
            blocked |= trig.content
    return found


def _content_words(trig: Trigger, sp: Any) -> set[str]:
    ids = set(trig.content) | {c.i for c in trig.token.children if c.dep_ in ("dobj", "prep")}
    return {sp[i].lemma_.lower() for i in ids} | {sp[i].lower_ for i in ids}


def _modes(event: str, trig: Trigger, sp: Any, sent_low: str, words: set[str], lex: Any) -> list[str]:
    modes = lex.valid_modes(event, list(trig.mode))
    if event in ("REQUEST", "REJECT") and not modes:
        content = _content_words(trig, sp)
        for mode in ("meet", "yield", "change", "assist"):
            if content & lex.content_modes[mode]:
                return [mode]
    for mode, (singles, phrases) in lex.sentence_modes.get(event, {}).items():
        if mode not in modes and (singles & words or any(p in sent_low for p in phrases)):
            modes.append(mode)
    return modes[:2]


def _contexts(event: str, modes: list[str], trig: Trigger, sent_low: str, words: set[str], lex: Any) -> list[str]:
    ctx = set(trig.entry.get("context", []))
    for name, (singles, phrases) in lex.context_cues.items():
        if singles & words or any(p in sent_low for p in phrases):
            ctx.add(name)
    ctx.update(lex.context_by_type.get(event, []))
    for m in modes:
        ctx.update(lex.context_by_type.get(f"{event}:{m}", []))
    return sorted(ctx)


def _retype(trig: Trigger, actor: list, sp: Any, res: Resolver) -> tuple[str, list[str]] | None:
    """Sector-dependent variants and constraints of a trigger; None = not an event."""
    e, sectors = trig.entry, {a.sector for a in actor}
    if e.get("needs_violence") and not _content_words(trig, sp) & VIOLENCE_WORDS:
        return None
    if "actor_sectors" in e and not sectors & set(e["actor_sectors"]) and not (None in e["actor_sectors"] and not actor):
        return None
    if e.get("object_kinds") == "country":
        obj = next((c for c in trig.token.children if c.dep_ == "dobj"), None)
        m = res.at.get(obj.i) if obj is not None else None
        if m is None or m.source not in ("country", "seat"):
            return None
    if e.get("object_kinds") == "not-verbal":
        obj = next((c for c in trig.token.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.lemma_.lower() in VERBAL_OBJECTS:
            return "ACCUSE", ["disapprove"]
    if "gov_event" in e and sectors & OFFICIAL_SECTORS:
        return e["gov_event"]["event"], list(e["gov_event"].get("mode", []))
    if "civil_event" in e and (sectors & CIVIL_SECTORS):
        return e["civil_event"]["event"], list(e["civil_event"].get("mode", []))
    return trig.event, list(trig.mode)


def _other_side(actor: list, recipient: list, trig: Trigger, res: Resolver) -> list:
    """A recipient that resolved to the actor itself ('Russia ... annexed them') is replaced by
    the other country the sentence names, when there is exactly one candidate."""
    codes = {a.code for a in actor if a.code}
    kept = [r for r in recipient if not (r.code and r.code in codes)]
    if len(kept) == len(recipient) or kept:
        return kept
    sent = trig.token.sent
    others = {m.entity.code: m.entity for i, m in res.at.items()
              if sent.start <= i < sent.end and m.source in ("country", "seat") and m.entity.code not in codes}
    return [dataclasses.replace(next(iter(others.values())))] if len(others) == 1 else []


def _modality(trig: Trigger, event: str, lex: Any) -> tuple[str, str, list[str]]:
    """(event, modality, cues) after negation, future and hypothetical readings."""
    frame_verb = trig.support if trig.support is not None else None
    mod = read_modality(trig.token, frame_verb, lex.rules, lex.reporting_verbs)
    rules = lex.rules
    if mod.negated:
        if event in rules["negation_flip"] and (mod.future or trig.entry.get("modality") == "signalled"
                                               or event in ("CONSULT", "AGREE")):
            return rules["negation_flip"][event], "asserted", mod.cues + ["negation-flip"]
        return event, "negated", mod.cues
    if mod.hypothetical:
        return event, "hypothetical", mod.cues
    if mod.future:
        return rules["future_map"].get(event, event), "future", mod.cues
    if trig.entry.get("modality") == "signalled" or mod.signalled:
        return event, "signalled", mod.cues
    return event, "asserted", mod.cues


def _code_trigger(trig: Trigger, seq: int, doc: Doc, res: Resolver, conds: list, sent_low: str,
                  words: set[str]) -> Candidate | None:
    lex, sp = doc.resources.lexicon, doc.spacy
    actor, recipient, how = roles(trig, res)
    recipient = _other_side(actor, recipient, trig, res)
    typed = _retype(trig, actor, sp, res)
    if typed is None:
        return None
    event, mode = typed
    flipped_from = event
    event, modality, cues = _modality(trig, event, lex)
    trig.mode = mode if event == flipped_from else lex.rules["negation_flip_modes"].get(flipped_from, [])
    modes = _modes(event, trig, sp, sent_low, words, lex)
    attach = {trig.token.i} | ({trig.support.i} if trig.support is not None else set()) | trig.content
    conditions = [doc.span(sp[c.start].idx, sp[c.end - 1].idx + len(sp[c.end - 1].text))
                  for c in conds if attaches_to(sp[c.attach], attach)]
    ctx = _contexts(event, modes, trig, sent_low, words, lex)
    score = trig.score + (0.1 if any(a.code for a in actor) else -0.15 if not actor else -0.05)
    return Candidate(sentence=seq, event=event, trigger=trig.words, mode=modes, context=ctx,
                     actor=actor, recipient=recipient, modality=modality, conditions=conditions,
                     rule=trig.rule, score=round(max(0.05, min(0.99, score)), 3),
                     notes={"actor_from": how, "cues": cues, "frame": trig.frame, "token": trig.token.i})


def _inherit(cands: list[Candidate], trig_tokens: dict[int, Any], previous: list[Candidate]) -> None:
    """'These engagements took place' -> the actor of the previous sentence's event."""
    for c in cands:
        tok = trig_tokens.get(c.notes["token"])
        if c.actor or tok is None or c.notes["frame"] != "occur" or not previous:
            continue
        if any(d.lower_ in ("these", "those", "such", "the", "this") for d in tok.children):
            c.actor = [a for a in previous[0].actor]
            c.notes["actor_from"] = "previous-sentence"


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    best: dict[tuple, Candidate] = {}
    for c in cands:
        key = (c.event, tuple(sorted(a.code or "" for a in c.actor)))
        if key not in best or c.score > best[key].score:
            best[key] = c
    return [c for c in cands if best.get((c.event, tuple(sorted(a.code or "" for a in c.actor)))) is c]


@stage("events", requires=["sents", "actors", "attribution"], assigns=["candidates"])
def events(doc: Doc) -> Doc:
    """Code each sentence's events."""
    lex = doc.resources.lexicon
    res = Resolver(doc)
    previous: list[Candidate] = []
    last_para = -1
    doc.candidates = []
    for rec, sent in zip(doc.sentences, doc.sents):
        if rec.paragraph != last_para:
            previous, last_para = [], rec.paragraph
        conds = find_conditions(sent, lex)
        trigs = _find(sent, lex, _blocked(sent, lex, conds))
        sent_low = sent.text.lower()
        words = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
        cands = [c for t in trigs if (c := _code_trigger(t, rec.seq, doc, res, conds, sent_low, words))]
        _inherit(cands, {t.token.i: t.token for t in trigs}, previous)
        cands = _dedupe(cands)
        doc.candidates.extend(cands)
        if cands:
            previous = cands
    return doc
