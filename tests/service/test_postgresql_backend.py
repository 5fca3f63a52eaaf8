"""The production backend's promises: index-driven positional queries, read-only users, time limits,
per-process pools (gunicorn forks), exact COPY loads and clear errors."""
from __future__ import annotations

import concurrent.futures
import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from resources import ColumnDescriptor, TableDescriptor
from vo_service.db import open_backend
from vo_service.db.base import QueryError, QueryTimeout
from vo_service.db.error_words import DIVISION_BY_ZERO, DOUBLE_RANGE, LOGARITHM_DOMAIN
from vo_service.protocol.query import prepare
from vo_service.publishing.catalog import Catalog

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parents[2]
APO = [sys.executable, "-c", "from vo_service.cli import main; raise SystemExit(main())"]
CONE = "SELECT event_id FROM mm.events WHERE 1 = CONTAINS(POINT('ICRS', ra, dec), CIRCLE('ICRS', 83.63, 22.01, 1))"
XMATCH = ("SELECT n.event_id, g.event_id AS gamma_id FROM mm.events AS n JOIN mm.events AS g "
          "ON 1 = CONTAINS(POINT('ICRS', g.ra, g.dec), CIRCLE('ICRS', n.ra, n.dec, 1)) "
          "AND g.obs_mjd BETWEEN n.obs_mjd - 1 AND n.obs_mjd + 1 "
          "WHERE n.messenger = 'neutrino' AND g.messenger = 'gamma'")
UPLOAD_XMATCH = ("SELECT b.event_id, m.event_id FROM baikal_gvd.events AS b JOIN mm.events AS m "
                 "ON 1 = CONTAINS(POINT('ICRS', m.ra, m.dec), CIRCLE('ICRS', b.ra, b.dec, 0.5))")


@pytest.fixture(scope="module")
def pg(pg_demo_db_url: str):
    return open_backend(pg_demo_db_url)


def plan(backend, adql_text: str) -> str:
    prepared = prepare(Catalog.load(backend), "postgresql", adql_text, version="2.1", maxrec=1000)
    return "\n".join(row[0] for row in backend.fetch_all("EXPLAIN " + prepared.sql))


@pytest.mark.parametrize("query", [CONE, XMATCH, UPLOAD_XMATCH], ids=["cone", "neutrino-gamma", "collection-mm"])
def test_positional_queries_use_the_gist_index(pg, query):
    text = plan(pg, query)
    assert any("Index Cond: " in line and 'spoint(radians(ra), radians("dec")) @' in line
               for line in text.splitlines()), text
    assert "mm_events_spoint" in text, text


def test_a_coincidence_join_searches_space_and_time_in_one_index(pg):
    inner = [line for line in plan(pg, XMATCH).splitlines() if "Index Cond" in line and "spoint" in line]
    assert inner and "obs_mjd >=" in inner[-1] and "obs_mjd <=" in inner[-1], plan(pg, XMATCH)


def test_tables_get_gist_time_and_id_indexes(pg):
    rows = pg.fetch_all("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'tunka133'")
    definitions = {name: definition for name, definition in rows}
    assert 'USING gist (spoint(radians(ra), radians("dec")), obs_mjd)' in definitions["tunka133_events_spoint"]
    assert "btree (obs_mjd)" in definitions["tunka133_events_obs_mjd"]
    assert any("btree (event_id)" in d for d in definitions.values())


def test_tables_have_planner_statistics_after_loading(pg):
    analysed = pg.scalar("SELECT count(*) FROM pg_stat_user_tables WHERE relname = 'events' "
                         "AND schemaname = 'mm' AND last_analyze IS NOT NULL")
    assert analysed == 1


def run(backend, sql: str, timeout_s: float = 10):
    return [row for batch in backend.stream(sql, batch_size=100, timeout_s=timeout_s) for row in batch]


@pytest.mark.parametrize("sql", [
    "WITH gone AS (DELETE FROM mm.events RETURNING 1) SELECT count(*) FROM gone",
    "SELECT nextval('nothing_here') FROM (SELECT 1) AS t",
    "SELECT * FROM apo.resources",
])
def test_user_queries_cannot_write_or_read_internal_tables(pg, sql):
    before = pg.scalar("SELECT count(*) FROM mm.events")
    with pytest.raises(QueryError):
        run(pg, sql)
    assert pg.scalar("SELECT count(*) FROM mm.events") == before


def test_user_queries_run_as_the_reader_role_in_read_only_transactions(pg):
    assert run(pg, "SELECT current_user, current_setting('transaction_read_only')") == [("apo_reader", "on")]


def test_statement_timeout_stops_a_slow_query(pg):
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="0.3 s limit"):
        run(pg, "SELECT pg_sleep(5)", timeout_s=0.3)
    assert time.monotonic() - started < 3
    assert run(pg, "SELECT current_setting('statement_timeout')", timeout_s=7) == [("7s",)]


