"""Positional and time-window joins: the translation adds index-usable ranges (dec band, RA window,
time range) and the results still equal brute force, at the RA wrap-around and near the poles."""
from __future__ import annotations

import math
import random
import re
import sqlite3

import numpy as np
import pytest

import adql
from adql import Column, Schema, Table, spherical
from adql.sql_sqlite import zone_index_columns
from adql.sqlite_functions import register

COLUMNS = (Column("id", "long"), Column("ra", "double", unit="deg"), Column("dec", "double", unit="deg"),
           Column("mjd", "double", unit="d"))
CENTRES = Table("xm", "centres", COLUMNS, sql_name=("xm_centres",))
POINTS = Table("xm", "points", COLUMNS, sql_name=("xm_points",))
SCHEMA = Schema([CENTRES, POINTS])

# At the RA wrap-around, on the equator, near and at both poles.
CENTRE_POSITIONS = [(0.05, 10.0), (359.95, -10.0), (0.0, 0.0), (359.99, 60.0), (200.0, 30.0), (180.0, 89.0),
                    (45.0, -89.0), (300.0, 89.9), (10.0, 89.995), (0.0, 90.0), (123.0, -90.0), (90.0, -75.0)]
RADII = (0.05, 0.5, 2.0, 20.0, 95.0)
JOIN_FORMS = [
    "1 = CONTAINS(POINT('ICRS', p.ra, p.dec), CIRCLE('ICRS', c.ra, c.dec, {r}))",
    "CONTAINS(POINT(c.ra, c.dec), CIRCLE(POINT(p.ra, p.dec), {r})) = 1",
    "DISTANCE(POINT('', p.ra, p.dec), POINT('', c.ra, c.dec)) < {r}",
    "{r} >= DISTANCE(c.ra, c.dec, p.ra, p.dec)",
]


def _extremes(ra0: float, dec0: float, r: float) -> list[tuple[float, float]]:
    """Points just inside the cap where its RA extent is widest: the window must keep them."""
    if abs(dec0) + r >= 90 or r >= 90:
        return []
    half = math.degrees(math.asin(math.sin(math.radians(r)) / math.cos(math.radians(dec0)))) * (1 - 1e-9)
    dec = math.degrees(math.asin(math.sin(math.radians(dec0)) / math.cos(math.radians(r))))
    return [((ra0 + s * half) % 360.0, dec) for s in (-1, 1)]


def _points(seed: int = 3) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    points = [(rng.uniform(0, 360), math.degrees(math.asin(rng.uniform(-1, 1)))) for _ in range(1500)]
    for ra0, dec0 in CENTRE_POSITIONS:
        for r in RADII[:3]:
            points.extend(_extremes(ra0, dec0, r))
            for _ in range(60):
                dec = max(-90.0, min(90.0, dec0 + rng.uniform(-1.5, 1.5) * r))
                dra = rng.uniform(-1.5, 1.5) * r / max(math.cos(math.radians(dec)), 0.01)
                points.append(((ra0 + dra) % 360.0, dec))
    return points


def _rows(positions, seed: int) -> list[tuple]:
    rng = random.Random(seed)
    return [(i + 1, ra, dec, 58000 + rng.uniform(0, 30)) for i, (ra, dec) in enumerate(positions)]


CENTRE_ROWS = _rows(CENTRE_POSITIONS, 1)
POINT_ROWS = _rows(_points(), 2)


@pytest.fixture(scope="module")
def conn():
    conn = sqlite3.connect(":memory:")
    register(conn)
    for table, rows in (("xm_centres", CENTRE_ROWS), ("xm_points", POINT_ROWS)):
        conn.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, ra REAL, dec REAL, mjd REAL)")
        conn.execute(f"CREATE INDEX {table}_pos ON {table} (dec, ra)")
        conn.execute(f"CREATE INDEX {table}_zone ON {table} ({zone_index_columns('ra', 'dec')})")
        conn.execute(f"CREATE INDEX {table}_mjd ON {table} (mjd)")
        conn.executemany(f"INSERT INTO {table} VALUES (?, ?, ?, ?)", rows)
    conn.execute("ANALYZE")
    yield conn
    conn.close()


def sql(query: str, dialect: str = "sqlite") -> str:
    return adql.to_sql(adql.validate(adql.parse(query), SCHEMA), dialect)


def plan(conn: sqlite3.Connection, query: str) -> str:
    return "\n".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + sql(query)))


def inner_loop_searches(plan_text: str, index: str, column: str) -> bool:
    """True when the join's inner loop is a range search on ``column`` of ``index``."""
    inner = plan_text.splitlines()[-1]
    return re.search(rf"SEARCH t\d USING (COVERING )?INDEX {index} \({column}>\? AND {column}<\?\)", inner) is not None


def inner_loop_searches_zones(plan_text: str, table: str) -> bool:
    """True when the join's inner loop looks up zones of ``table``'s (zone, ra) index with an RA range."""
    inner = plan_text.splitlines()[-1]
    return re.search(rf"SEARCH t\d USING (COVERING )?INDEX {table}_zone \(<expr>=\? AND ra>\? AND ra<\?\)",
                     inner) is not None


