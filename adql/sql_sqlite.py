"""SQLite dialect: geometry as DALI text through functions from :mod:`adql.sqlite_functions`,
and cone searches / positional joins rewritten with an index-friendly (dec, ra) prefilter."""
from __future__ import annotations

import math

from . import nodes as n
from .sql_base import SQLGenerator, fold, number, stable

ZONES_PER_DEGREE = 10
ZONE_SEARCH_MAX_RADIUS_DEG = 2.5
"""Cones up to this radius search the (zone, ra) index zone by zone; wider ones the dec band."""


def zone_expression(dec_sql: str) -> str:
    """The declination zone (0.1 deg high strips from the south pole) of the (zone, ra) index.

    Tables and uploads index exactly this expression (``zone_index_columns``), so that a cone
    becomes a few equality look-ups on the zone, each with a range on RA: a search in two
    dimensions with SQLite's B-trees."""
    return f"CAST(({dec_sql} + 90) * {ZONES_PER_DEGREE} AS INTEGER)"


def zone_index_columns(ra_sql: str, dec_sql: str) -> str:
    """Column list of the (zone, ra) index of a table with position columns ra and dec."""
    return f"{zone_expression(dec_sql)}, {ra_sql}"


class SQLiteGenerator(SQLGenerator):

    def limit_offset(self, limit: int | None, offset: int | None) -> str:
        if offset and limit is None:
            return f"LIMIT -1 OFFSET {offset}"
        return super().limit_offset(limit, offset)

    def wrap_operand(self, sql: str) -> str:
        return f"SELECT * FROM ({sql}) AS {self.alias()}"

    def set_operation(self, s: n.SetOperation, top_level: bool) -> str:
        if s.all and s.op != "UNION":
            raise self.error(f"{s.op} ALL is not supported on this database", s.pos)
        return super().set_operation(s, top_level)

    def set_operand(self, body: n.QueryBody, top_level: bool) -> str:
        if isinstance(body, n.SelectQuery) and body.top is None:
            return self.select(body, top_level)
        if isinstance(body, n.SelectQuery):
            return self.wrap_operand(f"{self.select(body, top_level)} LIMIT {body.top}")
        if isinstance(body, n.SetOperation):
            return self.wrap_operand(self.set_operation(body, top_level))
        return self.wrap_operand(self.query_expression(body, top_level))

    def like(self, c: n.Like) -> str:
        neg = "NOT " if c.negated else ""
        if c.insensitive:
            return f"(lower({self.expr(c.operand)}) {neg}LIKE lower({self.expr(c.pattern)}))"
        return f"({self.expr(c.operand)} {neg}LIKE {self.expr(c.pattern)})"

    def binary(self, e: n.Binary) -> str:
        if e.op == "^":
            a, b = self.expr(e.left), self.expr(e.right)
            return f"(({a} | {b}) - ({a} & {b}))"
        return super().binary(e)

    # ---- functions -----------------------------------------------------------------------

    def fn_rand(self, e: n.Call, args: list[str]) -> str:
        return "(abs(random()) / 9223372036854775808.0)"

    def fn_cot(self, e: n.Call, args: list[str]) -> str:
        return f"(1.0 / tan({args[0]}))"

    def fn_truncate(self, e: n.Call, args: list[str]) -> str:
        return f"adql_truncate({', '.join(args)})"

    def fn_round(self, e: n.Call, args: list[str]) -> str:
        return f"round({', '.join(args)})"

    def fn_contains(self, e: n.Call, args: list[str]) -> str:
        return f"adql_contains({args[0]}, {args[1]})"

    def fn_intersects(self, e: n.Call, args: list[str]) -> str:
        return f"adql_intersects({args[0]}, {args[1]})"

    def fn_distance(self, e: n.Call, args: list[str]) -> str:
        coords = self.point_coordinates(e.args[0]), self.point_coordinates(e.args[1])
        if len(args) == 4:
            return f"adql_distance4({', '.join(args)})"
        if coords[0] and coords[1]:
            return f"adql_distance4({', '.join(coords[0] + coords[1])})"
        return f"adql_distance({args[0]}, {args[1]})"

    def fn_area(self, e: n.Call, args: list[str]) -> str:
        return f"adql_area({args[0]})"

    def fn_centroid(self, e: n.Call, args: list[str]) -> str:
        return f"adql_centroid({args[0]})"

    def fn_coord1(self, e: n.Call, args: list[str]) -> str:
        return f"adql_coord1({args[0]})"

    def fn_coord2(self, e: n.Call, args: list[str]) -> str:
        return f"adql_coord2({args[0]})"

    def fn_coordsys(self, e: n.Call, args: list[str]) -> str:
        return f"adql_coordsys({args[0]})"

    def udf(self, e: n.Call) -> str:
        return f"{e.name}({', '.join(self.expr(a) for a in e.args)})"

    def geometry(self, e: n.Geometry) -> str:
        args = [self.expr(a) for a in e.args]
        if e.name == "POINT":
            return f"adql_point({args[0]}, {args[1]})"
        if e.name == "CIRCLE":
            return f"adql_circle({', '.join(args)})" if len(args) == 3 else f"adql_circle_at({args[0]}, {args[1]})"
        if e.name == "BOX":
            return f"adql_box({', '.join(args)})" if len(args) == 4 else f"adql_box_at({', '.join(args)})"
        if self.bound.polygon_points[id(e)]:
            return f"adql_polygon_points({', '.join(args)})"
        return f"adql_polygon({', '.join(args)})"

    def cast(self, e: n.Cast) -> str:
        value = self.expr(e.operand)
        target = e.target
        source = self.vtype(e.operand)
        if target.name in ("SMALLINT", "INTEGER", "BIGINT"):
            if source.is_integer:
                return f"CAST({value} AS INTEGER)"
            return f"CAST(round({value}) AS INTEGER)"
        if target.name in ("REAL", "DOUBLE"):
            return f"CAST({value} AS REAL)"
        if target.name in ("CHAR", "VARCHAR"):
            if target.length:
                return f"substr(CAST({value} AS TEXT), 1, {target.length})"
            return f"CAST({value} AS TEXT)"
        if target.name == "TIMESTAMP":
            return f"strftime('%Y-%m-%dT%H:%M:%S', {value})"
        return f"adql_geometry({value}, '{target.name.lower()}')"

    # ---- spatial predicates with index prefilter -------------------------------------------

    def point_coordinates(self, e: n.Expr) -> tuple[str, str] | None:
        if isinstance(e, n.Geometry) and e.name == "POINT":
            return self.expr(e.args[0]), self.expr(e.args[1])
        return None

    def spatial_predicate(self, call: n.Call, truth: bool) -> str:
        function = "adql_contains" if call.name == "CONTAINS" else "adql_intersects"
        exact = f"{function}({self.expr(call.args[0])}, {self.expr(call.args[1])})"
        if not truth:
            return f"({exact} = 0)"
        point, circle = call.args
        if call.name == "INTERSECTS" and isinstance(circle, n.Geometry) and circle.name == "POINT":
            point, circle = circle, point
        cone = self.cone(point, circle)
        if cone is None:
            return f"({exact} = 1)"
        return cone(False)

    def cone(self, point: n.Expr, circle: n.Expr):
        """Writer of 'point within circle' SQL with prefilter, when both are constructors."""
        if not (isinstance(point, n.Geometry) and point.name == "POINT" and
                isinstance(circle, n.Geometry) and circle.name == "CIRCLE"):
            return None
        if len(circle.args) == 3:
            cx, cy, r = circle.args
        elif isinstance(circle.args[0], n.Geometry) and circle.args[0].name == "POINT":
            (cx, cy), r = circle.args[0].args, circle.args[1]
        else:
            return None
        return lambda strict: self.within(point.args[0], point.args[1], cx, cy, r, strict)

    def distance_within(self, call: n.Call, radius: n.Expr, op: str) -> str | None:
        if len(call.args) == 4:
            return self.within(*call.args, radius, op == "<")
        a, b = call.args
        if isinstance(a, n.Geometry) and a.name == "POINT" and isinstance(b, n.Geometry) and b.name == "POINT":
            return self.within(a.args[0], a.args[1], b.args[0], b.args[1], radius, op == "<")
        return None

    def ranged(self, column: n.Expr, sql: str, width: float | None) -> str:
        """The range with its share of the column's values (width / span) as a hint to the planner.

        SQLite keeps no histograms, so it rates every range alike; a join's dec band carries its
        share of the sky (see _band), and without the same for a time window SQLite would drive a
        wide cone with a window of days by the cone's band of the sky."""
        span = self.bound.spans.get(id(column)) if isinstance(column, n.ColumnRef) else None
        if span is None or width is None or not math.isfinite(width):
            return sql
        return f"likelihood({sql}, {number(min(1.0, max(0.0, width / span)))})"

    def within(self, ra: n.Expr, dec: n.Expr, cx: n.Expr, cy: n.Expr, r: n.Expr, strict: bool) -> str:
        """Exact angular-distance test preceded by index-friendly terms on the columns: a dec band for the
        (dec, ra) index, an RA window, and for cones up to ZONE_SEARCH_MAX_RADIUS_DEG the zones and RA
        range of the (zone, ra) index, so most rows are rejected before the exact test.

        SQLite evaluates the terms its index does not use in the order written, so the cheap band and
        window come first and the zone terms cost little when another index (time, say) drives the
        search. Where zones apply, the band is written with a unary plus, which keeps SQLite from
        using it for the (dec, ra) index: it stays the cheapest filter, not a competing search. The
        band on the centre's dec, last, lets the other table's index drive a join."""
        ra_sql, dec_sql = self.expr(ra), self.expr(dec)
        cx_sql, cy_sql, r_sql = self.expr(cx), self.expr(cy), self.expr(r)
        exact = f"adql_distance4({ra_sql}, {dec_sql}, {cx_sql}, {cy_sql}) {'<' if strict else '<='} {r_sql}"
        if not all(stable(e) for e in (ra, dec, cx, cy, r)):
            return f"({exact})"
        terms = []
        values = fold(cx), fold(cy), fold(r)
        zoned = isinstance(ra, n.ColumnRef) and isinstance(dec, n.ColumnRef) and values[2] is not None \
            and 0 <= values[2] <= ZONE_SEARCH_MAX_RADIUS_DEG
        if zoned:
            terms.append(f"+{dec_sql} BETWEEN {cy_sql} - {r_sql} AND {cy_sql} + {r_sql}")
        elif isinstance(dec, n.ColumnRef):
            if values[1] is not None and values[2] is not None:
                terms.append(f"{dec_sql} BETWEEN {number(values[1] - values[2])} AND {number(values[1] + values[2])}")
            else:
                terms.append(_band(dec_sql, cy_sql, r_sql, values[2]))
        if None not in values:
            window = _ra_window(ra_sql, *values) if isinstance(ra, n.ColumnRef) else None
        elif isinstance(ra, n.ColumnRef) or isinstance(cx, n.ColumnRef):
            window = _ra_window_sql(ra_sql, cx_sql, cy_sql, r_sql)
        else:
            window = None
        if window:
            terms.append(window)
        if zoned:
            terms.append(self.zone_search(ra_sql, dec_sql, cx_sql, cy_sql, values))
        if isinstance(cy, n.ColumnRef) and not isinstance(dec, n.Literal):
            terms.append(_band(cy_sql, dec_sql, r_sql, values[2]))
        return "(" + " AND ".join(terms + [exact]) + ")"

    def zone_search(self, ra_sql: str, dec_sql: str, cx_sql: str, cy_sql: str,
                    values: tuple[float | None, float | None, float]) -> str:
        """The zones a cone of constant radius touches, and for a centre that varies per row (a join)
        its RA range, so the (zone, ra) index finds the rows near each centre.

        The range's bounds depend on the centre only, so SQLite computes them once per centre;
        caps that wrap around RA 0/360 or reach a pole search their zones whole."""
        _, dec0, r = values
        zone = zone_expression(dec_sql)
        if dec0 is not None:
            low, high = (max(0, int((d + 90) * ZONES_PER_DEGREE)) for d in (dec0 - r, dec0 + r))
            return f"{zone} IN ({', '.join(str(z) for z in range(low, high + 1))})"
        first = zone_expression(f"{cy_sql} - {number(r)}")
        count = int(2 * r * ZONES_PER_DEGREE) + 1
        share = (count + 1) / (180 * ZONES_PER_DEGREE) * min(1.0, (2 * r + 1e-3) / 360)
        zones = f"likelihood({zone} IN ({', '.join(f'{first} + {k}' for k in range(count + 1))}), {number(share)})"
        half = f"({_cap_half_width_sql(cy_sql, number(r))} + 1e-9)"
        whole = f"abs({cy_sql}) + {number(r)} >= 89.99 OR {cx_sql} - {half} < 0 OR {cx_sql} + {half} > 360"
        return (f"{zones} AND {ra_sql} BETWEEN (CASE WHEN {whole} THEN -1 ELSE {cx_sql} - {half} END) "
                f"AND (CASE WHEN {whole} THEN 361 ELSE {cx_sql} + {half} END)")


