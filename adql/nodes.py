"""Typed syntax tree of an ADQL query; ``pos`` is the character offset of each node in the query text."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Identifier:
    """A name as written: regular identifiers compare case-insensitively, delimited ones exactly."""
    name: str
    delimited: bool = False

    def matches(self, published: str) -> bool:
        if self.delimited:
            return self.name == published
        return self.name.lower() == published.lower()

    def __str__(self) -> str:
        return f'"{self.name}"' if self.delimited else self.name


# ---- value expressions -------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class ColumnRef:
    pos: int
    parts: tuple[Identifier, ...]


@dataclass(slots=True, eq=False)
class Literal:
    pos: int
    kind: str            # "integer", "number", "string", "hex", "null"
    value: str           # integer/number text, unescaped string, hex digits text


@dataclass(slots=True, eq=False)
class Unary:
    pos: int
    op: str              # "-", "+", "~"
    operand: Expr


@dataclass(slots=True, eq=False)
class Binary:
    pos: int
    op: str              # "+", "-", "*", "/", "||", "&", "|", "^"
    left: Expr
    right: Expr


@dataclass(slots=True, eq=False)
class Call:
    """Built-in function, aggregate or user-defined function call (name upper-cased)."""
    pos: int
    name: str
    args: tuple[Expr, ...]
    distinct: bool = False
    star: bool = False   # COUNT(*)
    udf: bool = False


@dataclass(slots=True, eq=False)
class Geometry:
    """POINT, CIRCLE, BOX or POLYGON constructor; ``coordsys`` is the optional first literal."""
    pos: int
    name: str
    coordsys: Literal | None
    args: tuple[Expr, ...]


@dataclass(slots=True, eq=False)
class TypeSpec:
    name: str            # SMALLINT INTEGER BIGINT REAL DOUBLE CHAR VARCHAR TIMESTAMP POINT CIRCLE POLYGON
    length: int | None = None


@dataclass(slots=True, eq=False)
class Cast:
    pos: int
    operand: Expr
    target: TypeSpec


@dataclass(slots=True, eq=False)
class Case:
    pos: int
    operand: Expr | None                       # simple CASE compares it with each WHEN value
    whens: tuple[tuple[Expr | Condition, Expr], ...]
    default: Expr | None


@dataclass(slots=True, eq=False)
class ScalarSubquery:
    pos: int
    query: QueryExpression


Expr = ColumnRef | Literal | Unary | Binary | Call | Geometry | Cast | Case | ScalarSubquery


# ---- search conditions ---------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class Comparison:
    pos: int
    op: str              # "=", "<>", "<", ">", "<=", ">=" ("!=" is stored as "<>")
    left: Expr
    right: Expr


@dataclass(slots=True, eq=False)
class Between:
    pos: int
    operand: Expr
    low: Expr
    high: Expr
    negated: bool


@dataclass(slots=True, eq=False)
class InList:
    pos: int
    operand: Expr
    items: tuple[Expr, ...]
    negated: bool


@dataclass(slots=True, eq=False)
class InQuery:
    pos: int
    operand: Expr
    query: QueryExpression
    negated: bool


@dataclass(slots=True, eq=False)
class Like:
    pos: int
    operand: Expr
    pattern: Expr
    negated: bool
    insensitive: bool    # ILIKE


@dataclass(slots=True, eq=False)
class IsNull:
    pos: int
    operand: Expr
    negated: bool


@dataclass(slots=True, eq=False)
class Exists:
    pos: int
    query: QueryExpression


@dataclass(slots=True, eq=False)
class BoolOp:
    pos: int
    op: str              # "AND", "OR"
    left: Condition
    right: Condition


@dataclass(slots=True, eq=False)
class Not:
    pos: int
    operand: Condition


Condition = Comparison | Between | InList | InQuery | Like | IsNull | Exists | BoolOp | Not


# ---- FROM clause ---------------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class TableName:
    pos: int
    parts: tuple[Identifier, ...]    # [catalog.][schema.]table
    alias: Identifier | None


@dataclass(slots=True, eq=False)
class DerivedTable:
    pos: int
    query: QueryExpression
    alias: Identifier


@dataclass(slots=True, eq=False)
class Join:
    pos: int
    kind: str            # "INNER", "LEFT", "RIGHT", "FULL", "CROSS"
    natural: bool
    left: FromItem
    right: FromItem
    condition: Condition | None
    using: tuple[Identifier, ...]


FromItem = TableName | DerivedTable | Join


# ---- queries -------------------------------------------------------------------------------

@dataclass(slots=True, eq=False)
class SelectItem:
    pos: int
    expr: Expr
    alias: Identifier | None


@dataclass(slots=True, eq=False)
class StarItem:
    pos: int
    qualifier: tuple[Identifier, ...] | None


@dataclass(slots=True, eq=False)
class OrderItem:
    pos: int
    expr: Expr
    descending: bool


@dataclass(slots=True, eq=False)
class SelectQuery:
    pos: int
    distinct: bool
    top: int | None
    items: tuple[SelectItem | StarItem, ...]
    from_: tuple[FromItem, ...]
    where: Condition | None
    group_by: tuple[Expr, ...]
    having: Condition | None


@dataclass(slots=True, eq=False)
class SetOperation:
    pos: int
    op: str              # "UNION", "INTERSECT", "EXCEPT"
    all: bool
    left: QueryBody
    right: QueryBody


@dataclass(slots=True, eq=False)
class CommonTable:
    pos: int
    name: Identifier
    query: QueryExpression


@dataclass(slots=True, eq=False)
class QueryExpression:
    """A query with its own ORDER BY / OFFSET; WITH only on the outermost one."""
    pos: int
    ctes: tuple[CommonTable, ...]
    body: QueryBody
    order_by: tuple[OrderItem, ...] = ()
    offset: int | None = None


QueryBody = SelectQuery | SetOperation | QueryExpression


@dataclass(slots=True, eq=False)
class Query:
    """What ``adql.parse`` returns: the tree plus the text (for error positions) and the version."""
    text: str
    version: str
    root: QueryExpression
    functions: dict = field(default_factory=dict)   # lower-case UDF name -> signatures used by the parser
