"""The PLOVER JSON Lines exporter (and JSON Lines of any records)."""
from __future__ import annotations

import json
from typing import Iterable, TextIO

from parley.export import register


@register("plover")
class PloverJsonl:
    name = "plover"
    binary = False

    def write(self, records: Iterable[dict], out: TextIO) -> int:
        n = 0
        for rec in records:
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
            n += 1
        return n
