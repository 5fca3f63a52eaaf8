"""Columnar aggregates give SQLite's own answers: each query runs both ways over the same rows.

The table holds what trips evaluators up: NULLs in every column, negative numbers and zeros
(integer division, division by zero, logarithms), text with NULLs and mixed case, and integers
near 2**62 (overflow hands the query back to SQLite).
"""
from __future__ import annotations

import math
import os
import random
import sqlite3

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import adql
from adql import Column, Schema, Table
from adql.columnar import Unsupported, Vector, plan, text_vector
from adql.sqlite_functions import register

STATS = Table("lab", "stats", (
    Column("id", "long"),
    Column("grp", "char", "*"),
    Column("n", "int"),
    Column("x", "double"),
    Column("y", "double"),
    Column("big", "long"),
    Column("flag", "boolean"),
    Column("pos", "double", "2", xtype="point"),
), sql_name=("lab__stats",))
OTHER = Table("lab", "other", (Column("id", "long"), Column("z", "double")), sql_name=("lab__other",))
SKY = Table("lab", "sky", (Column("id", "long"), Column("ra", "double"), Column("dec", "double"),
                           Column("mag", "double"), Column("pos", "double", "2", xtype="point")),
            sql_name=("lab__sky",))
SCHEMA = Schema([STATS, OTHER, SKY])
GROUPS = ("alpha", "Beta", "gamma", "beta", None)


def stats_rows(count: int = 4000, seed: int = 11) -> list[tuple]:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        n = None if i % 17 == 0 else rng.randint(-20, 20)
        x = None if i % 13 == 0 else rng.choice([0.0, -1.5, rng.uniform(-100, 100), rng.lognormvariate(2, 2)])
        y = None if i % 29 == 0 else rng.gauss(0, 3)
        rows.append((i + 1, GROUPS[i % 5] if i % 7 else None, n, x, y, 2 ** 61 + i, i % 3 == 0, None))
    return rows


ASIN_TWO_THIRDS_DEG = math.degrees(math.asin(2 / 3))
SKY_EDGES = [(None, 10.0), (10.0, None), (None, None), (0.0, 90.0), (123.0, -90.0), (5.0, 90.5), (5.0, -91.0),
             (-30.0, 12.0), (725.0, -3.0), (360.0, 0.0), (-0.0, 0.0), (45.0, ASIN_TWO_THIRDS_DEG),
             (90.0, -ASIN_TWO_THIRDS_DEG), (math.inf, 1.0), (-math.inf, 1.0), (1.0, math.inf), (1e10, 20.0)]
"""Positions SQLite's function answers NULL for, or that sit on cell boundaries or beyond 0 to 360."""


def sky_rows(count: int = 3000, seed: int = 5) -> list[tuple]:
    rng = random.Random(seed)
    positions = [(rng.uniform(0, 360), math.degrees(math.asin(rng.uniform(-1, 1)))) for _ in range(count)]
    positions += SKY_EDGES
    return [(i + 1, ra, dec, None if i % 11 == 0 else rng.uniform(5, 15)) for i, (ra, dec) in enumerate(positions)]


@pytest.fixture(scope="module")
def conn():
    conn = sqlite3.connect(":memory:")
    register(conn)
    conn.execute("CREATE TABLE lab__stats (id INTEGER, grp TEXT, n INTEGER, x REAL, y REAL, big INTEGER, "
                 "flag INTEGER, pos TEXT)")
    conn.executemany("INSERT INTO lab__stats VALUES (?, ?, ?, ?, ?, ?, ?, ?)", stats_rows())
    conn.execute("CREATE TABLE lab__other (id INTEGER, z REAL)")
    conn.execute("CREATE TABLE lab__sky (id INTEGER, ra REAL, dec REAL, mag REAL, pos TEXT)")
    conn.executemany("INSERT INTO lab__sky (id, ra, dec, mag) VALUES (?, ?, ?, ?)", sky_rows())
    yield conn
    conn.close()


def load(conn: sqlite3.Connection, table: str, kinds: dict) -> dict:
    """The columns a plan asks for, read in rowid order the way the service's cache reads them."""
    columns = {}
    for name, kind in kinds.items():
        values = [row[0] for row in conn.execute(f'SELECT "{name}" FROM "{table}" ORDER BY rowid')]
        if kind == "text":
            columns[name] = text_vector(values)
            continue
        null = np.array([v is None for v in values], dtype=bool)
        data = np.array([0 if v is None else v for v in values], dtype=np.int64 if kind == "int" else np.float64)
        columns[name] = Vector(data, null if null.any() else None)
    return columns


