"""Deep or long queries: refused by the ADQL parser with a position, never by the database's parser."""
from __future__ import annotations

import pytest

import adql
from adql.parser import MAX_ARITHMETIC_TERMS, MAX_CONDITION_TERMS
from tests.adql.conftest import SCHEMA

WHERE = "SELECT ra FROM mm.events WHERE "

# Each builds a query nested k levels deep with one construct.
NESTERS = {
    "function calls": lambda k: "SELECT " + "ABS(" * k + "ra" + ")" * k + " FROM mm.events",
    "two-argument functions": lambda k: "SELECT " + "POWER(" * k + "ra" + ", 1)" * k + " FROM mm.events",
    "NOT": lambda k: WHERE + "NOT (" * k + "ra > 0" + ")" * k,
    "parenthesized conditions": lambda k: WHERE + "ra > 0 AND (" * k + "ra > 0" + ")" * k,
    "unary minus": lambda k: "SELECT " + "-(" * k + "ra" + ")" * k + " FROM mm.events",
    "right operands": lambda k: "SELECT " + "1 + (" * k + "ra" + ")" * k + " FROM mm.events",
    "CAST": lambda k: "SELECT " + "CAST(" * k + "ra" + " AS DOUBLE PRECISION)" * k + " FROM mm.events",
    "CASE": lambda k: "SELECT " + "CASE WHEN ra > 0 THEN " * k + "ra" + " END" * k + " FROM mm.events",
    "EXISTS": lambda k: WHERE + "EXISTS (SELECT 1 FROM mm.events WHERE " * k + "ra > 0" + ")" * k,
    "IN subqueries": lambda k: WHERE + "ra IN (SELECT ra FROM mm.events WHERE " * k + "ra > 0" + ")" * k,
    "derived tables": lambda k: "SELECT * FROM " + "(SELECT * FROM " * k + "mm.events" + ") AS t" * k,
}


def translate(query: str, dialect: str = "sqlite") -> str:
    return adql.to_sql(adql.validate(adql.parse(query), SCHEMA), dialect)


def deepest_accepted(make) -> int:
    k = 1
    while True:
        try:
            adql.parse(make(k + 1))
        except adql.ADQLSyntaxError as exc:
            assert "nested too deeply" in exc.message and exc.column > 1
            return k
        k += 1


@pytest.mark.parametrize("construct", NESTERS)
def test_the_deepest_accepted_nesting_runs_on_sqlite(sqlite_conn, construct):
    make = NESTERS[construct]
    deepest = deepest_accepted(make)
    assert deepest >= 8
    sqlite_conn.execute(translate(make(deepest))).fetchall()


@pytest.mark.parametrize("construct", NESTERS)
def test_the_deepest_accepted_nesting_runs_on_postgresql(pg_conn, construct):
    make = NESTERS[construct]
    with pg_conn.cursor() as cur:
        cur.execute(translate(make(deepest_accepted(make)), "postgresql"))


def test_fifty_nested_functions_are_an_adql_error_before_any_sql():
    query = "SELECT " + "ABS(" * 50 + "ra" + ")" * 50 + " FROM mm.events"
    with pytest.raises(adql.ADQLSyntaxError, match="nested too deeply") as info:
        adql.parse(query)
    assert info.value.line == 1 and query[info.value.column - 1:].startswith("ABS(")


def test_long_chains_of_conditions_run_flat(run_sqlite, rows):
    ands = WHERE + " AND ".join(["ra > 0"] * 100)
    assert len(run_sqlite(ands)) == sum(1 for r in rows if r[3] > 0)
    ors = "SELECT event_id FROM mm.events WHERE " + " OR ".join(
        f"event_id = {i}" for i in range(1, MAX_CONDITION_TERMS + 1))
    assert sorted(r[0] for r in run_sqlite(ors)) == list(range(1, MAX_CONDITION_TERMS + 1))
    assert "(((" not in translate(ands)


def test_long_chains_run_on_postgresql(pg_conn):
    ors = "SELECT event_id FROM mm.events WHERE " + " OR ".join(
        f"event_id = {i}" for i in range(1, MAX_CONDITION_TERMS + 1))
    with pg_conn.cursor() as cur:
        cur.execute(translate(ors, "postgresql"))
        assert len(cur.fetchall()) == MAX_CONDITION_TERMS


def test_too_long_chains_are_adql_errors_that_suggest_in():
    ors = WHERE + " OR ".join(f"ra = {i}" for i in range(MAX_CONDITION_TERMS + 1))
    with pytest.raises(adql.ADQLSyntaxError, match=r"more than 500 operands joined by OR.*IN \(") as info:
        adql.parse(ors)
    assert ors[info.value.column - 1:].startswith("OR ra = 500")
    sums = "SELECT " + " + ".join(["ra"] * (MAX_ARITHMETIC_TERMS + 1)) + " FROM mm.events"
    with pytest.raises(adql.ADQLSyntaxError, match="operands joined by operators"):
        adql.parse(sums)


def test_arithmetic_chains_at_the_limit_run_on_sqlite(sqlite_conn):
    sums = "SELECT " + " + ".join(["1"] * MAX_ARITHMETIC_TERMS) + " FROM mm.events WHERE event_id = 1"
    assert sqlite_conn.execute(translate(sums)).fetchall() == [(MAX_ARITHMETIC_TERMS,)]


@pytest.mark.parametrize("expression, value", [
    ("10 - 3 + 2", 9), ("10 - (3 + 2)", 5), ("2 * 3 / 4.0", 1.5), ("2 / (4.0 * 2)", 0.25),
    ("1 - 2 * 3 - 4", -9), ("(1 - 2) * 3", -3)])
def test_flat_arithmetic_keeps_the_meaning(sqlite_conn, expression, value):
    sql = translate(f"SELECT {expression} FROM mm.events WHERE event_id = 1")
    assert sqlite_conn.execute(sql).fetchall() == [(value,)]


def test_flat_conditions_keep_the_meaning(run_sqlite, rows):
    query = ("SELECT event_id FROM mm.events WHERE event_id < 5 AND event_id > 1 OR event_id = 9"
             " AND (event_id = 9 OR event_id = 10)")
    assert sorted(r[0] for r in run_sqlite(query)) == [2, 3, 4, 9]
