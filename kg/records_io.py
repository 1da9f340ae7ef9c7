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
from collections.abc import Callable
from functools import cache
from typing import Any

from kg.errors import KGError
from kg.records import Extraction

FORMAT = 1  # bump when the JSON layout (not the records) changes


class RecordFormatError(KGError):
    """A JSON document is not a serialised record of the expected shape."""


def to_jsonable(record: Any) -> Any:
    """A record as plain JSON values: objects for dataclasses, arrays for tuples."""
    kind: type = type(record)
    if kind in _PLAIN:
        return record
    if kind is tuple or kind is list:
        return [v if type(v) in _PLAIN else to_jsonable(v) for v in record]
    specs = _specs(kind) if dataclasses.is_dataclass(record) and not isinstance(record, type) else None
    if specs is None:
        return record
    out = {}
    for name, default, factory in specs:
        value = getattr(record, name)
        if default is not _REQUIRED and value == (default() if factory else default):
            continue
        out[name] = value if type(value) in _PLAIN else to_jsonable(value)
    return out


_PLAIN = frozenset({str, int, float, bool, type(None)})
_REQUIRED = object()


@cache
def _specs(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, default or _REQUIRED, whether the default is a factory) of each field of a record class."""
    specs = []
    for f in _fields(cls):
        if f.default is not dataclasses.MISSING:
            specs.append((f.name, f.default, False))
        elif f.default_factory is not dataclasses.MISSING:
            specs.append((f.name, f.default_factory, True))
        else:
            specs.append((f.name, _REQUIRED, False))
    return tuple(specs)


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
    return _decoder(Extraction)(document.get("extraction"))


# --- decoding, fast: one decoder per type, built once from the type hints ------------------------------
# `loads` runs for every cached article of every build (twice for the articles whose graphs are
# written), so it does what `from_jsonable` does without looking the hints up for every value.

Decoder = Callable[[Any], Any]


@cache
def _decoder(cls: Any) -> Decoder:
    """A function doing `from_jsonable(cls, value)`: same results, same errors."""
    origin = typing.get_origin(cls)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(cls)
        first = next((o for o in options if o is not type(None)), None)
        inner = _decoder(first) if first is not None else (lambda value: value)
        if type(None) not in options:
            return inner
        return lambda value: None if value is None else inner(value)
    if origin is tuple:
        args = typing.get_args(cls)
        if len(args) == 2 and args[1] is Ellipsis:
            item = _decoder(args[0])
            if item is _identity:
                def same_items(value: Any) -> tuple:
                    if not isinstance(value, list):
                        raise RecordFormatError(f"expected an array for {cls}, got {type(value).__name__}")
                    return tuple(value)
                return same_items

            def items(value: Any) -> tuple:
                if not isinstance(value, list):
                    raise RecordFormatError(f"expected an array for {cls}, got {type(value).__name__}")
                return tuple([item(v) for v in value])
            return items
        parts = [_decoder(a) for a in args]

        def fixed(value: Any) -> tuple:
            if not isinstance(value, list):
                raise RecordFormatError(f"expected an array for {cls}, got {type(value).__name__}")
            if len(value) != len(parts):
                raise RecordFormatError(f"expected {len(parts)} items for {cls}, got {len(value)}")
            return tuple([d(v) for d, v in zip(parts, value, strict=True)])
        return fixed
    if isinstance(cls, type) and dataclasses.is_dataclass(cls):
        return _record_decoder(cls)
    if cls is float:
        def to_float(value: Any) -> Any:
            if isinstance(value, int) and not isinstance(value, bool):
                return float(value)
            if not isinstance(value, float):
                raise RecordFormatError(f"expected float, got {value!r}")
            return value
        return to_float
    if cls in (str, int, bool):
        def checked(value: Any) -> Any:
            if not isinstance(value, cls):
                raise RecordFormatError(f"expected {cls.__name__}, got {value!r}")
            return value
        return checked
    return _identity


def _identity(value: Any) -> Any:
    return value


def _record_decoder(cls: type) -> Decoder:
    hints = _hints(cls)
    fields: dict[str, Decoder | None] = {}  # None: a str field, checked inline (most fields are)
    for name, hint in hints.items():
        fields[name] = None if hint is str else _decoder(hint)
    names = frozenset(fields)

    def record(value: Any) -> Any:
        if not isinstance(value, dict):
            raise RecordFormatError(f"expected an object for {cls.__name__}, got {type(value).__name__}")
        unknown = value.keys() - names
        if unknown:
            raise RecordFormatError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        kwargs = {}
        for name, v in value.items():
            decode = fields[name]
            if decode is None:
                if not isinstance(v, str):
                    raise RecordFormatError(f"expected str, got {v!r}")
                kwargs[name] = v
            else:
                kwargs[name] = decode(v)
        try:
            return cls(**kwargs)
        except TypeError as exc:
            raise RecordFormatError(f"{cls.__name__}: {exc}") from exc
    return record


@cache
def _fields(cls: type) -> tuple[dataclasses.Field, ...]:
    return dataclasses.fields(cls)


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)