def both_ways(conn, query: str, row_limit: int | None = 1001) -> tuple[list, list]:
    validated = adql.validate(adql.parse(query), SCHEMA)
    columnar = plan(validated, row_limit=row_limit)
    assert columnar is not None, f"no columnar plan for {query}"
    expected = conn.execute(adql.to_sql(validated, "sqlite", row_limit=row_limit)).fetchall()
    return columnar.run(load(conn, columnar.table[0], dict(columnar.columns))), expected


def same_value(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)
    return a == b and type(a) is type(b)


def same_rows(got: list, expected: list, ordered: bool) -> bool:
    """Rows equal value by value; unordered results are sorted first (-0.0 and 0.0 are one group)."""
    if not ordered:
        key = lambda row: tuple((v is None, repr(v + 0.0 if isinstance(v, float) else v)) for v in row)  # noqa: E731
        got, expected = sorted(got, key=key), sorted(expected, key=key)
    return len(got) == len(expected) and all(
        len(g) == len(e) and all(same_value(a, b) for a, b in zip(g, e)) for g, e in zip(got, expected))


AGREE = [
    "SELECT COUNT(*), COUNT(n), COUNT(x), COUNT(grp), SUM(n), SUM(x), AVG(n), AVG(x), MIN(x), MAX(n), "
    "MIN(grp), MAX(grp) FROM lab.stats",
    "SELECT grp, COUNT(*) AS c, SUM(n), AVG(y), MIN(n), MAX(x) FROM lab.stats GROUP BY grp",
    "SELECT grp, COUNT(*) AS c FROM lab.stats GROUP BY grp ORDER BY grp",
    "SELECT grp, COUNT(*) AS c FROM lab.stats GROUP BY grp ORDER BY grp DESC",
    "SELECT grp, COUNT(*) AS c FROM lab.stats GROUP BY grp ORDER BY c DESC, grp",
    "SELECT FLOOR(x / 10) AS b, COUNT(*) FROM lab.stats GROUP BY b ORDER BY b",
    "SELECT FLOOR(LOG10(x) * 4) / 4 AS lg, COUNT(*) AS n FROM lab.stats GROUP BY lg ORDER BY lg",
    "SELECT n / 3 AS third, n / -4, COUNT(*) FROM lab.stats GROUP BY n ORDER BY n",
    "SELECT n, 100 / n AS inv, 7.0 / n, n * n - 2 * n + 1 FROM lab.stats GROUP BY n ORDER BY 1",
    "SELECT CEILING(y), ABS(n), COUNT(*) FROM lab.stats GROUP BY CEILING(y), ABS(n) ORDER BY 1, 2",
    "SELECT grp, n, COUNT(*), SUM(x) FROM lab.stats GROUP BY grp, n ORDER BY grp, n DESC",
    "SELECT flag, COUNT(*), AVG(x) FROM lab.stats GROUP BY flag ORDER BY flag",
    "SELECT SQRT(ABS(y)) AS s, EXP(n) AS e, LOG(x) AS l, POWER(y, 2) AS p, MOD(n, 3) AS m, "
    "DEGREES(y), RADIANS(y), SIN(y), COS(y), TAN(y), ATAN2(y, 2), PI() FROM lab.stats GROUP BY y, x, n",
    "SELECT ASIN(y / 10), ACOS(y / 10), ATAN(y), COT(y), SQRT(y), POWER(x, 0.5) FROM lab.stats GROUP BY x, y",
    "SELECT COUNT(*) FROM lab.stats WHERE x > 10",
    "SELECT COUNT(*), MIN(n) FROM lab.stats WHERE NOT (x > 10)",
    "SELECT COUNT(*) FROM lab.stats WHERE x > 10 OR n < 0",
    "SELECT COUNT(*) FROM lab.stats WHERE NOT (x > 10 OR n < 0)",
    "SELECT COUNT(*) FROM lab.stats WHERE NOT (x > 10 AND n < 0)",
    "SELECT COUNT(*) FROM lab.stats WHERE x BETWEEN -5 AND 5 AND n NOT BETWEEN -3 AND 3",
    "SELECT COUNT(*) FROM lab.stats WHERE NOT (x NOT BETWEEN -5 AND 5)",
    "SELECT COUNT(*) FROM lab.stats WHERE n IN (1, 2, 3) OR grp IN ('alpha', 'Beta')",
    "SELECT COUNT(*) FROM lab.stats WHERE n NOT IN (1, 2, 3)",
    "SELECT COUNT(*) FROM lab.stats WHERE grp NOT IN ('alpha', 'beta')",
    "SELECT COUNT(*) FROM lab.stats WHERE grp IS NULL OR x IS NOT NULL",
    "SELECT grp, COUNT(*) FROM lab.stats WHERE grp > 'Beta' AND 'gamma' >= grp GROUP BY grp",
    "SELECT grp, COUNT(*) FROM lab.stats WHERE grp <> 'alpha' GROUP BY grp",
    "SELECT COUNT(x) FROM lab.stats WHERE 1 = 1",
    "SELECT COUNT(x) FROM lab.stats WHERE 1 = 0",
    "SELECT grp, COUNT(*) FROM lab.stats WHERE x > 1e9 GROUP BY grp",
    "SELECT COUNT(*), SUM(x), AVG(n), MIN(grp) FROM lab.stats WHERE x > 1e9",
    "SELECT grp, COUNT(*) AS c FROM lab.stats GROUP BY grp HAVING COUNT(*) > 600 AND MAX(x) > 0",
    "SELECT grp, AVG(x) * 2 + 1, COUNT(*) / 10, COUNT(n) * 1.0 / COUNT(*) FROM lab.stats GROUP BY grp",
    "SELECT TOP 3 n, COUNT(*) FROM lab.stats GROUP BY n ORDER BY 2 DESC, n",
    "SELECT n, COUNT(*) FROM lab.stats GROUP BY n ORDER BY n OFFSET 5",
    "SELECT TOP 4 n, COUNT(*) FROM lab.stats GROUP BY n ORDER BY n DESC OFFSET 2",
    "SELECT DISTINCT grp FROM lab.stats",
    "SELECT DISTINCT grp, n / 10 FROM lab.stats ORDER BY grp, 2",
    "SELECT 'all' AS label, 42 AS answer, COUNT(x) FROM lab.stats",
    "SELECT -n AS m, +y FROM lab.stats GROUP BY n, y ORDER BY m, y",
    "SELECT s.grp, COUNT(*) FROM lab.stats AS s GROUP BY s.grp",
    "SELECT MAX(id) - MIN(id), SUM(id), SUM(flag) FROM lab.stats",
    "SELECT COUNT(*) FROM lab.stats WHERE big < 9223372036854775807 AND big > -9223372036854775807",
]


