"""Recursive-descent parser for ADQL 2.0 / 2.1 following the Recommendation's BNF."""
from __future__ import annotations

import difflib
import math
import sys
from collections.abc import Callable

from . import nodes as n
from .errors import ADQLSyntaxError, line_column
from .functions import BUILTINS, CAST_TYPES, GEOMETRY_CONSTRUCTORS
from .keywords import CLAUSE_WORDS, RESERVED_WORDS
from .lexer import EOF, HEX, IDENT, INTEGER, NUMBER, OP, QUOTED, STRING, Token, tokenize
from .udf import ANY_FUNCTION, UdfTable

# Nesting is budgeted in entries of SQLite's parser stack (YYSTACKDEPTH, 100 in the SQLite builds
# Python ships; PostgreSQL accepts far deeper SQL). Each construct costs about what its translation
# costs there (measured per level: a subquery 9-10, CASE 5.6, a function call or an operand in
# parentheses 3.3, NOT or CAST 2.2); the budget keeps a fifth of the stack for the outer SELECT.
NESTING_BUDGET = 80
QUERY_NESTING = 10
CASE_NESTING = 6
OPERATION_NESTING = 4
PARENTHESES_NESTING = 1
# Operands joined by operators in a row (a OR b OR ..., a + b - ...): the SQL is written flat, so
# SQLite's limit is its expression depth of 1000 (SQLITE_MAX_EXPR_DEPTH), and Python's recursion limit
# of 1000 binds first: the validator recurses once per condition and twice per arithmetic operand.
MAX_CONDITION_TERMS = 500
MAX_ARITHMETIC_TERMS = 200
_COMPARISON = {"=": "=", "<>": "<>", "!=": "<>", "<": "<", ">": ">", "<=": "<=", ">=": ">="}
_BINARY_PRECEDENCE = {"|": 1, "^": 2, "&": 3, "||": 4, "+": 5, "-": 5, "*": 6, "/": 6}
_BITWISE = {"|", "^", "&", "~"}
_VALUE_CONTINUATIONS = set(_COMPARISON) | set(_BINARY_PRECEDENCE)
_PREDICATE_WORDS = {"BETWEEN", "IN", "LIKE", "ILIKE", "IS", "NOT"}
_JOIN_STARTS = {"JOIN", "NATURAL", "INNER", "LEFT", "RIGHT", "FULL", "CROSS"}