def _band(dec_sql: str, centre_sql: str, r_sql: str, r: float | None) -> str:
    """Dec band of a join's cone, with its share of the sky (at most sin r) as a hint to the planner.

    Without the hint SQLite rates a range whose bounds come from the other table like the range of
    a time window, and may drive a cone-plus-time-window join by a time window that spans years."""
    band = f"{dec_sql} BETWEEN {centre_sql} - {r_sql} AND {centre_sql} + {r_sql}"
    if r is None:
        return band
    share = 1.0 if r >= 90 else min(1.0, max(0.0, math.sin(math.radians(r))))
    return f"likelihood({band}, {number(share)})"


def _ra_window(ra_sql: str, ra0: float, dec0: float, r: float) -> str | None:
    """RA range of a cone (None when it reaches a pole), wrapping around 0/360."""
    if r < 0:
        return "1 = 0"
    if abs(dec0) + r >= 89.999 or r >= 90:
        return None
    half = math.degrees(math.asin(min(1.0, math.sin(math.radians(r)) / math.cos(math.radians(dec0)))))
    half = half * (1 + 1e-9) + 1e-9
    low, high = (ra0 - half) % 360.0, (ra0 + half) % 360.0
    if half >= 180:
        return None
    if low <= high:
        return f"{ra_sql} BETWEEN {number(low)} AND {number(high)}"
    return f"({ra_sql} >= {number(low)} OR {ra_sql} <= {number(high)})"