@pytest.mark.parametrize("query", AGREE)
def test_columnar_matches_sqlite(conn, query):
    got, expected = both_ways(conn, query)
    assert same_rows(got, expected, ordered="ORDER BY" in query), (got[:8], expected[:8])


HEALPIX_AGREE = [
    "SELECT ivo_healpix_index(6, ra, dec) AS cell, COUNT(*) FROM lab.sky GROUP BY cell",
    "SELECT ivo_healpix_index(2, ra, dec) AS cell, COUNT(*) AS n, AVG(mag) FROM lab.sky GROUP BY cell ORDER BY cell",
    "SELECT ivo_healpix_index(29, ra, dec) AS cell, COUNT(*) FROM lab.sky GROUP BY cell ORDER BY cell",
    "SELECT ivo_healpix_index(3, POINT('ICRS', ra, dec)) AS cell, COUNT(*), MAX(mag) FROM lab.sky "
    "GROUP BY cell ORDER BY cell",
    "SELECT ivo_healpix_index(12, POINT(ra, dec)) AS cell, COUNT(*) FROM lab.sky GROUP BY cell ORDER BY cell",
    "SELECT ivo_healpix_index(8, ra, dec) / 16 AS parent, COUNT(*) FROM lab.sky GROUP BY parent ORDER BY parent",
    "SELECT COUNT(ivo_healpix_index(5, ra, dec)), MIN(ivo_healpix_index(5, ra, dec)), "
    "MAX(ivo_healpix_index(5, ra, dec)), SUM(ivo_healpix_index(1, ra, dec)) FROM lab.sky",
    "SELECT COUNT(*) FROM lab.sky WHERE ivo_healpix_index(0, ra, dec) = 4",
    "SELECT COUNT(*) FROM lab.sky WHERE ivo_healpix_index(0, ra, dec) IS NULL",
    "SELECT DISTINCT ivo_healpix_index(1, ra, dec) FROM lab.sky",
    "SELECT ivo_healpix_index(4, ra, 0.0) AS cell, COUNT(*) FROM lab.sky GROUP BY cell ORDER BY cell",
    "SELECT ivo_healpix_index(6, 83.63, 22.01) AS crab, COUNT(mag) FROM lab.sky",
    "SELECT ivo_healpix_index(2 * 3, ra, dec) AS cell, COUNT(*) FROM lab.sky GROUP BY cell ORDER BY cell",
    "SELECT ivo_healpix_index(6.9, ra, dec) AS cell, COUNT(*) FROM lab.sky GROUP BY cell ORDER BY cell",
    "SELECT ivo_healpix_index(30, ra, dec) AS cell, COUNT(*) FROM lab.sky GROUP BY cell",
    "SELECT ivo_healpix_index(-1, POINT(ra, dec)) AS cell, COUNT(*) FROM lab.sky GROUP BY cell",
    "SELECT ivo_healpix_index(1 / 0, ra, dec) AS cell, COUNT(*) FROM lab.sky GROUP BY cell",
]


