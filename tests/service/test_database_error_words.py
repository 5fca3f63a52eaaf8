"""Errors the databases raise on a valid query reach users in words about their query, never verbatim."""
from __future__ import annotations

import pytest

from vo_service.db import open_backend
from vo_service.db.base import QueryError
from vo_service.db.error_words import (
    DIVISION_BY_ZERO,
    DOUBLE_RANGE,
    FUNCTION_DOMAIN,
    INTEGER_RANGE,
    LOGARITHM_DOMAIN,
    NESTED_TOO_DEEPLY,
    POWER_DOMAIN,
    postgresql_words,
    sqlite_words,
)

# Messages and SQLSTATEs as PostgreSQL 16 raises them for the SQL our translator writes.
POSTGRESQL_ERRORS = [
    ("22003", '"-1e999" is out of range for type double precision', DOUBLE_RANGE),
    ("22003", "value out of range: overflow", DOUBLE_RANGE),
    ("22003", "bigint out of range", INTEGER_RANGE),
    ("22003", "input is out of range", FUNCTION_DOMAIN),
    ("2201E", "cannot take logarithm of a negative number", LOGARITHM_DOMAIN),
    ("2201F", "cannot take square root of a negative number", POWER_DOMAIN),
    ("22012", "division by zero", DIVISION_BY_ZERO),
    ("54001", "stack depth limit exceeded", NESTED_TOO_DEEPLY),
]


@pytest.mark.parametrize("code, message, words", POSTGRESQL_ERRORS)
def test_known_postgresql_errors_get_words_of_their_own(code, message, words):
    assert postgresql_words(code, f"ERROR:  {message}\n") == words


def test_other_postgresql_errors_say_the_kind_by_sqlstate_class_without_the_driver_text():
    words = postgresql_words("42P01", 'ERROR:  relation "secret" does not exist')
    assert words == ("The query failed in the database: a query the database cannot run (SQLSTATE 42P01)")
    assert "unknown" in postgresql_words(None, "server closed the connection unexpectedly")


def test_sqlite_errors_are_told_in_words(demo_db_url):
    backend = open_backend(demo_db_url)
    deep = "SELECT " + "abs(" * 40 + "1" + ")" * 40
    with pytest.raises(QueryError) as info:
        list(backend.stream(deep, batch_size=10, timeout_s=5))
    assert str(info.value) == NESTED_TOO_DEEPLY
    with pytest.raises(QueryError) as info:
        list(backend.stream("SELECT nothing FROM nowhere", batch_size=10, timeout_s=5))
    assert str(info.value) == "The query failed in the database (SQLITE_ERROR)"
    assert sqlite_words("integer overflow", "SQLITE_ERROR") == INTEGER_RANGE
