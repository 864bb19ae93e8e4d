"""Print a markdown table of `parley export --mentions` records read from stdin (for the README)."""
import json
import sys


def who(e: dict) -> str:
    name = e["entity_text"]
    ident = (e.get("identifier_text") or "").lower()
    if ident and ident not in name.lower() and name.lower() not in ident:
        name += f" = {e['identifier_text']}"
    return f"{name} ({' '.join(x for x in (e['code'], e['sector']) if x)})"


rows = sorted((json.loads(line) for line in sys.stdin), key=lambda r: r["text_info"]["start"])
print("| sentence | event | actor → recipient | modality | date (from) | according to | conditions |")
print("|---|---|---|---|---|---|---|")
for r in rows:
    ev = " ".join(r["event"] + r["mode"])
    act = "; ".join(who(a) for a in r["actor"])
    rec = "; ".join(who(a) for a in r["recipient"])
    att = " › ".join(f"{a['text']} [{a['kind']}]" for a in r["attribution"])
    date = r["date"] + (f" ('{r['date_text']}')" if r["date_text"] else " (published)")
    print(f"| {r['text_info']['sequence']} | {ev} | {act}{' → ' + rec if rec else ''} | {r['modality']} "
          f"| {date} | {att} | {'; '.join(r['conditions'])} |")