def join_query(form: str, r: float) -> str:
    return f"SELECT c.id, p.id FROM xm.centres AS c JOIN xm.points AS p ON {form.format(r=r)}"


def brute_force_pairs(r: float, strict: bool) -> list[tuple[int, int]]:
    return sorted((c[0], p[0]) for c in CENTRE_ROWS for p in POINT_ROWS
                  if (d := spherical.distance(p[1], p[2], c[1], c[2])) < r or (not strict and d == r))


@pytest.mark.parametrize("r", RADII)
def test_positional_join_equals_brute_force_at_the_wrap_and_the_poles(conn, r):
    non_strict, strict = brute_force_pairs(r, False), brute_force_pairs(r, True)
    assert len(non_strict) >= 2 * len(CENTRE_ROWS)
    for form in JOIN_FORMS:
        got = sorted(conn.execute(sql(join_query(form, r))).fetchall())
        assert got == (strict if " < " in form else non_strict), form


def test_points_at_the_widest_ra_of_the_cap_are_found(conn):
    """The RA window is as tight as the cap itself: extremal points decide it."""
    extremes = {(c[0], p[0]) for c in CENTRE_ROWS for p in POINT_ROWS
                if (p[1], p[2]) in _extremes(c[1], c[2], 0.5) and spherical.distance(p[1], p[2], c[1], c[2]) <= 0.5}
    assert len(extremes) >= 8
    got = set(conn.execute(sql(join_query(JOIN_FORMS[0], 0.5))).fetchall())
    assert extremes <= got


def test_positional_join_has_an_ra_window_in_plain_sql():
    text = sql(join_query(JOIN_FORMS[0], 0.5))
    assert 'abs(abs("t2"."ra" - "t1"."ra") - 180)' in text, text
    assert text.index("asin(") < text.index("adql_distance4("), text


@pytest.mark.parametrize("form", JOIN_FORMS)
def test_positional_join_searches_zones_of_the_other_table(conn, form):
    text = plan(conn, join_query(form, 0.5))
    assert inner_loop_searches_zones(text, "xm_points") or inner_loop_searches_zones(text, "xm_centres") \
        or inner_loop_searches(text, "xm_points_pos", "dec") or inner_loop_searches(text, "xm_centres_pos", "dec"), \
        text


def test_wide_cones_search_the_dec_band(conn):
    text = plan(conn, join_query(JOIN_FORMS[0], 20.0))
    assert "_zone" not in text
    assert inner_loop_searches(text, "xm_points_pos", "dec") or inner_loop_searches(text, "xm_centres_pos", "dec"), \
        text


def test_circle_around_the_big_tables_rows_still_uses_its_index(conn):
    query = ("SELECT c.id, p.id FROM xm.centres AS c JOIN xm.points AS p "
             "ON 1 = CONTAINS(POINT('', c.ra, c.dec), CIRCLE('', p.ra, p.dec, 0.5))")
    assert inner_loop_searches(plan(conn, query), "xm_points_pos", "dec"), plan(conn, query)
    assert sorted(conn.execute(sql(query)).fetchall()) == brute_force_pairs(0.5, False)


def test_a_small_cone_drives_the_join_before_a_wide_time_window(conn):
    """The zone search carries its share of the sky so SQLite does not prefer a years-wide time range."""
    query = ("SELECT c.id, p.id FROM xm.centres AS c JOIN xm.points AS p "
             "ON 1 = CONTAINS(POINT('', p.ra, p.dec), CIRCLE('', c.ra, c.dec, 0.5)) AND ABS(c.mjd - p.mjd) < 5000")
    assert "likelihood(" in sql(query)
    assert inner_loop_searches_zones(plan(conn, query), "xm_points"), plan(conn, query)
    assert sorted(conn.execute(sql(query)).fetchall()) == brute_force_pairs(0.5, False)


TIMED = Schema([Table(t.schema, t.name, tuple(Column(c.name, c.datatype, unit=c.unit, span=30.0 if c.name == "mjd"
                                                     else None) for c in COLUMNS), sql_name=t.sql_name)
                for t in (CENTRES, POINTS)])


@pytest.mark.parametrize("window", ["ABS(c.mjd - p.mjd) < 0.05", "p.mjd BETWEEN c.mjd - 0.05 AND c.mjd + 0.05",
                                    "c.mjd - p.mjd BETWEEN -0.05 AND 0.05"])
