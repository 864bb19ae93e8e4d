"""What grouping compares, computed once per article from its text alone.

- `shingles`: hashes of word 5-grams (verbatim and partial copies; MinHash/LSH over them);
- `sents`: per sentence, its exact hash and its set of content-word stems (rewrites:
  sentence-level similarity, order-free, so reordered rewrites still align);
- `anchors`: language-independent keys (names as consonant skeletons, numbers, dates,
  URLs, cited outlets), so that a translation meets its source;
- `minhash`: a 64-value MinHash signature of the shingles, cut into 16 LSH bands.

Hashes are stable across processes (blake2b and a fixed 64-bit mixer), so band keys
stored in DuckDB stay valid from one run to the next.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from parley.provenance.rules import rules

SHINGLE = 5
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
MIN_SENT_WORDS = 7
STEM = 5
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)
_WORD = re.compile(r"\w+", re.U)
_SENT_END = re.compile(r"(?<=[.!?。！？])[\"”»’')\]]*\s+|\n\s*\n|\n(?=\S)")
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[,.\u00a0 ]\d{3})+(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")
_URL = re.compile(r"https?://[^\s)\"'<>]+|www\.[^\s)\"'<>]+", re.I)
_CAP = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’-]*", re.U)


def mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser on uint64 arrays (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * _M1
        x = (x ^ (x >> np.uint64(27))) * _M2
        return x ^ (x >> np.uint64(31))


_SEEDS = mix(np.arange(1, NUM_PERM + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
_MULT = _SEEDS | np.uint64(1)  # odd multipliers: x -> a*x + b (mod 2^64) permutes the (already mixed) hashes
_ADD = mix(_SEEDS)


@lru_cache(maxsize=1 << 18)
def h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def signed(u: int) -> int:
    """A uint64 as the int64 DuckDB's BIGINT holds."""
    return u - (1 << 64) if u >= 1 << 63 else u


_COMBINING = re.compile(r"[\u0300-\u036f]")


def fold(text: str) -> str:
    """Lower case without accents (é -> e), Cyrillic kept (й stays й)."""
    low = text.lower()
    if low.isascii():
        return low
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFD", low).replace("\u0438\u0306", "\u0439")))


def translit(word: str) -> str:
    table = rules().cyrillic
    return "".join(table.get(c, c) for c in word)


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """A spelling-tolerant key for a name: Putin/Poutine/Путин -> 'ptn', Kyiv/Kiev/Kiew -> 'kv'."""
    w = translit(fold(word))
    w = re.sub(r"[^a-z]", "", w)
    if not w:
        return ""
    for a, b in (("sch", "s"), ("ph", "f"), ("ck", "k"), ("zh", "s"), ("kh", "k"), ("c", "k"), ("q", "k"),
                 ("w", "v"), ("z", "s"), ("x", "ks"), ("h", ""), ("y", ""), ("j", "")):
        w = w.replace(a, b)
    if not w:
        return ""
    key = w[0] + re.sub(r"[aeiou]", "", w[1:])
    return re.sub(r"(.)\1+", r"\1", key)


@dataclass
class SentenceFeature:
    start: int
    end: int
    exact: int | None  # hash of the normalised words (sentences of MIN_SENT_WORDS words or more)
    stems: frozenset[int]


