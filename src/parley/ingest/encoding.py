"""Bytes -> text, saying which encoding was used, or a refusal saying why not.

Order: byte-order mark, the encoding the document declares (HTTP header, `<meta charset>`,
XML declaration) when its bytes decode with it, UTF-8, UTF-8 with stray Windows-1252 bytes
("mixed"), then detection (Western Windows-1252 first, else charset-normalizer).
Binary data (NUL bytes, file signatures, control characters) is refused as `binary`.
"""
from __future__ import annotations

import codecs
import re

from parley.errors import Refused

SAMPLE = 65536
BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
SIGNATURES = [(b"%PDF-", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
              (b"GIF8", "a GIF image"), (b"\x7fELF", "an executable (ELF)"), (b"MZ", "a Windows executable"),
              (b"RIFF", "a RIFF (audio/video/WebP) file"), (b"OggS", "an Ogg media file"),
              (b"ID3", "an MP3 file"), (b"\x00\x00\x00\x18ftyp", "an MP4 file"), (b"\x00\x00\x00\x20ftyp", "an MP4 file"),
              (b"\xd0\xcf\x11\xe0", "an MS Office (OLE) document"), (b"SQLite format 3", "an SQLite database"),
              (b"PAR1", "a Parquet file"), (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
              (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"), (b"Rar!", "a RAR archive"), (b"wOFF", "a web font")]
_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_XML_DECL = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.\-]+)["']""")
_WESTERN = set("’‘“”–—…€•™«»°·§¶¡¿×÷") | {chr(c) for c in range(0xC0, 0x100)}


def signature(head: bytes) -> str | None:
    """What a binary file is, from its first bytes (None for text or unknown)."""
    for magic, what in SIGNATURES:
        if head.startswith(magic):
            return what
    return None


def declared(head: bytes) -> str | None:
    """The encoding a page or XML document declares in its first bytes."""
    m = _XML_DECL.match(head[:200]) or _DECLARED.search(head[:4096])
    if not m:
        return None
    return normalize(m.group(1).decode("ascii", "replace"))


def normalize(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'").lower()).name
    except LookupError:
        return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM: every other byte NUL (ASCII-heavy text)."""
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.8 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.8 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _cp1252_fallback(err: UnicodeDecodeError) -> tuple[str, int]:
    """Error handler: bytes that are not UTF-8 are read as Windows-1252 (mixed files)."""
    bad = err.object[err.start:err.end]
    return bad.decode("cp1252", errors="replace"), err.end


codecs.register_error("parley-cp1252", _cp1252_fallback)


_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")


def _control_ratio(text: str) -> float:
    sample = text[:SAMPLE]
    return len(_CONTROLS.findall(sample)) / len(sample) if sample else 0.0


def _check_text(text: str, encoding: str) -> tuple[str, str]:
    ratio = _control_ratio(text)
    if ratio > 0.02:
        raise Refused("binary", f"{ratio:.0%} control characters after decoding as {encoding}")
    return text, encoding


def _mixed(data: bytes, strong: bool) -> tuple[str, str] | None:
    """UTF-8 with some Windows-1252 bytes in it. `strong`: at least as many good UTF-8
    characters as bad bytes; else any good UTF-8 character and Western-looking bad bytes."""
    good = sum(1 for ch in data.decode("utf-8", errors="ignore") if ord(ch) > 0x7F)
    if not good:
        return None
    text = data.decode("utf-8", errors="parley-cp1252")
    bad = [ch for ch in data.decode("utf-8", errors="replace") if ch == "\ufffd"]
    if strong and good < len(bad):
        return None
    if not strong:
        recovered = [ch for ch in text if ord(ch) > 0x7F]
        if sum(ch in _WESTERN for ch in recovered) < 0.8 * len(recovered):
            return None
    return text, "utf-8+cp1252"


def _western(data: bytes) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    sample = text[:SAMPLE]
    high = [ch for ch in sample if ord(ch) > 0x7F]
    letters = sum(1 for ch in sample if ch.isalpha())
    # Western languages: accented letters are a few per cent of the letters (Cyrillic in
    # Windows-1251 also decodes as accented Latin, but then nearly every letter is "accented").
    if high and sum(ch in _WESTERN for ch in high) >= 0.95 * len(high) and len(high) < 0.25 * letters:
        return text
    return None


def _detect(data: bytes) -> tuple[str, str]:
    western = _western(data)
    if western is not None:
        return western, "cp1252"
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SAMPLE]).best()
    if best is None or best.encoding is None:
        raise Refused("bad-encoding", "not UTF-8 and no other encoding fits the bytes")
    try:
        return data.decode(best.encoding), normalize(best.encoding) or best.encoding
    except (UnicodeDecodeError, LookupError):
        raise Refused("bad-encoding", f"detected {best.encoding} from a sample but the whole file does not decode")


def decode(data: bytes, hint: str | None = None) -> tuple[str, str]:
    """Decode a document's bytes; returns (text, encoding used). Raises Refused."""
    head = data[:SAMPLE]
    for bom, enc in BOMS:
        if head.startswith(bom):
            try:
                return _check_text(data.decode(enc), enc.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise Refused("bad-encoding", f"{enc} byte-order mark but invalid {enc} at byte {exc.start}")
    what = signature(head)
    if what:
        raise Refused("binary", f"the bytes are {what}")
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise Refused("binary", "NUL bytes in the first 64 KB")
        try:
            return _check_text(data.decode(utf16), utf16)
        except UnicodeDecodeError as exc:
            raise Refused("bad-encoding", f"looks like {utf16} but is invalid at byte {exc.start}")
    try:
        return _check_text(data.decode("utf-8"), "utf-8")  # valid UTF-8 wins over a wrong declaration
    except UnicodeDecodeError:
        pass
    mixed = _mixed(data, strong=True)
    if mixed:
        return _check_text(*mixed)
    for enc in dict.fromkeys(e for e in (normalize(hint), declared(head)) if e):
        if enc.startswith(("utf-16", "utf-32", "utf-8")):
            continue  # declared wrongly: the bytes say otherwise
        try:
            return _check_text(data.decode(enc), enc)
        except UnicodeDecodeError:
            continue
    mixed = _mixed(data, strong=False)
    if mixed:
        return _check_text(*mixed)
    return _check_text(*_detect(data))


def detect_head(head: bytes) -> str:
    """The encoding of a stream from its first bytes (which may end inside a character)."""
    for cut in range(4):
        try:
            return decode(head[: len(head) - cut] if cut else head)[1]
        except Refused as r:
            if r.reason != "bad-encoding" or cut == 3:
                raise
    raise Refused("bad-encoding", "the first bytes do not decode")  # not reached