@pytest.mark.parametrize("query", HEALPIX_AGREE)
def test_healpix_cells_match_sqlite(conn, query):
    """NULL, infinite and beyond-the-pole positions and orders outside 0 to 29 give NULL cells both ways."""
    got, expected = both_ways(conn, query, row_limit=None)
    assert same_rows(got, expected, ordered="ORDER BY" in query), (got[:8], expected[:8])


def test_healpix_sky_map_has_a_null_cell_for_positions_without_one(conn):
    got, _ = both_ways(conn, "SELECT ivo_healpix_index(6, ra, dec) AS cell, COUNT(*) FROM lab.sky "
                             "GROUP BY cell ORDER BY cell", row_limit=None)
    no_cell = [(ra, dec) for ra, dec in SKY_EDGES if ra is None or dec is None or not math.isfinite(ra + dec)
               or abs(dec) > 90]
    assert got[0] == (None, len(no_cell)) and len(no_cell) == 8
    assert sum(count for _, count in got) == len(sky_rows())


def test_row_limit_is_the_sql_limit(conn):
    got, expected = both_ways(conn, "SELECT n, COUNT(*) FROM lab.stats GROUP BY n ORDER BY n", row_limit=5)
    assert got == expected and len(got) == 5


@pytest.mark.parametrize("query", [
    "SELECT SUM(big) FROM lab.stats",
    "SELECT big * 4, COUNT(*) FROM lab.stats GROUP BY big",
    "SELECT big + big, COUNT(*) FROM lab.stats GROUP BY big",
])
def test_integer_overflow_goes_back_to_sqlite(conn, query):
    validated = adql.validate(adql.parse(query), SCHEMA)
    columnar = plan(validated)
    with pytest.raises(Unsupported):
        columnar.run(load(conn, "lab__stats", dict(columnar.columns)))


BEYOND_64_BITS = [
    ("SELECT COUNT(x) FROM lab.stats WHERE x > 99999999999999999999999999999999999999", [(0,)]),
    ("SELECT COUNT(x) FROM lab.stats WHERE x < 99999999999999999999999999999999999999", [(3692,)]),
    ("SELECT grp, COUNT(*) FROM lab.stats GROUP BY grp HAVING COUNT(*) > 9223372036854775808", []),
    ("SELECT COUNT(*) FROM lab.stats WHERE big >= 9223372036854775808", [(0,)]),
    ("SELECT COUNT(*), MIN(big) FROM lab.stats WHERE big > -9223372036854775809", [(4000, 2 ** 61)]),
    ("SELECT 9223372036854775808 AS b, COUNT(*) FROM lab.stats", [(2.0 ** 63, 4000)]),
]
"""Integer literals that are REAL to SQLite, with what SQLite answers."""


