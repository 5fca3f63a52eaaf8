"""PostgreSQL/pgSphere translation: the GiST index serves cone searches, and results equal SQLite's."""
from __future__ import annotations

import pytest

import adql

pytestmark = pytest.mark.postgres

SAME_RESULT_QUERIES = [
    "SELECT event_id FROM mm.events WHERE 1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 83.63, 22.01, 1))",
    "SELECT event_id FROM mm.events WHERE CONTAINS(POINT(ra, dec), CIRCLE(359.5, 0.2, 1.5)) = 1",
    "SELECT event_id FROM mm.events WHERE DISTANCE(POINT('', ra, dec), POINT('', 10, 89.5)) < 1",
    "SELECT event_id FROM mm.events WHERE 1=INTERSECTS(POINT('', ra, dec), CIRCLE('', 0, 0, 2))",
    "SELECT event_id FROM mm.events WHERE 1=CONTAINS(POINT('', ra, dec), POLYGON('', 80, 20, 86, 20, 86, 24, 80, 24))",
    "SELECT event_id FROM mm.events WHERE 1=CONTAINS(POINT('', ra, dec), BOX('', 83.63, 22.01, 2, 2))",
    "SELECT s.name, e.event_id, DISTANCE(POINT('', e.ra, e.dec), POINT('', s.ra, s.dec)) FROM mm.sources AS s "
    "JOIN mm.events AS e ON 1 = CONTAINS(POINT('ICRS', e.ra, e.dec), CIRCLE('ICRS', s.ra, s.dec, 0.5))",
    "SELECT FLOOR(LOG10(energy)) AS decade, COUNT(*) AS n, AVG(energy) FROM mm.events GROUP BY decade",
    "SELECT messenger, MIN(obs_mjd), MAX(pos_err), SUM(event_id) FROM mm.events GROUP BY messenger",
    "WITH hi AS (SELECT event_id, messenger FROM mm.events WHERE energy > 1e5) "
    "SELECT messenger, COUNT(*) FROM hi GROUP BY messenger",
    "SELECT event_id FROM mm.events WHERE event_id < 20 UNION SELECT mixed FROM mm.sources",
    "SELECT event_id FROM mm.events WHERE event_id < 20 EXCEPT SELECT mixed FROM mm.sources",
    "SELECT TOP 7 event_id, energy FROM mm.events ORDER BY energy DESC OFFSET 3",
    "SELECT name, LOWER(name), UPPER(name), name || '!' , COALESCE(flux, -1) FROM mm.sources",
    "SELECT name || 'qua' -- a string literal continued on the next line\n'tsch' AS s FROM mm.sources",
    "SELECT name FROM mm.sources WHERE name LIKE 'C%' OR name ILIKE 's%' OR name LIKE 'It''s'",
    "SELECT POINT('ICRS', ra, dec), CIRCLE('', ra, dec, 0.5), COORD1(POINT('', ra, dec)), "
    "COORD2(POINT('', ra, dec)) FROM mm.sources",
    "SELECT POLYGON('', 10, 10, 12, 10, 11, 12), AREA(POLYGON('', 10, 10, 12, 10, 11, 12)), "
    "AREA(CIRCLE('', 0, 0, 1)), CENTROID(CIRCLE('', 5, 6, 1)) FROM mm.sources WHERE mixed = 1",
    "SELECT ivo_healpix_index(8, ra, dec), ivo_healpix_center(3, 100), ivo_interval_overlaps(1, 3, 2, 4), "
    "ivo_nocasematch(name, 'c%'), ivo_hasword(name, 'crab') FROM mm.sources",
    "SELECT MOD(7.5, 2), MOD(7, 3), TRUNCATE(3.789, 2), ROUND(2.567, 1), ROUND(2.5), ABS(-2), SQRT(16.0), "
    "POWER(2, 10), EXP(0), LOG(1), PI(), DEGREES(PI()), RADIANS(180), SIN(0), COS(0), TAN(0), ASIN(0), "
    "ACOS(1), ATAN(0), ATAN2(0, 1), CEILING(1.2), FLOOR(1.8) FROM mm.sources WHERE mixed = 1",
    "SELECT CAST(2.6 AS INTEGER), CAST(event_id AS CHAR(2)), CAST('12.5 -3' AS POINT), 5 & 3, 5 | 3, 5 ^ 3, "
    "0x1F, CASE WHEN energy > 10 THEN 'high' ELSE 'low' END FROM mm.events WHERE event_id = 42",
    "SELECT name FROM mm.sources WHERE flux IS NULL OR mixed NOT IN (1, 2) OR ra BETWEEN 80 AND 90",
    "SELECT e.event_id FROM mm.events AS e WHERE e.event_id IN (SELECT mixed FROM mm.sources) AND EXISTS "
    "(SELECT 1 FROM mm.sources AS s WHERE s.mixed = e.event_id)",
    "SELECT name FROM mm.sources NATURAL JOIN tap_schema.tables",
    "SELECT table_name FROM TAP_SCHEMA.tables",
    "SELECT IN_UNIT(energy, 'TeV'), IN_UNIT(ra, 'rad') FROM mm.events WHERE event_id < 5",
]


def _normalise(value):
    if isinstance(value, str) and value and all(_is_number(p) for p in value.split()):
        return tuple(round(float(p), 6) for p in value.split())
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal":
        return round(float(value), 6)
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _rows(rows):
    return sorted((tuple(_normalise(v) for v in row) for row in rows), key=repr)


@pytest.mark.parametrize("query", SAME_RESULT_QUERIES)
def test_same_results_as_sqlite(query, pg_conn, sqlite_conn, schema):
    validated = adql.validate(adql.parse(query), schema)
    with pg_conn.cursor() as cur:
        cur.execute(adql.to_sql(validated, "postgresql"))
        pg_rows = cur.fetchall()
    lite_rows = sqlite_conn.execute(adql.to_sql(validated, "sqlite")).fetchall()
    assert _rows(pg_rows) == _rows(lite_rows)
    assert len(lite_rows) > 0 or "EXCEPT" in query


@pytest.mark.parametrize("where", [
    "1=CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 83.63, 22.01, 1))",
    "CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 83.63, 22.01, 1)) = 1",
    "1=INTERSECTS(CIRCLE('ICRS', 83.63, 22.01, 1), POINT('ICRS', ra, dec))",
    "DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 83.63, 22.01)) < 1",
])
def test_cone_search_uses_the_gist_index(where, pg_conn, schema):
    sql = adql.to_sql(adql.validate(adql.parse(f"SELECT event_id FROM mm.events WHERE {where}"), schema),
                      "postgresql", row_limit=101)
    with pg_conn.cursor() as cur:
        cur.execute("SET enable_seqscan = off")
        cur.execute("EXPLAIN " + sql)
        plan = "\n".join(r[0] for r in cur.fetchall())
        cur.execute("RESET enable_seqscan")
    assert "mm__events_spoint_idx" in plan, plan


def test_row_limit_is_one_more_than_maxrec(pg_conn, schema):
    sql = adql.to_sql(adql.validate(adql.parse("SELECT TOP 100 event_id FROM mm.events"), schema),
                      "postgresql", row_limit=11)
    with pg_conn.cursor() as cur:
        cur.execute(sql)
        assert len(cur.fetchall()) == 11
