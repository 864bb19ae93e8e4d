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
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Iterator

import numpy as np

from parley.provenance.hashing import digit_starts, hash_words, mix, prefix_sums, sorted_unique, word_hashes, word_spans
from parley.provenance.rules import rules

SHINGLE = 5
NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
MIN_SENT_WORDS = 7
MAX_ALIGN_SENTENCES = 400  # sentence alignment looks at the first 400 sentences of a very long text
STEM = 5
_WORD = re.compile(r"\w+", re.U)
# A sentence ends after . ! ? (group 1: the closing quotes and spaces after it), or at a blank
# line or a line break. The end mark is matched, not looked behind for: the scanner jumps from
# candidate character to candidate character instead of testing every position.
_SENT_END = re.compile(r"[.!?。！？]([\"”»’')\]]*\s+)|\n\s*\n|\n(?=\S)")
_NUMBER = re.compile(r"\d+(?:[.,\u00a0]\d+)*")
_URL = re.compile(r"https?://[^\s)\"'<>]+|www\.[^\s)\"'<>]+", re.I)
_CAP = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-ſА-ЯЁЄІЇҐ][\w'’-]*", re.U)


_SEEDS = mix(np.arange(1, NUM_PERM + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15))
_MULT = _SEEDS | np.uint64(1)  # odd multipliers: x -> a*x + b (mod 2^64) permutes the (already mixed) hashes
_ADD = mix(_SEEDS)


def _h64(s: str) -> int:
    return int.from_bytes(hashlib.blake2b(s.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


h64 = lru_cache(maxsize=1 << 18)(_h64)  # anchors repeat from text to text; band keys never do (uncached)


def signed(u: int) -> int:
    """A uint64 as the int64 DuckDB's BIGINT holds."""
    return u - (1 << 64) if u >= 1 << 63 else u


class _FoldTable(dict):
    """str.translate table, filled on first sight of a character: accented Latin letters lose
    their accents (é -> e); other scripts stay as they are (й stays й). One character in,
    one character out, so folded text keeps the original offsets."""

    def __missing__(self, code: int) -> str:
        c = chr(code)
        d = unicodedata.normalize("NFD", c)
        out = c
        if d and d[0] < "\u0250" and len(d) > 1 and all(unicodedata.combining(x) for x in d[1:]):
            out = d[0]
        self[code] = out
        return out


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """Lower case without accents on Latin letters (é -> e); same length as the input."""
    low = text.lower()
    if low.isascii() or len(low) != len(text):
        return low if low.isascii() else text.translate(_FOLD).lower()
    return low.translate(_FOLD)


def translit(word: str) -> str:
    table = rules().cyrillic
    return "".join(table.get(c, c) for c in word)


@lru_cache(maxsize=1 << 16)
def skeleton(word: str) -> str:
    """A spelling-tolerant key for a name: Putin/Poutine/Путин -> 'ptn', Kyiv/Kiev/Kiew -> 'kv'."""
    w = _NOT_AZ.sub("", translit(fold(word)))
    if not w:
        return ""
    for a, b in (("sch", "s"), ("ph", "f"), ("ck", "k"), ("zh", "s"), ("ts", "s"), ("tz", "s"), ("kh", "k"), ("c", "k"), ("q", "k"),
                 ("w", "v"), ("z", "s"), ("x", "ks"), ("h", ""), ("y", ""), ("j", "")):
        w = w.replace(a, b)
    if not w:
        return ""
    key = w[0] + _VOWEL.sub("", w[1:])
    return _REPEAT.sub(r"\1", key)


_NOT_AZ, _VOWEL, _REPEAT = re.compile(r"[^a-z]"), re.compile(r"[aeiou]"), re.compile(r"(.)\1+")


@dataclass(slots=True)
class SentenceFeature:
    start: int
    end: int
    exact: int | None  # hash of the normalised words (sentences of MIN_SENT_WORDS words or more)
    stems: int = 0  # how many distinct content-word stems it has


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
    credits: dict[str, tuple[int, ...]] = field(default_factory=dict)  # credited outlet -> sentences naming it
    stem_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.uint32), repr=False)
    stem_rows: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64), repr=False)
    _matrix: tuple | None = field(default=None, repr=False)
    _vocab: np.ndarray | None = field(default=None, repr=False)
    _incidence: tuple | None = field(default=None, repr=False)

    def vocabulary(self) -> np.ndarray:
        """The distinct content-word stems of the whole text (sorted)."""
        if self._vocab is None:
            self._vocab = sorted_unique(self.stem_ids)
        return self._vocab

    def stem_matrix(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(stem ids, row of each, stems per row) over sentences of 3+ distinct content-word
        stems (the first MAX_ALIGN_SENTENCES of them); built once, for relate.alignment."""
        if self._matrix is None:
            counts = np.array([s.stems for s in self.sents], dtype=np.int64)
            kept = np.flatnonzero(counts >= 3)[:MAX_ALIGN_SENTENCES]
            if not len(kept):
                self._matrix = ()
            else:
                row_of = np.full(len(counts), -1, dtype=np.int64)
                row_of[kept] = np.arange(len(kept))
                rows = row_of[self.stem_rows]
                keep = rows >= 0
                self._matrix = (self.stem_ids[keep], rows[keep], counts[kept].astype(np.float32))
        return self._matrix or None

    def incidence(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The stem matrix as a 0/1 matrix (one row per stem of `vocabulary()`, one column per
        sentence of stem_matrix) and the stems per sentence; built once, so a pair test only
        picks the rows of the stems both texts share."""
        if self._incidence is None:
            m = self.stem_matrix()
            if m is None:
                self._incidence = ()
            else:
                ids, rows, lengths = m
                vocab = self.vocabulary()
                one = np.zeros((len(vocab), len(lengths)), dtype=np.float32)
                one[np.searchsorted(vocab, ids), rows] = 1.0
                self._incidence = (one, lengths)
        return self._incidence or None

    def band_keys(self) -> list[int]:
        if not len(self.shingles):
            return []
        values = [str(v) for v in self.minhash.tolist()]
        return [signed(_h64(f"b{b}:" + ",".join(values[b * ROWS:(b + 1) * ROWS]))) for b in range(BANDS)]

    def sentence_keys(self) -> list[int]:
        return sorted({signed(s.exact) for s in self.sents if s.exact is not None})

    def anchor_keys(self) -> list[int]:
        return sorted(signed(k) for k in self.anchors)


def split_sentences(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _SENT_END.finditer(text):
        a, b = pos, m.start(1)
        if b < 0:
            b = m.start()
        if a < b and (text[a].isspace() or text[b - 1].isspace()):  # seldom: the match took the spaces
            a, b = _trim(text, a, b)
        if a < b:
            out.append((a, b))
        pos = m.end()
    a, b = _trim(text, pos, len(text))
    if a < b:
        out.append((a, b))
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


def minhash(shingles: np.ndarray) -> np.ndarray:
    """min over the shingles of a*x + b (mod 2^64), for the NUM_PERM (a, b) pairs. The
    permutations run along rows (NUM_PERM x block), so each minimum is a contiguous reduction."""
    if not len(shingles):
        return np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    out = None
    for i in range(0, len(shingles), 4096):  # bounded memory for very long texts
        block = np.multiply.outer(_MULT, shingles[i:i + 4096])  # wraps modulo 2^64, as meant
        block += _ADD[:, None]
        low = block.min(axis=1)
        out = low if out is None else np.minimum(out, low)
    return out


@lru_cache(maxsize=1)
def _stop_hashes() -> np.ndarray:
    return np.unique(hash_words(sorted(rules().all_stopwords)))


def _sentence_features(folded: str, spans: list[tuple[int, int]], cps: np.ndarray, starts: np.ndarray,
                       ends: np.ndarray, wh: np.ndarray, f: "Features", pref: np.ndarray | None = None) -> None:
    """Per sentence: its exact hash and its distinct content-word stems (all words at once)."""
    n = len(spans)
    if not n or not len(starts):
        f.sents = [SentenceFeature(a, b, None, 0) for a, b in spans]
        return
    sent = np.searchsorted(np.array([a for a, _ in spans]), starts, side="right") - 1
    ok = sent >= 0
    sent, st, en, wh = sent[ok], starts[ok], ends[ok], wh[ok]
    first = np.searchsorted(sent, np.arange(n))  # index of each sentence's first word
    count = np.bincount(sent, minlength=n)
    pos = np.arange(len(sent)) - first[sent]
    val = pos.astype(np.uint64)
    val *= np.uint64(0x9E3779B97F4A7C15)
    val ^= wh
    val = mix(val, out=val)
    sums = np.add.reduceat(val, first[count > 0]) if len(val) else np.zeros(0, dtype=np.uint64)
    exact = np.zeros(n, dtype=np.uint64)
    exact[count > 0] = mix(sums)
    content = ~_member(wh, _stop_hashes()) & ((en - st) > 1)
    stems = (word_hashes(cps, st[content], en[content], STEM, pref) & np.uint64(0xFFFFFFFF)).astype(np.uint64)
    pairs = sorted_unique((sent[content].astype(np.uint64) << np.uint64(32)) | stems)
    f.stem_rows = (pairs >> np.uint64(32)).astype(np.int64)
    f.stem_ids = (pairs & np.uint64(0xFFFFFFFF)).astype(np.uint32)
    per = np.bincount(f.stem_rows, minlength=n).tolist()
    long_enough = (count >= MIN_SENT_WORDS).tolist()
    f.sents = [SentenceFeature(a, b, x if keep else None, k)
               for (a, b), k, keep, x in zip(spans, per, long_enough, exact.tolist())]


def _member(values: np.ndarray, sorted_keys: np.ndarray) -> np.ndarray:
    """values in sorted_keys (sorted unique), by binary search (np.isin sorts both sides)."""
    if not len(sorted_keys) or not len(values):
        return np.zeros(len(values), dtype=bool)
    i = np.searchsorted(sorted_keys, values)
    i[i == len(sorted_keys)] = 0
    return sorted_keys[i] == values


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


@lru_cache(maxsize=1 << 16)
def _name_anchor(word: str) -> tuple[int, str] | None:
    """(anchor hash, anchor key) of a capitalised word, or None (name_key and its hash, cached)."""
    key = name_key(word)
    return (h64("a:" + key), key) if key else None


def anchors(text: str, cites: list[str] | None = None, spans: list[tuple[int, int]] | None = None,
            cps: np.ndarray | None = None) -> dict[int, str]:
    """Language-independent keys: names, numbers, dates, URLs and cited outlets. `cps`: the
    text's code points (or those of a same-length folding of it), to find numbers faster."""
    found: dict[int, str] = {}

    def add(key: str) -> None:
        found[h64("a:" + key)] = key

    starts = {a for a, _ in (spans if spans is not None else split_sentences(text))}
    for m in _CAP.finditer(text):
        hit = _name_anchor(m.group(0))  # most capitalised words are no name: test that first (cached)
        if hit is None or hit[0] in found:  # no name, or a name already taken (its place is kept)
            continue
        i = m.start()
        if i in starts or _after_quote(text, i, starts):
            continue
        found[hit[0]] = hit[1]
    _numbers_and_dates(text, add, found, digit_starts(cps) if cps is not None and len(cps) == len(text) else None)
    for m in (_URL.finditer(text) if "http" in text or "www." in text else ()):
        add("u:" + m.group(0).lower().rstrip(".,;").split("://")[-1].removeprefix("www."))
    for c in cites or []:
        add("o:" + fold(c).removeprefix("the "))
    return found


def _after_quote(text: str, i: int, starts: set[int]) -> bool:
    j = i - 1
    while j >= 0 and text[j] in "\"“«‘'( ":
        j -= 1
    return j < 0 or (j + 1 in starts) or text[j] in ".!?:\n"


_MONTH_BEFORE = re.compile(r"(\w+)\.?,?\s+(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?$")
_GROUPED = re.compile(r"^\d{1,3}(?:[,.\u00a0]\d{3})+$")


_CJK_DATE = re.compile(r"((?:19|20)\d\d)\s*[年년]\s*(\d{1,2})\s*[月월]")


@lru_cache(maxsize=1 << 16)
def _number_anchor(digits: str) -> tuple[int, str]:
    return h64("a:#:" + digits), "#:" + digits


def _numbers(text: str, runs: list[int] | None) -> Iterator[re.Match]:
    """_NUMBER's matches in the text: a scan, or a match at each run of digits (`runs`: where
    the runs start) not inside the previous match - the same matches (a match starts at the
    first digit after the previous one and ends before a non-digit), without the scan."""
    if runs is None:
        yield from _NUMBER.finditer(text)
        return
    end = 0
    for start in runs:
        if start >= end:
            m = _NUMBER.match(text, start)
            if m is not None:
                end = m.end()
                yield m


def _numbers_and_dates(text: str, add, found: dict[int, str], runs: list[int] | None = None) -> None:
    """Numbers (1,053 and 1.053 and 1053 are one key) and month-year dates in any listed
    language, and in Chinese, Japanese and Korean (2022年9月); added to `found` (dates by `add`).
    `runs`: where the text's runs of digits start (digit_starts), when known."""
    months = rules().months
    if not text.isascii():
        for m in _CJK_DATE.finditer(text):
            add(f"d:{m.group(1)}-{int(m.group(2)):02d}")
    for m in _numbers(text, runs):
        i = m.start()
        if i and (text[i - 1] == "_" or text[i - 1].isalpha() and ord(text[i - 1]) < 0x2E80):
            continue  # part of a code or a word (H5N1, A320); CJK text runs into its numbers
        digits = m.group(0)
        if not digits.isdigit():
            digits = re.sub(r"[,.\u00a0]", "", digits) if _GROUPED.match(digits) else digits.replace(",", ".")
        if digits in ("0", "1", "2"):
            continue
        h, key = _number_anchor(digits)
        found[h] = key
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            before = _MONTH_BEFORE.search(text[max(0, i - 24):i])
            month = months.get(fold(before.group(1))) if before else None
            if month:
                add(f"d:{digits}-{month}")


def features(article_id: str, text: str, language: str | None, day: int | None,
             cites: list[str] | None = None) -> Features:
    folded = fold(text)
    cps, starts, ends = word_spans(folded)
    pref = prefix_sums(cps) if len(starts) else None
    wh = word_hashes(cps, starts, ends, pref=pref)
    sh = _shingles(wh)
    spans = split_sentences(text)
    f = Features(article_id=article_id, language=language, day=day, shingles=sh, minhash=minhash(sh),
                 anchors=anchors(text, cites, spans, cps), words=len(starts))
    _sentence_features(folded, spans if len(folded) == len(text) else split_sentences(folded), cps, starts, ends,
                       wh, f, pref)
    if cites:
        f.credits = credit_sentences(folded, f.sents, cites)
    return f


def credit_sentences(folded: str, sents: list[SentenceFeature], cites: list[str]) -> dict[str, tuple[int, ...]]:
    """Per outlet the article credits, the sentences (indices into sents) that name it."""
    out = {}
    for c in cites:
        name = fold(c).removeprefix("the ")
        found = tuple(i for i, s in enumerate(sents) if name in folded[s.start:s.end]) if len(name) > 2 else ()
        if found:
            out[c] = found
    return out


def _shingles(ids: np.ndarray) -> np.ndarray:
    """Hashes of word 5-grams from word hashes (order-sensitive), unique and sorted."""
    if not len(ids):
        return np.zeros(0, dtype=np.uint64)
    if len(ids) < SHINGLE:
        return sorted_unique(mix(ids[:1] ^ ids[-1:]))
    acc = np.zeros(len(ids) - SHINGLE + 1, dtype=np.uint64)
    for k in range(SHINGLE):
        acc ^= ids[k:len(ids) - SHINGLE + 1 + k]
        mix(acc, out=acc)
    return sorted_unique(acc)


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
    for w, n in Counter(words_of(sample)).items():  # first-seen order: ties break as word by word
        for lang in table.get(w, ()):
            scores[lang] = scores.get(lang, 0) + n
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