@dataclass
class Features:
    article_id: str
    language: str | None
    day: int | None
    shingles: np.ndarray  # sorted unique uint64
    minhash: np.ndarray  # uint64[NUM_PERM]
    sents: list[SentenceFeature] = field(default_factory=list)
    anchors: dict[int, str] = field(default_factory=dict)  # key hash -> readable key
    words: int = 0
    _matrix: tuple | None = field(default=None, repr=False)

    def stem_matrix(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(stem ids, sentence row of each, stems per sentence) over sentences of 3+ stems;
        built once, for sentence alignment (relate.aligned_share)."""
        if self._matrix is None:
            kept = [s.stems for s in self.sents if len(s.stems) >= 3]
            if not kept:
                self._matrix = ()
            else:
                ids = np.fromiter((t for st in kept for t in st), dtype=np.uint32)
                rows = np.repeat(np.arange(len(kept)), [len(st) for st in kept])
                self._matrix = (ids, rows, np.array([len(st) for st in kept], dtype=np.float32))
        return self._matrix or None

    def band_keys(self) -> list[int]:
        if not len(self.shingles):
            return []
        out = []
        for b in range(BANDS):
            part = self.minhash[b * ROWS:(b + 1) * ROWS]
            out.append(signed(h64(f"b{b}:" + ",".join(str(int(v)) for v in part))))
        return out

    def sentence_keys(self) -> list[int]:
        return sorted({signed(s.exact) for s in self.sents if s.exact is not None})

    def anchor_keys(self) -> list[int]:
        return sorted(signed(k) for k in self.anchors)


def split_sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        if text[pos:m.start()].strip():
            out.append(_trim(text, pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append(_trim(text, pos, len(text)))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def words_of(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def stem(word: str) -> str:
    return word[:STEM] if len(word) > STEM else word


@lru_cache(maxsize=1 << 18)
def stem_hash(word: str) -> int:
    return h64(stem(word)) & 0xFFFFFFFF


def shingle_hashes(words: list[str]) -> np.ndarray:
    if not words:
        return np.zeros(0, dtype=np.uint64)
    ids = np.fromiter((h64(w) for w in words), dtype=np.uint64, count=len(words))
    if len(ids) < SHINGLE:
        return np.unique(mix(ids[:1] ^ ids[-1:]))
    acc = np.zeros(len(ids) - SHINGLE + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for k in range(SHINGLE):
            acc = mix(acc ^ ids[k:len(ids) - SHINGLE + 1 + k])
    return np.unique(acc)


def minhash(shingles: np.ndarray) -> np.ndarray:
    if not len(shingles):
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    out = np.empty(NUM_PERM, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for i in range(0, len(shingles), 4096):  # bounded memory for very long texts
            block = (shingles[i:i + 4096, None] * _MULT[None, :] + _ADD[None, :]).min(axis=0)
            out = block if i == 0 else np.minimum(out, block)
    return out


def sentence_features(text: str, spans: list[tuple[int, int]] | None = None) -> list[SentenceFeature]:
    stop = rules().all_stopwords
    out = []
    folded = fold(text)
    same = len(folded) == len(text)  # folding kept offsets: slice the folded text
    for a, b in spans if spans is not None else split_sentences(text):
        ws = _WORD.findall(folded[a:b]) if same else words_of(text[a:b])
        exact = h64("s:" + " ".join(ws)) if len(ws) >= MIN_SENT_WORDS else None
        stems = frozenset(stem_hash(w) for w in ws if w not in stop and len(w) > 1)
        out.append(SentenceFeature(a, b, exact, stems))
    return out


@lru_cache(maxsize=1 << 16)
def name_key(word: str) -> str | None:
    """The anchor key of a capitalised word, or None for function words, months and short words."""
    r = rules()
    word = word.strip("'’-")
    if word.endswith(("'s", "’s")):
        word = word[:-2]
    low = fold(word)
    if len(low) < 3 or low in r.name_stop or low in r.months or low in r.all_stopwords:
        return None
    key = skeleton(word)
    return "n:" + key if len(key) >= 2 else None


def anchors(text: str, cites: list[str] | None = None, spans: list[tuple[int, int]] | None = None) -> dict[int, str]:
    """Language-independent keys: names, numbers, dates, URLs and cited outlets."""
    found: dict[int, str] = {}

    def add(key: str) -> None:
        found[h64("a:" + key)] = key

    starts = {a for a, _ in (spans if spans is not None else split_sentences(text))}
    for m in _CAP.finditer(text):
        i = m.start()
        if i in starts or _after_quote(text, i, starts):
            continue
        key = name_key(m.group(0))
        if key:
            add(key)
    _numbers_and_dates(text, add)
    for m in _URL.finditer(text):
        add("u:" + m.group(0).lower().rstrip(".,;").split("://")[-1].removeprefix("www."))
    for c in cites or []:
        add("o:" + fold(c).removeprefix("the "))
    return found


def _after_quote(text: str, i: int, starts: set[int]) -> bool:
    j = i - 1
    while j >= 0 and text[j] in "\"“«‘'( ":
        j -= 1
    return j < 0 or (j + 1 in starts) or text[j] in ".!?:\n"


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_MONTH_BEFORE = re.compile(r"(\w+)\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$")
_GROUPED = re.compile(r"\d[,.\u00a0 ]\d{3}\b")


def _numbers_and_dates(text: str, add) -> None:
    months = rules().months
    for y in _YEAR.finditer(text):
        m = _MONTH_BEFORE.search(text[max(0, y.start() - 24):y.start()])
        if m:
            month = months.get(fold(m.group(1)))
            if month:
                add(f"d:{y.group(0)}-{month}")
    for m in _NUMBER.finditer(text):
        digits = m.group(0)
        if not digits.isdigit():
            digits = re.sub(r"[,.\u00a0 ]", "", digits) if _GROUPED.search(digits) else digits.replace(",", ".")
        if digits not in ("0", "1", "2"):
            add("#:" + digits)


def features(article_id: str, text: str, language: str | None, day: int | None,
             cites: list[str] | None = None) -> Features:
    ws = words_of(text)
    sh = shingle_hashes(ws)
    spans = split_sentences(text)
    return Features(article_id=article_id, language=language, day=day, shingles=sh, minhash=minhash(sh),
                    sents=sentence_features(text, spans), anchors=anchors(text, cites, spans), words=len(ws))


def guess_language(text: str) -> str | None:
    """A rough guess from stopwords and script; None when the text is too short to say."""
    sample = text[:3000]
    if sample.isascii():
        if len(sample) < 80:
            return None
    else:
        script = _script(sample)
        if script != "latin":
            return script
    scores: dict[str, int] = {}
    table = _stop_langs()
    for w in words_of(sample):
        for lang in table.get(w, ()):
            scores[lang] = scores.get(lang, 0) + 1
    if not scores:
        return None
    best = max(scores, key=scores.get)  # type: ignore[arg-type]
    return best if scores[best] >= 3 else None


def _script(sample: str) -> str | None:
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 40:
        return None
    cyr = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyr > len(letters) / 2:
        return "uk" if re.search(r"[ієїґ]", sample.lower()) else "ru"
    if sum(1 for c in letters if ord(c) > 0x2E80) > len(letters) / 3:
        return "cjk"
    if sum(1 for c in letters if "\u0600" <= c <= "\u06ff") > len(letters) / 3:
        return "ar"
    return "latin"


@lru_cache(maxsize=1)
def _stop_langs() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    for lang, words in rules().stopwords.items():
        if lang not in ("ru", "uk"):
            for w in words:
                table.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in table.items()}
