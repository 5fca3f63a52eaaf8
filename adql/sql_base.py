"""Writes SQL from a validated tree; dialects override the parts that differ (geometry, functions)."""
from __future__ import annotations

import math
from abc import ABC, abstractmethod

from . import nodes as n
from .errors import ADQLValidationError, line_column
from .functions import BUILTINS
from .validator import Bound, ValidatedQuery, quote

_LEFT_ASSOCIATIVE = {"+": "additive", "-": "additive", "*": "multiplicative", "/": "multiplicative"}
_OPPOSITE = {"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "<>": "<>"}


def fold(e: n.Expr) -> float | None:
    """Numeric value of a constant expression of literals, else None."""
    if isinstance(e, n.Literal) and e.kind in ("integer", "number"):
        return float(e.value)
    if isinstance(e, n.Unary) and e.op in "+-":
        v = fold(e.operand)
        return None if v is None else (-v if e.op == "-" else v)
    if isinstance(e, n.Binary) and e.op in "+-*/":
        a, b = fold(e.left), fold(e.right)
        if a is None or b is None or (e.op == "/" and b == 0):
            return None
        return {"+": a + b, "-": a - b, "*": a * b, "/": a / b}[e.op]
    return None


def bool_operands(c: n.BoolOp) -> list[n.Condition]:
    """a, b, c of ``(a OP b) OP c``, the parser's tree of a run of one operator, so that the SQL is
    written flat: nested parentheses overflow SQLite's parser stack after about 90."""
    operands = []
    while isinstance(c.left, n.BoolOp) and c.left.op == c.op:
        operands.append(c.right)
        c = c.left
    operands += [c.right, c.left]
    return operands[::-1]


def arithmetic_run(e: n.Binary) -> tuple[n.Expr, list[n.Binary]]:
    """The first operand and the steps of ``(a - b) + c``, a left-deep run of one precedence, written
    flat for the same reason; each step's ``op`` and ``right`` follow in turn."""
    group = _LEFT_ASSOCIATIVE[e.op]
    steps = [e]
    while isinstance(steps[-1].left, n.Binary) and _LEFT_ASSOCIATIVE.get(steps[-1].left.op) == group:
        steps.append(steps[-1].left)
    steps.reverse()
    return steps[0].left, steps


def number(value: float) -> str:
    text = repr(float(value))
    return text if math.isfinite(value) else "NULL"


def stable(e: n.Expr) -> bool:
    """True for expressions that may be written more than once without changing the result:
    no RAND, subquery, aggregate or user-defined function."""
    if isinstance(e, (n.Literal, n.ColumnRef)):
        return True
    if isinstance(e, n.Unary):
        return stable(e.operand)
    if isinstance(e, n.Binary):
        return stable(e.left) and stable(e.right)
    if isinstance(e, n.Call):
        return not e.udf and e.name != "RAND" and BUILTINS[e.name].category != "aggregate" \
            and all(stable(a) for a in e.args)
    return False


class SQLGenerator(ABC):
    """Common SQL writing; one instance per translation."""

    def __init__(self, validated: ValidatedQuery, row_limit: int | None) -> None:
        self.vq = validated
        self.bound: Bound = validated.bound
        self.row_limit = row_limit
        self.counter = 0

    def error(self, message: str, pos: int) -> ADQLValidationError:
        line, column = line_column(self.vq.query.text, pos)
        return ADQLValidationError(message, line, column)

    def alias(self) -> str:
        self.counter += 1
        return quote(f"s{self.counter}")

    def generate(self) -> str:
        return self.query_expression(self.vq.query.root, top_level=True)

    # ---- queries -------------------------------------------------------------------------

    def query_expression(self, q: n.QueryExpression, top_level: bool = False) -> str:
        parts = []
        if q.ctes:
            parts.append("WITH " + ", ".join(
                f"{quote(self.bound.cte_alias[id(c)])} AS ({self.query_expression(c.query)})" for c in q.ctes))
        body = q.body
        limit = body.top if isinstance(body, n.SelectQuery) else None
        if top_level and self.row_limit is not None:
            limit = self.row_limit if limit is None else min(limit, self.row_limit)
        if isinstance(body, n.SelectQuery):
            parts.append(self.select(body, top_level))
        elif isinstance(body, n.SetOperation):
            parts.append(self.set_operation(body, top_level))
        else:
            parts.append(f"SELECT * FROM ({self.query_expression(body, top_level)}) AS {self.alias()}")
        if q.order_by:
            parts.append("ORDER BY " + ", ".join(self.order_item(i) for i in q.order_by))
        paging = self.limit_offset(limit, q.offset)
        if paging:
            parts.append(paging)
        return " ".join(parts)

    def order_item(self, item: n.OrderItem) -> str:
        position = self.bound.order.get(id(item))
        text = str(position) if position is not None else self.expr(item.expr)
        return text + (" DESC" if item.descending else " ASC")

    def limit_offset(self, limit: int | None, offset: int | None) -> str:
        text = f"LIMIT {limit}" if limit is not None else ""
        if offset:
            text += f" OFFSET {offset}"
        return text.strip()

    def set_operation(self, s: n.SetOperation, top_level: bool) -> str:
        op = s.op + (" ALL" if s.all else "")
        return f"{self.set_operand(s.left, top_level)} {op} {self.set_operand(s.right, top_level)}"

    def set_operand(self, body: n.QueryBody, top_level: bool) -> str:
        if isinstance(body, n.SelectQuery):
            sql = self.select(body, top_level)
            if body.top is None:
                return sql
            return self.wrap_operand(f"{sql} {self.limit_offset(body.top, None)}")
        if isinstance(body, n.SetOperation):
            return self.wrap_operand(self.set_operation(body, top_level))
        return self.wrap_operand(self.query_expression(body, top_level))

    def wrap_operand(self, sql: str) -> str:
        return f"({sql})"

    def select(self, s: n.SelectQuery, top_level: bool) -> str:
        items = []
        for output in self.bound.outputs[id(s)]:
            if output.expr is None:
                value = output.sql
                vtype = output.info.vtype
            else:
                value = self.expr(output.expr)
                vtype = self.bound.types[id(output.expr)][0]
            if top_level and vtype.is_geometry:
                value = self.geometry_output(value, vtype.xtype)
            items.append(f"{value} AS {quote(output.name)}")
        sql = "SELECT " + ("DISTINCT " if s.distinct else "") + ", ".join(items)
        sql += " FROM " + ", ".join(self.from_item(f) for f in s.from_)
        if s.where is not None:
            sql += " WHERE " + self.condition(s.where)
        if s.group_by:
            sql += " GROUP BY " + ", ".join(self.expr(self.bound.group_alias.get(id(g), g)) for g in s.group_by)
        if s.having is not None:
            sql += " HAVING " + self.condition(s.having)
        return sql

    def geometry_output(self, value: str, xtype: str) -> str:
        return value

    def from_item(self, f: n.FromItem) -> str:
        if isinstance(f, n.TableName):
            parts, cte_alias, alias = self.bound.tables[id(f)]
            name = quote(cte_alias) if parts is None else ".".join(quote(p) for p in parts)
            return f"{name} AS {quote(alias)}"
        if isinstance(f, n.DerivedTable):
            return f"({self.query_expression(f.query)}) AS {quote(self.bound.derived[id(f)])}"
        left = self.from_item(f.left)
        right = self.from_item(f.right)
        if isinstance(f.right, n.Join):
            right = f"({right})"
        pairs = self.bound.join_pairs.get(id(f))
        if f.kind == "CROSS" or (f.natural and not pairs):
            return f"{left} CROSS JOIN {right}"
        kind = "INNER JOIN" if f.kind == "INNER" else f"{f.kind} OUTER JOIN"
        if pairs:
            on = " AND ".join(f"{a} = {b}" for a, b in pairs)
        else:
            on = self.condition(f.condition)
        return f"{left} {kind} {right} ON {on}"

    # ---- conditions ----------------------------------------------------------------------

    def condition(self, c: n.Condition) -> str:
        if isinstance(c, n.BoolOp):
            return "(" + f" {c.op} ".join(self.condition(t) for t in bool_operands(c)) + ")"
        if isinstance(c, n.Not):
            return f"(NOT {self.condition(c.operand)})"
        if isinstance(c, n.Comparison):
            return self.comparison(c)
        if isinstance(c, n.Between):
            neg = "NOT " if c.negated else ""
            sql = f"({self.expr(c.operand)} {neg}BETWEEN {self.expr(c.low)} AND {self.expr(c.high)})"
            if c.negated:
                return sql
            window = self.difference_window(c.operand, c.low, c.high)
            if window is not None:
                return f"({window} AND {sql})"
            return self.ranged(c.operand, sql, self.range_width(c.low, c.high))
        if isinstance(c, n.InList):
            neg = "NOT " if c.negated else ""
            return f"({self.expr(c.operand)} {neg}IN ({', '.join(self.expr(i) for i in c.items)}))"
        if isinstance(c, n.InQuery):
            neg = "NOT " if c.negated else ""
            return f"({self.expr(c.operand)} {neg}IN ({self.query_expression(c.query)}))"
        if isinstance(c, n.Like):
            return self.like(c)
        if isinstance(c, n.IsNull):
            return f"({self.expr(c.operand)} IS {'NOT ' if c.negated else ''}NULL)"
        return f"(EXISTS ({self.query_expression(c.query)}))"

    def comparison(self, c: n.Comparison) -> str:
        predicate = self.geometry_predicate(c)
        if predicate is not None:
            return predicate
        sql = f"({self.expr(c.left)} {c.op} {self.expr(c.right)})"
        window = self.absolute_difference_window(c)
        return sql if window is None else f"({window} AND {sql})"

    def absolute_difference_window(self, c: n.Comparison) -> str | None:
        """For ``ABS(a - b) < w`` (or <=, or written the other way round): ``b BETWEEN a - w AND a + w``
        and the same for a, which the comparison implies and an index on either column can serve."""
        left, right, op = c.left, c.right, c.op
        if op in (">", ">="):
            left, right, op = right, left, _OPPOSITE[op]
        if op not in ("<", "<=") or not (isinstance(left, n.Call) and left.name == "ABS" and not left.udf):
            return None
        columns = self.numeric_difference(left.args[0])
        width = fold(right)
        if columns is None or not stable(right) or (width is not None and not math.isfinite(width)):
            return None
        a, b = columns
        a_sql, b_sql, w = self.expr(a), self.expr(b), self.expr(right)
        full = None if width is None else 2 * width
        return (self.ranged(b, f"{b_sql} BETWEEN {a_sql} - {w} AND {a_sql} + {w}", full) + " AND "
                + self.ranged(a, f"{a_sql} BETWEEN {b_sql} - {w} AND {b_sql} + {w}", full))

    def difference_window(self, operand: n.Expr, low: n.Expr, high: n.Expr) -> str | None:
        """For ``a - b BETWEEN low AND high``: b within [a - high, a - low] and a within [b + low, b + high]."""
        columns = self.numeric_difference(operand)
        if columns is None or not (stable(low) and stable(high)):
            return None
        a, b = columns
        a_sql, b_sql, lo, hi = self.expr(a), self.expr(b), self.expr(low), self.expr(high)
        width = self.range_width(low, high)
        return (self.ranged(b, f"{b_sql} BETWEEN {a_sql} - {hi} AND {a_sql} - {lo}", width) + " AND "
                + self.ranged(a, f"{a_sql} BETWEEN {b_sql} + {lo} AND {b_sql} + {hi}", width))

    def numeric_difference(self, e: n.Expr) -> tuple[n.ColumnRef, n.ColumnRef] | None:
        """a and b when ``e`` is ``a - b`` of two numeric columns."""
        if not (isinstance(e, n.Binary) and e.op == "-"):
            return None
        a, b = e.left, e.right
        if not all(isinstance(x, n.ColumnRef) and self.vtype(x).is_numeric for x in (a, b)):
            return None
        return a, b

    def range_width(self, low: n.Expr, high: n.Expr) -> float | None:
        """high - low when it is a known number: both constant, or ``x - u`` and ``x + v`` of one x."""
        bounds = [fold(low), fold(high)]
        if None not in bounds:
            return bounds[1] - bounds[0]
        (x_low, u), (x_high, v) = self.offset(low), self.offset(high)
        if not stable(x_low) or self.expr(x_low) != self.expr(x_high):
            return None
        return v - u

    def offset(self, e: n.Expr) -> tuple[n.Expr, float]:
        """``x + c`` or ``x - c`` with a constant c as (x, ±c); anything else as (e, 0)."""
        if isinstance(e, n.Binary) and e.op in ("+", "-"):
            constant = fold(e.right)
            if constant is not None:
                return e.left, constant if e.op == "+" else -constant
            if e.op == "+" and fold(e.left) is not None:
                return e.right, fold(e.left)
        return e, 0.0

    def ranged(self, column: n.Expr, sql: str, width: float | None) -> str:
        """A range condition on ``column``, ``width`` wide when known; dialects may add planner hints."""
        return sql

    def geometry_predicate(self, c: n.Comparison) -> str | None:
        """SQL for ``1=CONTAINS(...)``-like and ``DISTANCE(...) < r`` comparisons, if this is one."""
        left, right, op = c.left, c.right, c.op
        if isinstance(left, n.Literal):
            left, right, op = right, left, _OPPOSITE[op]
        if isinstance(left, n.Call) and left.name in ("CONTAINS", "INTERSECTS") and not left.udf \
                and op in ("=", "<>") and isinstance(right, n.Literal) and right.kind == "integer":
            value = int(right.value)
            if value not in (0, 1):
                return "(1 = 0)" if op == "=" else "(1 = 1)"
            truth = (value == 1) == (op == "=")
            return self.spatial_predicate(left, truth)
        if isinstance(right, n.Call) and right.name == "DISTANCE" and not right.udf and op in (">", ">="):
            left, right, op = right, left, _OPPOSITE[op]
        if isinstance(left, n.Call) and left.name == "DISTANCE" and not left.udf and op in ("<", "<="):
            return self.distance_within(left, right, op)
        return None

    @abstractmethod
    def spatial_predicate(self, call: n.Call, truth: bool) -> str:
        """Dialect-specific SQL."""

    def distance_within(self, call: n.Call, radius: n.Expr, op: str) -> str | None:
        return None

    @abstractmethod
    def like(self, c: n.Like) -> str:
        """Dialect-specific SQL."""

    # ---- expressions ---------------------------------------------------------------------

    def expr(self, e: n.Expr) -> str:
        if isinstance(e, n.ColumnRef):
            return self.bound.column_sql[id(e)]
        if isinstance(e, n.Literal):
            return self.literal(e)
        if isinstance(e, n.Unary):
            if e.op == "+":
                return self.expr(e.operand)
            return f"({e.op}{self.expr(e.operand)})"
        if isinstance(e, n.Binary):
            return self.binary(e)
        if isinstance(e, n.Call):
            if e.udf:
                return self.udf(e)
            return self.call(e)
        if isinstance(e, n.Geometry):
            return self.geometry(e)
        if isinstance(e, n.Cast):
            return self.cast(e)
        if isinstance(e, n.Case):
            return self.case(e)
        return f"({self.query_expression(e.query)})"

    def literal(self, e: n.Literal) -> str:
        if e.kind == "string":
            return "'" + e.value.replace("'", "''") + "'"
        if e.kind == "hex":
            value = int(e.value, 16)
            return str(value - 2 ** 64 if value >= 2 ** 63 else value)
        if e.kind == "null":
            return "NULL"
        return e.value

    def binary(self, e: n.Binary) -> str:
        if e.op not in _LEFT_ASSOCIATIVE:
            return f"({self.expr(e.left)} {e.op} {self.expr(e.right)})"
        first, steps = arithmetic_run(e)
        return "(" + self.expr(first) + "".join(f" {s.op} {self.expr(s.right)}" for s in steps) + ")"

    def case(self, e: n.Case) -> str:
        sql = "CASE"
        if e.operand is not None:
            sql += " " + self.expr(e.operand)
        for test, result in e.whens:
            test_sql = self.expr(test) if e.operand is not None else self.condition(test)
            sql += f" WHEN {test_sql} THEN {self.expr(result)}"
        if e.default is not None:
            sql += f" ELSE {self.expr(e.default)}"
        return sql + " END"

    def call(self, e: n.Call) -> str:
        name = e.name
        spec = BUILTINS[name]
        if spec.category == "aggregate":
            if e.star:
                return "COUNT(*)"
            return f"{name}({'DISTINCT ' if e.distinct else ''}{self.aggregate_arg(e)})"
        args = [self.expr(a) for a in e.args]
        if name == "IN_UNIT":
            return f"({args[0]} * {number(self.bound.unit_factor[id(e)])})"
        if name == "RAND" and args:
            raise self.error("RAND with a seed is not supported by this service", e.pos)
        method = getattr(self, "fn_" + name.lower(), None)
        if method is not None:
            return method(e, args)
        return f"{self.function_name(name)}({', '.join(args)})"

    def aggregate_arg(self, e: n.Call) -> str:
        return self.expr(e.args[0])

    def function_name(self, name: str) -> str:
        return {"LOG": "ln"}.get(name, name.lower())

    def vtype(self, e: n.Expr):
        return self.bound.types[id(e)][0]

    @abstractmethod
    def udf(self, e: n.Call) -> str:
        """Dialect-specific SQL."""

    @abstractmethod
    def geometry(self, e: n.Geometry) -> str:
        """Dialect-specific SQL."""

    @abstractmethod
    def cast(self, e: n.Cast) -> str:
        """Dialect-specific SQL."""

    def box_vertices(self, x: str, y: str, w: str, h: str) -> list[tuple[str, str]]:
        """Corners of BOX(x, y, w, h): width along RA scaled by 1/cos(dec), height along Dec."""
        dx = f"(({w}) / 2.0 / cos(radians({y})))"
        dy = f"(({h}) / 2.0)"
        return [(f"({x} - {dx})", f"({y} - {dy})"), (f"({x} + {dx})", f"({y} - {dy})"),
                (f"({x} + {dx})", f"({y} + {dy})"), (f"({x} - {dx})", f"({y} + {dy})")]
