"""Registers on an sqlite3 connection every function the SQLite translation uses.

Geometry values are DALI strings ("ra dec", "ra dec r", "ra1 dec1 ra2 dec2 ..."), so they come
back from queries already in the form TAP output needs.
"""
from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable

from celestial import healpix

from . import spherical as sph


def _nullsafe(function: Callable) -> Callable:
    def wrapper(*args):
        if any(a is None for a in args):
            return None
        try:
            return function(*args)
        except (ValueError, TypeError, OverflowError, ZeroDivisionError):
            return None
    return wrapper


def _point(ra: float, dec: float) -> str:
    return sph.fmt((sph.normalize_ra(float(ra)), float(dec)))


def _circle(ra: float, dec: float, r: float) -> str:
    return sph.fmt((sph.normalize_ra(float(ra)), float(dec), float(r)))


def _circle_at(point: str, r: float) -> str | None:
    shape = sph.parse(point)
    if shape is None or shape[0] != "point":
        return None
    return _circle(shape[1][0], shape[1][1], r)


def _polygon(*coordinates: float) -> str:
    values = [float(c) for c in coordinates]
    for i in range(0, len(values), 2):
        values[i] = sph.normalize_ra(values[i])
    return sph.fmt(values)


def _polygon_points(*points: str) -> str | None:
    values = []
    for point in points:
        shape = sph.parse(point)
        if shape is None or shape[0] != "point":
            return None
        values.extend(shape[1])
    return _polygon(*values)


def _box(ra: float, dec: float, width: float, height: float) -> str:
    return _polygon(*sph.box(float(ra), float(dec), float(width), float(height)))


def _box_at(point: str, width: float, height: float) -> str | None:
    shape = sph.parse(point)
    if shape is None or shape[0] != "point":
        return None
    return _box(shape[1][0], shape[1][1], width, height)


def _shapes(a: str, b: str):
    return sph.parse(a), sph.parse(b)


def _contains(a: str, b: str) -> int | None:
    sa, sb = _shapes(a, b)
    return None if sa is None or sb is None else int(sph.inside(sa, sb))


def _intersects(a: str, b: str) -> int | None:
    sa, sb = _shapes(a, b)
    return None if sa is None or sb is None else int(sph.intersects(sa, sb))


def _distance(a: str, b: str) -> float | None:
    sa, sb = _shapes(a, b)
    if sa is None or sb is None or sa[0] != "point" or sb[0] != "point":
        return None
    return sph.distance(sa[1][0], sa[1][1], sb[1][0], sb[1][1])


def _area(a: str) -> float | None:
    shape = sph.parse(a)
    return None if shape is None else sph.area(shape)


def _centroid(a: str) -> str | None:
    shape = sph.parse(a)
    return None if shape is None else _point(*sph.centroid(shape))


def _coordinate(index: int) -> Callable:
    def extract(a: str) -> float | None:
        shape = sph.parse(a)
        if shape is None or shape[0] != "point":
            return None
        return sph.normalize_ra(shape[1][0]) if index == 0 else shape[1][1]
    return extract


def _geometry(text: str, kind: str) -> str | None:
    shape = sph.parse(text)
    if shape is None or shape[0] != kind:
        return None
    if kind == "point":
        return _point(*shape[1])
    if kind == "circle":
        return _circle(*shape[1])
    return _polygon(*shape[1])


def _truncate(x: float, digits: int = 0) -> float:
    factor = 10.0 ** int(digits)
    return math.trunc(float(x) * factor) / factor


def _healpix_index(order: int, ra, dec=None) -> int | None:
    if dec is None:
        shape = sph.parse(ra)
        if shape is None or shape[0] != "point":
            return None
        ra, dec = shape[1]
    return healpix.nested_cell(int(order), float(ra), float(dec))


def _healpix_center(order: int, index: int) -> str:
    return _point(*healpix.cell_centre(int(order), int(index)))


def _interval_overlaps(l1: float, h1: float, l2: float, h2: float) -> int:
    return int(l1 <= h2 and l2 <= h1)


def _like_regex(pattern: str) -> re.Pattern:
    parts = ("." if c == "_" else ".*" if c == "%" else re.escape(c) for c in pattern)
    return re.compile("".join(parts), re.IGNORECASE | re.DOTALL)


def _nocasematch(value: str, pattern: str) -> int:
    return int(_like_regex(str(pattern)).fullmatch(str(value)) is not None)


def _hasword(haystack: str, needle: str) -> int:
    found = re.search(r"(^|[^\w])" + re.escape(str(needle)) + r"($|[^\w])", str(haystack), re.IGNORECASE)
    return int(found is not None)


FUNCTIONS: dict[tuple[str, int], Callable] = {
    ("adql_point", 2): _point,
    ("adql_circle", 3): _circle,
    ("adql_circle_at", 2): _circle_at,
    ("adql_polygon", -1): _polygon,
    ("adql_polygon_points", -1): _polygon_points,
    ("adql_box", 4): _box,
    ("adql_box_at", 3): _box_at,
    ("adql_contains", 2): _contains,
    ("adql_intersects", 2): _intersects,
    ("adql_distance", 2): _distance,
    ("adql_distance4", 4): lambda a, b, c, d: sph.distance(float(a), float(b), float(c), float(d)),
    ("adql_area", 1): _area,
    ("adql_centroid", 1): _centroid,
    ("adql_coord1", 1): _coordinate(0),
    ("adql_coord2", 1): _coordinate(1),
    ("adql_coordsys", 1): lambda a: "ICRS",
    ("adql_geometry", 2): _geometry,
    ("adql_truncate", 1): _truncate,
    ("adql_truncate", 2): _truncate,
    ("ivo_healpix_index", 3): _healpix_index,
    ("ivo_healpix_index", 2): _healpix_index,
    ("ivo_healpix_center", 2): _healpix_center,
    ("ivo_interval_overlaps", 4): _interval_overlaps,
    ("ivo_nocasematch", 2): _nocasematch,
    ("ivo_hasword", 2): _hasword,
}


def register(conn: sqlite3.Connection) -> None:
    """Add the ADQL functions to ``conn`` and make LIKE case-sensitive as ADQL requires."""
    for (name, arity), function in FUNCTIONS.items():
        conn.create_function(name, arity, _nullsafe(function), deterministic=True)
    conn.execute("PRAGMA case_sensitive_like = ON")
