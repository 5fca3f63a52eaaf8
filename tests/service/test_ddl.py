"""Tables written by SQLAlchemy Core from descriptors: the datatype table's SQL types, the backends' physical names."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from resources import ColumnDescriptor, TableDescriptor
from tests.conftest import PG_ADMIN_URL, pg_unavailable
from vo_service.db import ddl, open_backend
from vo_service.db.interfaces import UploadColumn, UploadTable
from vo_service.db.sqlite import sqlite_path
from votable.datatypes import DATATYPES

ODD = TableDescriptor(
    schema="ddl_test", name="Odd", description="names that need quoting", primary_key="id",
    columns=(ColumnDescriptor("id", "long", "id"), ColumnDescriptor("order", "double", "a reserved word"),
             ColumnDescriptor("xmax", "float", "a PostgreSQL system column name"),
             ColumnDescriptor("Label", "char", "mixed case", arraysize="*"),
             ColumnDescriptor("flux", "float", "an array", arraysize="3"),
             ColumnDescriptor("flag", "boolean", "flag", indexed=True)))


@pytest.mark.parametrize("dialect", ["sqlite", "postgresql"])
@pytest.mark.parametrize("name", sorted(DATATYPES))
def test_each_datatype_compiles_to_the_sql_type_the_datatype_table_names(name, dialect):
    compiled = ddl.column_type(name).compile(dialect=ddl.DIALECTS[dialect])
    assert compiled == DATATYPES[name].sql


@pytest.mark.parametrize("arraysize", ["3", "*", "2x3"])
def test_numeric_arrays_are_text(arraysize):
    assert ddl.column_type("double", arraysize).compile(dialect=ddl.DIALECTS["postgresql"]) == "TEXT"


def test_postgresql_table_keeps_schema_and_renames_system_columns():
    backend = open_backend("postgresql://postgres@127.0.0.1/nowhere")
    sql = ddl.create_table(backend.physical_table(ODD), "postgresql", if_not_exists=True)
    assert sql.startswith('CREATE TABLE IF NOT EXISTS "ddl_test"."Odd" (')
    for line in ('"order" DOUBLE PRECISION', '"xmax_" REAL', '"Label" TEXT', '"flux" TEXT', '"flag" BOOLEAN',
                 'PRIMARY KEY ("id")'):
        assert line in sql, sql
    assert "SERIAL" not in sql, "the key is the descriptor's value, never a sequence"


def test_upload_tables_can_be_temporary():
    upload = UploadTable("t", (UploadColumn("ra", "double"), UploadColumn("name", "char", "*")), rows=[])
    sql = ddl.create_table(ddl.upload_table(upload, ("pg_temp", "tap_upload_t"), temporary=True), "postgresql")
    assert sql.startswith('CREATE TEMPORARY TABLE "pg_temp"."tap_upload_t" (')
    assert '"ra" DOUBLE PRECISION' in sql and '"name" TEXT' in sql


def test_sqlite_table_is_one_prefixed_name_with_the_declared_types(tmp_path: Path):
    backend = open_backend(f"sqlite:///{tmp_path / 'ddl.db'}")
    backend.create_table(ODD)
    backend.create_indexes(ODD)
    with sqlite3.connect(sqlite_path(backend.url)) as conn:
        columns = {row[1]: (row[2], row[5]) for row in conn.execute('PRAGMA table_info("ddl_test__Odd")')}
        indexes = {row[1] for row in conn.execute('PRAGMA index_list("ddl_test__Odd")')}
    assert columns == {"id": ("BIGINT", 1), "order": ("DOUBLE PRECISION", 0), "xmax": ("REAL", 0),
                       "Label": ("TEXT", 0), "flux": ("TEXT", 0), "flag": ("BOOLEAN", 0)}
    assert "ddl_test__Odd__flag" in indexes
    assert backend.table_exists("ddl_test", "Odd")


def test_creating_without_replace_keeps_the_rows(tmp_path: Path):
    backend = open_backend(f"sqlite:///{tmp_path / 'ddl.db'}")
    backend.create_table(ODD)
    backend.load_rows(ODD, [[(1, 0.5, 1.0, "a", "1 2 3", True)]])
    backend.create_table(ODD, replace=False)
    assert backend.fetch_all('SELECT "id", "Label" FROM "ddl_test__Odd"') == [(1, "a")]
    backend.create_table(ODD)
    assert backend.fetch_all('SELECT "id" FROM "ddl_test__Odd"') == []


@pytest.mark.postgres
def test_postgresql_makes_the_declared_types_key_and_btree_indexes():
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        psycopg2.connect(PG_ADMIN_URL, connect_timeout=2).close()
    except psycopg2.OperationalError as exc:
        pg_unavailable(str(exc).strip().splitlines()[0])
    backend = open_backend(PG_ADMIN_URL)
    backend.create_table(ODD)
    try:
        backend.create_indexes(ODD)
        columns = dict(backend.fetch_all("SELECT column_name, data_type FROM information_schema.columns "
                                         "WHERE table_schema = 'ddl_test' AND table_name = 'Odd'"))
        key = backend.fetch_all("SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "
                                "AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '\"ddl_test\".\"Odd\"'::regclass "
                                "AND i.indisprimary")
        indexes = dict(backend.fetch_all("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'ddl_test'"))
    finally:
        backend.execute("DROP SCHEMA ddl_test CASCADE")
    assert columns == {"id": "bigint", "order": "double precision", "xmax_": "real", "Label": "text",
                       "flux": "text", "flag": "boolean"}
    assert key == [("id",)]
    assert "USING btree (flag)" in indexes["ddl_test_Odd_flag"]