def _ra_window_sql(ra_sql: str, cx_sql: str, cy_sql: str, r_sql: str) -> str:
    """The same RA window for a centre that varies per row (a join), in plain SQL so that SQLite
    rejects rows without calling into Python.

    The half-width is asin(sin r / cos dec0), the exact RA extent of the cap; the RA difference is
    taken modulo 360 as 180 - ||ra - ra0| - 180|. Caps within 0.01 deg of a pole get no window, which
    also keeps the asin argument below 1."""
    half = _cap_half_width_sql(cy_sql, r_sql)
    return (f"(abs({cy_sql}) + {r_sql} >= 89.99 OR "
            f"abs(abs({ra_sql} - {cx_sql}) - 180) >= {number(180 - 1e-9)} - {half})")


def _cap_half_width_sql(cy_sql: str, r_sql: str) -> str:
    """RA half-width in degrees of a cap of radius r around dec cy, asin(sin r / cos cy), slightly widened.

    Degrees become radians by multiplying with constants (SQLite computes sin of a constant radius
    once per statement); callers handle caps that reach a pole, where the asin argument exceeds 1."""
    to_rad, to_deg = number(math.pi / 180), number(180 / math.pi * (1 + 1e-9))
    return f"asin(sin({r_sql} * {to_rad}) / cos({cy_sql} * {to_rad})) * {to_deg}"
