"""ADQL 2.0/2.1 engine: parse, validate against published tables, translate to SQLite or PostgreSQL."""
from __future__ import annotations

from typing import Iterable, Optional, Union

from .errors import ADQLError, ADQLSyntaxError, ADQLValidationError
from .keywords import RESERVED_WORDS
from .nodes import Query
from .parser import parse_query
from .udf import ANY_FUNCTION, udf_table

VERSIONS = ("2.0", "2.1")


def parse(text: str, *, version: str = "2.1",
          udfs: Union[None, Iterable[str], object] = None) -> Query:
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


__all__ = ["ADQLError", "ADQLSyntaxError", "ADQLValidationError", "ANY_FUNCTION", "Query",
           "RESERVED_WORDS", "parse"]
