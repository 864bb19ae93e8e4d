"""Stage `events`: the coder. Triggers and frames -> type and mode, actor and recipient,
modality, conditions and context, per sentence (coder/ has each step, data/ the rules)."""
from __future__ import annotations

from functools import cached_property
from typing import Any

from parley.coder import decide
from parley.coder.clauses import attaches_to, find_conditions, is_time_word, read_modality, subtree_ids
from parley.coder.frames import arrest_charges, reported_demands, reported_refusals, responsibility
from parley.coder.resolve import Resolver
from parley.coder.lastresort import protested
from parley.coder.roles import Roles, roles
from parley.coder.recipients import rerank
from parley.coder.scorer import rescore
from parley.coder.select import adjunct_of, suppress
from parley.coder.setting import implicit_actor, place_actors, sentence_settings
from parley.coder.triggers import (Trigger, adjective_trigger, is_clausal, misparsed_main, noun_trigger, person_like,
                                   verb_trigger)
from parley.pipeline.doc import Candidate, Doc
from parley.pipeline.registry import stage


def _blocked(sent: Any, lex: Any, conditions: list) -> set[int]:
    """Tokens whose triggers are not events of this sentence."""
    out: set[int] = set()
    for c in conditions:
        out |= set(range(c.start, c.end))
    demands = set(lex.rules["conditions"]["precondition_verbs"])
    for tok in sent:
        if tok.lower_ == "before" and _precondition(tok, demands):
            out |= subtree_ids(tok)
        elif tok.dep_ == "relcl" and not _temporal_clause(tok) and not misparsed_main(tok):
            out |= subtree_ids(tok)
        elif _purpose(tok):
            out |= subtree_ids(tok)
        elif tok.lemma_.lower() in lex.intent_nouns and tok.pos_ == "NOUN":
            for child in tok.children:
                if child.dep_ in ("acl", "prep", "relcl"):
                    out |= subtree_ids(child)
    return out


def _precondition(tok: Any, demands: set[str]) -> bool:
    """'demanded a truce before allowing convoys in': what is done only once the demand is met
    has not happened (a condition, like 'until')."""
    if tok.lower_ != "before" or tok.dep_ not in ("prep", "mark"):
        return False
    verb = tok.head.head if tok.dep_ == "mark" else tok.head
    return verb.lemma_.lower() in demands and verb.pos_ == "VERB"


def _purpose(tok: Any) -> bool:
    """'provided 6 million euros to support projects': the purpose is an intention."""
    if tok.dep_ != "advcl" or tok.head.pos_ != "VERB":
        return False
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) or any(
        c.dep_ == "mark" and c.lower_ in ("so",) for c in tok.children)


def _temporal_clause(tok: Any) -> bool:
    """'in February 2022 when Russian forces entered' is an adverbial clause, not background."""
    return is_time_word(tok.head) or any(
        c.lower_ in ("when", "as") and c.dep_ in ("advmod", "mark") for c in tok.children)


def _find(sent: Any, lex: Any, blocked: set[int], res: Resolver, low: str) -> list[Trigger]:
    found: list[Trigger] = list(reported_demands(sent, set(lex.rules["obligation_verbs"]), blocked))
    found += responsibility(sent, lex, blocked)
    phrases = lex.rules["refusal_predicates"]["phrases"]
    if any(p in low for p in phrases):
        found += reported_refusals(sent, set(lex.rules["obligation_verbs"]), phrases, blocked)
    fired: set[int] = set()
    for trig in found:
        blocked |= trig.content

    def is_actor(tok: Any) -> bool:
        return person_like(tok, lex)

    for tok in sent:
        if tok.i in blocked:
            continue
        if tok.pos_ == "VERB":
            trig = verb_trigger(tok, lex, is_actor) if is_clausal(tok) else None
        else:
            trig = adjective_trigger(tok, lex)
        if trig is not None:
            found.append(trig)
            fired.add(tok.i)
            blocked |= trig.content | _reasons(trig)
            found += arrest_charges(trig)
    for tok in sent:
        if tok.i in blocked or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        trig = noun_trigger(tok, lex, fired)
        if trig is not None and (trig.support is None or trig.support.i not in blocked):
            found.append(trig)
            blocked |= trig.content
    return found


