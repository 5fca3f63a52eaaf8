"""The functions ADQL itself defines: arity, the version that brought them, and their category."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FunctionSpec:
    name: str
    min_args: int
    max_args: int          # -1: any number
    category: str          # math, trig, aggregate, string, conditional, unit, geometry
    since: str = "2.0"


def _specs(category: str, since: str, entries: str) -> dict[str, FunctionSpec]:
    table = {}
    for entry in entries.split():
        name, arity = entry.split(":")
        low, _, high = arity.partition("-")
        table[name] = FunctionSpec(name, int(low), int(high or low), category, since)
    return table


BUILTINS: dict[str, FunctionSpec] = {
    **_specs("math", "2.0", "ABS:1 CEILING:1 DEGREES:1 EXP:1 FLOOR:1 LOG:1 LOG10:1 MOD:2 PI:0 POWER:2"
                            " RADIANS:1 RAND:0-1 ROUND:1-2 SQRT:1 TRUNCATE:1-2"),
    **_specs("trig", "2.0", "ACOS:1 ASIN:1 ATAN:1 ATAN2:2 COS:1 COT:1 SIN:1 TAN:1"),
    **_specs("aggregate", "2.0", "AVG:1 MAX:1 MIN:1 SUM:1 COUNT:1"),
    **_specs("string", "2.1", "LOWER:1 UPPER:1"),
    **_specs("conditional", "2.1", "COALESCE:1--1"),
    **_specs("unit", "2.1", "IN_UNIT:2"),
    **_specs("geometry", "2.0", "AREA:1 CENTROID:1 COORD1:1 COORD2:1 COORDSYS:1 CONTAINS:2 INTERSECTS:2"
                                " DISTANCE:2-4 REGION:1"),
}

GEOMETRY_CONSTRUCTORS = frozenset({"POINT", "CIRCLE", "BOX", "POLYGON"})
CAST_TYPES = frozenset({"SMALLINT", "INTEGER", "BIGINT", "REAL", "DOUBLE", "CHAR", "VARCHAR",
                        "TIMESTAMP", "POINT", "CIRCLE", "POLYGON"})
