"""ADQL run on SQLite: results against brute force, index use, paging, geometry output."""
from __future__ import annotations

import math

import pytest

import adql
from adql import spherical

CRAB = (83.63, 22.01)


def brute_cone(rows, ra0, dec0, radius):
    return sorted(r[0] for r in rows if spherical.distance(r[3], r[4], ra0, dec0) <= radius)


@pytest.mark.parametrize("center,radius", [(CRAB, 1.0), ((0.5, 0.0), 2.0), ((359.5, 0.2), 1.5),
                                           ((10.0, 89.5), 1.0), ((200.0, -89.9), 0.5), ((0.0, 0.0), 0.0)])
def test_cone_search_matches_brute_force(run_sqlite, rows, center, radius):
    ra0, dec0 = center
    forms = [
        f"1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', {ra0}, {dec0}, {radius}))",
        f"CONTAINS(POINT(ra, dec), CIRCLE(POINT({ra0}, {dec0}), {radius})) = 1",
        f"1 = INTERSECTS(CIRCLE('', {ra0}, {dec0}, {radius}), POINT('', ra, dec))",
        f"DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', {ra0}, {dec0})) <= {radius}",
        f"{radius} >= DISTANCE(ra, dec, {ra0}, {dec0})",
    ]
    expected = brute_cone(rows, ra0, dec0, radius)
    for where in forms:
        got = sorted(r[0] for r in run_sqlite(f"SELECT event_id FROM mm.events WHERE {where}"))
        assert got == expected, where
    outside = run_sqlite(f"SELECT COUNT(*) FROM mm.events WHERE CONTAINS(POINT('ICRS', ra, dec), "
                         f"CIRCLE('ICRS', {ra0}, {dec0}, {radius})) = 0")
    assert outside[0][0] == len(rows) - len(expected)


@pytest.mark.parametrize("radius,index", [(1, "mm__events_zone (<expr>=? AND ra>? AND ra<?)"),
                                          (10, "mm__events_dec_ra (dec>? AND dec<?)")])