REASON_EVENTS = {"ACCUSE", "COERCE", "SANCTION", "PROTEST"}


def _reasons(trig: Trigger) -> set[int]:
    """'arrested for collaborating with Israel': the reason is an allegation, not an event."""
    if trig.event not in REASON_EVENTS:
        return set()
    return {t.i for c in trig.token.children if c.dep_ == "prep" and c.lower_ in ("for", "over")
            for t in c.subtree}


class SentenceContext:
    """What every trigger of one sentence is coded against (tokens listed once)."""

    def __init__(self, doc: Doc, seq: int, sent: Any, res: Resolver, toks: list[Any]) -> None:
        self.doc, self.seq, self.sent, self.res, self.toks = doc, seq, sent, res, toks
        self.lex = doc.resources.lexicon
        self.low = sent.text.lower()
        markers = self.lex.condition_re.search(self.low) or any(
            f" {m} " in self.low for m in self.lex.rules["conditions"]["relative_modals"])
        self.conds = find_conditions(sent, self.lex, toks) if markers else []

    @cached_property
    def settings(self) -> tuple:
        """The sentence's setting country and its sole named country (coder/setting.py)."""
        return sentence_settings(self.doc, self.seq, self.sent)

    @cached_property
    def words(self) -> set[str]:
        return {t.lemma_.lower() for t in self.toks} | {t.lower_ for t in self.toks}


def _conditions(trig: Trigger, ctx: SentenceContext) -> list:
    sp = ctx.doc.spacy
    attach = {trig.token.i} | ({trig.support.i} if trig.support is not None else set()) | trig.content
    return [ctx.doc.span(sp[c.start].idx, sp[c.end - 1].idx + len(sp[c.end - 1].text))
            for c in ctx.conds if attaches_to(sp[c.attach], attach)]


RECIPROCAL_TYPES = {"CONSULT", "ASSAULT", "COOPERATE"}
POSSESSIVES = ("their ", "its ", "his ", "her ", "our ")


def _own(recipient: Any, actor: list) -> bool:
    """'agreed to hand in their weapons': the actor's own things are not a recipient."""
    return recipient.entity_text.lower().startswith(POSSESSIVES) and any(
        a.code and a.code == recipient.code for a in actor)


def code_trigger(trig: Trigger, ctx: SentenceContext) -> Candidate | None:
    lex, sp = ctx.lex, ctx.doc.spacy
    actor, recipient, how = roles(trig, ctx.res)
    recipient = [r for r in recipient if not any(r.start == a.start for a in actor) and not _own(r, actor)]
    typed = decide.retype(trig, actor, sp, ctx.res, lex, ctx.low)
    if typed is None:
        return None
    rally = decide.rallied(trig, lex)
    if rally is not None:  # the party rallied for or against receives the event, not the addressees
        typed, recipient = (rally[0], rally[1]), Roles(ctx.res).recipients([rally[2]], rally[0]) or recipient
    if trig.frame == "frame":  # the demand is as real as its reporting verb
        mod = read_modality(trig.support, None, lex.rules, lex.reporting_verbs)
    else:
        mod = read_modality(trig.token, trig.support, lex.rules, lex.reporting_verbs)
    conditions = _conditions(trig, ctx)
    conditional = bool(conditions) or any(t.dep_ == "mark" and t.lower_ in ("if", "unless") for t in ctx.toks)
    event, modes, modality, cues = decide.modality(trig, typed[0], typed[1], mod, conditional, lex)
    if event == "PROTEST" and trig.event != "PROTEST" and not recipient:  # a strike, not an air strike
        recipient = protested(Roles(ctx.res), [t for t in (trig.token, trig.support) if t is not None])
    if modality in ("asserted", "signalled") and ctx.low.rstrip(' "\'”’').endswith("?"):
        modality, cues = "hypothetical", cues + ["question"]  # "Who attacked the convoy?" asserts nothing
    if trig.partners and event not in RECIPROCAL_TYPES:  # refused or promised talks: one side acts
        actor = [a for a in actor if a not in trig.partners]
        recipient = trig.partners + [r for r in recipient if r not in trig.partners]
    actor, placed = place_actors(actor, event, ctx.settings, lex.rules["setting"])
    modes = decide.modes_for(event, modes, trig, sp, ctx.low, ctx.words, lex)
    ctx_tags = decide.contexts(event, modes, trig, ctx.low, ctx.words, lex)
    score = trig.score + (0.1 if any(a.code for a in actor) else -0.15 if not actor else -0.05)
    score += 0.05 if (trig.support or trig.token).dep_ == "ROOT" else 0.0
    return Candidate(sentence=ctx.seq, event=event, trigger=trig.words, mode=modes, context=ctx_tags,
                     actor=actor, recipient=recipient, modality=modality, conditions=conditions,
                     rule=trig.rule, score=round(max(0.05, min(0.99, score)), 3),
                     notes={"actor_from": how, "actor_code_from": placed, "cues": cues, "frame": trig.frame, "token": trig.token.i,
                            "support": trig.support.i if trig.support is not None else None})


