"""Resolves a parsed query against published tables: names, types, grouping and output columns.

The result, :class:`ValidatedQuery`, keeps the tree and the facts the SQL generators need
(which physical column each reference means, the type of each expression, the expanded
select lists), so SQL is written only from what was resolved here.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from . import nodes as n
from . import types as T
from .errors import ADQLValidationError, line_column
from .functions import BUILTINS
from .schema import Column, Schema, Table
from .types import ValueType
from .udf import ANY_FUNCTION, udf_table

_ICRS_NAMES = ("", "ICRS")
POLE_DEG = 90.0
"""Declinations lie within ±POLE_DEG."""
MAX_RADIUS_DEG = 180.0
"""A circle of this radius already covers the whole sky."""
_CENTRE_FORM_ARITY = {"POINT": 2, "CIRCLE": 3, "BOX": 4}
"""Arguments of each shape written with its centre as two numbers (ra, dec, ...)."""


@dataclass(slots=True)
class Info:
    """What validation learnt about one expression."""
    vtype: ValueType
    meta: Column | None = None     # set for plain column references (keeps ucd, description...)
    unit: str | None = None
    aggregate: bool = False


@dataclass(slots=True)
class SourceColumn:
    name: str
    sql: str                          # SQL text referencing it, e.g. "t1"."ra"
    info: Info


@dataclass(slots=True)
class Output:
    """One output column of a SELECT: an expression or an expanded star column."""
    name: str
    info: Info
    expr: n.Expr | None = None
    sql: str | None = None         # for star columns


class Source:
    """A range variable of a FROM clause (table, derived table or CTE reference)."""

    def __init__(self, alias: n.Identifier | None, table: Table | None, display: str,
                 sql_alias: str, columns: list[SourceColumn]) -> None:
        self.alias = alias
        self.table = table
        self.display = display
        self.sql_alias = sql_alias
        self.columns = columns
        self.hidden: set[str] = set()       # columns merged by USING/NATURAL (for SELECT *)

    def matches(self, qualifier: tuple[n.Identifier, ...]) -> bool:
        if self.alias is not None or self.table is None:
            return len(qualifier) == 1 and _same_name(qualifier[0], self.alias or n.Identifier(self.display))
        if len(qualifier) == 1:
            return qualifier[0].matches(self.table.name)
        if len(qualifier) == 2:
            return qualifier[0].matches(self.table.schema) and qualifier[1].matches(self.table.name)
        return False

    def find(self, ident: n.Identifier) -> list[SourceColumn]:
        return [c for c in self.columns if ident.matches(c.name)]


@dataclass
class Scope:
    parent: Scope | None
    ctes: dict
    sources: list[Source] = field(default_factory=list)
    merged: dict = field(default_factory=dict)    # lower name -> SourceColumn for USING/NATURAL columns
    outputs: list[Output] = field(default_factory=list)


@dataclass
class Bound:
    """Facts for the SQL generators, keyed by ``id()`` of tree nodes."""
    column_sql: dict = field(default_factory=dict)
    types: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)        # TableName -> (sql parts or None for CTE, sql alias)
    derived: dict = field(default_factory=dict)       # DerivedTable -> sql alias
    join_pairs: dict = field(default_factory=dict)    # Join -> [(left sql, right sql)] for USING/NATURAL
    outputs: dict = field(default_factory=dict)       # SelectQuery / QueryExpression -> [Output]
    order: dict = field(default_factory=dict)         # OrderItem -> position (int) or None (expression)
    group_alias: dict = field(default_factory=dict)   # GROUP BY term -> aliased select expression
    polygon_points: dict = field(default_factory=dict)
    unit_factor: dict = field(default_factory=dict)
    cte_alias: dict = field(default_factory=dict)     # CommonTable -> sql alias
    udf_signature: dict = field(default_factory=dict) # UDF Call -> matching Signature
    spans: dict = field(default_factory=dict)         # ColumnRef -> span of its column's values, if known


@dataclass
class ValidatedQuery:
    """A query resolved against a Schema; ``columns`` are its output columns."""
    query: n.Query
    columns: tuple[Column, ...]
    bound: Bound


def _same_name(a: n.Identifier, b: n.Identifier) -> bool:
    if a.delimited and b.delimited:
        return a.name == b.name
    return a.name.lower() == b.name.lower()


class Validator:
    def __init__(self, query: n.Query, schema: Schema) -> None:
        self.query = query
        self.schema = schema
        self.bound = Bound()
        self.counter = 0
        self.udfs = query.functions or udf_table(None)

    def error(self, message: str, pos: int) -> ADQLValidationError:
        line, column = line_column(self.query.text, pos)
        return ADQLValidationError(message, line, column)

    def new_alias(self, prefix: str = "t") -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    # ---- queries -------------------------------------------------------------------------

    def query_expression(self, q: n.QueryExpression, parent: Scope | None, ctes: dict) -> list[Output]:
        ctes = dict(ctes)
        for cte in q.ctes:
            key = cte.name.name.lower()
            if key in ctes and ctes[key][0] is q:
                raise self.error(f"the common table '{cte.name.name}' is defined twice", cte.pos)
            outputs = self.query_expression(cte.query, None, ctes)
            alias = self.new_alias("cte")
            self.bound.cte_alias[id(cte)] = alias
            ctes[key] = (q, cte, outputs, alias)
        outputs, scope = self.body(q.body, parent, ctes)
        self.order_by(q, outputs, scope)
        self.bound.outputs[id(q)] = outputs
        return outputs

    def body(self, body: n.QueryBody, parent: Scope | None, ctes: dict) -> tuple[list[Output], Scope | None]:
        if isinstance(body, n.SelectQuery):
            return self.select(body, parent, ctes)
        if isinstance(body, n.QueryExpression):
            return self.query_expression(body, parent, ctes), None
        left, _ = self.body(body.left, parent, ctes)
        right, _ = self.body(body.right, parent, ctes)
        if len(left) != len(right):
            raise self.error(f"the operands of {body.op} have {len(left)} and {len(right)} columns;"
                             " they need the same number", body.pos)
        for a, b in zip(left, right):
            ta, tb = a.info.vtype, b.info.vtype
            if not (ta.is_unknown or tb.is_unknown or (ta.is_numeric and tb.is_numeric)
                    or (ta.is_string and tb.is_string) or ta.xtype == tb.xtype):
                raise self.error(f"column '{a.name}' of {body.op} combines a {ta.describe()} with a "
                                 f"{tb.describe()}", body.pos)
        return left, None

    def select(self, s: n.SelectQuery, parent: Scope | None, ctes: dict) -> tuple[list[Output], Scope]:
        scope = Scope(parent, ctes)
        for item in s.from_:
            self.from_item(item, scope)
        if s.where is not None:
            self.condition(s.where, scope, aggregates=False)
        outputs: list[Output] = []
        for item in s.items:
            if isinstance(item, n.StarItem):
                outputs.extend(self.star(item, scope))
            else:
                info = self.expr(item.expr, scope, aggregates=True)
                outputs.append(Output(self.output_name(item), info, expr=item.expr))
        _make_unique(outputs)
        scope.outputs = outputs
        grouped = self.group_by(s, scope)
        if s.having is not None:
            self.condition(s.having, scope, aggregates=True)
        if grouped is not None:
            self.check_grouping(s, scope, grouped)
        self.bound.outputs[id(s)] = outputs
        return outputs, scope

    def output_name(self, item: n.SelectItem) -> str:
        if item.alias is not None:
            return item.alias.name
        e = item.expr
        if isinstance(e, n.ColumnRef):
            return self.bound.types[id(e)][1] or e.parts[-1].name
        if isinstance(e, (n.Call, n.Geometry)):
            return e.name.lower()
        if isinstance(e, n.Cast) and isinstance(e.operand, n.ColumnRef):
            return self.output_name(n.SelectItem(item.pos, e.operand, None))
        return "expr"

    def star(self, item: n.StarItem, scope: Scope) -> list[Output]:
        sources = scope.sources
        if item.qualifier is not None:
            sources = [s for s in scope.sources if s.matches(item.qualifier)]
            if not sources:
                written = ".".join(p.name for p in item.qualifier)
                raise self.error(f"unknown table or alias '{written}' in {written}.*", item.pos)
        outputs = []
        if item.qualifier is None:
            for merged in scope.merged.values():
                outputs.append(Output(merged.name, merged.info, sql=merged.sql))
        for source in sources:
            for column in source.columns:
                if item.qualifier is None and column.name.lower() in source.hidden:
                    continue
                outputs.append(Output(column.name, column.info, sql=column.sql))
        return outputs

    def order_by(self, q: n.QueryExpression, outputs: list[Output], scope: Scope | None) -> None:
        for item in q.order_by:
            e = item.expr
            if isinstance(e, n.Literal) and e.kind == "integer":
                position = int(e.value)
                if not 1 <= position <= len(outputs):
                    raise self.error(f"ORDER BY {position}: the query has {len(outputs)} column"
                                     f"{'s' if len(outputs) != 1 else ''}", item.pos)
                self.bound.order[id(item)] = position
                continue
            if isinstance(e, n.ColumnRef) and len(e.parts) == 1:
                hits = [i for i, o in enumerate(outputs) if e.parts[0].matches(o.name)]
                if len(hits) == 1 and (scope is None or not self.resolves(e, scope)
                                       or _is_output_alias(outputs[hits[0]], e)):
                    self.bound.order[id(item)] = hits[0] + 1
                    continue
            if scope is None:
                raise self.error("ORDER BY of a set operation must name an output column or give its"
                                 " position", item.pos)
            self.bound.order[id(item)] = None
            self.expr(e, scope, aggregates=True)

    def resolves(self, ref: n.ColumnRef, scope: Scope) -> bool:
        try:
            self.column(ref, scope)
        except ADQLValidationError:
            return False
        return True

    def group_by(self, s: n.SelectQuery, scope: Scope) -> set | None:
        has_aggregate = any(o.info.aggregate for o in scope.outputs)
        if not s.group_by and not has_aggregate and s.having is None:
            return None
        grouped: set = set()
        for term in s.group_by:
            if isinstance(term, n.ColumnRef) and len(term.parts) == 1 and not self.resolves(term, scope):
                hits = [o for o in scope.outputs if o.expr is not None and term.parts[0].matches(o.name)]
                if len(hits) == 1:
                    self.bound.group_alias[id(term)] = hits[0].expr
                    grouped.add(expression_signature(hits[0].expr, self.bound))
                    grouped.update(self.column_sqls(hits[0].expr))
                    continue
            info = self.expr(term, scope, aggregates=False)
            if info.vtype.is_geometry:
                raise self.error("cannot GROUP BY a geometry", term.pos)
            grouped.add(expression_signature(term, self.bound))
            grouped.update(self.column_sqls(term))
        return grouped

    def check_grouping(self, s: n.SelectQuery, scope: Scope, grouped: set) -> None:
        own = {c.sql for source in scope.sources for c in source.columns} | \
              {c.sql for c in scope.merged.values()}
        for output in scope.outputs:
            if output.expr is None:
                if output.sql in own and output.sql not in grouped:
                    raise self.error(f"column '{output.name}' must appear in GROUP BY or be used in an"
                                     " aggregate function (SELECT * with GROUP BY)", s.pos)
                continue
            if expression_signature(output.expr, self.bound) in grouped:
                continue
            for ref in _free_column_refs(output.expr):
                sql = self.bound.column_sql.get(id(ref))
                if sql in own and sql not in grouped:
                    raise self.error(f"column '{'.'.join(p.name for p in ref.parts)}' must appear in"
                                     " GROUP BY or be used in an aggregate function", ref.pos)

    def column_sqls(self, e: n.Expr) -> set:
        return {self.bound.column_sql[id(r)] for r in _free_column_refs(e) if id(r) in self.bound.column_sql}

    # ---- FROM ----------------------------------------------------------------------------

    def from_item(self, item: n.FromItem, scope: Scope) -> list[Source]:
        if isinstance(item, n.TableName):
            source = self.table(item, scope)
            scope.sources.append(source)
            return [source]
        if isinstance(item, n.DerivedTable):
            outputs = self.query_expression(item.query, scope.parent, scope.ctes)
            alias = self.new_alias()
            self.bound.derived[id(item)] = alias
            source = self.derived_source(item.alias, item.alias.name, alias, outputs)
            scope.sources.append(source)
            return [source]
        left = self.from_item(item.left, scope)
        right = self.from_item(item.right, scope)
        names: list[n.Identifier] = list(item.using)
        if item.natural:
            right_names = {c.name.lower() for s in right for c in s.columns}
            names = [n.Identifier(c.name) for s in left for c in s.columns if c.name.lower() in right_names]
        pairs = []
        for ident in names:
            lcol = self.join_column(ident, left, item, "left")
            rcol = self.join_column(ident, right, item, "right")
            pairs.append((lcol.sql, rcol.sql))
            for sources, col in ((left, lcol), (right, rcol)):
                for s in sources:
                    if col in s.columns:
                        s.hidden.add(col.name.lower())
            visible = rcol if item.kind == "RIGHT" else lcol
            if item.kind == "FULL":
                visible = SourceColumn(lcol.name, f"COALESCE({lcol.sql}, {rcol.sql})", lcol.info)
            scope.merged[ident.name.lower()] = visible
        if names:
            self.bound.join_pairs[id(item)] = pairs
        if item.condition is not None:
            self.condition(item.condition, scope, aggregates=False)
        return left + right

    def join_column(self, ident: n.Identifier, sources: list[Source], join: n.Join, side: str) -> SourceColumn:
        hits = [c for s in sources for c in s.find(ident)]
        if not hits:
            raise self.error(f"the {side} side of the join has no column '{ident.name}'", join.pos)
        if len(hits) > 1:
            raise self.error(f"column '{ident.name}' is ambiguous on the {side} side of the join", join.pos)
        return hits[0]

    def table(self, item: n.TableName, scope: Scope) -> Source:
        written = ".".join(p.name for p in item.parts)
        if len(item.parts) == 1:
            cte = scope.ctes.get(item.parts[0].name.lower())
            if cte is not None and _same_name(item.parts[0], cte[1].name):
                _, definition, outputs, cte_alias = cte
                alias = self.new_alias()
                self.bound.tables[id(item)] = (None, cte_alias, alias)
                return self.derived_source(item.alias, item.alias.name if item.alias else definition.name.name,
                                           alias, outputs, item.alias or definition.name)
        tables = self.schema.find(item.parts)
        if not tables:
            hint = self.schema.suggest(written)
            raise self.error(f"unknown table '{written}'" + (f"; did you mean '{hint}'?" if hint else ""),
                             item.pos)
        if len(tables) > 1:
            names = ", ".join(t.qualified_name for t in tables)
            raise self.error(f"table name '{written}' is ambiguous ({names}); qualify it with its schema",
                             item.pos)
        table = tables[0]
        alias = self.new_alias()
        self.bound.tables[id(item)] = (table.sql_name, None, alias)
        columns = [SourceColumn(c.name, f'{quote(alias)}.{quote(c.physical_name)}',
                                Info(_column_type(c), c, c.unit)) for c in table.columns]
        return Source(item.alias, table, table.qualified_name if item.alias is None else item.alias.name,
                      alias, columns)

    def derived_source(self, alias: n.Identifier | None, display: str, sql_alias: str,
                       outputs: list[Output], name: n.Identifier | None = None) -> Source:
        columns = [SourceColumn(o.name, f"{quote(sql_alias)}.{quote(o.name)}",
                                Info(o.info.vtype, _renamed(o.info.meta, o.name), o.info.unit))
                   for o in outputs]
        return Source(alias or name, None, display, sql_alias, columns)

    # ---- conditions ----------------------------------------------------------------------

    def condition(self, c: n.Condition, scope: Scope, aggregates: bool) -> None:
        if isinstance(c, n.BoolOp):
            self.condition(c.left, scope, aggregates)
            self.condition(c.right, scope, aggregates)
        elif isinstance(c, n.Not):
            self.condition(c.operand, scope, aggregates)
        elif isinstance(c, n.Comparison):
            left = self.expr(c.left, scope, aggregates)
            right = self.expr(c.right, scope, aggregates)
            self.comparable(left.vtype, right.vtype, c.op, c.pos)
        elif isinstance(c, n.Between):
            infos = [self.expr(e, scope, aggregates) for e in (c.operand, c.low, c.high)]
            for other in infos[1:]:
                self.comparable(infos[0].vtype, other.vtype, "BETWEEN", c.pos)
        elif isinstance(c, n.InList):
            left = self.expr(c.operand, scope, aggregates)
            for item in c.items:
                self.comparable(left.vtype, self.expr(item, scope, aggregates).vtype, "IN", item.pos)
        elif isinstance(c, n.InQuery):
            left = self.expr(c.operand, scope, aggregates)
            outputs = self.query_expression(c.query, scope, scope.ctes)
            if len(outputs) != 1:
                raise self.error(f"the subquery of IN must select one column, not {len(outputs)}", c.pos)
            self.comparable(left.vtype, outputs[0].info.vtype, "IN", c.pos)
        elif isinstance(c, n.Like):
            for e in (c.operand, c.pattern):
                info = self.expr(e, scope, aggregates)
                if not (info.vtype.is_string or info.vtype.is_unknown):
                    raise self.error(f"{'ILIKE' if c.insensitive else 'LIKE'} needs strings, found a "
                                     f"{info.vtype.describe()}", e.pos)
        elif isinstance(c, n.IsNull):
            self.expr(c.operand, scope, aggregates)
        elif isinstance(c, n.Exists):
            self.query_expression(c.query, scope, scope.ctes)

    def comparable(self, a: ValueType, b: ValueType, op: str, pos: int) -> None:
        if a.is_unknown or b.is_unknown:
            return
        if a.is_geometry or b.is_geometry:
            raise self.error(f"cannot compare geometries with {op}; use CONTAINS or INTERSECTS", pos)
        if (a.is_numeric and b.is_string) or (a.is_string and b.is_numeric):
            raise self.error(f"cannot compare a {a.describe()} with a {b.describe()} ({op})", pos)

    # ---- expressions ---------------------------------------------------------------------

    def expr(self, e: n.Expr, scope: Scope, aggregates: bool, in_aggregate: bool = False) -> Info:
        info = self._expr(e, scope, aggregates, in_aggregate)
        self.bound.types[id(e)] = (info.vtype, info.meta.name if info.meta else None)
        return info

    def _expr(self, e: n.Expr, scope: Scope, aggregates: bool, in_aggregate: bool) -> Info:
        if isinstance(e, n.ColumnRef):
            column = self.column(e, scope)
            self.bound.column_sql[id(e)] = column.sql
            if column.info.meta is not None and column.info.meta.span:
                self.bound.spans[id(e)] = column.info.meta.span
            return Info(column.info.vtype, column.info.meta, column.info.unit)
        if isinstance(e, n.Literal):
            return Info(self.literal(e))
        if isinstance(e, n.Unary):
            info = self.expr(e.operand, scope, aggregates, in_aggregate)
            if e.op == "~":
                self.need(info, "integer", "~", e.pos)
                return Info(T.LONG, aggregate=info.aggregate)
            self.need(info, "number", e.op, e.pos)
            return Info(info.vtype, unit=info.unit, aggregate=info.aggregate)
        if isinstance(e, n.Binary):
            left = self.expr(e.left, scope, aggregates, in_aggregate)
            right = self.expr(e.right, scope, aggregates, in_aggregate)
            agg = left.aggregate or right.aggregate
            if e.op == "||":
                for operand, side in ((e.left, left), (e.right, right)):
                    self.concatenable(side.vtype, operand.pos)
                return Info(T.STRING, aggregate=agg)
            if e.op in "&|^":
                self.need(left, "integer", e.op, e.pos)
                self.need(right, "integer", e.op, e.pos)
                return Info(T.LONG, aggregate=agg)
            self.need(left, "number", e.op, e.pos)
            self.need(right, "number", e.op, e.pos)
            unit = left.unit if e.op in "+-" and left.unit == right.unit else None
            return Info(T.wider_numeric(left.vtype, right.vtype), unit=unit, aggregate=agg)
        if isinstance(e, n.Call):
            return self.call(e, scope, aggregates, in_aggregate)
        if isinstance(e, n.Geometry):
            return self.geometry(e, scope, aggregates, in_aggregate)
        if isinstance(e, n.Cast):
            return self.cast(e, scope, aggregates, in_aggregate)
        if isinstance(e, n.Case):
            return self.case(e, scope, aggregates, in_aggregate)
        if isinstance(e, n.ScalarSubquery):
            outputs = self.query_expression(e.query, scope, scope.ctes)
            if len(outputs) != 1:
                raise self.error(f"a subquery used as a value must select one column, not {len(outputs)}",
                                 e.pos)
            return Info(outputs[0].info.vtype, unit=outputs[0].info.unit)
        raise self.error(f"unsupported expression {type(e).__name__}", getattr(e, "pos", 0))

    def literal(self, e: n.Literal) -> ValueType:
        if e.kind == "integer":
            return T.INT if int(e.value) < 2 ** 31 else T.LONG
        if e.kind == "number":
            return T.DOUBLE
        if e.kind == "hex":
            if int(e.value, 16) >= 2 ** 64:
                raise self.error(f"the hexadecimal literal {e.value} does not fit in 64 bits", e.pos)
            return T.LONG
        if e.kind == "string":
            if "\x00" in e.value:
                raise self.error("string literals cannot contain NUL characters", e.pos)
            return T.STRING
        return T.UNKNOWN

    def concatenable(self, vt: ValueType, pos: int) -> None:
        """SQL-92 (6.13) concatenates character strings only, as LIKE and LOWER take only strings."""
        if vt.is_string or vt.is_unknown:
            return
        hint = ""
        if vt.is_numeric and self.query.version == "2.1":
            hint = "; write CAST(... AS VARCHAR) to concatenate it"
        raise self.error(f"|| concatenates strings, found a {vt.describe()}{hint}", pos)

    def need(self, info: Info, kind: str, what: str, pos: int) -> None:
        vt = info.vtype
        ok = vt.is_unknown or (vt.is_integer if kind == "integer" else
                               vt.is_numeric if kind == "number" else
                               vt.is_string if kind == "string" else
                               vt.xtype == "point" if kind == "point" else vt.is_geometry)
        if not ok:
            raise self.error(f"{what} needs a{'n' if kind[0] in 'aeiou' else ''} {kind}, found a {vt.describe()}",
                             pos)

    def column(self, ref: n.ColumnRef, scope: Scope) -> SourceColumn:
        ident, qualifier = ref.parts[-1], ref.parts[:-1]
        written = ".".join(p.name for p in ref.parts)
        current: Scope | None = scope
        qualifier_seen = None
        while current is not None:
            if not qualifier and ident.name.lower() in current.merged and \
                    ident.matches(current.merged[ident.name.lower()].name):
                return current.merged[ident.name.lower()]
            hits = []
            for source in current.sources:
                if qualifier and not source.matches(qualifier):
                    continue
                if qualifier:
                    qualifier_seen = qualifier_seen or source
                hits.extend((source, c) for c in source.find(ident))
            if len(hits) == 1:
                return hits[0][1]
            if len(hits) > 1:
                where = " and ".join(f"{s.display}.{c.name}" for s, c in hits)
                raise self.error(f"column '{written}' is ambiguous: it is in {where}; qualify it", ref.pos)
            if qualifier_seen is not None:
                break
            current = current.parent
        if qualifier and qualifier_seen is None:
            q = ".".join(p.name for p in qualifier)
            raise self.error(f"unknown table or alias '{q}' in column reference '{written}'", ref.pos)
        sources = [qualifier_seen] if qualifier_seen else scope.sources
        names = [c.name for s in sources for c in s.columns]
        where = f" in {sources[0].display}" if len(sources) == 1 else ""
        if ident.delimited and not qualifier and ident.name.lower() not in {x.lower() for x in names}:
            literal = ident.name.replace("'", "''")
            raise self.error(f'unknown column "{ident.name}"{where}; string literals take single quotes:'
                             f" '{literal}'", ref.pos)
        close = difflib.get_close_matches(ident.name.lower(), [x.lower() for x in names], n=1, cutoff=0.6)
        hint = ""
        if close:
            hint = f"; did you mean '{next(x for x in names if x.lower() == close[0])}'?"
        raise self.error(f"unknown column '{ident.name}'{where}{hint}", ref.pos)

    def call(self, e: n.Call, scope: Scope, aggregates: bool, in_aggregate: bool) -> Info:
        if e.udf:
            return self.udf(e, scope, aggregates, in_aggregate)
        spec = BUILTINS[e.name]
        if spec.category == "aggregate":
            if not aggregates:
                raise self.error(f"the aggregate function {e.name} is not allowed here (WHERE, GROUP BY,"
                                 " ON); use HAVING", e.pos)
            if in_aggregate:
                raise self.error(f"aggregate functions cannot be nested ({e.name})", e.pos)
            if e.star:
                return Info(T.LONG, aggregate=True)
            arg = self.expr(e.args[0], scope, aggregates, in_aggregate=True)
            if e.name == "COUNT":
                return Info(T.LONG, aggregate=True)
            if e.name in ("SUM", "AVG"):
                self.need(arg, "number", e.name, e.pos)
                vt = T.DOUBLE if e.name == "AVG" or not arg.vtype.is_integer else T.LONG
                return Info(vt, unit=arg.unit, aggregate=True)
            if arg.vtype.is_geometry:
                raise self.error(f"{e.name} cannot take a geometry", e.pos)
            return Info(arg.vtype, _renamed(arg.meta, None), arg.unit, aggregate=True)
        args = [self.expr(a, scope, aggregates, in_aggregate) for a in e.args]
        agg = any(a.aggregate for a in args)
        name = e.name
        if spec.category in ("math", "trig"):
            for a, arg in zip(e.args, args):
                self.need(arg, "number", name, a.pos)
            if name in ("ABS", "ROUND", "TRUNCATE", "CEILING", "FLOOR"):
                vt = args[0].vtype if not args[0].vtype.is_unknown else T.DOUBLE
                return Info(vt, unit=args[0].unit, aggregate=agg)
            if name == "MOD":
                return Info(T.wider_numeric(args[0].vtype, args[1].vtype), aggregate=agg)
            return Info(T.DOUBLE, unit="deg" if name == "DEGREES" else "rad" if name == "RADIANS" else None,
                        aggregate=agg)
        if spec.category == "string":
            self.need(args[0], "string", name, e.pos)
            return Info(T.STRING, aggregate=agg)
        if name == "COALESCE":
            return Info(self.common_type([a.vtype for a in args], name, e.pos), aggregate=agg,
                        unit=args[0].unit)
        if name == "IN_UNIT":
            self.need(args[0], "number", name, e.pos)
            target = e.args[1].value
            self.bound.unit_factor[id(e)] = self.unit_factor(args[0].unit, target, e.pos)
            return Info(T.DOUBLE, unit=target, aggregate=agg)
        return self.geometry_function(e, args, agg)

    def geometry_function(self, e: n.Call, args: list[Info], agg: bool) -> Info:
        name = e.name
        if name == "REGION":
            raise self.error("REGION (STC-S strings) is not supported by this service; use POINT, CIRCLE,"
                             " BOX or POLYGON", e.pos)
        if name in ("CONTAINS", "INTERSECTS"):
            for a, arg in zip(e.args, args):
                self.need(arg, "geometry", name, a.pos)
            return Info(T.INT, aggregate=agg)
        if name == "DISTANCE":
            kind = "point" if len(args) == 2 else "number"
            for a, arg in zip(e.args, args):
                self.need(arg, kind, name, a.pos)
            return Info(T.DOUBLE, unit="deg", aggregate=agg)
        if name in ("COORD1", "COORD2"):
            self.need(args[0], "point", name, e.pos)
            return Info(T.DOUBLE, unit="deg", aggregate=agg)
        self.need(args[0], "geometry", name, e.pos)
        if name == "AREA":
            return Info(T.DOUBLE, unit="deg**2", aggregate=agg)
        if name == "CENTROID":
            return Info(T.POINT, unit="deg", aggregate=agg)
        return Info(T.STRING, aggregate=agg)        # COORDSYS

    def udf(self, e: n.Call, scope: Scope, aggregates: bool, in_aggregate: bool) -> Info:
        args = [self.expr(a, scope, aggregates, in_aggregate) for a in e.args]
        table = self.udfs if self.udfs is not ANY_FUNCTION else udf_table(None)
        signatures = [s for s in table.get(e.name, ()) if s.arity == len(args)]
        if not signatures:
            raise self.error(f"unknown function '{e.name}' with {len(args)} arguments", e.pos)
        for signature in signatures:
            if all(_fits(arg.vtype, ptype) for arg, (_, ptype) in zip(args, signature.params)):
                self.bound.udf_signature[id(e)] = signature
                return Info(signature.returns, aggregate=any(a.aggregate for a in args))
        wanted = " or ".join(s.form for s in signatures)
        raise self.error(f"wrong argument types for {e.name}; expected {wanted}", e.pos)

    def geometry(self, e: n.Geometry, scope: Scope, aggregates: bool, in_aggregate: bool) -> Info:
        if e.coordsys is not None and e.coordsys.kind == "string" and \
                e.coordsys.value.strip().upper().split(" ")[0] not in _ICRS_NAMES:
            raise self.error(f"unsupported coordinate system '{e.coordsys.value}'; this service supports"
                             " ICRS only (or leave it empty)", e.coordsys.pos)
        args = [self.expr(a, scope, aggregates, in_aggregate) for a in e.args]
        points = [a.vtype.xtype == "point" for a in args]
        if e.name == "POLYGON":
            as_points = all(points)
            self.bound.polygon_points[id(e)] = as_points
            if not as_points and (len(args) < 6 or len(args) % 2):
                raise self.error("POLYGON needs at least three vertices, as pairs of numbers or as points",
                                 e.pos)
        if e.name in ("CIRCLE", "BOX") and len(args) == (2 if e.name == "CIRCLE" else 3):
            self.need(args[0], "point", e.name, e.args[0].pos)
            rest = list(zip(e.args[1:], args[1:]))
        elif e.name == "POLYGON" and self.bound.polygon_points[id(e)]:
            rest = []
        else:
            rest = list(zip(e.args, args))
        for a, arg in rest:
            self.need(arg, "number", e.name, a.pos)
        self.possible_shape(e)
        vt = {"POINT": T.POINT, "CIRCLE": T.CIRCLE}.get(e.name, T.POLYGON)
        return Info(vt, unit="deg", aggregate=any(a.aggregate for a in args))

    def possible_shape(self, e: n.Geometry) -> None:
        """Refuse shapes no sky holds where they are written as numbers; column values are left to run time."""
        args = e.args
        if e.name == "POLYGON":
            latitudes = () if self.bound.polygon_points[id(e)] else args[1::2]
        else:
            latitudes = args[1:2] if len(args) == _CENTRE_FORM_ARITY[e.name] else ()
        for a in latitudes:
            dec = _constant_number(a)
            if dec is not None and abs(dec) > POLE_DEG:
                raise self.error(f"{e.name}: the declination {dec:g} is outside -{POLE_DEG:g} to {POLE_DEG:g}"
                                 " degrees", a.pos)
        radius = _constant_number(args[-1]) if e.name == "CIRCLE" else None
        if radius is not None and not 0 <= radius <= MAX_RADIUS_DEG:
            raise self.error(f"CIRCLE: the radius {radius:g} is outside 0 to {MAX_RADIUS_DEG:g} degrees",
                             args[-1].pos)

    def cast(self, e: n.Cast, scope: Scope, aggregates: bool, in_aggregate: bool) -> Info:
        info = self.expr(e.operand, scope, aggregates, in_aggregate)
        target = e.target
        vt = T.from_sql_type(target.name, str(target.length) if target.length else None)
        source = info.vtype
        if source.is_geometry and not vt.is_string:
            raise self.error(f"cannot CAST a {source.describe()} to {target.name}", e.pos)
        if vt.is_geometry and not (source.is_string or source.is_unknown or source.xtype == vt.xtype):
            raise self.error(f"only strings (DALI serialisation) can be CAST to {target.name}", e.pos)
        if source.is_geometry and vt.is_string:
            raise self.error("CAST of a geometry to a string is not supported", e.pos)
        return Info(vt, unit=info.unit if vt.is_numeric else None, aggregate=info.aggregate)

    def case(self, e: n.Case, scope: Scope, aggregates: bool, in_aggregate: bool) -> Info:
        agg = False
        if e.operand is not None:
            operand = self.expr(e.operand, scope, aggregates, in_aggregate)
            agg = operand.aggregate
        results = []
        for test, result in e.whens:
            if e.operand is not None:
                self.comparable(operand.vtype, self.expr(test, scope, aggregates, in_aggregate).vtype,
                                "CASE", e.pos)
            else:
                self.condition(test, scope, aggregates)
            info = self.expr(result, scope, aggregates, in_aggregate)
            agg = agg or info.aggregate
            results.append(info.vtype)
        if e.default is not None:
            info = self.expr(e.default, scope, aggregates, in_aggregate)
            agg = agg or info.aggregate
            results.append(info.vtype)
        return Info(self.common_type(results, "CASE", e.pos), aggregate=agg)

    def common_type(self, vtypes: list[ValueType], what: str, pos: int) -> ValueType:
        known = [v for v in vtypes if not v.is_unknown]
        if not known:
            return T.UNKNOWN
        if all(v.is_numeric for v in known):
            result = known[0]
            for v in known[1:]:
                result = T.wider_numeric(result, v)
            return result
        if all(v.is_string for v in known):
            return T.STRING
        if all(v.xtype == known[0].xtype for v in known):
            return known[0]
        raise self.error(f"{what} mixes values of different types ("
                         f"{', '.join(sorted({v.describe() for v in known}))})", pos)

    def unit_factor(self, source: str | None, target: str, pos: int) -> float:
        if not source:
            raise self.error("IN_UNIT needs a value whose unit is known (a column with a unit)", pos)
        from astropy import units as u  # imported here: only IN_UNIT needs it
        try:
            return float(_unit(u, source).to(_unit(u, target)))
        except (ValueError, TypeError, u.UnitsError) as exc:
            raise self.error(f"cannot convert '{source}' to '{target}': {exc}", pos) from None


def _unit(u, text: str):
    try:
        return u.Unit(text, format="vounit")
    except ValueError:
        return u.Unit(text)


def _constant_number(e: n.Expr) -> float | None:
    """The value of a number written as a literal (with any signs), else None."""
    if isinstance(e, n.Unary) and e.op in ("+", "-"):
        value = _constant_number(e.operand)
        return None if value is None else (-value if e.op == "-" else value)
    if isinstance(e, n.Literal) and e.kind in ("integer", "number"):
        return float(e.value)
    return None


def _fits(actual: ValueType, wanted: ValueType) -> bool:
    if actual.is_unknown:
        return True
    if wanted.is_geometry:
        return actual.xtype == wanted.xtype
    if wanted.is_numeric:
        return actual.is_numeric
    if wanted.is_string:
        return actual.is_string
    return True


def _column_type(c: Column) -> ValueType:
    return ValueType(c.datatype, c.arraysize, c.xtype)


def _renamed(meta: Column | None, name: str | None) -> Column | None:
    if meta is None:
        return None
    return Column(name or meta.name, meta.datatype, meta.arraysize, meta.xtype, meta.unit, meta.ucd,
                  meta.utype, meta.description)


def _is_output_alias(output: Output, ref: n.ColumnRef) -> bool:
    return output.expr is not None and not (isinstance(output.expr, n.ColumnRef)
                                            and output.expr.parts[-1].matches(ref.parts[0].name))


def _free_column_refs(e) -> list[n.ColumnRef]:
    """Column references of ``e`` outside aggregate functions and subqueries."""
    found = []
    stack = [e]
    while stack:
        node = stack.pop()
        if isinstance(node, n.ColumnRef):
            found.append(node)
        elif isinstance(node, n.Call) and not node.udf and BUILTINS[node.name].category == "aggregate":
            continue
        elif isinstance(node, (n.ScalarSubquery, n.Exists, n.InQuery)):
            if isinstance(node, n.InQuery):
                stack.append(node.operand)
            continue
        elif isinstance(node, (n.Unary, n.Not)):
            stack.append(node.operand)
        elif isinstance(node, (n.Binary, n.BoolOp, n.Comparison)):
            stack.extend((node.left, node.right))
        elif isinstance(node, (n.Call, n.Geometry)):
            stack.extend(node.args)
        elif isinstance(node, n.Cast):
            stack.append(node.operand)
        elif isinstance(node, n.Case):
            if node.operand is not None:
                stack.append(node.operand)
            for test, result in node.whens:
                stack.extend((test, result))
            if node.default is not None:
                stack.append(node.default)
        elif isinstance(node, n.Between):
            stack.extend((node.operand, node.low, node.high))
        elif isinstance(node, n.InList):
            stack.append(node.operand)
            stack.extend(node.items)
        elif isinstance(node, (n.Like,)):
            stack.extend((node.operand, node.pattern))
        elif isinstance(node, n.IsNull):
            stack.append(node.operand)
    return found


def expression_signature(e, bound: Bound) -> tuple:
    """Structural identity of an expression, with column references replaced by what they resolve to."""
    if isinstance(e, n.ColumnRef):
        return ("col", bound.column_sql.get(id(e)))
    if isinstance(e, n.Literal):
        return ("lit", e.kind, e.value)
    if isinstance(e, n.Unary):
        return ("u", e.op, expression_signature(e.operand, bound))
    if isinstance(e, n.Binary):
        return ("b", e.op, expression_signature(e.left, bound), expression_signature(e.right, bound))
    if isinstance(e, (n.Call, n.Geometry)):
        return ("f", e.name, tuple(expression_signature(a, bound) for a in e.args))
    if isinstance(e, n.Cast):
        return ("cast", e.target.name, e.target.length, expression_signature(e.operand, bound))
    return ("node", id(e))


def _make_unique(outputs: list[Output]) -> None:
    """Give duplicate output names a suffix _1, _2... (first occurrence keeps its name)."""
    seen: set[str] = set()
    for output in outputs:
        name = output.name
        if name.lower() in seen:
            k = 1
            while f"{name}_{k}".lower() in seen:
                k += 1
            name = f"{name}_{k}"
        seen.add(name.lower())
        output.name = name


def quote(identifier: str) -> str:
    """SQL delimited identifier (same rule for SQLite and PostgreSQL)."""
    return '"' + identifier.replace('"', '""') + '"'


def validate(tree: n.Query, schema: Schema) -> ValidatedQuery:
    """Resolve ``tree`` against ``schema``; raises ADQLValidationError."""
    if not isinstance(tree, n.Query):
        raise ADQLValidationError("validate() takes the result of adql.parse()")
    validator = Validator(tree, schema)
    try:
        outputs = validator.query_expression(tree.root, None, {})
    except RecursionError:
        raise ADQLValidationError("the query is nested too deeply", 1, 1) from None
    columns = tuple(_output_column(o) for o in outputs)
    return ValidatedQuery(tree, columns, validator.bound)


def _output_column(o: Output) -> Column:
    vt = o.info.vtype
    meta = o.info.meta
    if meta is not None:
        return Column(o.name, meta.datatype, meta.arraysize, meta.xtype, meta.unit, meta.ucd, meta.utype,
                      meta.description, o.name)
    if vt.is_unknown:
        return Column(o.name, "char", "*", sql_name=o.name)
    return Column(o.name, vt.datatype, vt.arraysize, vt.xtype if vt.xtype != "region" else None,
                  o.info.unit, sql_name=o.name)
