"""The article text of a page: trafilatura first, then our own lxml extractor, then the
JSON-LD `articleBody`. Paragraphs are separated by a blank line; page furniture lines
("Advertisement", "Read more: ...") are dropped (data/html_rules.json)."""
from __future__ import annotations

import copy
import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any

from lxml import etree

BLOCKS = {"p", "h2", "h3", "h4", "li", "blockquote", "pre", "dd", "dt", "td"}
LAYOUT = BLOCKS | {"div", "section", "article", "main", "ul", "ol", "table", "aside", "header", "footer"}
MIN_PARAGRAPH = 25  # characters of a text block that counts as prose in the fallback
_WITH_CLASS = etree.XPath("//*[@class or @id]")
INLINE = {"span", "a", "em", "strong", "b", "i", "abbr", "small", "sup"}
SHORT_TEXT = 400  # characters: trafilatura's text shorter than this is checked against the fallback's


@lru_cache(maxsize=1)
def rules() -> dict[str, Any]:
    data = json.loads(resources.files("parley.data").joinpath("html_rules.json").read_text("utf-8"))
    data["furniture_re"] = re.compile("|".join(f"(?:{p})" for p in data["furniture_lines"]), re.I)
    data["boilerplate_re"] = re.compile("|".join(re.escape(w) for w in data["boilerplate_words"]), re.I)
    data["widget_re"] = re.compile("|".join(re.escape(w) for w in data["widget_class_parts"] + ["paywall"]))
    return data


def clean_paragraphs(paragraphs: list[str], headlines: list[str] | str | None = None) -> list[str]:
    r = rules()
    heads = {h.strip().lower() for h in ([headlines] if isinstance(headlines, str) else headlines or []) if h}
    out: list[str] = []
    for para in paragraphs:
        para = re.sub(r"[ \t\u00a0]+", " ", para).strip()
        if not para:
            continue
        if not out and para.lower() in heads:
            continue  # the headline (any of its versions) repeated as the first line
        if len(para) < 120 and r["furniture_re"].search(para):
            continue
        if out and out[-1] == para:
            continue
        out.append(para)
    return out


def _class_parts(el: Any) -> set[str]:
    words = f"{el.get('class') or ''} {el.get('id') or ''}"
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", words).lower()  # shareTwitter -> share twitter
    parts = set(re.split(r"[\s_]+|--?", words))
    return parts | {w for w in re.split(r"[\s_]+", words) if "-" in w}  # also whole tokens: sr-only


def drop_widgets(root: Any) -> Any:
    """Remove share bars, newsletter boxes, related-link boxes and hover cards (html_rules.json
    widget_class_parts) that sit inside article bodies, before any extractor reads the page."""
    r = rules()
    wanted, quick = set(r["widget_class_parts"]), r["widget_re"].search
    for el in _WITH_CLASS(root):
        if not quick(f"{el.get('class')} {el.get('id')}".lower()):
            continue  # most elements: no widget word anywhere in their class or id
        if el.tag in ("html", "body", "article", "main") or el.getparent() is None:
            continue
        parts = _class_parts(el)
        if parts & wanted and len(el.text_content()) <= r["widget_max_chars"] and not holds_prose(el):
            if el.tag in INLINE and any(a.tag in ("p", "li") for a in el.iterancestors()):
                _keep_label(el)  # a hover card inside a sentence: its name stays, the card goes
            else:
                el.drop_tree() if hasattr(el, "drop_tree") else el.getparent().remove(el)
        elif "paywall" in parts and holds_prose(el):
            el.attrib.pop("class", None)  # the article's text, served in a paywall box: not boilerplate
    return root


def _keep_label(el: Any) -> None:
    """Replace an inline widget by its label: its own leading text, else its first link's text."""
    links = el.xpath(".//a")
    label = (el.text or "").strip() or (links[0].text_content().strip() if links else "")
    tail = el.tail
    el.clear()
    el.tag, el.text, el.tail = "span", label, tail


def holds_prose(el: Any) -> bool:
    """Two or more paragraphs and 500+ characters of text: an article body, whatever its class says."""
    return len(el.xpath(".//p")) >= 2 and len(el.text_content()) >= 500


def with_trafilatura(tree: Any, url: str | None) -> str | None:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=True,
                                          with_metadata=False, deduplicate=False, favor_precision=True)
    except Exception:  # noqa: BLE001 - trafilatura failing on a page means: use the fallback
        return None
    text = getattr(doc, "text", None) if doc is not None else None
    if isinstance(doc, dict):
        text = doc.get("text")
    return text if text and text.strip() else None


def _boilerplate(el: Any) -> bool:
    words = " ".join(v for k, v in el.attrib.items() if k in ("class", "id", "role") or k.startswith("data-"))
    return bool(words) and bool(rules()["boilerplate_re"].search(words)) and el.tag not in ("body", "html",
                                                                                            "article", "main")