def _charged(cands: list[Candidate]) -> None:
    """The party charged is the one arrested (frames.arrest_charges); the charge is reported
    with the arrest, never above it (the sentence's main event stays the arrest)."""
    for c in cands:
        if c.rule.startswith("frame:charge-of-arrest"):
            arrest = next((a for a in cands if a.notes["token"] == c.notes["support"]), None)
            if arrest is not None:
                c.recipient = list(arrest.recipient)
                c.score = round(min(c.score, arrest.score * 0.9), 3)


def _inherit(cands: list[Candidate], sp: Any, previous: list[Candidate]) -> None:
    """'These engagements took place' -> the actor of the previous sentence's event."""
    for c in cands:
        tok = sp[c.notes["token"]]
        if c.actor or c.notes["frame"] != "occur" or not previous:
            continue
        if any(d.lower_ in ("these", "those", "such", "this") for d in tok.children):
            c.actor = [a for a in previous[0].actor]
            c.notes["actor_from"] = "previous-sentence"


def _adjuncts_below_heads(cands: list[Candidate], sp: Any) -> None:
    """A participial adjunct tells what came of its clause's event ('stormed the base,
    killing five'): the sentence's main event is the clause's, so the adjunct's confidence
    stays below it."""
    for c in cands:
        head = adjunct_of(sp, c, cands)
        if head is not None and c.score >= head.score:
            c.score = round(max(0.01, head.score - 0.01), 3)


@stage("events", requires=["sents", "actors", "attribution"], assigns=["candidates"])
def events(doc: Doc) -> Doc:
    """Code each sentence's events."""
    lex, scorer = doc.resources.lexicon, doc.resources.event_scorer
    res = Resolver(doc)
    previous: list[Candidate] = []
    last_para = -1
    doc.candidates = []
    for rec, sent in zip(doc.sentences, doc.sents):
        if rec.paragraph != last_para:
            previous, last_para = [], rec.paragraph
        toks = list(sent)
        if lex.cue_words.isdisjoint(t.lemma_.lower() for t in toks):
            continue  # no trigger, frame or reporting word: nothing to code
        ctx = SentenceContext(doc, rec.seq, sent, res, toks)
        trigs = _find(toks, lex, _blocked(toks, lex, ctx.conds), res, ctx.low)
        cands = [c for t in trigs if (c := code_trigger(t, ctx))]
        _inherit(cands, doc.spacy, previous)
        cands = suppress(cands, doc.spacy)
        for c in cands:
            if not c.actor:  # kept events whose doer is unnamed: the setting's country
                c.actor, c.notes["actor_code_from"] = implicit_actor(c.event, ctx.settings, lex.rules["setting"])
                c.notes["actor_from"] = "setting" if c.actor else c.notes["actor_from"]
        cands = rescore(cands, doc.spacy, scorer)
        _adjuncts_below_heads(cands, doc.spacy)
        rerank(cands, doc.spacy, res, doc.resources.recipient_ranker)
        _charged(cands)
        doc.candidates.extend(cands)
        if cands:
            previous = cands
    return doc
