"""PostgreSQL dialect with pgSphere: spoint/scircle/spoly and the @, &&, <-> operators, written so
that ``spoint(radians(ra), radians(dec))`` GiST indexes serve cone searches and positional joins."""
from __future__ import annotations

from . import nodes as n
from .sql_base import SQLGenerator

_CAST_TYPES = {"SMALLINT": "smallint", "INTEGER": "integer", "BIGINT": "bigint", "REAL": "real",
               "DOUBLE": "double precision", "TIMESTAMP": "timestamp"}


def _dali_point(value: str) -> str:
    return f"(CAST(degrees(long({value})) AS text) || ' ' || CAST(degrees(lat({value})) AS text))"


class PostgreSQLGenerator(SQLGenerator):

    def literal(self, e: n.Literal) -> str:
        if e.kind == "number":
            return f"CAST({e.value} AS double precision)"
        if e.kind == "string" and "\\" in e.value:
            return "E'" + e.value.replace("\\", "\\\\").replace("'", "''") + "'"
        return super().literal(e)

    def binary(self, e: n.Binary) -> str:
        if e.op == "||":
            return f"({self.text(e.left)} || {self.text(e.right)})"
        if e.op == "^":
            return f"({self.expr(e.left)} # {self.expr(e.right)})"
        return super().binary(e)

    def text(self, e: n.Expr) -> str:
        sql = self.expr(e)
        vtype = self.vtype(e)
        return sql if vtype.is_string else f"CAST({sql} AS text)"

    def like(self, c: n.Like) -> str:
        neg = "NOT " if c.negated else ""
        op = "ILIKE" if c.insensitive else "LIKE"
        return f"({self.expr(c.operand)} {neg}{op} {self.expr(c.pattern)} ESCAPE '')"

    def aggregate_arg(self, e: n.Call) -> str:
        arg = self.expr(e.args[0])
        return f"CAST({arg} AS double precision)" if e.name == "AVG" else arg

    # ---- functions -----------------------------------------------------------------------

    def fn_rand(self, e: n.Call, args: list[str]) -> str:
        return "random()"

    def fn_round(self, e: n.Call, args: list[str]) -> str:
        if len(args) == 2:
            return f"CAST(round(CAST({args[0]} AS numeric), {args[1]}) AS double precision)"
        return f"CAST(round(CAST({args[0]} AS numeric)) AS double precision)"

    def fn_truncate(self, e: n.Call, args: list[str]) -> str:
        if len(args) == 2:
            return f"CAST(trunc(CAST({args[0]} AS numeric), {args[1]}) AS double precision)"
        return f"trunc(CAST({args[0]} AS double precision))"

    def fn_mod(self, e: n.Call, args: list[str]) -> str:
        if all(self.vtype(a).is_integer for a in e.args):
            return f"mod({args[0]}, {args[1]})"
        return f"CAST(mod(CAST({args[0]} AS numeric), CAST({args[1]} AS numeric)) AS double precision)"

    def fn_log10(self, e: n.Call, args: list[str]) -> str:
        return f"log(CAST({args[0]} AS double precision))"

    def fn_contains(self, e: n.Call, args: list[str]) -> str:
        return f"CAST({self.spatial_predicate(e, True)} AS integer)"

    fn_intersects = fn_contains

    def fn_distance(self, e: n.Call, args: list[str]) -> str:
        if len(args) == 4:
            return f"degrees({self.spoint(args[0], args[1])} <-> {self.spoint(args[2], args[3])})"
        return f"degrees({args[0]} <-> {args[1]})"

    def fn_area(self, e: n.Call, args: list[str]) -> str:
        if self.vtype(e.args[0]).xtype == "point":
            return "CAST(0 AS double precision)"
        return f"degrees(degrees(area({args[0]})))"

    def fn_centroid(self, e: n.Call, args: list[str]) -> str:
        xtype = self.vtype(e.args[0]).xtype
        if xtype == "point":
            return args[0]
        if xtype == "circle":
            return f"center({args[0]})"
        raise self.error("CENTROID of a polygon is not supported on PostgreSQL by this service", e.pos)

    def fn_coord1(self, e: n.Call, args: list[str]) -> str:
        return f"degrees(long({args[0]}))"

    def fn_coord2(self, e: n.Call, args: list[str]) -> str:
        return f"degrees(lat({args[0]}))"

    def fn_coordsys(self, e: n.Call, args: list[str]) -> str:
        return f"CASE WHEN {args[0]} IS NULL THEN NULL ELSE 'ICRS' END"

    def udf(self, e: n.Call) -> str:
        args = [self.expr(a) for a in e.args]
        if e.name == "ivo_healpix_index":
            point = self.spoint(args[1], args[2]) if len(args) == 3 else args[1]
            return f"healpix_nest({args[0]}, {point})"
        if e.name == "ivo_healpix_center":
            return f"center_of_healpix_nest({args[0]}, {args[1]})"
        if e.name == "ivo_interval_overlaps":
            l1, h1, l2, h2 = args
            return f"(CASE WHEN {l1} <= {h2} AND {l2} <= {h1} THEN 1 ELSE 0 END)"
        if e.name == "ivo_nocasematch":
            return f"(CASE WHEN {args[0]} ILIKE {args[1]} ESCAPE '' THEN 1 ELSE 0 END)"
        if e.name == "ivo_hasword":
            needle = rf"regexp_replace({args[1]}, '([^[:alnum:][:space:]])', '\\\1', 'g')"
            pattern = f"('(^|[^[:alnum:]_])' || {needle} || '($|[^[:alnum:]_])')"
            return f"(CASE WHEN {args[0]} ~* {pattern} THEN 1 ELSE 0 END)"
        raise self.error(f"the function {e.name} is not available on PostgreSQL", e.pos)

    # ---- geometry ------------------------------------------------------------------------

    @staticmethod
    def spoint(ra: str, dec: str) -> str:
        return f"spoint(radians({ra}), radians({dec}))"

    def geometry(self, e: n.Geometry) -> str:
        args = [self.expr(a) for a in e.args]
        if e.name == "POINT":
            return self.spoint(args[0], args[1])
        if e.name == "CIRCLE":
            center = self.spoint(args[0], args[1]) if len(args) == 3 else args[0]
            return f"scircle({center}, radians({args[-1]}))"
        if e.name == "BOX":
            if len(args) == 3:
                center, w, h = args
                x, y = f"degrees(long({center}))", f"degrees(lat({center}))"
            else:
                x, y, w, h = args
            return self.polygon(self.box_vertices(x, y, w, h))
        if self.bound.polygon_points[id(e)]:
            points = " || ',' || ".join(f"CAST({p} AS text)" for p in args)
            return f"CAST('{{' || {points} || '}}' AS spoly)"
        return self.polygon(list(zip(args[0::2], args[1::2])))

    @staticmethod
    def polygon(vertices: list[tuple[str, str]]) -> str:
        parts = " || ',' || ".join(
            f"'(' || CAST(CAST({x} AS double precision) AS text) || 'd,' || "
            f"CAST(CAST({y} AS double precision) AS text) || 'd)'" for x, y in vertices)
        return f"CAST('{{' || {parts} || '}}' AS spoly)"

    def geometry_output(self, value: str, xtype: str) -> str:
        if xtype == "point":
            return _dali_point(value)
        if xtype == "circle":
            return (f"({_dali_point(f'center({value})')} || ' ' || "
                    f"CAST(degrees(radius({value})) AS text))")
        return (f"(SELECT string_agg(CAST(degrees(CAST(v AS double precision)) AS text), ' ' ORDER BY o) "
                f"FROM unnest(regexp_split_to_array(btrim(CAST({value} AS text), '{{}}() '), '[\\s,()]+'))"
                f" WITH ORDINALITY AS u(v, o))")

    def cast(self, e: n.Cast) -> str:
        value = self.expr(e.operand)
        target = e.target
        if target.name in _CAST_TYPES:
            return f"CAST({value} AS {_CAST_TYPES[target.name]})"
        if target.name in ("CHAR", "VARCHAR"):
            return f"CAST({value} AS {'varchar(%d)' % target.length if target.length else 'text'})"
        words = f"regexp_split_to_array(btrim({value}), '\\s+')"
        coordinate = lambda i: f"CAST(({words})[{i}] AS double precision)"   # noqa: E731
        if target.name == "POINT":
            return self.spoint(coordinate(1), coordinate(2))
        if target.name == "CIRCLE":
            return f"scircle({self.spoint(coordinate(1), coordinate(2))}, radians({coordinate(3)}))"
        pairs = f"regexp_replace(btrim({value}), '(\\S+)\\s+(\\S+)\\s*', '(\\1d,\\2d),', 'g')"
        return f"CAST('{{' || rtrim({pairs}, ',') || '}}' AS spoly)"

    # ---- predicates ----------------------------------------------------------------------

    def spatial_predicate(self, call: n.Call, truth: bool) -> str:
        a, b = call.args
        ta, tb = self.vtype(a).xtype, self.vtype(b).xtype
        if call.name == "INTERSECTS" and tb == "point" and ta != "point":
            a, b = b, a
            ta, tb = tb, ta
        op = "@" if call.name == "CONTAINS" or ta == "point" else "&&"
        sql = f"({self.expr(a)} {op} {self.expr(b)})"
        return sql if truth else f"(NOT {sql})"

    def distance_within(self, call: n.Call, radius: n.Expr, op: str) -> str | None:
        args = [self.expr(a) for a in call.args]
        if len(args) == 4:
            p, q = self.spoint(args[0], args[1]), self.spoint(args[2], args[3])
        else:
            p, q = args
        r = self.expr(radius)
        sql = f"({p} @ scircle({q}, radians({r}))"
        if op == "<":
            sql += f" AND ({p} <-> {q}) < radians({r})"
        return sql + ")"
