"""Finding event triggers in a parsed sentence, by the lexicon (data/triggers.json).

Three kinds: verbs ("attacked", "urged", "called off"), event nouns in frames ("held talks",
"received overtures from the Kremlin", "talks took place", "arrived on a visit", "on high
alert") and predicative adjectives ("ready for talks"). A verb entry refines itself by its
particle, object, prepositions and complements ("cut ties" is SANCTION, "cut power" COERCE
withhold). Only clausal verbs count: a verb inside a relative clause or under a noun ("the aim
of capturing Kyiv") is background or intention, not an event of the sentence.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from parley.coder.clauses import content_ids, is_time_word
from parley.coder.fits import described_by, proposal, subject_fits

CLAUSAL = {"ROOT", "ccomp", "xcomp", "advcl", "conj", "parataxis"}
CLAUSE_OK = CLAUSAL | {"acomp"}
OBJECT_DEPS = ("dobj", "nsubjpass", "attr")
QUANTITY = {"day", "week", "month", "hour", "year", "ton", "tonne", "kg", "kilogram", "pound", "million", "billion", "thousand", "hundred", "worth",
            "amount", "lot", "package", "shipment", "batch", "consignment", "load", "convoy", "truckload",
            "dollar", "euro", "yen", "franc", "shilling", "rupee", "krone", "kroner", "yuan", "ruble", "peso",
            "sum", "total", "number", "dozen", "thousands", "hundreds", "some", "more", "part", "second",
            "first", "tranche", "round", "set", "range", "kind", "type", "form", "series", "wave", "unit"}
# Nouns whose clausal modifier is what they say: "issued a statement urging X to ..."
SPEECH_NOUNS = {"statement", "declaration", "communique", "communiqué", "letter", "message", "resolution", "note",
                "appeal", "memo", "decree", "order", "ultimatum", "notice", "motion"}
RELATIVIZERS = {"who", "whom", "which", "that", "whose", "where", "when", "why"}
PROTEST_CUES = {"protest", "demand", "against", "chant", "slogan", "denounce", "condemn", "placard", "banner",
                "demonstrate", "rally", "call", "oppose", "angry", "outrage", "anger"}


@dataclass
class Trigger:
    token: Any
    frame: str  # verb | support | receiver | occur | motion | adj
    event: str
    mode: list[str]
    score: float
    entry: dict[str, Any]
    support: Any = None  # the support verb of a noun trigger
    words: list[int] = field(default_factory=list)
    rule: str = ""
    content: set[int] = field(default_factory=set)
    partners: list[Any] = field(default_factory=list)  # the other side of a reciprocal event


# Participles that name what they modify ('a gang called X', 'a group dubbed Y').
NAMING_VERBS = {"call", "name", "dub", "term", "label", "nickname", "christen", "rename", "brand", "title"}


def misparsed_main(tok: Any) -> bool:
    """A finite verb the parser hung under a noun as a relative clause although nothing
    introduces one ('The government, parties and the Taliban condemned ...')."""
    finite = tok.tag_ in ("VBD", "VBZ", "VBP")
    if tok.dep_ == "acl" and tok.lemma_.lower() in NAMING_VERBS and not any(
            c.dep_ == "prep" and c.lower_ in ("on", "for") for c in tok.children):
        return False  # 'a gang called the Red Scorpions' names the gang; 'a station called on X to' calls
    if not (tok.dep_ == "relcl" and finite) and not (tok.dep_ == "acl" and (finite or tok.tag_ == "VBN" and any(
            c.dep_ == "dobj" for c in tok.children))):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") or c.lower_ in RELATIVIZERS for c in tok.children):
        return False
    head = tok.head
    while head.dep_ in ("conj", "appos", "pobj", "prep") and head.head.i != head.i:
        head = head.head
    return head.dep_ == "ROOT" and head.pos_ in ("NOUN", "PROPN", "PRON")


def speech_act(tok: Any) -> bool:
    """A participle saying what a statement says ('issued a statement urging ...')."""
    head = tok.head
    return tok.dep_ == "acl" and tok.tag_ == "VBG" and head.lemma_.lower() in SPEECH_NOUNS \
        and head.dep_ in ("dobj", "nsubjpass", "attr") and head.head.pos_ in ("VERB", "AUX")


def is_clausal(tok: Any) -> bool:
    """True when a verb heads a clause of the sentence (not a relative clause or noun modifier)."""
    cur = tok
    for _ in range(8):
        if cur.dep_ == "ROOT" or cur.head.i == cur.i or misparsed_main(cur):
            return True
        if cur.dep_ == "pcomp" and cur.head.head.pos_ in ("VERB", "AUX"):
            cur = cur.head.head
            continue
        if speech_act(cur):
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
            # a clause hung from a verbless root ("... in Russia ’ s city": a stray 's' parsed
            # as the root) is the sentence's main clause
            return cur.dep_ == "ROOT"
    return True


def apply(entry: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """An entry refined by a particle, object or preposition; a null value removes a key."""
    out = dict(entry)
    for key, value in changes.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = value
    return out


def direct_object(tok: Any) -> Any | None:
    for dep in OBJECT_DEPS:
        for c in tok.children:
            if c.dep_ == dep:
                return c
    return None


def object_key(obj: Any, table: dict[str, Any]) -> str | None:
    """The table key an object matches: its lemma, a compound ('tear gas'), a modifier, or
    what a quantity is of ('5,000 tons of food', '$5 million in aid')."""
    if obj is None:
        return None
    seen = 0
    queue = [obj]
    while queue and seen < 6:
        tok = queue.pop(0)
        seen += 1
        key = _key_of(tok, table)
        if key is not None:
            return key
        if tok.lemma_.lower() in QUANTITY or tok.like_num or tok.tag_ == "$" or tok.pos_ == "NUM":
            queue += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "worth")
                      for g in c.children if g.dep_ == "pobj"]
            queue += [c for c in tok.children if c.dep_ in ("compound", "nmod", "quantmod", "nummod")]
    return None


def _key_of(tok: Any, table: dict[str, Any]) -> str | None:
    lemma = tok.lemma_.lower()
    compound = next((c for c in tok.children if c.dep_ in ("compound", "amod")), None)
    if compound is not None and f"{compound.lower_} {lemma}" in table:
        return f"{compound.lower_} {lemma}"
    if lemma in table:
        return lemma
    if tok.lower_ in table:
        return tok.lower_
    if tok.tag_ == "$" and "$" in table:
        return "$"
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and c.lemma_.lower() in table:
            return c.lemma_.lower()
        if c.dep_ == "prep" and c.lower_ == "of":
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and f"{lemma} of {pobj.lemma_.lower()}" in table:  # "state of emergency"
                return f"{lemma} of {pobj.lemma_.lower()}"
    return None


def _particles(tok: Any) -> list[Any]:
    """Particles, and prepositions or adverbs used as particles ('forced UNHCR out of')."""
    out = [c for c in tok.children if c.dep_ == "prt"]
    out += [c for c in tok.children if c.dep_ in ("prep", "advmod") and c.i > tok.i
            and not any(g.dep_ == "pobj" for g in c.children)]
    return out


def _refine_particle(entry: dict[str, Any], tok: Any) -> tuple[dict[str, Any] | None, list[Any]]:
    table = entry.get("particles") or {}
    for p in _particles(tok):
        if p.lower_ in table:
            sub = table[p.lower_]
            return (None if sub is None else apply(entry, sub)), [p]
    return (None if entry.get("requires_particle") else entry), []


def _refine_object(entry: dict[str, Any], obj: Any, is_actor: Callable[[Any], bool]) -> dict[str, Any] | None:
    """`is_actor(tok)`: the object names a person or group (then `object_person` applies)."""
    """The entry refined by its object; `_matched` records that an object table matched."""
    table = entry.get("objects") or {}
    key = object_key(obj, table) if table else None
    if key is not None and table[key] is None and entry.get("proposals_refused") and proposal(obj):
        return entry  # 'rejected any suggestion that it negotiate': a proposal, not a claim
    if key is not None:
        return None if table[key] is None else apply(entry, {**table[key], "_matched": True})
    if "object_person" in entry and obj is not None and is_actor(obj) and (
            obj.pos_ == "PROPN" or not entry.get("object_person_named")):
        return apply(entry, {**entry["object_person"], "_matched": True})
    return entry


def _refine_preps(entry: dict[str, Any], tok: Any) -> dict[str, Any] | None:
    preps = {c.lower_: c for c in tok.children if c.dep_ in ("prep", "dative", "agent")}
    table = entry.get("preps") or {}
    obj = direct_object(tok) if table else None
    for c in obj.subtree if obj is not None else ():  # 'barred a team of monitors from entering':
        if c.dep_ == "prep" and c.lower_ not in preps and (table.get(c.lower_) or {}).get("objects") and any(
                g.dep_ == "pcomp" for g in c.children):
            preps[c.lower_] = c  # a gerund the parser hung on the object
    for c in tok.children:  # 'pushing for the US to support ...': a for-clause read as its preposition
        if c.dep_ == "advcl" and "for" not in preps:
            preps.update({g.lower_: g for g in c.children if g.dep_ == "mark" and g.lower_ == "for"})
    for name, prep in preps.items():
        sub = (entry.get("preps") or {}).get(name)
        if not sub:
            continue
        entry = apply(entry, {k: v for k, v in sub.items() if k != "objects"})
        if "objects" in sub:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) or next(
                (c for c in prep.children if c.dep_ == "pcomp"), None)  # 'barred from entering'
            key = object_key(pobj, sub["objects"])
            if key is not None:
                if sub["objects"][key] is None:
                    return None
                entry = apply(entry, {**sub["objects"][key], "_matched": True})
            elif "acl_objects" in sub and described_by(pobj, sub["acl_objects"]):
                entry = apply(entry, {**sub["acl_objects"][described_by(pobj, sub["acl_objects"])], "_matched": True})
    if entry.get("requires_prep") and not set(preps) & set(entry["requires_prep"]):
        return None
    if entry.get("objects_only") and not entry.get("_matched"):
        return None
    return entry


def _complement_words(tok: Any) -> list[Any]:
    return [c for c in tok.children if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp", "dobj", "advmod", "prep")]


def _refine_complements(entry: dict[str, Any], tok: Any, content: set[int]) -> dict[str, Any] | None:
    negated_oprd = entry.get("negated_oprd")
    if negated_oprd and any(c.lower_ in entry.get("needs_oprd", []) and any(g.dep_ == "neg" for g in c.children)
                            for c in _complement_words(tok)):
        return apply(entry, negated_oprd)  # "found not guilty" is an acquittal
    oprd = entry.get("oprd")
    if oprd:
        for c in _complement_words(tok):
            key = c.lemma_.lower() if c.lemma_.lower() in oprd else c.lower_ if c.lower_ in oprd else None
            if key is not None:
                return None if oprd[key] is None else apply(entry, oprd[key])
    if entry.get("needs_oprd") and not any(c.lower_ in entry["needs_oprd"] for c in tok.subtree):
        return None
    table = entry.get("content_objects")
    if table:
        heads = [c for c in tok.children if c.dep_ in ("xcomp", "ccomp") and c.i > tok.i]
        if any(h.lemma_.lower() in table and table[h.lemma_.lower()] is None for h in heads):
            return None
        for i in sorted(content):
            lemma = tok.doc[i].lemma_.lower()
            if table.get(lemma) is not None:
                return apply(entry, {**table[lemma], "_content_matched": True})
    return entry


def _imperative(tok: Any) -> bool:
    """'Ask him everything.' — an instruction in quoted speech, not an event."""
    return tok.dep_ == "ROOT" and tok.tag_ == "VB" and not any(
        c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in tok.children)


def _question(tok: Any) -> bool:
    """'asked if they had sent the package' — a question, not a request."""
    return any(c.dep_ == "ccomp" and any(g.dep_ == "mark" and g.lower_ in ("if", "whether") for g in c.children)
               for c in tok.children)


def _opinion(tok: Any, entry: dict[str, Any]) -> bool:
    """'agreed with the NCAA that payments were made' is an opinion about a fact; 'agreed that
    their countries should cooperate' commits to something."""
    if any(t.lower_ == "whether" for t in tok.subtree):  # "could not agree on whether ..."
        return True
    clause = next((c for c in tok.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    modal = set(entry.get("propositional_ok_aux", []))
    return not any(c.dep_ == "aux" and c.lower_ in modal for c in clause.subtree if c.head.i == clause.i)


PERSONAL = {"he", "him", "she", "her", "they", "them", "we", "us", "i", "me", "you", "who", "whom"}


def person_like(tok: Any, lex: Any) -> bool:
    """A noun phrase head that can name people or groups (not doves, speeches or weapons),
    also through a quantity ('dozens of activists')."""
    if tok.pos_ == "PROPN" or (tok.pos_ == "PRON" and tok.lower_ in PERSONAL):
        return True
    lemma = tok.lemma_.lower()
    if lemma in QUANTITY or tok.pos_ == "NUM":  # 'dozens of activists', 'some 40 of the prisoners'
        return any(person_like(g, lex) for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj")
    return lemma in lex.person_nouns or lemma in lex.classes["captives"] or lemma in lex.classes["combatants"]


def _given_back(entry: dict[str, Any], tok: Any, lex: Any, is_actor: Callable[[Any], bool]) -> dict[str, Any]:
    """`to_actor`: any object handed back to a person, group or government counts as listed
    ('returned 40 fossils to the Chinese government'), not a verb without object ('returned
    to Kabul')."""
    obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    to = [g for c in tok.children if c.dep_ in ("prep", "dative") and c.lower_ == "to"
          for g in c.children if g.dep_ == "pobj"]
    if obj is not None and any(is_actor(g) or (g.pos_ != "PROPN" and person_like(g, lex)) for g in to):
        return apply(entry, {"_matched": True})
    return entry


def _constraints_fail(tok: Any, entry: dict[str, Any], lex: Any, content: set[int]) -> bool:
    obj = direct_object(tok)
    matched = entry.get("_matched")
    if entry.get("no_passive") and _passive(tok):
        return True
    if entry.get("object_must_be_person") and obj is not None and not matched and not person_like(obj, lex):
        return True
    clausal = any(c.dep_ in ("xcomp", "ccomp") for c in tok.children)
    if entry.get("needs_content_or_object") and not clausal and not matched:
        return True
    return bool(entry.get("content_match_only") and not entry.get("_content_matched"))


def _passive(tok: Any) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def verb_trigger(tok: Any, lex: Any, is_actor: Callable[[Any], bool] = lambda t: False) -> Trigger | None:
    base = lex.verbs.get(lex.lemma(tok))
    if base is None or tok.pos_ != "VERB" or _imperative(tok):
        return None
    entry, particles = _refine_particle(base, tok)
    if entry is None:
        return None
    entry = _refine_object(entry, direct_object(tok), is_actor)
    if entry is not None and entry.get("to_actor") and not entry.get("_matched"):
        entry = _given_back(entry, tok, lex, is_actor)
    entry = _refine_preps(entry, tok) if entry is not None else None
    if entry is None or (entry.get("passive_only") and not _passive(tok)):
        return None
    content = content_ids(tok) if entry.get("content") or entry.get("content_objects") else set()
    entry = _refine_complements(entry, tok, content)
    if entry is None or (entry.get("needs_content") and not content) or _constraints_fail(tok, entry, lex, content):
        return None
    if entry.get("subjects") and not subject_fits(tok, entry["subjects"], object_key):
        return None
    if entry.get("not_with_infinitive") and any(c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in entry[
            "not_with_infinitive"] and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in tok.children):
        return None  # 'doctors fought to save the victims': striving, not fighting
    if entry.get("needs_object") and direct_object(tok) is None and not any(
            c.dep_ in ("dative", "iobj") for c in tok.children):
        return None
    if entry.get("unlisted_object_null") and direct_object(tok) is not None and not entry.get("_matched"):
        return None
    if entry.get("question_block") and _question(tok):
        return None
    if entry.get("propositional_block") and _opinion(tok, entry):
        return None
    if entry.get("needs_protest_cue") and not any(t.lemma_.lower() in PROTEST_CUES for t in tok.sent):
        return None
    mode = list(entry.get("mode", []))
    if entry.get("sexual_adverb") and any(c.lower_ == "sexually" for c in tok.children):
        mode = ["sexual"]
    t = Trigger(tok, "verb", entry["event"], mode, entry.get("score", 0.5), entry,
                words=[tok.i] + [p.i for p in particles], rule=f"verb:{lex.lemma(tok)}")
    t.content = content if entry.get("content") else set()
    return t


# -- nouns --------------------------------------------------------------------------


def noun_trigger(tok: Any, lex: Any, fired: set[int]) -> Trigger | None:
    if tok.text[:1].isupper() and is_time_word(tok):  # "on March 4"
        return None
    key = _noun_key(tok, lex)
    if key is None:
        return None
    entry = lex.nouns[key]
    if entry.get("needs_modifier") and not any(c.lower_ in entry["needs_modifier"] for c in tok.children):
        return None
    if entry.get("needs_acl") and not any(c.dep_ == "acl" and c.lemma_.lower() in entry["needs_acl"] for c in tok.children):
        return None  # "an attempt to assassinate the governor" (attempts count: manual 3.16)
    frame, support = _noun_frame(tok, lex, entry)
    if frame is None or (support is not None and (support.i in fired or not is_clausal(support))):
        return None
    if entry.get("support_only") and (frame != "support" or support.lemma_.lower() not in entry["support_only"]):
        return None  # 'voiced opposition to the pact'; 'the opposition continued' is no event
    entry = _noun_variant(tok, entry, frame, support)
    t = Trigger(tok, frame, entry["event"], list(entry.get("mode", [])), entry.get("score", 0.5),
                dict(entry), support=support, rule=f"noun-{frame}:{key}")
    t.words = ([support.i] if support is not None and frame != "motion" else []) + [tok.i]
    t.content = {c2.i for c in tok.children if c.dep_ in ("prep", "acl") and c.lower_ not in ("from", "with", "between", "by") for c2 in c.subtree}
    if entry.get("needs_content") and not t.content:
        return None
    return t


def _noun_variant(tok: Any, entry: dict[str, Any], frame: str, support: Any = None) -> dict[str, Any]:
    table = entry.get("compound_modes") or {}
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.lower_ in table:
            return apply(entry, table[c.lower_])
    if frame == "occur" and "occur_event" in entry:
        return apply(entry, entry["occur_event"])
    if frame == "motion" and "motion_event" in entry:  # 'went on strike' is a labour strike
        return apply(entry, entry["motion_event"])
    if "joint_event" in entry and _joint(tok, support if support is not None else tok.head):
        return apply(entry, entry["joint_event"])
    return entry


def _joint(tok: Any, head: Any) -> bool:
    if any(c.lower_ in ("joint", "bilateral", "trilateral", "multinational", "combined") for c in tok.children):
        return True
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "agent")), None)
    with_prep = any(c.dep_ == "prep" and c.lower_ == "with" for c in list(tok.children) + list(head.children))
    # "Egypt and Greece began ...", "French and Egyptian warships launched ..."
    several = subj is not None and any(c.dep_ == "conj" for t in [subj] + [m for m in subj.children if m.dep_ == "amod"]
                                       for c in t.children)
    return with_prep or several


