"""SQLite answers full-scan aggregates from columns held in memory, with the same rows as its SQL.

The demo database's queries run both ways through the SQLite backend; then the cache is shown
to follow writes by other connections, to refuse columns that mix stored types, to keep index
searches with SQLite, and to honour the request's time limit while it loads.
"""
from __future__ import annotations

import io
import math
import sqlite3
from contextlib import closing

import pytest
from astropy.io.votable import parse_single_table

from vo_service.db import open_backend
from vo_service.db.base import QueryTimeout
from vo_service.db.sqlite import sqlite_path
from vo_service.protocol.query import prepare
from vo_service.publishing.catalog import Catalog

HISTOGRAM = ("SELECT FLOOR(LOG10(energy) * 10) / 10 AS bin, COUNT(*) AS n FROM mm.events "
             "GROUP BY bin ORDER BY bin")
FULL_SCANS = [
    HISTOGRAM,
    "SELECT messenger, facility, COUNT(*) AS n, MIN(obs_mjd), MAX(energy), AVG(pos_err), SUM(event_id) "
    "FROM mm.events GROUP BY messenger, facility ORDER BY messenger, facility",
    "SELECT collection, COUNT(*) FROM mm.events WHERE energy > 1e6 GROUP BY collection HAVING COUNT(*) > 10 "
    "ORDER BY collection",
    "SELECT FLOOR(zenith / 5) * 5 AS zenith_bin, COUNT(*), AVG(lg_energy), MAX(age), SUM(run_number) "
    "FROM kascade_grande.events GROUP BY zenith_bin ORDER BY zenith_bin",
    "SELECT DISTINCT messenger, collection FROM mm.events ORDER BY messenger, collection",
    "SELECT COUNT(energy), MIN(pos_err), MAX(pos_err), AVG(energy) FROM mm.events WHERE pos_err < 0.5",
]


@pytest.fixture(scope="module")
def demo(demo_db_url):
    backend = open_backend(demo_db_url)
    return backend, Catalog.load(backend)


def prepared(catalog, text: str, maxrec: int = 100_000):
    return prepare(catalog, "sqlite", text, version="2.1", maxrec=maxrec)


def sql_rows(backend, query) -> list[tuple]:
    return [row for batch in backend.stream(query.sql, batch_size=5000, timeout_s=60) for row in batch]


def close(a, b) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=1e-12)
    return a == b and type(a) is type(b)


@pytest.mark.parametrize("text", FULL_SCANS)
def test_columns_give_the_rows_sqlite_gives(demo, text):
    backend, catalog = demo
    query = prepared(catalog, text)
    assert query.columnar is not None
    got = backend.answer_from_columns(query.columnar, query.sql, timeout_s=60)
    expected = sql_rows(backend, query)
    assert got is not None and len(expected) > 0
    assert len(got) == len(expected)
    assert all(close(a, b) for g, e in zip(got, expected) for a, b in zip(g, e)), (got[:5], expected[:5])


def test_index_searches_stay_with_sqlite(demo):
    backend, catalog = demo
    query = prepared(catalog, "SELECT messenger, COUNT(*) FROM mm.events WHERE obs_mjd BETWEEN 58000 AND 58001 "
                              "GROUP BY messenger")
    assert query.columnar is not None
    assert "SEARCH" in backend.explain(query.sql)
    assert backend.answer_from_columns(query.columnar, query.sql, timeout_s=60) is None


def test_histogram_through_tap_matches_sql(demo, client):
    backend, catalog = demo
    expected = sql_rows(backend, prepared(catalog, HISTOGRAM))
    response = client.get("/tap/sync", query_string={"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": HISTOGRAM})
    assert response.status_code == 200
    table = parse_single_table(io.BytesIO(response.data)).to_table()
    assert [(float(b), int(n)) for b, n in zip(table["bin"], table["n"])] == expected
    assert table["n"].dtype.kind == "i"


def test_maxrec_overflow_is_flagged_as_for_sql(client):
    response = client.get("/tap/sync", query_string={"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": HISTOGRAM,
                                                      "MAXREC": "3"})
    assert response.status_code == 200
    assert len(parse_single_table(io.BytesIO(response.data)).to_table()) == 3
    assert b'name="QUERY_STATUS" value="OVERFLOW"' in response.data


