"""Parser behaviour beyond the conformance corpus: positions, messages, versions, limits."""
from __future__ import annotations

import pytest

import adql
from adql import nodes as n


def error_of(text: str, **kwargs) -> adql.ADQLSyntaxError:
    with pytest.raises(adql.ADQLSyntaxError) as info:
        adql.parse(text, **kwargs)
    return info.value


def test_error_carries_line_column_and_expectation():
    error = error_of("SELECT ra\nFROM mm.events\nWHERE ra >")
    assert (error.line, error.column) == (3, 11)
    assert str(error) == "line 3, column 11: expected an expression, found the end of the query"


def test_reserved_word_needs_quotes_but_delimited_is_fine():
    assert "double quotes" in str(error_of("SELECT size FROM t"))
    select = adql.parse('SELECT "size" FROM t').root.body
    assert select.items[0].expr.parts[0] == n.Identifier("size", True)


def test_top_offset_and_set_operations_are_in_the_tree():
    root = adql.parse("SELECT TOP 5 a FROM t UNION ALL SELECT b FROM u ORDER BY 1 DESC OFFSET 3").root
    assert isinstance(root.body, n.SetOperation) and root.body.all and root.body.op == "UNION"
    assert root.body.left.top == 5 and root.offset == 3 and root.order_by[0].descending


def test_intersect_binds_tighter_than_union():
    body = adql.parse("SELECT a FROM t UNION SELECT a FROM u INTERSECT SELECT a FROM v").root.body
    assert body.op == "UNION" and body.right.op == "INTERSECT"


def test_operator_precedence():
    expr = adql.parse("SELECT 1 + 2 * 3 FROM t").root.body.items[0].expr
    assert expr.op == "+" and expr.right.op == "*"


@pytest.mark.parametrize("query", [
    "SELECT a FROM t OFFSET 1", "WITH q AS (SELECT a FROM t) SELECT a FROM q",
    "SELECT CAST(a AS INTEGER) FROM t", "SELECT a FROM t WHERE b ILIKE 'x'",
    "SELECT POINT(1, 2) FROM t", "SELECT a & 1 FROM t", "SELECT 0xFF FROM t",
    "SELECT LOWER(a) FROM t", "SELECT a FROM t UNION SELECT a FROM u",
])
def test_adql_21_features_are_refused_in_20(query):
    adql.parse(query)
    message = str(error_of(query, version="2.0"))
    assert "needs ADQL 2.1" in message or "in ADQL 2.0" in message


def test_all_join_forms():
    for join in ("JOIN u ON t.a = u.a", "INNER JOIN u USING (a)", "LEFT JOIN u USING (a)",
                 "RIGHT OUTER JOIN u USING (a)", "FULL JOIN u USING (a)", "NATURAL JOIN u", "CROSS JOIN u"):
        join_node = adql.parse(f"SELECT * FROM t {join}").root.body.from_[0]
        assert isinstance(join_node, n.Join)
    assert "NATURAL" in str(error_of("SELECT * FROM t NATURAL JOIN u ON t.a = u.a"))


def test_subqueries_everywhere_and_case():
    query = ("SELECT (SELECT MAX(b) FROM u) AS m, CASE WHEN a > 1 THEN 'big' ELSE 'small' END "
             "FROM (SELECT a FROM t) AS s WHERE EXISTS (SELECT 1 FROM u WHERE u.b = s.a) "
             "AND a IN (SELECT b FROM u) AND a NOT BETWEEN 1 AND 2 AND c IS NOT NULL")
    select = adql.parse(query).root.body
    assert isinstance(select.items[0].expr, n.ScalarSubquery)
    assert isinstance(select.items[1].expr, n.Case)
    assert isinstance(select.from_[0], n.DerivedTable)


def test_numbers_and_strings():
    items = adql.parse("SELECT 1., .5, 1e-3, 'it''s' FROM t").root.body.items
    assert [i.expr.kind for i in items] == ["number", "number", "number", "string"]
    assert items[3].expr.value == "it's"