def _prune(root: Any) -> None:
    drop = set(rules()["drop_tags"])
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            if el.getparent() is not None:  # comments, processing instructions
                el.drop_tree() if hasattr(el, "drop_tree") else el.getparent().remove(el)
            continue
        if el.getparent() is None:
            continue
        if el.tag in drop or (_boilerplate(el) and not ("paywall" in _class_parts(el) and holds_prose(el))) \
                or el.get("hidden") is not None or el.get("aria-hidden") == "true":
            el.drop_tree() if hasattr(el, "drop_tree") else el.getparent().remove(el)


def _leaf_div(el: Any) -> bool:
    """A <div> or <section> that holds text but no other blocks (div-paragraph layouts)."""
    return el.tag in ("div", "section") and not any(
        isinstance(d.tag, str) and d.tag in LAYOUT for d in el.iterdescendants())


def _blocks(container: Any) -> list[str]:
    out: list[str] = []
    for el in container.iter():
        if not isinstance(el.tag, str) or not (el.tag in BLOCKS or _leaf_div(el)):
            continue
        if any(a.tag in BLOCKS or _leaf_div(a) for a in el.iterancestors()):
            continue  # nested blocks are read with their parent
        text = re.sub(r"\s+", " ", "".join(el.itertext())).strip()
        prose = bool(re.search(r"[.!?\"”]$", text))
        if (el.tag in BLOCKS and (len(text) >= MIN_PARAGRAPH or (el.tag == "p" and prose))) or (
                el.tag not in BLOCKS and len(text) >= MIN_PARAGRAPH and prose):
            out.append(text)
    if not out:  # no block elements: text separated by <br> or bare text
        text = "\n".join(t.strip() for t in container.itertext())
        out = [t for t in re.split(r"\n\s*\n|\n", text) if len(t.strip()) >= MIN_PARAGRAPH]
    return out


def fallback(tree: Any) -> str | None:
    """Our own extractor: drop furniture, take the prose blocks of the article container."""
    root = copy.deepcopy(tree.getroot() if hasattr(tree, "getroot") else tree)
    _prune(root)
    best: list[str] = []
    for xp in rules()["body_xpaths"]:
        for container in root.xpath(xp):
            blocks = _blocks(container)
            if sum(map(len, blocks)) > sum(map(len, best)):
                best = blocks
        if sum(map(len, best)) >= 200:
            break
    return "\n".join(best) if best else None


def extract(tree: Any, url: str | None, headlines: list[str] | str | None,
            json_body: str | None) -> tuple[str, str] | None:
    """(text, extractor) of the page, or None when no extractor finds article text."""
    pruned = drop_widgets(copy.deepcopy(tree))  # trafilatura prunes the tree it is given: a copy
    candidates = [("trafilatura", lambda: with_trafilatura(pruned, url)),
                  ("lxml-fallback", lambda: fallback(tree)),
                  ("json-ld-body", lambda: json_body)]
    short: tuple[str, str] | None = None
    for name, get in candidates:
        raw = get()
        if not raw:
            continue
        paragraphs = clean_paragraphs(re.split(r"\n\s*\n|\n", raw), headlines)
        text = "\n\n".join(paragraphs)
        if len(text) >= 40 or (text and name == "json-ld-body"):
            if name != "json-ld-body" and json_body and len(text) < 0.5 * len(json_body.strip()):
                continue  # a fragment: the page's own articleBody is much longer
            if short is not None and len(text) < 3 * len(short[0]):
                return short  # the next extractor found no more article text than the first
            if short is None and name == "trafilatura" and len(text) < SHORT_TEXT:
                short = (text, name)  # a stub (print notice, teaser): see whether the fallback finds more
                continue
            return text, name
    return short


def fragment_text(html: str) -> str:
    """Text of an HTML fragment (a feed entry's content): its paragraphs, furniture dropped."""
    if "<" not in html:
        return "\n\n".join(clean_paragraphs(re.split(r"\n\s*\n", html)))
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        return ""
    _prune(root)
    blocks = _blocks(root)
    if not blocks:
        blocks = [re.sub(r"\s+", " ", "".join(root.itertext())).strip()]
    return "\n\n".join(clean_paragraphs(blocks))


def parse(html: str) -> Any:
    """An lxml tree of a page (lenient: malformed HTML is repaired, never refused here)."""
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True,
                                  huge_tree=False, recover=True)
    return lxml_html.document_fromstring(html, parser=parser)


def element_text(el: Any) -> str:
    return re.sub(r"\s+", " ", etree.tostring(el, method="text", encoding="unicode")).strip()
