"""parley.jsonfast reads and writes what the standard library does, falling back to it where
orjson refuses."""
from __future__ import annotations

import json

from parley import jsonfast

SAMPLE = {"event": ["AGREE"], "scale": 2.5, "n": 3, "none": None, "text": "Kyiv – «talks» ✓", "nested": [{"a": 1.0}]}


def test_round_trip_equals_the_standard_library():
    compact = json.dumps(SAMPLE, ensure_ascii=False, separators=(",", ":"))
    assert jsonfast.dump_bytes(SAMPLE) == compact.encode()
    assert jsonfast.loads(compact) == json.loads(compact) == SAMPLE


def test_what_orjson_refuses_goes_through_the_standard_library():
    assert jsonfast.loads('{"x": NaN}')["x"] != jsonfast.loads('{"x": NaN}')["x"]  # NaN read, as json reads it
    assert jsonfast.loads('"\\ud800"') == "\ud800"  # a lone surrogate escape
    big = 2 ** 70
    assert jsonfast.dump_bytes({"n": big}) == b'{"n":1180591620717411303424}'
    assert jsonfast.dump_bytes({1: "a"}) == b'{"1":"a"}'  # non-string keys as json writes them