@pytest.mark.parametrize("query, answer", BEYOND_64_BITS)
def test_integers_beyond_64_bits_are_answered_by_sqlite(conn, query, answer):
    validated = adql.validate(adql.parse(query), SCHEMA)
    assert plan(validated) is None
    assert conn.execute(adql.to_sql(validated, "sqlite")).fetchall() == answer


@pytest.mark.parametrize("query", [
    "SELECT id, x FROM lab.stats",
    "SELECT TOP 10 * FROM lab.stats",
    "SELECT COUNT(*) FROM lab.stats AS s JOIN lab.other AS o ON s.id = o.id",
    "SELECT COUNT(*) FROM (SELECT x FROM lab.stats) AS d",
    "WITH t AS (SELECT x FROM lab.stats) SELECT COUNT(*) FROM t",
    "SELECT COUNT(*) FROM lab.stats WHERE grp LIKE 'a%'",
    "SELECT COUNT(*) FROM lab.stats WHERE id IN (SELECT id FROM lab.other)",
    "SELECT COUNT(DISTINCT grp) FROM lab.stats",
    "SELECT ROUND(x), COUNT(*) FROM lab.stats GROUP BY ROUND(x)",
    "SELECT TRUNCATE(x), COUNT(*) FROM lab.stats GROUP BY TRUNCATE(x)",
    "SELECT COALESCE(x, 0), COUNT(*) FROM lab.stats GROUP BY COALESCE(x, 0)",
    "SELECT CASE WHEN x > 0 THEN 1 ELSE 0 END AS s, COUNT(*) FROM lab.stats "
    "GROUP BY CASE WHEN x > 0 THEN 1 ELSE 0 END",
    "SELECT CAST(x AS INTEGER), COUNT(*) FROM lab.stats GROUP BY CAST(x AS INTEGER)",
    "SELECT grp || 'x', COUNT(*) FROM lab.stats GROUP BY grp || 'x'",
    "SELECT LOWER(grp), COUNT(*) FROM lab.stats GROUP BY LOWER(grp)",
    "SELECT COUNT(pos) FROM lab.stats",
    "SELECT COUNT(*) FROM lab.stats WHERE 1 = CONTAINS(POINT('ICRS', x, y), CIRCLE('ICRS', 0, 0, 1))",
    "SELECT COUNT(*) FROM lab.stats WHERE x = NULL",
    "SELECT x FROM lab.stats UNION SELECT z FROM lab.other",
    "SELECT COUNT(*), RAND() FROM lab.stats",
    "SELECT COUNT(*) FROM lab.stats",
    "SELECT ivo_healpix_index(n, x, y) AS cell, COUNT(*) FROM lab.stats GROUP BY cell",
    "SELECT ivo_healpix_index(6, pos) AS cell, COUNT(*) FROM lab.stats GROUP BY cell",
    "SELECT ivo_healpix_center(3, n) AS centre, COUNT(*) FROM lab.stats GROUP BY centre",
    "SELECT ivo_interval_overlaps(x, y, 0, 1) AS o, COUNT(*) FROM lab.stats GROUP BY o",
    *[query for query, _ in BEYOND_64_BITS],
])
def test_other_queries_stay_with_the_database(query):
    """Including COUNT(*) alone, which reads no column: SQLite counts b-tree pages for it."""
    assert plan(adql.validate(adql.parse(query), SCHEMA)) is None


def test_plan_names_the_columns_it_reads():
    validated = adql.validate(adql.parse("SELECT grp, AVG(x) FROM lab.stats WHERE n > 0 GROUP BY grp"), SCHEMA)
    columnar = plan(validated)
    assert columnar.table == ("lab__stats",)
    assert dict(columnar.columns) == {"grp": "text", "x": "float", "n": "int"}


def test_text_vector_orders_like_sqlite():
    vector = text_vector(["b", None, "B", "a", "b", "é"])
    assert list(vector.categories) == sorted(["a", "b", "B", "é"])
    assert vector.null.tolist() == [False, True, False, False, False, False]
    assert vector.python(6) == ["b", None, "B", "a", "b", "é"]


NUMERIC = ["n", "x", "y", "id", "flag", "1", "-2", "0", "2.5", "0.0"]
UNARY = ["FLOOR", "CEILING", "ABS", "SQRT", "LOG10", "LOG", "EXP", "SIN", "DEGREES", "-"]
BINARY = ["+", "-", "*", "/", "POWER", "MOD", "ATAN2"]


