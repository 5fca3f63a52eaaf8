"""Generated and mutated queries: parse + validate + to_sql raise nothing but ADQLError."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adql

SEEDS = [
    "SELECT TOP 10 event_id, ra, dec FROM mm.events WHERE 1=CONTAINS(POINT('ICRS', ra, dec), "
    "CIRCLE('ICRS', 83.63, 22.01, 1)) ORDER BY energy DESC",
    "SELECT s.name, COUNT(*) AS n FROM mm.sources AS s JOIN mm.events AS e ON "
    "DISTANCE(POINT('', e.ra, e.dec), POINT('', s.ra, s.dec)) < 0.5 GROUP BY s.name HAVING COUNT(*) > 1",
    "WITH h AS (SELECT messenger, energy FROM mm.events WHERE energy BETWEEN 1 AND 1e3) "
    "SELECT messenger, AVG(energy) FROM h GROUP BY messenger",
    "SELECT ra FROM mm.events UNION ALL SELECT ra FROM mm.sources ORDER BY 1 OFFSET 3",
    "SELECT CASE WHEN energy > 10 THEN 'hi' ELSE LOWER(messenger) END, CAST(ra AS INTEGER), 0xFF & event_id "
    "FROM mm.events WHERE messenger ILIKE 'g%' AND dec IS NOT NULL AND event_id IN (1, 2, 3)",
]
TOKENS = ["SELECT", "FROM", "WHERE", "(", ")", ",", "*", "'x'", "1", "1.5", "ra", "dec", "mm.events", "AND", "OR",
          "NOT", "=", "<", "+", "-", "||", "POINT", "CIRCLE", "CONTAINS", "JOIN", "ON", "UNION", "TOP", "ORDER BY",
          "GROUP BY", "AS", "\"x\"", "NULL", "CAST", "INTEGER", "WITH", "IN", "EXISTS", ".", ";", "--", "\n", "ä"]

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def check(text: str, schema) -> None:
    try:
        tree = adql.parse(text)
        validated = adql.validate(tree, schema)
        for dialect in adql.DIALECTS:
            adql.to_sql(validated, dialect, row_limit=10)
    except adql.ADQLError as exc:
        assert exc.message


@st.composite
def mutated(draw):
    words = draw(st.sampled_from(SEEDS)).split(" ")
    for _ in range(draw(st.integers(1, 4))):
        action = draw(st.sampled_from(["delete", "insert", "swap", "unicode"]))
        i = draw(st.integers(0, len(words) - 1))
        if action == "delete" and len(words) > 1:
            del words[i]
        elif action == "insert":
            words.insert(i, draw(st.sampled_from(TOKENS)))
        elif action == "swap":
            j = draw(st.integers(0, len(words) - 1))
            words[i], words[j] = words[j], words[i]
        else:
            words[i] = draw(st.text(min_size=1, max_size=5))
    return " ".join(words)


@FAST
@given(mutated())
def test_mutated_queries_only_raise_adql_errors(schema, text):
    check(text, schema)


@FAST
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=25))
def test_token_soup_only_raises_adql_errors(schema, tokens):
    check(" ".join(tokens), schema)


@FAST
@given(st.text(max_size=80))
def test_random_text_only_raises_adql_errors(schema, text):
    check(text, schema)


@st.composite
def expressions(draw, depth=0):
    leaves = st.sampled_from(["ra", "dec", "energy", "event_id", "1", "2.5", "NULL", "'a'", "messenger"])
    if depth > 3 or draw(st.booleans()):
        return draw(leaves)
    kind = draw(st.sampled_from(["binary", "function", "paren", "case", "geometry"]))
    a, b = draw(expressions(depth + 1)), draw(expressions(depth + 1))
    if kind == "binary":
        return f"{a} {draw(st.sampled_from(['+', '-', '*', '/', '||', '&']))} {b}"
    if kind == "function":
        return f"{draw(st.sampled_from(['ABS', 'SQRT', 'LOWER', 'COALESCE', 'MAX', 'COUNT', 'FLOOR']))}({a})"
    if kind == "case":
        return f"CASE WHEN {a} > {b} THEN {a} ELSE {b} END"
    if kind == "geometry":
        return f"DISTANCE(POINT('', {a}, {b}), POINT('', 1, 2))"
    return f"({a})"


@FAST
@given(expressions(), expressions())
def test_generated_queries_only_raise_adql_errors(schema, select, where):
    check(f"SELECT {select} FROM mm.events WHERE {where} > 1 ORDER BY 1", schema)


def nested(depth: int) -> str:
    return "SELECT " + "(" * depth + "ra" + ")" * depth + " FROM mm.events"


def test_moderate_nesting_translates(schema):
    assert adql.to_sql(adql.validate(adql.parse(nested(50)), schema), "sqlite").count("ra") >= 1


@pytest.mark.parametrize("depth", [500, 5000])
def test_very_deep_nesting_is_an_adql_error(schema, depth):
    with pytest.raises(adql.ADQLSyntaxError, match="nested too deeply"):
        adql.parse(nested(depth))