def test_each_process_gets_its_own_pool_after_fork(pg):
    parent_pid = pg.scalar("SELECT pg_backend_pid()")
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            os.write(write, str(pg.scalar("SELECT pg_backend_pid()")).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        child_backend_pid = int(pipe.read())
    os.waitpid(child, 0)
    assert child_backend_pid != parent_pid
    assert pg.scalar("SELECT pg_backend_pid()") == parent_pid


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_gunicorn_workers_serve_concurrently_with_pools_of_their_own(pg, pg_demo_db_url, tmp_path):
    port = free_port()
    server = subprocess.Popen(
        APO + ["serve", "--db", pg_demo_db_url, "--port", str(port),
         "--workers", "2", "--async-workers", "0", "--results-dir", str(tmp_path)],
        cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}/tap/sync"
    query = urllib.parse.urlencode({"LANG": "ADQL", "FORMAT": "csv",
                                    "QUERY": "SELECT COUNT(*) AS n FROM mm.events WHERE messenger = 'gamma'"})
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}?{query}", timeout=5).read()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(0.3)
        with concurrent.futures.ThreadPoolExecutor(16) as pool:
            bodies = list(pool.map(lambda _: urllib.request.urlopen(f"{base}?{query}", timeout=30).read(),
                                   range(48)))
        expected = pg.scalar("SELECT count(*) FROM mm.events WHERE messenger = 'gamma'")
        assert {b.decode().split()[-1] for b in bodies} == {str(expected)}
        names = {r[0] for r in pg.fetch_all("SELECT DISTINCT application_name FROM pg_stat_activity WHERE "
                                            "datname = current_database() AND application_name LIKE 'apo-%%'")}
        assert len(names - {f"apo-{os.getpid()}"}) == 2, names
    finally:
        server.terminate()
        server.wait(10)


ODD = TableDescriptor(
    schema="apo_scratch", name="odd", description="COPY round trip", primary_key="id",
    columns=(ColumnDescriptor("id", "long", "id"), ColumnDescriptor("label", "char", "text", arraysize="*"),
             ColumnDescriptor("x", "double", "double"), ColumnDescriptor("y", "float", "float"),
             ColumnDescriptor("flag", "boolean", "flag")))


def test_copy_loads_columns_exactly(pg):
    labels = np.array(["tab\there", "back\\slash", "new\nline", "ünïcode", "plain"])
    x = np.array([0.1, 1e-300, np.nan, -2.5e17, 1 / 3])
    y = np.ma.masked_array(np.array([0.1, 2, 3, 4, 5], dtype=np.float32), mask=[0, 0, 1, 0, 0])
    batch = {"id": np.array([2**62, -1, 0, 7, 8]), "label": labels, "x": x, "y": y,
             "flag": np.array([True, False, True, False, True])}
    pg.create_table(ODD, replace=True)
    try:
        assert pg.load_columns(ODD, [batch]) == 5
        rows = pg.fetch_all("SELECT id, label, x, y, flag FROM apo_scratch.odd ORDER BY label")
    finally:
        pg.drop_table("apo_scratch", "odd")
    expected = sorted(zip([2**62, -1, 0, 7, 8], labels.tolist(), [0.1, 1e-300, None, -2.5e17, 1 / 3],
                          [np.float32(0.1), 2.0, None, 4.0, 5.0], [True, False, True, False, True]),
                      key=lambda r: r[1])
    for got, want in zip(rows, expected):
        assert got[:3] == want[:3] and got[4] == want[4]
        assert (got[3] is None and want[3] is None) or np.float32(got[3]) == np.float32(want[3])


def test_unreachable_server_is_a_clear_error():
    backend = open_backend("postgresql://postgres@127.0.0.1:1/nowhere")
    with pytest.raises(ConnectionError, match="cannot connect to PostgreSQL at 127.0.0.1:1/nowhere"):
        backend.scalar("SELECT 1")


def test_cli_reports_an_unreachable_database_without_a_traceback():
    result = subprocess.run(APO + ["init-demo", "--quiet", "--scale", "0.001",
                             "--db", "postgresql://postgres@127.0.0.1:1/nowhere"],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("apo: cannot connect to PostgreSQL"), result.stderr
    assert "Traceback" not in result.stderr



def test_init_demo_creates_a_missing_database(pg_demo_db_url):
    """As README says: `apo init-demo --db postgresql://.../NEW` needs no createdb first."""
    import psycopg2
    from sqlalchemy.engine import make_url

    from vo_service.cli import main
    from vo_service.db.postgresql import connection_kwargs

    url = make_url(pg_demo_db_url).set(database=f"apo_test_created_{os.getpid()}").render_as_string(False)
    admin = psycopg2.connect(**{**connection_kwargs(pg_demo_db_url), "dbname": "postgres"})
    admin.autocommit = True
    try:
        assert main(["init-demo", "--db", url, "--scale", "0.001", "--quiet"]) == 0
        assert open_backend(url).scalar("SELECT count(*) FROM mm.events") > 0
        assert open_backend(url).create_database() is False
    finally:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
        admin.close()


@pytest.mark.parametrize("sql, words", [
    ("SELECT ln(-1)", LOGARITHM_DOMAIN),
    ("SELECT CAST(-1e999 AS double precision)", DOUBLE_RANGE),
    ("SELECT 1 / 0", DIVISION_BY_ZERO),
])
def test_database_errors_reach_users_in_words_not_verbatim(pg, sql, words):
    with pytest.raises(QueryError) as info:
        run(pg, sql)
    assert str(info.value) == words
