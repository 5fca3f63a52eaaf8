"""User-defined functions: TAPRegExt signatures (``name(arg TYPE, ...) -> TYPE``) and the service's own."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from .types import ValueType, from_sql_type


@dataclass(frozen=True, slots=True)
class Signature:
    name: str
    params: tuple[tuple[str, ValueType], ...]
    returns: ValueType
    form: str

    @property
    def arity(self) -> int:
        return len(self.params)


class _AnyFunction:
    """Marker for ``parse(udfs=ANY_FUNCTION)``: accept every function name (syntax-only checking)."""

    def __repr__(self) -> str:
        return "adql.ANY_FUNCTION"


ANY_FUNCTION = _AnyFunction()

_SIGNATURE_RE = re.compile(
    r"^\s*(?P<name>[A-Za-z][A-Za-z0-9_]*)\s*\((?P<params>.*)\)\s*->\s*(?P<ret>.+?)\s*$", re.S)
_PARAM_RE = re.compile(r"^\s*(?P<name>[A-Za-z][A-Za-z0-9_]*)\s+(?P<type>[A-Za-z][A-Za-z ]*?)\s*"
                       r"(?:\(\s*(?P<len>\d+|\*)\s*\))?\s*$")
_TYPE_RE = re.compile(r"^(?P<type>[A-Za-z][A-Za-z ]*?)\s*(?:\(\s*(?P<len>\d+|\*)\s*\))?$")


def parse_signature(form: str) -> Signature:
    """Parse a TAPRegExt UDF signature; raises ValueError saying what is wrong."""
    m = _SIGNATURE_RE.match(form)
    if m is None:
        raise ValueError(f"not a function signature 'name(arg TYPE, ...) -> TYPE': {form!r}")
    params = []
    body = m.group("params").strip()
    for part in _split_params(body) if body else []:
        pm = _PARAM_RE.match(part)
        if pm is None:
            raise ValueError(f"bad parameter {part.strip()!r} in {form!r}")
        params.append((pm.group("name"), from_sql_type(pm.group("type"), pm.group("len"))))
    tm = _TYPE_RE.match(m.group("ret"))
    if tm is None:
        raise ValueError(f"bad return type in {form!r}")
    return Signature(m.group("name"), tuple(params), from_sql_type(tm.group("type"), tm.group("len")),
                     " ".join(form.split()))


def _split_params(body: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:i])
            start = i + 1
    parts.append(body[start:])
    return parts


SERVICE_UDFS: tuple[tuple[str, str], ...] = (
    ("ivo_healpix_index(hpxOrder INTEGER, long DOUBLE PRECISION, lat DOUBLE PRECISION) -> BIGINT",
     "Index of the HEALPix pixel (nested scheme) of order hpxOrder containing the ICRS position"
     " (long, lat) in degrees."),
    ("ivo_healpix_index(hpxOrder INTEGER, p POINT) -> BIGINT",
     "Index of the HEALPix pixel (nested scheme) of order hpxOrder containing the point p."),
    ("ivo_healpix_center(hpxOrder INTEGER, hpxIndex BIGINT) -> POINT",
     "Centre of the HEALPix pixel hpxIndex (nested scheme) of order hpxOrder."),
    ("ivo_interval_overlaps(l1 DOUBLE PRECISION, h1 DOUBLE PRECISION, l2 DOUBLE PRECISION,"
     " h2 DOUBLE PRECISION) -> INTEGER",
     "1 if the closed intervals [l1, h1] and [l2, h2] overlap, else 0."),
    ("ivo_nocasematch(value VARCHAR(*), pattern VARCHAR(*)) -> INTEGER",
     "1 if value matches the LIKE pattern ignoring case, else 0."),
    ("ivo_hasword(haystack VARCHAR(*), needle VARCHAR(*)) -> INTEGER",
     "1 if needle occurs in haystack as a whole word or phrase, ignoring case, else 0."),
)

UdfTable = dict | _AnyFunction


@lru_cache(maxsize=64)
def _table(forms: tuple[str, ...]) -> dict:
    table: dict[str, tuple[Signature, ...]] = {}
    for form in forms:
        sig = parse_signature(form)
        table[sig.name.lower()] = table.get(sig.name.lower(), ()) + (sig,)
    return table


def udf_table(udfs: Iterable[str] | None | _AnyFunction) -> UdfTable:
    """Lookup table lower-case name -> signatures; ``None`` means the service's UDFs."""
    if udfs is ANY_FUNCTION:
        return ANY_FUNCTION
    if udfs is None:
        return _table(tuple(form for form, _ in SERVICE_UDFS))
    if isinstance(udfs, str):
        udfs = [udfs]
    return _table(tuple(udfs))
