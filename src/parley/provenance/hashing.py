"""Word hashes for a whole text at once (numpy, no per-word Python calls).

A text's words (runs of letters, digits and '_', as str.isalnum says) are hashed with a
polynomial hash over their code points, computed from prefix sums in wrapping 64-bit
arithmetic: hash(word) = (prefix[end] - prefix[start]) * P^-start. The same function gives
each word's 5-character stem hash. Stable across processes and machines.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np

P = np.uint64(0x100000001B3)  # odd, so invertible modulo 2^64
STEM = 5
_M1, _M2 = np.uint64(0xBF58476D1CE4E5B9), np.uint64(0x94D049BB133111EB)


_S30, _S27, _S31 = np.uint64(30), np.uint64(27), np.uint64(31)


def mix(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """splitmix64's finaliser on uint64 arrays (wrapping arithmetic: integer array ufuncs
    never warn on overflow, so no np.errstate, which costs more than the arithmetic on
    short arrays). In place on `out` when given (it may be `x`), else on a copy of x."""
    x = np.array(x, dtype=np.uint64) if out is None else out if out is x else np.copyto(out, x) or out
    x ^= x >> _S30
    x *= _M1
    x ^= x >> _S27
    x *= _M2
    x ^= x >> _S31
    return x


@lru_cache(maxsize=1)
def _word_table() -> np.ndarray:
    """Which of the first 65,536 code points are word characters."""
    return np.array([chr(c).isalnum() or c == 0x5F for c in range(0x10000)], dtype=bool)


@lru_cache(maxsize=1)
def _digit_table() -> np.ndarray:
    """Which of the first 65,536 code points are decimal digits (re's \\d: category Nd)."""
    return np.array([chr(c).isdecimal() for c in range(0x10000)], dtype=bool)


def digit_starts(cps: np.ndarray) -> list[int] | None:
    """Where the runs of decimal digits start in a text's code points (None beyond the BMP)."""
    if not len(cps):
        return []
    if int(cps.max()) >= 0x10000:
        return None
    digit = _digit_table()[cps].view(np.int8)
    return np.flatnonzero(np.diff(digit, prepend=np.int8(0)) == 1).tolist()


def _inverse(p: int) -> int:
    inv = 1
    for _ in range(7):  # Newton's iteration doubles the correct bits: 64 after six steps
        inv = (inv * (2 - p * inv)) % (1 << 64)
    return inv


_POWERS: list[np.ndarray] = []


def _powers(n: int) -> tuple[np.ndarray, np.ndarray]:
    """P^i and P^-i for i < n (grown and kept)."""
    if not _POWERS or len(_POWERS[0]) < n:
        size = max(n, 4096, 2 * len(_POWERS[0]) if _POWERS else 0)
        _POWERS[:] = [_cumpow(int(P), size), _cumpow(_inverse(int(P)), size)]
    return _POWERS[0], _POWERS[1]


def _cumpow(base: int, n: int) -> np.ndarray:
    out = np.empty(n, dtype=np.uint64)
    out[0] = 1
    with np.errstate(over="ignore"):
        if n > 1:
            out[1:] = np.cumprod(np.full(n - 1, np.uint64(base), dtype=np.uint64))
    return out


def word_spans(folded: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(code points, word starts, word ends) of a (folded) text."""
    cps = np.frombuffer(folded.encode("utf-32-le"), dtype=np.uint32)
    table = _word_table()
    isw = np.zeros(len(cps), dtype=bool)
    small = cps < 0x10000
    isw[small] = table[cps[small]]
    if not small.all():
        big = np.flatnonzero(~small)
        isw[big] = [chr(int(c)).isalnum() for c in cps[big]]
    edges = np.diff(np.concatenate(([False], isw, [False])).astype(np.int8))
    return cps, np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def prefix_sums(cps: np.ndarray) -> np.ndarray:
    """The polynomial prefix sums of a text's code points (what word_hashes computes from;
    pass them to several calls on the same text to compute them once)."""
    pw, _ = _powers(len(cps) + 1)
    return np.concatenate(([np.uint64(0)], np.cumsum(cps.astype(np.uint64) * pw[:len(cps)], dtype=np.uint64)))


def word_hashes(cps: np.ndarray, starts: np.ndarray, ends: np.ndarray, prefix: int | None = None,
                pref: np.ndarray | None = None) -> np.ndarray:
    """A hash per word (or per word's first `prefix` characters), uint64; `pref`: prefix_sums(cps)."""
    if not len(starts):
        return np.zeros(0, dtype=np.uint64)
    _, inv = _powers(len(cps) + 1)
    if pref is None:
        pref = prefix_sums(cps)
    stop = ends if prefix is None else np.minimum(ends, starts + prefix)
    raw = (pref[stop] - pref[starts]) * inv[starts]
    raw ^= (stop - starts).astype(np.uint64)
    return mix(raw, out=raw)


def sorted_unique(values: np.ndarray) -> np.ndarray:
    """np.unique's result (sorted distinct values) by one sort and one comparison: numpy 2's
    np.unique hashes first and then sorts, several times slower on the short arrays here."""
    out = np.sort(values)
    if len(out) < 2:
        return out
    keep = np.empty(len(out), dtype=bool)
    keep[0] = True
    np.not_equal(out[1:], out[:-1], out=keep[1:])
    return out[keep]


def hash_words(words: list[str]) -> np.ndarray:
    """The same hashes for a list of words (stopword tables, tests)."""
    if not words:
        return np.zeros(0, dtype=np.uint64)
    text = " ".join(words)
    cps, starts, ends = word_spans(text)
    return word_hashes(cps, starts, ends)
