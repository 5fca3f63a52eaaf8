"""The same ADQL gives the same rows on SQLite and on PostgreSQL, over the same demo data.

Each query goes the way a TAP request goes (published catalog, translator, backend stream)
on both demo databases; floats agree to 1e-9 relative, geometry (DALI text) to 1e-9 degrees,
and rows are compared as multisets unless the query orders them.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from vo_service.db import open_backend
from vo_service.protocol.query import prepare
from vo_service.publishing.catalog import Catalog

pytestmark = pytest.mark.postgres

QUERIES = [
    "SELECT collection, event_id, ra, dec FROM mm.events "
    "WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 83.63, 22.01, 5))",
    "SELECT event_id FROM mm.events WHERE CONTAINS(POINT(ra, dec), CIRCLE(359.5, 0.2, 8)) = 1",
    "SELECT event_id, DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 0, -90)) AS d FROM baikal_gvd.events "
    "WHERE DISTANCE(POINT('ICRS', ra, dec), POINT('ICRS', 0, -90)) < 20",
    "SELECT event_id FROM mm.events WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), "
    "POLYGON('ICRS', 70, 10, 100, 10, 100, 40, 70, 40)) AND messenger = 'gamma'",
    "SELECT event_id FROM mm.events WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), BOX('ICRS', 180, -30, 20, 10))",
    "SELECT n.event_id, g.event_id AS gamma_id, DISTANCE(POINT('ICRS', n.ra, n.dec), POINT('ICRS', g.ra, g.dec)) "
    "FROM mm.events AS n JOIN mm.events AS g "
    "ON 1 = CONTAINS(POINT('ICRS', g.ra, g.dec), CIRCLE('ICRS', n.ra, n.dec, 2)) "
    "AND g.obs_mjd BETWEEN n.obs_mjd - 30 AND n.obs_mjd + 30 "
    "WHERE n.messenger = 'neutrino' AND g.messenger = 'gamma'",
    "SELECT m.collection, b.event_id, b.n_hits, m.energy FROM baikal_gvd.events AS b "
    "JOIN mm.events AS m ON m.event_id = b.event_id AND m.collection = 'baikal_gvd' WHERE b.n_hits > 20",
    "SELECT messenger, facility, COUNT(*) AS n, MIN(obs_mjd), MAX(energy), AVG(pos_err), SUM(event_id) "
    "FROM mm.events GROUP BY messenger, facility",
    "SELECT FLOOR(LOG10(energy)) AS decade, COUNT(*) AS n FROM mm.events GROUP BY FLOOR(LOG10(energy)) "
    "ORDER BY decade",
    "SELECT collection, COUNT(*) FROM mm.events WHERE energy > 1e6 GROUP BY collection HAVING COUNT(*) > 10",
    "SELECT messenger, COUNT(*) AS n FROM mm.events WHERE ra < 99999999999999999999999999999999999999 "
    "AND event_id > -9223372036854775809 GROUP BY messenger HAVING COUNT(*) < 9223372036854775808",
    "SELECT TOP 25 collection, event_id, energy FROM mm.events ORDER BY energy DESC, event_id",
    "SELECT TOP 10 event_id, xmax, lg_energy FROM tunka133.events ORDER BY xmax DESC, event_id OFFSET 5",
    "SELECT DISTINCT collection, facility, LOWER(facility), UPPER(collection), collection || '/' || messenger "
    "FROM mm.events",
    "SELECT DISTINCT facility FROM mm.events WHERE facility LIKE 'T%' OR facility ILIKE 'baikal%'",
    "SELECT TOP 5 POINT('ICRS', ra, dec), CIRCLE('ICRS', ra, dec, 0.5), COORD1(POINT('ICRS', ra, dec)), "
    "COORD2(POINT('ICRS', ra, dec)) FROM mm.events ORDER BY event_id, collection",
    "SELECT TOP 3 AREA(CIRCLE('ICRS', ra, dec, 1)), CENTROID(CIRCLE('ICRS', ra, dec, 2)), "
    "ivo_healpix_index(6, ra, dec) FROM mm.events ORDER BY collection, event_id",
    "SELECT TOP 4 ROUND(energy, 2), TRUNCATE(ra, 1), MOD(event_id, 7), ABS(dec), SQRT(pos_err), "
    "CAST(obs_mjd AS INTEGER), CASE WHEN energy > 1e6 THEN 'high' ELSE 'low' END FROM mm.events "
    "ORDER BY collection, event_id",
    "SELECT collection, event_id FROM mm.events WHERE event_id IN (1, 2, 3) AND collection IN "
    "(SELECT DISTINCT collection FROM mm.events WHERE messenger = 'cosmic-ray')",
    "SELECT event_id FROM baikal_gvd.events WHERE event_id < 50 "
    "UNION SELECT event_id FROM tunka133.events WHERE event_id < 40",
    "WITH bright AS (SELECT collection, energy FROM mm.events WHERE energy > 1e5) "
    "SELECT collection, COUNT(*) FROM bright GROUP BY collection",
    "SELECT table_name, table_type FROM TAP_SCHEMA.tables",
    "SELECT table_name, column_name, datatype, unit, ucd, indexed, principal FROM TAP_SCHEMA.columns",
    "SELECT from_table, target_table FROM TAP_SCHEMA.keys",
]


@pytest.fixture(scope="module")
def both(demo_db_url: str, pg_demo_db_url: str) -> dict[str, tuple]:
    """(backend, catalog) for each database."""
    pairs = {}
    for name, url in (("sqlite", demo_db_url), ("postgresql", pg_demo_db_url)):
        backend = open_backend(url)
        pairs[name] = (backend, Catalog.load(backend))
    return pairs


def run(backend, catalog, text: str) -> list[tuple]:
    prepared = prepare(catalog, backend.dialect, text, version="2.1", maxrec=100_000)
    return [row for batch in backend.stream(prepared.sql, batch_size=5000, timeout_s=60) for row in batch]


def comparable(value):
    """Numbers as floats, DALI geometry text as a tuple of floats; everything else as it is."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) or type(value).__name__ == "Decimal":
        return float(value)
    if isinstance(value, str):
        parts = value.split()
        try:
            return tuple(float(p) for p in parts) if len(parts) > 1 else value
        except ValueError:
            return value
    return value


def same(a, b) -> bool:
    """Equal, floats to 1e-9 relative; or the same 32-bit float (`float` columns, published as such:
    SQLite keeps a float32 as its exact double, PostgreSQL's REAL comes back as its shortest decimal)."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) or (math.isnan(a) and math.isnan(b))
                or np.float32(a) == np.float32(b))
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def sort_key(row: tuple) -> tuple:
    """Order rows by rounded values, so float noise does not reorder them."""
    return tuple(repr(round(v, 6)) if isinstance(v, float) else repr(v) for v in row)


@pytest.mark.parametrize("text", QUERIES)
def test_same_rows_on_both_backends(both, text: str):
    results = {}
    for name, (backend, catalog) in both.items():
        rows = [tuple(comparable(v) for v in row) for row in run(backend, catalog, text)]
        results[name] = rows if "ORDER BY" in text.upper() else sorted(rows, key=sort_key)
    lite, pg = results["sqlite"], results["postgresql"]
    assert len(lite) > 0, "the query should find rows in the demo data"
    assert len(lite) == len(pg)
    differing = [(a, b) for a, b in zip(lite, pg) if not same(a, b)]
    assert not differing, f"{len(differing)} rows differ, first: {differing[0]}"
