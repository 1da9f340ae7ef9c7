"""Extraction records ↔ JSON, loss-free: what the build cache stores and what Dask workers send back.

Records are frozen dataclasses (kg.records); each becomes a JSON object holding its fields, with
fields equal to their default left out (a cache of 100k articles stays small) and tuples written as
arrays. Decoding is driven by the dataclasses' type hints, so a new field with a default needs no
change here, and `loads(dumps(x)) == x` for every `Extraction`.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from typing import Any

from kg.errors import KGError
from kg.records import Extraction

FORMAT = 1  # bump when the JSON layout (not the records) changes


class RecordFormatError(KGError):
    """A JSON document is not a serialised record of the expected shape."""


def to_jsonable(record: Any) -> Any:
    """A record as plain JSON values: objects for dataclasses, arrays for tuples."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        out = {}
        for f in _fields(type(record)):
            value = getattr(record, f.name)
            if f.default is not dataclasses.MISSING and value == f.default:
                continue
            if f.default_factory is not dataclasses.MISSING and value == f.default_factory():
                continue
            out[f.name] = to_jsonable(value)
        return out
    if isinstance(record, tuple | list):
        return [to_jsonable(v) for v in record]
    return record


def from_jsonable(cls: Any, value: Any) -> Any:
    """Rebuild a value of type `cls` (a record class or a type hint) from `to_jsonable` output."""
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(cls)
        if value is None and type(None) in options:
            return None
        for option in options:
            if option is not type(None):
                return from_jsonable(option, value)
    if origin is tuple:
        args = typing.get_args(cls)
        if not isinstance(value, list):
            raise RecordFormatError(f"expected an array for {cls}, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_jsonable(args[0], v) for v in value)
        return tuple(from_jsonable(a, v) for a, v in zip(args, value, strict=True))
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        if not isinstance(value, dict):
            raise RecordFormatError(f"expected an object for {cls.__name__}, got {type(value).__name__}")
        hints = _hints(cls)
        unknown = set(value) - set(hints)
        if unknown:
            raise RecordFormatError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        try:
            return cls(**{name: from_jsonable(hints[name], v) for name, v in value.items()})
        except TypeError as exc:
            raise RecordFormatError(f"{cls.__name__}: {exc}") from exc
    if cls is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if cls in (str, int, float, bool) and not isinstance(value, cls):
        raise RecordFormatError(f"expected {cls.__name__}, got {value!r}")
    return value


def dumps(extraction: Extraction) -> str:
    """One extraction as compact JSON text (UTF-8 letters kept as they are)."""
    try:
        return json.dumps({"format": FORMAT, "extraction": to_jsonable(extraction)}, ensure_ascii=False,
                          separators=(",", ":"), allow_nan=False)
    except ValueError as exc:  # a NaN or infinite confidence: a bug upstream, and not JSON
        raise RecordFormatError(f"{extraction.article.id}: {exc}") from exc


def loads(text: str | bytes) -> Extraction:
    """The extraction `dumps` wrote; RecordFormatError when the text is not one."""
    try:
        document = json.loads(text)
    except ValueError as exc:
        raise RecordFormatError(f"not JSON: {exc}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise RecordFormatError(f"not a kg extraction record of format {FORMAT}")
    return from_jsonable(Extraction, document.get("extraction"))


@cache
def _fields(cls: type) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(cls)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
