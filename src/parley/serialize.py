"""The one serialiser: records <-> plain dicts/JSON, used by the store, exports and the API."""
from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import lru_cache
from typing import Any, Callable, TypeVar

from parley import jsonfast, schema

T = TypeVar("T")


def to_dict(obj: Any) -> Any:
    """A record (or list/dict of records) as plain JSON-ready data."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    return obj


def dumps(obj: Any) -> str:
    return json.dumps(to_dict(obj), ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(schema))


def _identity(value: Any) -> Any:
    return value


@lru_cache(maxsize=None)
def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A function that rebuilds a value of type `tp` from its plain form (built once per type:
    decoding a stored record walks no type hints)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _decoder(args[0]) if len(args) == 1 else _identity
    if origin is list:
        (item,) = typing.get_args(tp)
        each = _decoder(item)
        if each is _identity:
            return lambda value: None if value is None else list(value)
        return lambda value: None if value is None else [each(v) for v in value]
    if dataclasses.is_dataclass(tp):
        return lambda value: None if value is None else from_dict(tp, value)
    return _identity


@lru_cache(maxsize=None)
def _field_decoders(cls: type) -> dict[str, Callable[[Any], Any]]:
    hints = _hints(cls)
    return {f.name: _decoder(hints[f.name]) for f in dataclasses.fields(cls)}  # type: ignore[arg-type]


def from_dict(cls: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record from `to_dict` output; unknown keys are ignored."""
    decoders = _field_decoders(cls)
    return cls(**{k: decoders[k](v) for k, v in data.items() if k in decoders})


def loads(cls: type[T], text: str) -> T:
    return from_dict(cls, jsonfast.loads(text))