class Parser:
    """One parse of one query text; use :func:`parse_query`."""

    def __init__(self, text: str, version: str, udfs: UdfTable) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.i = 0
        self.v21 = version == "2.1"
        self.version = version
        self.udfs = udfs
        self.depth = 0

    # ---- token helpers -------------------------------------------------------------------

    @property
    def tok(self) -> Token:
        return self.tokens[self.i]

    def peek(self, k: int = 1) -> Token:
        return self.tokens[min(self.i + k, len(self.tokens) - 1)]

    def at_kw(self, word: str, k: int = 0) -> bool:
        t = self.peek(k) if k else self.tokens[self.i]
        return t.kind == IDENT and t.upper == word

    def accept_kw(self, word: str) -> Token | None:
        t = self.tokens[self.i]
        if t.kind == IDENT and t.upper == word:
            self.i += 1
            return t
        return None

    def expect_kw(self, word: str) -> Token:
        t = self.accept_kw(word)
        if t is None:
            raise self.expected(word)
        return t

    def at_op(self, op: str, k: int = 0) -> bool:
        t = self.peek(k) if k else self.tokens[self.i]
        return t.kind == OP and t.value == op

    def accept_op(self, op: str) -> Token | None:
        t = self.tokens[self.i]
        if t.kind == OP and t.value == op:
            self.i += 1
            return t
        return None

    def expect_op(self, op: str) -> Token:
        t = self.accept_op(op)
        if t is None:
            raise self.expected(f"'{op}'")
        return t

    def error(self, message: str, pos: int | None = None) -> ADQLSyntaxError:
        line, column = line_column(self.text, self.tok.pos if pos is None else pos)
        return ADQLSyntaxError(message, line, column)

    def expected(self, what: str) -> ADQLSyntaxError:
        return self.error(f"expected {what}, found {describe(self.tok)}")

    def need_21(self, feature: str, pos: int) -> None:
        if not self.v21:
            raise self.error(f"{feature} needs ADQL 2.1 (this query is parsed as ADQL {self.version})", pos)

    def enter(self, pos: int, cost: int) -> None:
        """One level deeper; ``cost`` is what the level takes of the databases' nesting budget."""
        self.depth += cost
        if self.depth > NESTING_BUDGET:
            raise self.error("the query is nested too deeply here for the database (subqueries, function calls,"
                             " CASE and parentheses inside each other); simplify or split this part", pos)

    def leave(self, cost: int) -> None:
        self.depth -= cost

    def check_chain(self, terms: int, limit: int, op: str, pos: int) -> None:
        if terms > limit:
            hint = "; for a list of values write column IN (v1, v2, ...)" if op == "OR" else ""
            raise self.error(f"more than {limit} operands joined by {op} in a row are more than the"
                             f" database accepts{hint}", pos)

    def attempt(self, *alternatives: Callable[[], object]) -> object:
        """First alternative that parses; else the error that got furthest."""
        start, depth, errors = self.i, self.depth, []
        for alternative in alternatives:
            try:
                return alternative()
            except ADQLSyntaxError as exc:
                errors.append((self.i, exc))
                self.i, self.depth = start, depth
        raise max(errors, key=lambda e: (e[1].line or 0, e[1].column or 0))[1]

    # ---- queries -------------------------------------------------------------------------

    def parse_top(self) -> n.QueryExpression:
        query = self.query_expression(allow_with=True)
        if self.tok.kind != EOF:
            if self.at_op(";"):
                raise self.error("ADQL queries do not end with ';' (remove it)")
            raise self.expected("the end of the query")
        return query

    def query_expression(self, allow_with: bool) -> n.QueryExpression:
        pos = self.tok.pos
        ctes: tuple[n.CommonTable, ...] = ()
        if self.at_kw("WITH"):
            if not allow_with:
                raise self.error("WITH is only allowed at the start of the whole query, not in a subquery")
            self.need_21("WITH", pos)
            ctes = self.with_clause()
        body = self.set_expression()
        order_by: tuple[n.OrderItem, ...] = ()
        offset = None
        if self.accept_kw("ORDER"):
            self.expect_kw("BY")
            order_by = self.order_by_list()
        if self.at_kw("OFFSET"):
            self.need_21("OFFSET", self.tok.pos)
            self.i += 1
            offset = self.unsigned_integer("OFFSET")
        if self.at_kw("LIMIT"):
            raise self.limit_is_not_adql()
        return n.QueryExpression(pos, ctes, body, order_by, offset)

    def at_limit_clause(self) -> bool:
        """LIMIT n, the row limit of other SQL dialects (``LIMIT`` alone may be an alias in ADQL)."""
        return self.at_kw("LIMIT") and self.peek().kind == INTEGER

    def limit_is_not_adql(self) -> ADQLSyntaxError:
        count = self.peek().value if self.peek().kind == INTEGER else "n"
        return self.error(f"LIMIT is not ADQL: ADQL uses SELECT TOP n; write SELECT TOP {count} ..."
                          f" instead of LIMIT {count}")

    def with_clause(self) -> tuple[n.CommonTable, ...]:
        self.expect_kw("WITH")
        ctes = []
        while True:
            pos = self.tok.pos
            name = self.identifier("common table name")
            self.expect_kw("AS")
            self.expect_op("(")
            self.enter(pos, QUERY_NESTING)
            query = self.query_expression(allow_with=False)
            self.leave(QUERY_NESTING)
            self.expect_op(")")
            ctes.append(n.CommonTable(pos, name, query))
            if not self.accept_op(","):
                return tuple(ctes)

    def set_expression(self) -> n.QueryBody:
        left = self.set_term()
        while self.at_kw("UNION") or self.at_kw("EXCEPT"):
            pos, op = self.tok.pos, self.tok.upper
            self.need_21(op, pos)
            self.i += 1
            all_ = self.accept_kw("ALL") is not None
            left = n.SetOperation(pos, op, all_, left, self.set_term())
        return left

    def set_term(self) -> n.QueryBody:
        left = self.set_primary()
        while self.at_kw("INTERSECT"):
            pos = self.tok.pos
            self.need_21("INTERSECT", pos)
            self.i += 1
            all_ = self.accept_kw("ALL") is not None
            left = n.SetOperation(pos, "INTERSECT", all_, left, self.set_primary())
        return left

    def set_primary(self) -> n.QueryBody:
        if self.at_op("("):
            pos = self.tok.pos
            self.i += 1
            self.enter(pos, QUERY_NESTING)
            query = self.query_expression(allow_with=False)
            self.leave(QUERY_NESTING)
            self.expect_op(")")
            return query
        if self.at_kw("SELECT"):
            return self.select()
        raise self.expected("SELECT")

    def select(self) -> n.SelectQuery:
        pos = self.expect_kw("SELECT").pos
        distinct = False
        if self.accept_kw("DISTINCT"):
            distinct = True
        else:
            self.accept_kw("ALL")
        top = None
        if self.accept_kw("TOP"):
            top = self.unsigned_integer("TOP")
        items = self.select_list()
        if not self.at_kw("FROM"):
            raise self.expected("FROM (or ',' and another column)" if items else "FROM")
        self.i += 1
        from_ = [self.table_reference()]
        while self.accept_op(","):
            from_.append(self.table_reference())
        where = having = None
        group_by: tuple[n.Expr, ...] = ()
        if self.accept_kw("WHERE"):
            where = self.condition()
        if self.accept_kw("GROUP"):
            self.expect_kw("BY")
            terms = [self.value()]
            while self.accept_op(","):
                terms.append(self.value())
            group_by = tuple(terms)
        if self.accept_kw("HAVING"):
            having = self.condition()
        return n.SelectQuery(pos, distinct, top, tuple(items), tuple(from_), where, group_by, having)

    def unsigned_integer(self, clause: str) -> int:
        t = self.tok
        if t.kind != INTEGER:
            raise self.error(f"{clause} needs a non-negative integer, found {describe(t)}")
        self.i += 1
        return int(t.value)

    def select_list(self) -> list:
        if self.at_kw("FROM"):
            raise self.expected("a column, an expression or '*' to select")
        items = [self.select_item()]
        while self.accept_op(","):
            items.append(self.select_item())
        return items

    def select_item(self):
        pos = self.tok.pos
        if self.accept_op("*"):
            return n.StarItem(pos, None)
        qualifier = self.qualified_star()
        if qualifier is not None:
            return n.StarItem(pos, qualifier)
        expr = self.value()
        return n.SelectItem(pos, expr, self.optional_alias("column alias"))

    def qualified_star(self) -> tuple[n.Identifier, ...] | None:
        j = self.i
        while self.tokens[j].kind in (IDENT, QUOTED) and self.tokens[j + 1].kind == OP \
                and self.tokens[j + 1].value == ".":
            j += 2
        if j == self.i or not (self.tokens[j].kind == OP and self.tokens[j].value == "*"):
            return None
        parts = []
        while not self.at_op("*"):
            parts.append(self.identifier("table name"))
            self.expect_op(".")
        self.i += 1
        if len(parts) > 3:
            raise self.error("a table name has at most three parts (catalog.schema.table)", self.tokens[j].pos)
        return tuple(parts)

    def optional_alias(self, what: str) -> n.Identifier | None:
        if self.accept_kw("AS"):
            return self.identifier(what)
        t = self.tok
        if t.kind == QUOTED or (t.kind == IDENT and t.upper not in RESERVED_WORDS
                                and t.upper not in CLAUSE_WORDS and not self.at_limit_clause()):
            return self.identifier(what)
        return None

    def identifier(self, what: str) -> n.Identifier:
        t = self.tok
        if t.kind == QUOTED:
            self.i += 1
            return n.Identifier(t.value, True)
        if t.kind == IDENT:
            if t.upper in RESERVED_WORDS:
                raise self.error(f"'{t.value}' is a reserved word and cannot be a {what};"
                                 f' write "{t.value}" in double quotes to use it as a name')
            self.i += 1
            return n.Identifier(t.value, False)
        raise self.expected(f"a {what}")

    def order_by_list(self) -> tuple[n.OrderItem, ...]:
        items = []
        while True:
            pos = self.tok.pos
            expr = self.value()
            descending = False
            if self.accept_kw("DESC"):
                descending = True
            else:
                self.accept_kw("ASC")
            items.append(n.OrderItem(pos, expr, descending))
            if not self.accept_op(","):
                return tuple(items)

    # ---- FROM ----------------------------------------------------------------------------

    def table_reference(self) -> n.FromItem:
        left = self.table_primary()
        while True:
            pos = self.tok.pos
            kind, natural = self.join_keywords()
            if kind is None:
                return left
            right = self.table_primary()
            condition, using = None, ()
            if self.at_kw("ON") or self.at_kw("USING"):
                if natural or kind == "CROSS":
                    raise self.error(f"{'NATURAL' if natural else 'CROSS'} JOIN takes no ON or USING")
                if self.accept_kw("ON"):
                    condition = self.condition()
                else:
                    self.i += 1
                    using = self.using_list()
            elif not natural and kind != "CROSS":
                raise self.expected("ON or USING after the joined table (or write NATURAL JOIN or CROSS JOIN)")
            left = n.Join(pos, kind, natural, left, right, condition, using)

    def join_keywords(self) -> tuple[str | None, bool]:
        if not (self.tok.kind == IDENT and self.tok.upper in _JOIN_STARTS):
            return None, False
        if self.accept_kw("CROSS"):
            self.expect_kw("JOIN")
            return "CROSS", False
        natural = self.accept_kw("NATURAL") is not None
        kind = "INNER"
        if self.accept_kw("INNER"):
            pass
        elif self.tok.kind == IDENT and self.tok.upper in ("LEFT", "RIGHT", "FULL"):
            kind = self.tok.upper
            self.i += 1
            self.accept_kw("OUTER")
        self.expect_kw("JOIN")
        return kind, natural

    def using_list(self) -> tuple[n.Identifier, ...]:
        self.expect_op("(")
        names = [self.identifier("column name")]
        while self.accept_op(","):
            names.append(self.identifier("column name"))
        self.expect_op(")")
        return tuple(names)

    def table_primary(self) -> n.FromItem:
        pos = self.tok.pos
        if self.at_op("("):
            self.enter(pos, QUERY_NESTING)
            if self.at_kw("SELECT", 1) or self.at_kw("WITH", 1):
                result = self.derived_table()
            elif self.at_op("(", 1):
                result = self.attempt(self.derived_table, self.parenthesized_join)
            else:
                result = self.parenthesized_join()
            self.leave(QUERY_NESTING)
            return result
        parts = [self.identifier("table name")]
        while self.accept_op("."):
            parts.append(self.identifier("table name"))
        if len(parts) > 3:
            raise self.error("a table name has at most three parts (catalog.schema.table)", pos)
        return n.TableName(pos, tuple(parts), self.optional_alias("table alias"))

    def derived_table(self) -> n.DerivedTable:
        pos = self.expect_op("(").pos
        query = self.query_expression(allow_with=False)
        self.expect_op(")")
        alias = self.optional_alias("table alias")
        if alias is None:
            raise self.expected("a name for the subquery ([AS] name)")
        return n.DerivedTable(pos, query, alias)

    def parenthesized_join(self) -> n.Join:
        self.expect_op("(")
        inner = self.table_reference()
        if not isinstance(inner, n.Join):
            raise self.expected("JOIN (only joined tables and subqueries may stand in parentheses)")
        self.expect_op(")")
        return inner

    # ---- search conditions ---------------------------------------------------------------

    def condition(self) -> n.Condition:
        left, terms = self.and_condition(), 1
        while self.at_kw("OR"):
            pos, terms = self.tok.pos, terms + 1
            self.check_chain(terms, MAX_CONDITION_TERMS, "OR", pos)
            self.i += 1
            left = n.BoolOp(pos, "OR", left, self.and_condition())
        return left

    def and_condition(self) -> n.Condition:
        left, terms = self.not_condition(), 1
        while self.at_kw("AND"):
            pos, terms = self.tok.pos, terms + 1
            self.check_chain(terms, MAX_CONDITION_TERMS, "AND", pos)
            self.i += 1
            left = n.BoolOp(pos, "AND", left, self.not_condition())
        return left

    def not_condition(self) -> n.Condition:
        if self.at_kw("NOT"):
            pos = self.tok.pos
            self.i += 1
            return n.Not(pos, self.boolean_primary())
        return self.boolean_primary()

    def boolean_primary(self) -> n.Condition:
        if self.at_op("(") and not (self.at_kw("SELECT", 1) or self.at_kw("WITH", 1)):
            return self.attempt(self.parenthesized_condition, self.predicate)
        return self.predicate()

    def parenthesized_condition(self) -> n.Condition:
        pos = self.expect_op("(").pos
        self.enter(pos, OPERATION_NESTING)
        inner = self.condition()
        self.leave(OPERATION_NESTING)
        self.expect_op(")")
        t = self.tok
        if (t.kind == OP and t.value in _VALUE_CONTINUATIONS) or (t.kind == IDENT and t.upper in _PREDICATE_WORDS):
            raise self.error(f"{describe(t)} cannot follow a parenthesized condition")
        return inner

    def predicate(self) -> n.Condition:
        pos = self.tok.pos
        if self.accept_kw("EXISTS"):
            return n.Exists(pos, self.subquery())
        left = self.value()
        t = self.tok
        if t.kind == OP and t.value in _COMPARISON:
            self.i += 1
            return n.Comparison(t.pos, _COMPARISON[t.value], left, self.value())
        negated = self.accept_kw("NOT") is not None
        t = self.tok
        word = t.upper if t.kind == IDENT else ""
        if word == "BETWEEN":
            self.i += 1
            low = self.value()
            self.expect_kw("AND")
            return n.Between(t.pos, left, low, self.value(), negated)
        if word == "IN":
            self.i += 1
            if self.at_op("(") and (self.at_kw("SELECT", 1) or self.at_kw("WITH", 1)):
                return n.InQuery(t.pos, left, self.subquery(), negated)
            if self.at_op("(") and self.at_op("(", 1):
                return self.attempt(lambda: n.InQuery(t.pos, left, self.subquery(), negated),
                                    lambda: n.InList(t.pos, left, self.value_list(), negated))
            return n.InList(t.pos, left, self.value_list(), negated)
        if word in ("LIKE", "ILIKE"):
            if word == "ILIKE":
                self.need_21("ILIKE", t.pos)
            self.i += 1
            return n.Like(t.pos, left, self.value(), negated, word == "ILIKE")
        if word == "IS" and not negated:
            self.i += 1
            is_not = self.accept_kw("NOT") is not None
            self.expect_kw("NULL")
            return n.IsNull(t.pos, left, is_not)
        if negated:
            raise self.expected("BETWEEN, IN, LIKE or ILIKE after NOT")
        raise self.expected("a comparison (=, <>, <, >, <=, >=), BETWEEN, IN, LIKE or IS NULL"
                            " after the expression")

    def value_list(self) -> tuple[n.Expr, ...]:
        self.expect_op("(")
        items = [self.value()]
        while self.accept_op(","):
            items.append(self.value())
        self.expect_op(")")
        return tuple(items)

    def subquery(self) -> n.QueryExpression:
        pos = self.expect_op("(").pos
        self.enter(pos, QUERY_NESTING)
        query = self.query_expression(allow_with=False)
        self.leave(QUERY_NESTING)
        self.expect_op(")")
        return query

    # ---- value expressions ---------------------------------------------------------------

    def value(self, min_precedence: int = 1) -> n.Expr:
        left, terms = self.unary(), 1
        while True:
            t = self.tok
            if t.kind != OP:
                return left
            precedence = _BINARY_PRECEDENCE.get(t.value)
            if precedence is None or precedence < min_precedence:
                return left
            if t.value in _BITWISE:
                self.need_21("the bitwise operator " + t.value, t.pos)
            terms += 1
            self.check_chain(terms, MAX_ARITHMETIC_TERMS, "operators", t.pos)
            self.i += 1
            self.enter(t.pos, OPERATION_NESTING)
            right = self.value(precedence + 1)
            self.leave(OPERATION_NESTING)
            left = n.Binary(t.pos, t.value, left, right)

    def unary(self) -> n.Expr:
        t = self.tok
        if t.kind == OP and t.value in ("-", "+", "~"):
            if t.value == "~":
                self.need_21("the bitwise operator ~", t.pos)
            self.i += 1
            self.enter(t.pos, OPERATION_NESTING)
            operand = self.unary()
            self.leave(OPERATION_NESTING)
            return n.Unary(t.pos, t.value, operand)
        return self.primary()

    def primary(self) -> n.Expr:
        t = self.tok
        kind = t.kind
        if kind == INTEGER or kind == NUMBER:
            if not math.isfinite(float(t.value)):
                raise self.error(f"the number {t.value} is out of the range of double precision"
                                 f" (about ±{sys.float_info.max:.1e})", t.pos)
            self.i += 1
            return n.Literal(t.pos, "integer" if kind == INTEGER else "number", t.value)
        if kind == STRING:
            self.i += 1
            return n.Literal(t.pos, "string", t.value)
        if kind == HEX:
            self.need_21("a hexadecimal literal", t.pos)
            self.i += 1
            return n.Literal(t.pos, "hex", t.value)
        if kind == OP and t.value == "(":
            if self.at_kw("SELECT", 1) or self.at_kw("WITH", 1):
                return n.ScalarSubquery(t.pos, self.subquery())
            self.i += 1
            self.enter(t.pos, PARENTHESES_NESTING)
            result = self.value()
            self.leave(PARENTHESES_NESTING)
            self.expect_op(")")
            return result
        if kind == QUOTED:
            return self.column_reference()
        if kind == IDENT:
            word = t.upper
            if word == "NULL":
                self.i += 1
                return n.Literal(t.pos, "null", "NULL")
            if word == "CASE":
                return self.case()
            if word == "CAST":
                return self.cast()
            if self.at_op("(", 1):
                return self.function_call()
            return self.column_reference()
        raise self.expected("an expression")

    def column_reference(self) -> n.ColumnRef:
        pos = self.tok.pos
        parts = [self.identifier("column name")]
        while self.accept_op("."):
            parts.append(self.identifier("column name"))
        if len(parts) > 4:
            raise self.error("a column reference has at most four parts (catalog.schema.table.column)", pos)
        return n.ColumnRef(pos, tuple(parts))

    def case(self) -> n.Case:
        pos = self.expect_kw("CASE").pos
        self.need_21("CASE", pos)
        self.enter(pos, CASE_NESTING)
        operand = None if self.at_kw("WHEN") else self.value()
        whens = []
        while self.accept_kw("WHEN"):
            test = self.value() if operand is not None else self.condition()
            self.expect_kw("THEN")
            whens.append((test, self.value()))
        if not whens:
            raise self.expected("WHEN")
        default = self.value() if self.accept_kw("ELSE") else None
        self.expect_kw("END")
        self.leave(CASE_NESTING)
        return n.Case(pos, operand, tuple(whens), default)

    def cast(self) -> n.Cast:
        pos = self.expect_kw("CAST").pos
        self.need_21("CAST", pos)
        self.expect_op("(")
        self.enter(pos, OPERATION_NESTING)
        operand = self.value()
        self.leave(OPERATION_NESTING)
        self.expect_kw("AS")
        t = self.tok
        if t.kind != IDENT or t.upper not in CAST_TYPES:
            raise self.expected("a type (SMALLINT, INTEGER, BIGINT, REAL, DOUBLE PRECISION, CHAR, VARCHAR,"
                                " TIMESTAMP, POINT, CIRCLE or POLYGON)")
        self.i += 1
        name, length = t.upper, None
        if name == "DOUBLE":
            self.expect_kw("PRECISION")
        elif name in ("CHAR", "VARCHAR") and self.accept_op("("):
            length = self.unsigned_integer(f"the length of {name}")
            if length == 0:
                raise self.error(f"the length of {name} must be positive", t.pos)
            self.expect_op(")")
        self.expect_op(")")
        return n.Cast(pos, operand, n.TypeSpec(name, length))

    def function_call(self) -> n.Expr:
        t = self.tok
        name = t.upper
        spec = BUILTINS.get(name)
        if name in GEOMETRY_CONSTRUCTORS:
            self.i += 1
            return self.geometry(t, self.arguments(t))
        if spec is None:
            return self.udf_call(t)
        if spec.since == "2.1":
            self.need_21(name, t.pos)
        self.i += 1
        if spec.category == "aggregate":
            return self.aggregate(t)
        args = self.arguments(t)
        count = len(args)
        if count < spec.min_args or (spec.max_args >= 0 and count > spec.max_args):
            raise self.error(f"{name} takes {_arity_text(spec.min_args, spec.max_args)}, not {count}", t.pos)
        self.check_builtin_arguments(t, args)
        return n.Call(t.pos, name, args)

    def arguments(self, t: Token) -> tuple[n.Expr, ...]:
        self.expect_op("(")
        self.enter(t.pos, OPERATION_NESTING)
        args = []
        if not self.at_op(")"):
            args.append(self.value())
            while self.accept_op(","):
                args.append(self.value())
        self.expect_op(")")
        self.leave(OPERATION_NESTING)
        return tuple(args)

    def aggregate(self, t: Token) -> n.Call:
        self.expect_op("(")
        if t.upper == "COUNT" and self.accept_op("*"):
            self.expect_op(")")
            return n.Call(t.pos, "COUNT", (), star=True)
        distinct = self.accept_kw("DISTINCT") is not None
        if not distinct:
            self.accept_kw("ALL")
        self.enter(t.pos, OPERATION_NESTING)
        arg = self.value()
        self.leave(OPERATION_NESTING)
        self.expect_op(")")
        return n.Call(t.pos, t.upper, (arg,), distinct=distinct)

    def check_builtin_arguments(self, t: Token, args: tuple[n.Expr, ...]) -> None:
        name = t.upper
        if name == "RAND" and args and not _is_integer_literal(args[0], signed=False):
            raise self.error("RAND takes an optional unsigned integer seed", args[0].pos)
        if name in ("ROUND", "TRUNCATE") and len(args) == 2 and not _is_integer_literal(args[1], signed=True):
            raise self.error(f"the second argument of {name} must be an integer literal", args[1].pos)
        if name == "IN_UNIT" and not (isinstance(args[1], n.Literal) and args[1].kind == "string"):
            raise self.error("the second argument of IN_UNIT must be a unit string literal", args[1].pos)
        if name == "REGION" and not (isinstance(args[0], n.Literal) and args[0].kind == "string"):
            raise self.error("REGION takes a string literal", args[0].pos)
        if name in ("COORD1", "COORD2") and not self.is_coord_value(args[0]):
            raise self.error(f"{name} takes a point (POINT, CENTROID, a function or a column)", args[0].pos)
        if name == "DISTANCE":
            if len(args) == 3:
                raise self.error("DISTANCE takes two points or four numbers, not 3 arguments", t.pos)
            if len(args) == 2 and not all(self.is_coord_value(a) for a in args):
                raise self.error("DISTANCE of two arguments needs two points", t.pos)

    def is_coord_value(self, expr: n.Expr) -> bool:
        """<coord_value> of the BNF: a point-valued function or a column reference."""
        if isinstance(expr, n.ColumnRef):
            return True
        if isinstance(expr, n.Geometry):
            return expr.name == "POINT"
        return isinstance(expr, n.Call) and (expr.udf or expr.name == "CENTROID")

    def geometry(self, t: Token, args: tuple[n.Expr, ...]) -> n.Geometry:
        name = t.upper
        coordsys = None
        if args and isinstance(args[0], n.Literal) and args[0].kind in ("string", "null"):
            coordsys, args = args[0], args[1:]
        elif not self.v21:
            raise self.error(f"{name} needs a coordinate system string first in ADQL 2.0", t.pos)
        count = len(args)
        points = [self.is_coord_value(a) for a in args]
        if name == "POINT":
            ok = count == 2
            usage = "POINT([coordsys,] long, lat)"
        elif name == "CIRCLE":
            ok = count == 3 or (count == 2 and points[0])
            usage = "CIRCLE([coordsys,] long, lat, radius) or CIRCLE([coordsys,] point, radius)"
        elif name == "BOX":
            ok = count == 4 or (count == 3 and points[0])
            usage = "BOX([coordsys,] long, lat, width, height) or BOX([coordsys,] point, width, height)"
        else:
            ok = (count >= 3 and all(points)) or (count >= 6 and count % 2 == 0)
            usage = ("POLYGON([coordsys,] long1, lat1, long2, lat2, long3, lat3, ...)"
                     " or POLYGON([coordsys,] p1, p2, p3, ...)")
        if not ok:
            raise self.error(f"wrong arguments for {name}: {count} after the coordinate system; use {usage}"
                             if coordsys else f"wrong arguments for {name} ({count}); use {usage}", t.pos)
        return n.Geometry(t.pos, name, coordsys, args)

    def udf_call(self, t: Token) -> n.Call:
        if t.upper in RESERVED_WORDS:
            raise self.error(f"'{t.value}' is a reserved word, not a function")
        self.i += 1
        args = self.arguments(t)
        if self.udfs is not ANY_FUNCTION:
            signatures = self.udfs.get(t.value.lower())
            if signatures is None:
                known = sorted({s.name for sigs in self.udfs.values() for s in sigs} | set(BUILTINS))
                close = difflib.get_close_matches(t.value.lower(), [k.lower() for k in known], n=1)
                hint = f"; did you mean '{close[0]}'?" if close else ""
                raise self.error(f"unknown function '{t.value}'{hint}", t.pos)
            if not any(sig.arity == len(args) for sig in signatures):
                arities = " or ".join(str(a) for a in sorted({s.arity for s in signatures}))
                raise self.error(f"{t.value} takes {arities} arguments, not {len(args)}", t.pos)
        return n.Call(t.pos, t.value.lower(), args, udf=True)


def _is_integer_literal(expr: n.Expr, signed: bool) -> bool:
    if signed and isinstance(expr, n.Unary) and expr.op in "+-":
        expr = expr.operand
    return isinstance(expr, n.Literal) and expr.kind == "integer"


def _arity_text(low: int, high: int) -> str:
    if high < 0:
        return f"at least {low} argument{'s' if low != 1 else ''}"
    if low == high:
        return f"{low} argument{'s' if low != 1 else ''}"
    return f"{low} to {high} arguments"


def describe(t: Token) -> str:
    if t.kind == EOF:
        return "the end of the query"
    if t.kind == STRING:
        return f"the string '{t.value}'"
    if t.kind == QUOTED:
        return f'"{t.value}"'
    return f"'{t.value}'"


def parse_query(text: str, version: str, udfs: UdfTable) -> n.Query:
    """Parse ``text``; raises ADQLSyntaxError."""
    parser = Parser(text, version, udfs)
    try:
        root = parser.parse_top()
    except RecursionError:
        raise ADQLSyntaxError("the query is nested too deeply", 1, 1) from None
    return n.Query(text, version, root, udfs if isinstance(udfs, dict) else {})