def test_udf_declarations_control_function_calls():
    sig = "my_fn(x DOUBLE PRECISION) -> DOUBLE PRECISION"
    adql.parse("SELECT my_fn(a) FROM t", udfs=[sig])
    assert "takes 1 arguments" in str(error_of("SELECT my_fn(a, b) FROM t", udfs=[sig]))
    assert "did you mean 'ivo_hasword'" in str(error_of("SELECT ivo_haswrd(a, 'x') FROM t"))
    adql.parse("SELECT anything_at_all(a) FROM t", udfs=adql.ANY_FUNCTION)


@pytest.mark.parametrize("query", ["SELECT a FROM t;", "SELECT a FROM t WHERE b = 'open", 'SELECT "a FROM t',
                                   "SELECT a FROM t WHERE b = 1 2", "SELECT ä FROM t", "", "   "])
def test_bad_text_is_a_clear_syntax_error(query):
    error = error_of(query)
    assert error.line is not None and error.message


def test_deep_nesting_is_a_syntax_error():
    assert "nested too deeply" in str(error_of("SELECT " + "(" * 300 + "1" + ")" * 300 + " FROM t"))
    assert "nested too deeply" in str(error_of("SELECT a FROM t WHERE " + "NOT (" * 300 + "a=1" + ")" * 300))


def test_reserved_words_list():
    assert {"SIZE", "DISTANCE", "SELECT", "POINT", "ILIKE"} <= adql.RESERVED_WORDS
    assert "DEC" not in adql.RESERVED_WORDS and "RA" not in adql.RESERVED_WORDS


@pytest.mark.parametrize("query,column", [
    ("SELECT * FROM mm.events LIMIT 5", 25),
    ("SELECT * FROM mm.events AS e WHERE ra > 1 LIMIT 5", 43),
    ("SELECT ra FROM mm.events GROUP BY ra HAVING COUNT(*) > 1 LIMIT 5", 58),
    ("SELECT * FROM mm.events ORDER BY ra DESC LIMIT 5", 42),
    ("SELECT * FROM mm.events ORDER BY ra OFFSET 2 LIMIT 5", 46),
    ("SELECT ra FROM (SELECT ra FROM mm.events LIMIT 5) AS s", 42),
    ("SELECT ra FROM mm.events LIMIT 5 UNION SELECT ra FROM mm.sources", 26),
])
def test_limit_is_refused_with_a_pointer_to_top(query, column):
    error = error_of(query)
    assert (error.line, error.column) == (1, column)
    assert error.message == "LIMIT is not ADQL: ADQL uses SELECT TOP n; write SELECT TOP 5 ... instead of LIMIT 5"


def test_limit_not_followed_by_a_count_stays_an_ordinary_name():
    select = adql.parse("SELECT ra limit FROM mm.events limit").root.body
    assert select.items[0].alias.name == "limit" and select.from_[0].alias.name == "limit"


@pytest.mark.parametrize("text", ["'qua' -- comment\n'tsch'", "'qua'\n'tsch'", "'qua'  \r\n\t 'tsch'",
                                  "'qua' --\n -- more\n'ts' \n'ch'", "'qua'\n''\n'tsch'"])
def test_string_literal_continued_on_a_new_line_is_one_literal(text):
    """SQL-92 5.3: literals whose separator holds a newline are one literal (ADQL 2.1 takes SQL-92's
    separators)."""
    items = adql.parse(f"SELECT {text} AS s, 1 FROM t").root.body.items
    assert len(items) == 2
    assert (items[0].expr.kind, items[0].expr.value, items[0].expr.pos) == ("string", "quatsch", 7)


def test_continued_literal_keeps_its_escapes(schema):
    validated = adql.validate(adql.parse("SELECT 'it''' -- part one\n's' AS s FROM mm.events"), schema)
    for dialect in adql.DIALECTS:
        assert adql.to_sql(validated, dialect).startswith("SELECT 'it''s' AS \"s\"")


def test_string_literals_on_one_line_do_not_join():
    error = error_of("SELECT 'qua' 'tsch' FROM t")
    assert (error.line, error.column) == (1, 14)
    assert "continues only on the next line" in error.message and "||" in error.message


@pytest.mark.parametrize("literal", ["1e999", "1E400", "9" * 400])
def test_numbers_beyond_double_precision_are_refused_where_written(literal):
    error = error_of(f"SELECT ra + -{literal} FROM t")
    assert error.column == 14 and "out of the range of double precision" in error.message
