"""Fixtures for the ADQL tests: a small published schema and the same rows in SQLite and PostgreSQL."""
from __future__ import annotations

import math
import random
import sqlite3
from pathlib import Path

import pytest

import adql
from adql import Column, Schema, Table
from adql.sql_sqlite import zone_index_columns
from adql.sqlite_functions import register
from tests.conftest import pg_unavailable

REPO = Path(__file__).resolve().parents[2]

SHARED = REPO.parent / "shared"

EVENTS = Table("mm", "events", (
    Column("event_id", "long", ucd="meta.id;meta.main", description="Event number"),
    Column("messenger", "char", "*", description="cosmic-ray, gamma or neutrino"),
    Column("obs_mjd", "double", unit="d", ucd="time.epoch"),
    Column("ra", "double", unit="deg", ucd="pos.eq.ra;meta.main", description="Right ascension"),
    Column("dec", "double", unit="deg", ucd="pos.eq.dec;meta.main", description="Declination"),
    Column("pos_err", "double", unit="deg"),
    Column("energy", "double", unit="GeV", ucd="phys.energy"),
), sql_name=("mm__events",), description="Multi-messenger events")

SOURCES = Table("mm", "sources", (
    Column("name", "char", "*", ucd="meta.id"),
    Column("ra", "double", unit="deg"),
    Column("dec", "double", unit="deg"),
    Column("flux", "double", unit="erg.s**-1.cm**-2"),
    Column("Mixed", "int", sql_name="mixed_case_col"),
), sql_name=("mm__sources",))

TAP_TABLES = Table("TAP_SCHEMA", "tables", (
    Column("schema_name", "char", "*"), Column("table_name", "char", "*"),
    Column("description", "char", "*"),
), sql_name=("tap_schema__tables",))

SCHEMA = Schema([EVENTS, SOURCES, TAP_TABLES])

MESSENGERS = ("cosmic-ray", "gamma", "neutrino")


def event_rows(n: int = 3000, seed: int = 7) -> list[tuple]:
    """Events spread over the sky, with clusters at the RA wrap-around, a pole and the Crab."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        if i % 10 == 0:
            ra, dec = (83.63 + rng.gauss(0, 0.7)) % 360, 22.01 + rng.gauss(0, 0.7)
        elif i % 10 == 1:
            ra, dec = (rng.gauss(0, 1.0)) % 360, rng.gauss(0, 1.0)
        elif i % 10 == 2:
            ra, dec = rng.uniform(0, 360), 89.0 + rng.uniform(0, 1)
        else:
            ra = rng.uniform(0, 360)
            dec = math.degrees(math.asin(rng.uniform(-1, 1)))
        rows.append((i + 1, MESSENGERS[i % 3], 55000 + rng.uniform(0, 1000), ra, max(-90.0, min(90.0, dec)),
                     rng.uniform(0.01, 1.0), 10 ** rng.uniform(0, 6)))
    return rows


def source_rows() -> list[tuple]:
    return [("Crab", 83.633, 22.0145, 2.4e-8, 1), ("Origin", 0.2, -0.1, 1e-9, 2), ("Pole", 10.0, 89.5, None, 3),
            ("Sgr A*", 266.417, -29.008, 1e-10, 4), ("It's", 359.8, 0.3, 5e-9, None)]


EVENT_COLUMNS = "event_id, messenger, obs_mjd, ra, dec, pos_err, energy"


def fill_sqlite(conn: sqlite3.Connection) -> None:
    conn.execute(f"CREATE TABLE mm__events ({EVENT_COLUMNS})")
    conn.execute("CREATE INDEX mm__events_dec_ra ON mm__events (dec, ra)")
    conn.execute(f"CREATE INDEX mm__events_zone ON mm__events ({zone_index_columns('ra', 'dec')})")
    conn.executemany("INSERT INTO mm__events VALUES (?, ?, ?, ?, ?, ?, ?)", event_rows())
    conn.execute("CREATE TABLE mm__sources (name, ra, dec, flux, mixed_case_col)")
    conn.executemany("INSERT INTO mm__sources VALUES (?, ?, ?, ?, ?)", source_rows())
    conn.execute("CREATE TABLE tap_schema__tables (schema_name, table_name, description)")
    conn.execute("INSERT INTO tap_schema__tables VALUES ('mm', 'mm.events', 'events')")
    conn.execute("CREATE TABLE secret (x)")
    conn.execute("INSERT INTO secret VALUES ('do not show')")


@pytest.fixture(scope="session")
def schema() -> Schema:
    return SCHEMA


@pytest.fixture(scope="session")
def sqlite_conn():
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    register(conn)
    fill_sqlite(conn)
    yield conn
    conn.close()


@pytest.fixture(scope="session")
def run_sqlite(sqlite_conn):
    """Parse, validate, translate and run an ADQL query on the SQLite copy."""
    def run(query: str, row_limit=None) -> list[tuple]:
        validated = adql.validate(adql.parse(query), SCHEMA)
        return sqlite_conn.execute(adql.to_sql(validated, "sqlite", row_limit=row_limit)).fetchall()
    return run


@pytest.fixture(scope="session")
def rows() -> list[tuple]:
    return event_rows()


@pytest.fixture(scope="session")
def pg_conn():
    """A database of our own with pg_sphere and the same rows; skipped when unavailable (failed in CI)."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        admin = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="postgres",
                                 connect_timeout=3)
    except psycopg2.Error as exc:
        pg_unavailable(f"no PostgreSQL server on 127.0.0.1:5432: {str(exc).strip()}")
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute("SELECT 1 FROM pg_database WHERE datname = 'adql_test'")
        if cur.fetchone() is None:
            cur.execute("CREATE DATABASE adql_test")
    admin.close()
    conn = psycopg2.connect(host="127.0.0.1", port=5432, user="postgres", dbname="adql_test")
    conn.autocommit = True
    with conn.cursor() as cur:
        try:
            cur.execute("CREATE EXTENSION IF NOT EXISTS pg_sphere")
        except psycopg2.Error as exc:
            cur.execute("SELECT 1 FROM pg_type WHERE typname = 'spoint'")
            if cur.fetchone() is None:
                conn.close()
                pg_unavailable(f"pg_sphere is not available in adql_test: {str(exc).strip()}")
        cur.execute("DROP TABLE IF EXISTS mm__events, mm__sources, tap_schema__tables")
        cur.execute("CREATE TABLE mm__events (event_id bigint, messenger text, obs_mjd double precision,"
                    " ra double precision, dec double precision, pos_err double precision,"
                    " energy double precision)")
        cur.executemany("INSERT INTO mm__events VALUES (%s, %s, %s, %s, %s, %s, %s)", event_rows())
        cur.execute("CREATE INDEX ON mm__events USING gist (spoint(radians(ra), radians(dec)))")
        cur.execute("CREATE TABLE mm__sources (name text, ra double precision, dec double precision,"
                    " flux double precision, mixed_case_col integer)")
        cur.executemany("INSERT INTO mm__sources VALUES (%s, %s, %s, %s, %s)", source_rows())
        cur.execute("CREATE TABLE tap_schema__tables (schema_name text, table_name text, description text)")
        cur.execute("INSERT INTO tap_schema__tables VALUES ('mm', 'mm.events', 'events')")
        cur.execute("ANALYZE mm__events")
    yield conn
    conn.close()