def test_cone_search_uses_the_zone_index_or_for_wide_cones_the_dec_index(sqlite_conn, schema, radius, index):
    tree = adql.parse("SELECT event_id FROM mm.events WHERE "
                      f"1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 83.63, 22.01, {radius}))")
    sql = adql.to_sql(adql.validate(tree, schema), "sqlite")
    plan = " ".join(str(r[-1]) for r in sqlite_conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert f"INDEX {index}" in plan, plan


def test_positional_join_matches_brute_force_and_uses_index(run_sqlite, rows, sqlite_conn, schema):
    query = ("SELECT s.name, e.event_id FROM mm.sources AS s JOIN mm.events AS e "
             "ON 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', s.ra, s.dec, 0.5))")
    from tests.adql.conftest import source_rows
    expected = sorted((s[0], r[0]) for s in source_rows() for r in rows
                      if spherical.distance(r[3], r[4], s[1], s[2]) <= 0.5)
    assert sorted(run_sqlite(query)) == expected
    sql = adql.to_sql(adql.validate(adql.parse(query), schema), "sqlite")
    plan = " ".join(str(r[-1]) for r in sqlite_conn.execute("EXPLAIN QUERY PLAN " + sql))
    assert "INDEX mm__events_zone" in plan, plan


def test_top_offset_and_row_limit(run_sqlite):
    ordered = [r[0] for r in run_sqlite("SELECT event_id FROM mm.events ORDER BY event_id")]
    assert [r[0] for r in run_sqlite("SELECT TOP 5 event_id FROM mm.events ORDER BY event_id OFFSET 10")] == \
        ordered[10:15]
    assert len(run_sqlite("SELECT TOP 50 event_id FROM mm.events", row_limit=11)) == 11
    assert len(run_sqlite("SELECT TOP 5 event_id FROM mm.events", row_limit=11)) == 5
    assert [r[0] for r in run_sqlite("SELECT event_id FROM mm.events ORDER BY 1 DESC OFFSET 2990")] == \
        ordered[::-1][2990:]


def test_sets_ctes_subqueries(run_sqlite):
    union = run_sqlite("(SELECT TOP 3 event_id FROM mm.events ORDER BY event_id) UNION "
                       "(SELECT TOP 2 event_id FROM mm.events ORDER BY event_id DESC) ORDER BY 1")
    assert [r[0] for r in union] == [1, 2, 3, 2999, 3000]
    inter = run_sqlite("SELECT event_id FROM mm.events WHERE event_id < 10 INTERSECT "
                       "SELECT event_id FROM mm.events WHERE event_id > 5 ORDER BY 1")
    assert [r[0] for r in inter] == [6, 7, 8, 9]
    cte = run_sqlite("WITH g AS (SELECT messenger, COUNT(*) AS n FROM mm.events GROUP BY messenger) "
                     "SELECT messenger FROM g WHERE n = (SELECT MAX(n) FROM g) ORDER BY messenger")
    assert cte[0][0] == "cosmic-ray"
    exists = run_sqlite("SELECT name FROM mm.sources AS s WHERE EXISTS "
                        "(SELECT 1 FROM mm.events AS e WHERE e.event_id = s.mixed) ORDER BY name")
    assert [r[0] for r in exists] == ["Crab", "Origin", "Pole", "Sgr A*"]


def test_functions_and_geometry_output(run_sqlite):
    row = run_sqlite(
        "SELECT TOP 1 POINT('ICRS', -10, 20), CIRCLE('', 10, 20, 1), BOX('', 10, 0, 2, 2), "
        "CENTROID(CIRCLE('', 10, 20, 1)), COORD1(POINT('', 370, 5)), AREA(CIRCLE('', 0, 0, 1)), "
        "DISTANCE(POINT('', 0, 0), POINT('', 0, 1)), ivo_healpix_index(6, 83.63, 22.01), "
        "ivo_healpix_center(0, 0), ivo_interval_overlaps(1, 3, 2, 4), ivo_nocasematch('Crab', 'c%B'), "
        "ivo_hasword('The Crab nebula', 'crab'), MOD(7.5, 2), TRUNCATE(3.789, 2), ROUND(2.567, 1), "
        "CAST('12.5 -3' AS POINT), 5 & 3, 5 | 3, 5 ^ 3, ~0, 0x10, COALESCE(NULL, 'x'), "
        "CASE WHEN 1 < 2 THEN 'yes' END, 'a' || 'b', UPPER('q'), IN_UNIT(energy, 'TeV') / energy "
        "FROM mm.events")[0]
    assert row[0] == "350.0 20.0" and row[1] == "10.0 20.0 1.0"
    assert len(row[2].split()) == 8 and row[3] == "10.0 20.0" and row[4] == pytest.approx(10.0)
    assert row[5] == pytest.approx(math.degrees(math.degrees(2 * math.pi * (1 - math.cos(math.radians(1))))))
    assert row[6] == pytest.approx(1.0) and row[7] == 24185
    assert [float(v) for v in row[8].split()] == pytest.approx([45.0, 41.810314895778596], abs=1e-12)
    assert row[9:12] == (1, 1, 1)
    assert row[12] == pytest.approx(1.5) and row[13] == pytest.approx(3.78) and row[14] == pytest.approx(2.6)
    assert row[15] == "12.5 -3.0" and row[16:21] == (1, 7, 6, -1, 16)
    assert row[21:25] == ("x", "yes", "ab", "Q") and row[25] == pytest.approx(1e-3)


def test_like_is_case_sensitive_and_ilike_is_not(run_sqlite):
    assert run_sqlite("SELECT COUNT(*) FROM mm.sources WHERE name LIKE 'crab'")[0][0] == 0
    assert run_sqlite("SELECT COUNT(*) FROM mm.sources WHERE name ILIKE 'crab'")[0][0] == 1
    assert run_sqlite("SELECT name FROM mm.sources WHERE name = 'It''s'")[0][0] == "It's"


def test_histogram_and_group_by_alias(run_sqlite, rows):
    result = run_sqlite("SELECT FLOOR(LOG10(energy)) AS decade, COUNT(*) AS n FROM mm.events "
                        "GROUP BY decade ORDER BY decade")
    counts = {}
    for r in rows:
        counts[math.floor(math.log10(r[6]))] = counts.get(math.floor(math.log10(r[6])), 0) + 1
    assert {int(d): n for d, n in result} == counts