def _noun_key(tok: Any, lex: Any) -> str | None:
    if tok.pos_ not in ("NOUN", "PROPN"):
        return None
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if c.dep_ in ("compound", "amod") and f"{c.lower_} {lemma}" in lex.nouns:
            return f"{c.lower_} {lemma}"
    if tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "of":
        three = f"{lemma} of {tok.doc[tok.i + 2].lower_}"
        if three in lex.nouns:
            return three
    return lemma if lemma in lex.nouns else None


# Verbs whose object noun is a happening they report ('reported overnight shelling of X').
REPORTED_OCCURRENCE = {"report", "confirm", "record", "document", "register", "log"}


def _noun_frame(tok: Any, lex: Any, entry: dict[str, Any]) -> tuple[str | None, Any]:
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in ("of", "in") and head.head.lemma_.lower() in QUANTITY:
        tok, head = head.head, head.head.head  # "a new round of joint exercises", "$33 million in aid"
    if entry.get("needs_on"):
        ok = tok.dep_ == "pobj" and head.lower_ == "on" and head.head.pos_ in ("VERB", "AUX")
        return ("support", head.head) if ok else (None, None)
    if tok.dep_ in ("dobj", "attr", "nsubjpass") and head.lemma_.lower() in lex.support_verbs:
        role = lex.support_verbs[head.lemma_.lower()]
        return ("receiver" if role == "receiver" else "support" if role == "subject" else None), head
    if tok.dep_ == "conj" and head.dep_ in ("dobj", "attr") and head.head.lemma_.lower() in lex.support_verbs:
        return ("support" if lex.support_verbs[head.head.lemma_.lower()] == "subject" else None), head.head
    if tok.dep_ == "pobj" and head.dep_ == "prep":
        verb = head.head
        if head.lower_ in ("in", "into", "under") and verb.lemma_.lower() in (
                "engage", "participate", "take", "join", "enter", "put", "place", "come", "go"):
            return "support", verb
        if head.lower_ in ("on", "for") and verb.lemma_.lower() in lex.motion_verbs and verb.pos_ in ("VERB", "AUX"):
            return "motion", verb
    if tok.dep_ in ("nsubj", "nsubjpass") and head.lemma_.lower() in lex.occurrence_verbs:
        return "occur", head
    if tok.dep_ == "dobj" and head.lemma_.lower() in REPORTED_OCCURRENCE and head.pos_ == "VERB":
        return "occur", head  # 'the army reported Russian shelling of the city': the report's source says it
    return None, None


def adjective_trigger(tok: Any, lex: Any) -> Trigger | None:
    entry = lex.adjectives.get(tok.lemma_.lower())
    if entry is None or tok.pos_ != "ADJ" or tok.dep_ not in ("acomp", "ROOT", "ccomp", "conj", "oprd"):
        return None
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if entry.get("requires_prep") and not preps & set(entry["requires_prep"]):
        return None
    content = content_ids(tok)
    if entry.get("needs_content") and not content:
        return None
    head = tok.head if tok.dep_ in ("acomp", "oprd") else tok
    if not is_clausal(head):
        return None
    return Trigger(tok, "adj", entry["event"], list(entry.get("mode", [])), entry.get("score", 0.5),
                   dict(entry), support=head if head.i != tok.i else None, words=[tok.i],
                   rule=f"adj:{tok.lemma_.lower()}", content=content)
