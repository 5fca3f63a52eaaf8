"""Value types of expressions, in the VOTable vocabulary (datatype, arraysize, DALI xtype)."""
from __future__ import annotations

from dataclasses import dataclass

from votable.datatypes import DATATYPES

_NUMERIC_RANK = {d.name: d.numeric_rank for d in DATATYPES.values() if d.numeric_rank is not None}
GEOMETRY_XTYPES = frozenset({"point", "circle", "polygon", "region"})


@dataclass(frozen=True, slots=True)
class ValueType:
    datatype: str | None          # None: unknown (NULL literal)
    arraysize: str | None = None
    xtype: str | None = None

    @property
    def is_unknown(self) -> bool:
        return self.datatype is None

    @property
    def is_geometry(self) -> bool:
        return self.xtype in GEOMETRY_XTYPES

    @property
    def is_string(self) -> bool:
        return self.datatype in ("char", "unicodeChar") and not self.is_geometry

    @property
    def is_numeric(self) -> bool:
        return self.datatype in _NUMERIC_RANK and self.arraysize is None and not self.is_geometry

    @property
    def is_integer(self) -> bool:
        return self.is_numeric and _NUMERIC_RANK[self.datatype] <= _NUMERIC_RANK["long"]

    def describe(self) -> str:
        if self.is_unknown:
            return "NULL"
        if self.is_geometry:
            return self.xtype
        if self.is_string:
            return "string"
        if self.is_numeric:
            return "number"
        return self.datatype if self.arraysize is None else f"{self.datatype}[{self.arraysize}]"


UNKNOWN = ValueType(None)
SHORT = ValueType("short")
INT = ValueType("int")
LONG = ValueType("long")
FLOAT = ValueType("float")
DOUBLE = ValueType("double")
STRING = ValueType("char", "*")
TIMESTAMP = ValueType("char", "*", "timestamp")
POINT = ValueType("double", "2", "point")
CIRCLE = ValueType("double", "3", "circle")
POLYGON = ValueType("double", "*", "polygon")
REGION = ValueType("char", "*", "region")


def wider_numeric(a: ValueType, b: ValueType) -> ValueType:
    """The type of arithmetic on two numbers: the wider of both, integers at least int."""
    if a.is_unknown:
        return b
    if b.is_unknown:
        return a
    widest, narrowest = _NUMERIC_RANK["double"], _NUMERIC_RANK["int"]
    rank = max(_NUMERIC_RANK.get(a.datatype, widest), _NUMERIC_RANK.get(b.datatype, widest), narrowest)
    return ValueType(next(name for name, r in _NUMERIC_RANK.items() if r == rank))


def from_sql_type(name: str, length: str | None = None) -> ValueType:
    """The value type of an SQL/ADQL type name as used in CAST and UDF signatures."""
    key = " ".join(name.upper().split())
    simple = {
        "SMALLINT": SHORT, "INTEGER": INT, "INT": INT, "BIGINT": LONG, "REAL": FLOAT,
        "DOUBLE": DOUBLE, "DOUBLE PRECISION": DOUBLE, "NUMERIC": DOUBLE, "DECIMAL": DOUBLE,
        "FLOAT": DOUBLE, "TEXT": STRING, "TIMESTAMP": TIMESTAMP, "POINT": POINT,
        "CIRCLE": CIRCLE, "POLYGON": POLYGON, "REGION": REGION, "BOOLEAN": ValueType("boolean"),
    }
    if key in simple:
        return simple[key]
    if key in ("CHAR", "VARCHAR", "CHARACTER", "CHARACTER VARYING"):
        if length is None or length == "*":
            return ValueType("char", "*" if key != "CHAR" or length == "*" else None)
        return ValueType("char", f"{length}*" if key != "CHAR" else str(length))
    raise ValueError(f"unknown type {name!r}")
