"""Spherical geometry on DALI values (degrees): points, circles (caps) and great-circle polygons.

Used by the SQLite functions; values travel between SQL and Python as DALI text.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

Vector = tuple[float, float, float]
Shape = tuple[str, tuple[float, ...]]     # ("point", (ra, dec)) / ("circle", (ra, dec, r)) / ("polygon", ...)

_EPS = 1e-12


def parse(text: str | bytes | None) -> Shape | None:
    """Shape of a DALI string (2 numbers: point, 3: circle, an even number >= 6: polygon)."""
    if text is None:
        return None
    try:
        values = tuple(float(v) for v in str(text).split())
    except ValueError:
        return None
    if not all(math.isfinite(v) for v in values):
        return None
    if len(values) == 2:
        return "point", values
    if len(values) == 3 and values[2] >= 0:
        return "circle", values
    if len(values) >= 6 and len(values) % 2 == 0:
        return "polygon", values
    return None


def fmt(values: Sequence[float]) -> str:
    return " ".join(repr(float(v)) for v in values)


def normalize_ra(ra: float) -> float:
    ra = math.fmod(ra, 360.0)
    return ra + 360.0 if ra < 0 else ra


def vector(ra: float, dec: float) -> Vector:
    a, d = math.radians(ra), math.radians(dec)
    cd = math.cos(d)
    return cd * math.cos(a), cd * math.sin(a), math.sin(d)


def to_radec(v: Vector) -> tuple[float, float]:
    x, y, z = v
    norm = math.sqrt(x * x + y * y + z * z)
    if norm == 0:
        return 0.0, 0.0
    return normalize_ra(math.degrees(math.atan2(y, x))), math.degrees(math.asin(max(-1.0, min(1.0, z / norm))))


def distance(ra1: float, dec1: float, ra2: float, dec2: float) -> float:
    """Angular distance in degrees (haversine, accurate at small separations)."""
    d1, d2 = math.radians(dec1), math.radians(dec2)
    s = math.sin((d2 - d1) / 2) ** 2 + math.cos(d1) * math.cos(d2) * math.sin(math.radians(ra2 - ra1) / 2) ** 2
    return math.degrees(2 * math.asin(min(1.0, math.sqrt(s))))


def _dot(a: Vector, b: Vector) -> float:
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2]


def _cross(a: Vector, b: Vector) -> Vector:
    return a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]


def _unit(v: Vector) -> Vector:
    norm = math.sqrt(_dot(v, v))
    return (v[0] / norm, v[1] / norm, v[2] / norm) if norm else v


def _vertices(values: Sequence[float]) -> list[tuple[float, float]]:
    return list(zip(values[0::2], values[1::2]))


def _winding(ra: float, dec: float, vertices: list[tuple[float, float]]) -> float | None:
    """Total turn of the bearing from the point to the vertices; None when the point is a vertex."""
    d1 = math.radians(dec)
    total, previous = 0.0, None
    for vra, vdec in vertices + vertices[:1]:
        if distance(ra, dec, vra, vdec) < 1e-10:
            return None
        d2, da = math.radians(vdec), math.radians(vra - ra)
        bearing = math.atan2(math.sin(da) * math.cos(d2),
                             math.cos(d1) * math.sin(d2) - math.sin(d1) * math.cos(d2) * math.cos(da))
        if previous is not None:
            total += (bearing - previous + math.pi) % (2 * math.pi) - math.pi
        previous = bearing
    return total


def point_in_polygon(ra: float, dec: float, vertices: list[tuple[float, float]]) -> bool:
    """The point lies in the polygon: the boundary winds around it, in the same sense as around
    the vertices' centroid (seen from near the antipode, the boundary winds the other way)."""
    winding = _winding(ra, dec, vertices)
    if winding is None:
        return True
    vs = [vector(a, d) for a, d in vertices]
    cra, cdec = to_radec((sum(v[0] for v in vs), sum(v[1] for v in vs), sum(v[2] for v in vs)))
    reference = _winding(cra, cdec, vertices)
    if abs(winding) < math.pi:
        return False
    return reference is None or (winding > 0) == (reference > 0)


def _arc_distance(p: Vector, a: Vector, b: Vector) -> float:
    """Angular distance (radians) from p to the great-circle arc a-b."""
    normal = _unit(_cross(a, b))
    if _dot(_cross(a, p), normal) >= 0 and _dot(_cross(p, b), normal) >= 0:
        return abs(math.asin(max(-1.0, min(1.0, _dot(p, normal)))))
    return min(math.acos(max(-1.0, min(1.0, _dot(p, a)))), math.acos(max(-1.0, min(1.0, _dot(p, b)))))