def test_a_narrow_time_window_drives_the_join_before_a_wide_cone(conn, window):
    """With the time column's span known, a window carries its share of the rows (width / span) as the dec
    band carries its share of the sky, so a days-wide window is not driven by a cone's band of the sky."""
    query = ("SELECT c.id, p.id FROM xm.centres AS c JOIN xm.points AS p "
             f"ON 1 = CONTAINS(POINT('', p.ra, p.dec), CIRCLE('', c.ra, c.dec, 20)) AND {window}")
    text = adql.to_sql(adql.validate(adql.parse(query), TIMED), "sqlite")
    assert "0.0033333333333333335)" in text, text
    found = "\n".join(str(r[-1]) for r in conn.execute("EXPLAIN QUERY PLAN " + text))
    assert inner_loop_searches(found, "xm_points_mjd", "mjd"), found
    expected = sorted((c[0], p[0]) for c in CENTRE_ROWS for p in POINT_ROWS
                      if spherical.distance(p[1], p[2], c[1], c[2]) <= 20 and abs(c[3] - p[3]) < 0.05)
    assert expected and sorted(conn.execute(text).fetchall()) == expected


def test_ranges_of_unknown_width_or_span_get_no_hint():
    assert "likelihood" not in sql("SELECT p.id FROM xm.points AS p WHERE p.mjd BETWEEN 58000 AND 58001")
    text = adql.to_sql(adql.validate(adql.parse(
        "SELECT c.id FROM xm.centres AS c JOIN xm.points AS p ON p.mjd BETWEEN c.mjd - 1 AND c.ra"), TIMED), "sqlite")
    assert "likelihood" not in text, text


def test_unstable_centres_get_no_prefilter():
    text = sql("SELECT p.id FROM xm.points AS p WHERE DISTANCE(p.ra, p.dec, RAND() * 360, 0) < 1")
    assert "BETWEEN" not in text and text.count("random()") == 1, text


TIME_FORMS = [
    ("ABS(a.mjd - b.mjd) < 0.05", lambda d: np.abs(d) < 0.05),
    ("ABS(b.mjd - a.mjd) <= 0.05", lambda d: np.abs(d) <= 0.05),
    ("0.05 > ABS(a.mjd - b.mjd)", lambda d: np.abs(d) < 0.05),
    ("a.mjd - b.mjd BETWEEN -0.05 AND 0.05", lambda d: (d >= -0.05) & (d <= 0.05)),
    ("a.mjd - b.mjd BETWEEN -0.01 AND 0.1", lambda d: (d >= -0.01) & (d <= 0.1)),
    ("ABS(a.mjd - b.mjd) < a.ra / 3600", None),
]


def time_query(condition: str) -> str:
    return f"SELECT a.id, b.id FROM xm.centres AS a JOIN xm.points AS b ON {condition}"


def brute_force_time(test, condition: str) -> list[tuple[int, int]]:
    a = np.array([r[3] for r in CENTRE_ROWS])[:, None]
    b = np.array([r[3] for r in POINT_ROWS])[None, :]
    if test is None:
        inside = np.abs(a - b) < np.array([r[1] for r in CENTRE_ROWS])[:, None] / 3600
    else:
        inside = test(a - b)
    i, j = np.nonzero(inside)
    return sorted((CENTRE_ROWS[x][0], POINT_ROWS[y][0]) for x, y in zip(i, j))


@pytest.mark.parametrize("condition,test", TIME_FORMS)
def test_time_window_join_uses_the_time_index_and_equals_brute_force(conn, condition, test):
    query = time_query(condition)
    assert inner_loop_searches(plan(conn, query), "xm_points_mjd", "mjd"), plan(conn, query)
    expected = brute_force_time(test, condition)
    assert expected
    assert sorted(conn.execute(sql(query)).fetchall()) == expected


@pytest.mark.parametrize("condition", [
    "ABS(a.mjd - b.mjd) > 0.05",
    "a.mjd - b.mjd NOT BETWEEN -0.05 AND 0.05",
    "ABS(a.mjd - b.mjd) < RAND()",
    "ABS(a.mjd + b.mjd) < 0.05",
])
def test_other_comparisons_get_no_time_range(condition):
    assert "BETWEEN" not in sql(time_query(condition)).replace("NOT BETWEEN", "")


@pytest.mark.postgres
def test_postgresql_time_window_uses_the_btree_and_equals_brute_force(pg_conn):
    with pg_conn.cursor() as cur:
        for table, rows in (("xm_centres", CENTRE_ROWS), ("xm_points", POINT_ROWS)):
            cur.execute(f"DROP TABLE IF EXISTS {table}")
            cur.execute(f"CREATE TABLE {table} (id bigint, ra double precision, dec double precision, "
                        "mjd double precision)")
            cur.executemany(f"INSERT INTO {table} VALUES (%s, %s, %s, %s)", rows)
            cur.execute(f"CREATE INDEX {table}_mjd ON {table} (mjd)")
            cur.execute(f"ANALYZE {table}")
        for condition, test in TIME_FORMS:
            query = sql(time_query(condition), "postgresql")
            cur.execute("BEGIN")
            cur.execute("SET LOCAL enable_seqscan = off")
            cur.execute("EXPLAIN " + query)
            text = "\n".join(r[0] for r in cur.fetchall())
            cur.execute("COMMIT")
            assert "Index Cond: ((mjd >=" in text, text
            cur.execute(query)
            assert sorted(cur.fetchall()) == brute_force_time(test, condition), condition
        cur.execute("DROP TABLE xm_centres, xm_points")
