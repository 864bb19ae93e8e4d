"""Trained weights as JSON: the bundled file in parley.data, a user's file, or none ('off')."""
from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from parley.errors import ParleyError


def load_weights(source: str | None, bundled: str, what: str, setting: str) -> dict[str, Any] | None:
    """The weights `source` names: None for '', 'off' (or a missing bundled file), the
    package's `bundled` file for 'bundled', else a path (unreadable -> E031)."""
    if source in (None, "", "off"):
        return None
    if source == "bundled":
        ref = resources.files("parley.data").joinpath(bundled)
        if not ref.is_file():
            return None
        text = ref.read_text(encoding="utf-8")
    else:
        try:
            text = Path(source).read_text(encoding="utf-8")
        except OSError as exc:
            raise ParleyError("E031", f"cannot read the {what} {source}: {exc}; "
                              f"set {setting} to 'bundled', 'off' or a weights file")
    return json.loads(text)
