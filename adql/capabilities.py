"""What this engine offers, in the terms of TAPRegExt (languages, optional features, UDFs)."""
from __future__ import annotations

from dataclasses import dataclass

from .udf import SERVICE_UDFS

TAPREGEXT = "ivo://ivoa.net/std/TAPRegExt"


@dataclass(frozen=True)
class Feature:
    type: str
    form: str
    description: str = ""


LANGUAGE = "ADQL"
VERSIONS: tuple[tuple[str, str], ...] = (
    ("2.0", "ivo://ivoa.net/std/ADQL#v2.0"),
    ("2.1", "ivo://ivoa.net/std/ADQL#v2.1"),
)


def _features(kind: str, forms: str) -> list[Feature]:
    return [Feature(f"{TAPREGEXT}#features-{kind}", form) for form in forms.split()]


FEATURES: tuple[Feature, ...] = tuple(
    _features("adqlgeo", "POINT CIRCLE BOX POLYGON CONTAINS INTERSECTS DISTANCE AREA CENTROID COORD1 COORD2"
                         " COORDSYS")
    + _features("adql-string", "LOWER UPPER ILIKE")
    + _features("adql-offset", "OFFSET")
    + _features("adql-type", "CAST")
    + _features("adql-unit", "IN_UNIT")
    + _features("adql-sets", "UNION EXCEPT INTERSECT")
    + _features("adql-common-table", "WITH")
    + _features("adql-bitwise", "BIT_AND BIT_OR BIT_XOR BIT_NOT")
    + [Feature(f"{TAPREGEXT}#features-udf", form, description) for form, description in SERVICE_UDFS]
)
"""Optional features that work in both SQL dialects (exceptions listed in LIMITATIONS).

COALESCE and CASE work as well but are not declared: the ADQL 2.1 feature type
#features-adql-conditional is newer than STILTS taplint 3.4.7 (Debian's, the validator
we are held to), which reports it as an unknown standard feature, an error.
"""

UNDECLARED = "COALESCE and CASE"
"""Supported, but with no TAPRegExt feature type the validators know (see FEATURES)."""

LIMITATIONS: tuple[str, ...] = (
    "INTERSECT ALL and EXCEPT ALL are rejected on SQLite",
    "CENTROID of a polygon is rejected on PostgreSQL",
    "RAND with a seed is rejected",
    "REGION (STC-S) is rejected",
    "only ICRS (or an empty coordinate system) is accepted",
)