def test_writes_by_other_connections_are_seen(own_demo):
    backend = open_backend(own_demo)
    catalog = Catalog.load(backend)
    query = prepared(catalog, "SELECT messenger, COUNT(*) AS n, MAX(energy) FROM mm.events GROUP BY messenger "
                              "ORDER BY messenger")
    before = backend.answer_from_columns(query.columnar, query.sql, timeout_s=60)
    with closing(sqlite3.connect(sqlite_path(own_demo))) as writer:
        writer.execute("INSERT INTO mm__events (messenger, facility, collection, event_id, obs_mjd, ra, dec, "
                       "pos_err, energy) VALUES ('neutrino', 'test', 'test', -1, 60000, 10, 10, 1, 1e12)")
        writer.commit()
    after = backend.answer_from_columns(query.columnar, query.sql, timeout_s=60)
    assert after == sql_rows(backend, query)
    neutrino_before = dict((m, (n, e)) for m, n, e in before)["neutrino"]
    assert dict((m, (n, e)) for m, n, e in after)["neutrino"] == (neutrino_before[0] + 1, 1e12)


@pytest.mark.parametrize("text", [
    "SELECT COUNT(*) FROM mm.events WHERE energy IS NULL OR facility IS NULL OR event_id IS NULL",
    "SELECT facility, COUNT(energy), COUNT(event_id), SUM(energy), MIN(event_id), MAX(facility) FROM mm.events "
    "GROUP BY facility ORDER BY facility",
    "SELECT FLOOR(LOG10(energy)) AS decade, event_id / 1000 AS k, COUNT(*) FROM mm.events GROUP BY decade, k "
    "ORDER BY decade, k",
])
def test_nulls_in_stored_columns(own_demo, text):
    with closing(sqlite3.connect(sqlite_path(own_demo))) as writer:
        writer.execute("UPDATE mm__events SET energy = NULL WHERE rowid % 7 = 0")
        writer.execute("UPDATE mm__events SET event_id = NULL WHERE rowid % 11 = 0")
        writer.execute("UPDATE mm__events SET facility = NULL WHERE rowid % 13 = 0")
        writer.commit()
    backend = open_backend(own_demo)
    query = prepared(Catalog.load(backend), text)
    got = backend.answer_from_columns(query.columnar, query.sql, timeout_s=60)
    expected = sql_rows(backend, query)
    assert got is not None and len(got) == len(expected) > 0
    assert all(close(a, b) for g, e in zip(got, expected) for a, b in zip(g, e)), (got[:5], expected[:5])
    if text.startswith("SELECT COUNT(*)"):
        assert got[0][0] > 0


def test_a_column_that_mixes_types_stays_with_sqlite(own_demo):
    backend = open_backend(own_demo)
    catalog = Catalog.load(backend)
    with closing(sqlite3.connect(sqlite_path(own_demo))) as writer:
        writer.execute("UPDATE mm__events SET energy = 'unknown' WHERE rowid = 1")
        writer.commit()
    query = prepared(catalog, "SELECT messenger, MAX(energy) FROM mm.events GROUP BY messenger")
    assert backend.answer_from_columns(query.columnar, query.sql, timeout_s=60) is None
    assert len(sql_rows(backend, query)) == 3


def test_loading_stops_at_the_time_limit(own_demo):
    backend = open_backend(own_demo)
    catalog = Catalog.load(backend)
    query = prepared(catalog, HISTOGRAM)
    with pytest.raises(QueryTimeout):
        backend.answer_from_columns(query.columnar, query.sql, timeout_s=0)
    assert backend.answer_from_columns(query.columnar, query.sql, timeout_s=60) == sql_rows(backend, query)


def test_least_recently_used_columns_leave_first(demo_db_url):
    from vo_service.db.column_cache import ColumnCache

    path = sqlite_path(demo_db_url)
    rows = sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("SELECT count(*) FROM mm__events").fetchone()[0]
    cache = ColumnCache(path, budget_bytes=2 * 8 * rows)
    never = lambda: False  # noqa: E731
    assert set(cache.columns("mm__events", {"energy": "float"}, stop=never)) == {"energy"}
    assert set(cache.columns("mm__events", {"obs_mjd": "float"}, stop=never)) == {"obs_mjd"}
    assert set(cache.columns("mm__events", {"energy": "float"}, stop=never)) == {"energy"}
    cache.columns("mm__events", {"ra": "float"}, stop=never)
    assert set(cache._columns) == {("mm__events", "energy"), ("mm__events", "ra")}
    assert cache.columns("mm__events", {"ra": "float", "dec": "float", "energy": "float"}, stop=never) is None