@st.composite
def numeric_expression(draw, depth: int = 0):
    if depth >= 2 or draw(st.booleans()):
        return draw(st.sampled_from(NUMERIC))
    if draw(st.booleans()):
        name = draw(st.sampled_from(UNARY))
        inner = draw(numeric_expression(depth + 1))
        return f"(-({inner}))" if name == "-" else f"{name}({inner})"
    op = draw(st.sampled_from(BINARY))
    left, right = draw(numeric_expression(depth + 1)), draw(numeric_expression(depth + 1))
    return f"({left} {op} {right})" if len(op) == 1 else f"{op}({left}, {right})"


@st.composite
def condition(draw, depth: int = 0):
    if depth < 2 and draw(st.booleans()):
        op = draw(st.sampled_from(["AND", "OR"]))
        text = f"({draw(condition(depth + 1))} {op} {draw(condition(depth + 1))})"
        return f"NOT {text}" if draw(st.booleans()) else text
    kind = draw(st.sampled_from(["compare", "between", "in", "null", "text"]))
    value = draw(numeric_expression(1))
    if kind == "compare":
        return f"{value} {draw(st.sampled_from(['=', '<>', '<', '<=', '>', '>=']))} {draw(numeric_expression(1))}"
    if kind == "between":
        return f"{value} {draw(st.sampled_from(['', 'NOT ']))}BETWEEN -3 AND {draw(st.sampled_from(['0', '2.5']))}"
    if kind == "in":
        return f"n {draw(st.sampled_from(['', 'NOT ']))}IN (-1, 0, 3)"
    if kind == "null":
        return f"{draw(st.sampled_from(['grp', 'x', 'n']))} IS {draw(st.sampled_from(['', 'NOT ']))}NULL"
    return f"grp {draw(st.sampled_from(['=', '<', '>=']))} '{draw(st.sampled_from(['alpha', 'beta', 'B']))}'"


@st.composite
def aggregate_query(draw):
    key = draw(numeric_expression().filter(lambda e: any(c in e for c in ("n", "x", "y", "id", "flag"))))
    keys = [key] + (["grp"] if draw(st.booleans()) else [])
    aggregates = draw(st.lists(st.sampled_from(
        ["COUNT(*)", "COUNT(x)", "SUM(n)", "SUM(y)", "AVG(x)", "MIN(y)", "MAX(n)", "MIN(grp)"]), min_size=1,
        max_size=3))
    where = f" WHERE {draw(condition())}" if draw(st.booleans()) else ""
    having = " HAVING COUNT(*) > 2" if draw(st.booleans()) else ""
    return (f"SELECT {', '.join(keys)}, {', '.join(aggregates)} FROM lab.stats{where} "
            f"GROUP BY {', '.join(keys)}{having}")


@settings(max_examples=int(os.environ.get("COLUMNAR_EXAMPLES", "150")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=aggregate_query())
def test_generated_aggregates_match_sqlite(conn, query):
    validated = adql.validate(adql.parse(query), SCHEMA)
    columnar = plan(validated, row_limit=100_000)
    assert columnar is not None, query
    try:
        got = columnar.run(load(conn, columnar.table[0], dict(columnar.columns)))
    except Unsupported:
        return
    expected = conn.execute(adql.to_sql(validated, "sqlite", row_limit=100_000)).fetchall()
    assert same_rows(got, expected, ordered=False), (query, got[:5], expected[:5])


def test_math_follows_the_c_library_where_numpy_differs():
    """Where numpy's vector code is not the C library's (SIMD builds), values come from libm."""
    from adql import columnar

    def one_ulp_up(x):
        return np.nextafter(np.log(x), np.inf)

    log = columnar._libm(math.log, one_ulp_up, lambda x: x > 0)
    x = np.array([0.5, 2.0, 10.0, 1e300, 123.456])
    assert log(x).tolist() == [math.log(v) for v in x]
    with np.errstate(invalid="ignore"):
        assert math.isnan(log(np.array([-1.0]))[0])
    assert log(np.float64(2.0)).shape == ()
    exact = columnar._libm(math.log, np.log, lambda x: x > 0)
    assert exact(x).tolist() == np.log(x).tolist()