def _arcs_cross(a: Vector, b: Vector, c: Vector, d: Vector) -> bool:
    n1, n2 = _cross(a, b), _cross(c, d)
    t = _cross(n1, n2)
    if _dot(t, t) < _EPS:
        return False
    t = _unit(t)
    for candidate in (t, (-t[0], -t[1], -t[2])):
        if (_dot(_cross(a, candidate), n1) >= 0 and _dot(_cross(candidate, b), n1) >= 0 and
                _dot(_cross(c, candidate), n2) >= 0 and _dot(_cross(candidate, d), n2) >= 0):
            return True
    return False


def _edges(values: Sequence[float]) -> list[tuple[Vector, Vector]]:
    vs = [vector(ra, dec) for ra, dec in _vertices(values)]
    return list(zip(vs, vs[1:] + vs[:1]))


def _min_edge_distance(ra: float, dec: float, values: Sequence[float]) -> float:
    p = vector(ra, dec)
    return math.degrees(min(_arc_distance(p, a, b) for a, b in _edges(values)))


def _polygons_cross(a: Sequence[float], b: Sequence[float]) -> bool:
    return any(_arcs_cross(p, q, r, s) for p, q in _edges(a) for r, s in _edges(b))


def inside(inner: Shape, outer: Shape) -> bool:
    """CONTAINS(inner, outer): inner lies entirely within outer."""
    kind, v = inner
    okind, o = outer
    if kind == "point":
        return intersects(inner, outer)
    if okind == "point":
        return False
    if kind == "circle":
        if okind == "circle":
            return distance(v[0], v[1], o[0], o[1]) + v[2] <= o[2] + _EPS
        return point_in_polygon(v[0], v[1], _vertices(o)) and _min_edge_distance(v[0], v[1], o) >= v[2]
    if okind == "circle":
        return all(distance(ra, dec, o[0], o[1]) <= o[2] + _EPS for ra, dec in _vertices(v))
    return all(point_in_polygon(ra, dec, _vertices(o)) for ra, dec in _vertices(v)) and not _polygons_cross(v, o)


def intersects(a: Shape, b: Shape) -> bool:
    """INTERSECTS(a, b): the shapes share at least one point."""
    order = {"point": 0, "circle": 1, "polygon": 2}
    if order[a[0]] > order[b[0]]:
        a, b = b, a
    (ka, va), (kb, vb) = a, b
    if ka == "point":
        if kb == "point":
            return distance(va[0], va[1], vb[0], vb[1]) <= 1e-10
        if kb == "circle":
            return distance(va[0], va[1], vb[0], vb[1]) <= vb[2] + _EPS
        return point_in_polygon(va[0], va[1], _vertices(vb))
    if ka == "circle":
        if kb == "circle":
            return distance(va[0], va[1], vb[0], vb[1]) <= va[2] + vb[2] + _EPS
        return point_in_polygon(va[0], va[1], _vertices(vb)) or _min_edge_distance(va[0], va[1], vb) <= va[2]
    return (any(point_in_polygon(ra, dec, _vertices(vb)) for ra, dec in _vertices(va)) or
            any(point_in_polygon(ra, dec, _vertices(va)) for ra, dec in _vertices(vb)) or
            _polygons_cross(va, vb))


def area(shape: Shape) -> float:
    """Area in square degrees (the smaller side for polygons)."""
    kind, v = shape
    if kind == "point":
        return 0.0
    if kind == "circle":
        return math.degrees(math.degrees(2 * math.pi * (1 - math.cos(math.radians(v[2])))))
    vs = [vector(ra, dec) for ra, dec in _vertices(v)]
    center = _unit((sum(p[0] for p in vs), sum(p[1] for p in vs), sum(p[2] for p in vs)))
    total = 0.0
    for a, b in zip(vs, vs[1:] + vs[:1]):
        triple = _dot(center, _cross(a, b))
        denominator = 1 + _dot(center, a) + _dot(a, b) + _dot(b, center)
        total += 2 * math.atan2(triple, denominator)
    total = abs(total)
    if total > 2 * math.pi:
        total = 4 * math.pi - total
    return math.degrees(math.degrees(total))


def centroid(shape: Shape) -> tuple[float, float]:
    kind, v = shape
    if kind != "polygon":
        return normalize_ra(v[0]), v[1]
    vs = [vector(ra, dec) for ra, dec in _vertices(v)]
    return to_radec((sum(p[0] for p in vs), sum(p[1] for p in vs), sum(p[2] for p in vs)))


def box(ra: float, dec: float, width: float, height: float) -> tuple[float, ...]:
    """Polygon vertices of BOX: half-width along RA scaled by 1/cos(dec), half-height along Dec."""
    dx = width / 2.0 / math.cos(math.radians(dec))
    dy = height / 2.0
    return (ra - dx, dec - dy, ra + dx, dec - dy, ra + dx, dec + dy, ra - dx, dec + dy)
