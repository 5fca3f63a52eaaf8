"""ADQL 2.0/2.1 engine: parse, validate against published tables, translate to SQLite or PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterable

from . import capabilities, sqlite_functions
from .errors import ADQLError, ADQLSyntaxError, ADQLValidationError
from .keywords import RESERVED_WORDS
from .nodes import Query
from .parser import parse_query
from .schema import Column, Schema, Table
from .sql_postgresql import PostgreSQLGenerator
from .sql_sqlite import SQLiteGenerator
from .udf import ANY_FUNCTION, udf_table
from .validator import ValidatedQuery, validate

VERSIONS = ("2.0", "2.1")


def parse(text: str, *, version: str = "2.1",
          udfs: None | Iterable[str] | object = None) -> Query:
    """Check the syntax of ``text`` (no table lookup) and return its tree.

    ``udfs``: TAPRegExt signatures of the user-defined functions allowed; ``None`` means the
    service's own (:data:`adql.udf.SERVICE_UDFS`), :data:`ANY_FUNCTION` accepts any name.
    """
    if version not in VERSIONS:
        raise ADQLSyntaxError(f"unsupported ADQL version {version!r}; use one of {', '.join(VERSIONS)}")
    if not isinstance(text, str):
        raise ADQLSyntaxError("the query must be text")
    if not text.strip():
        raise ADQLSyntaxError("the query is empty", 1, 1)
    return parse_query(text, version, udf_table(udfs))


_GENERATORS = {"sqlite": SQLiteGenerator, "postgresql": PostgreSQLGenerator}
DIALECTS = tuple(_GENERATORS)


def to_sql(validated: ValidatedQuery, dialect: str, *, row_limit: int | None = None) -> str:
    """SQL for ``dialect`` ('sqlite' or 'postgresql'); ``row_limit`` (MAXREC + 1) caps the rows."""
    generator = _GENERATORS.get(dialect)
    if generator is None:
        raise ADQLError(f"unknown SQL dialect {dialect!r}; use one of {', '.join(DIALECTS)}")
    if not isinstance(validated, ValidatedQuery):
        raise ADQLError("to_sql() takes the result of adql.validate()")
    if row_limit is not None and (not isinstance(row_limit, int) or row_limit < 0):
        raise ADQLError(f"row_limit must be a non-negative integer, not {row_limit!r}")
    try:
        return generator(validated, row_limit).generate()
    except RecursionError:
        raise ADQLValidationError("the query is nested too deeply", 1, 1) from None


def cli_main(argv: list[str], stdin, stdout, schema: Schema | None = None) -> int:
    """``check [FILE]`` / ``translate --dialect D [FILE]``; see :mod:`adql.cli`."""
    from .cli import main
    return main(argv, stdin, stdout, schema)


__all__ = ["ADQLError", "ADQLSyntaxError", "ADQLValidationError", "ANY_FUNCTION", "Column", "DIALECTS",
           "Query", "RESERVED_WORDS", "Schema", "Table", "ValidatedQuery", "capabilities", "cli_main",
           "parse", "sqlite_functions", "to_sql", "validate"]
