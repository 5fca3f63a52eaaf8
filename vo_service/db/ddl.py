"""CREATE TABLE and B-tree CREATE INDEX statements, written by SQLAlchemy Core from the descriptor model.

A descriptor (or a client's upload) becomes a `sqlalchemy.Table` whose column types come
from `votable.datatypes`; SQLAlchemy compiles it for the backend's dialect, and the backend
runs the text on its own DB-API connection (sqlite3, psycopg2), which keeps streaming,
COPY and cancellation in the drivers' hands. Identifiers are always quoted, so physical
names are exactly the backend's `physical_name` and `physical_column`. Spatial indexes
(pgSphere GiST, SQLite zones) have no SQLAlchemy type and stay hand-written in the backends.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import sqlalchemy
from sqlalchemy import types
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Dialect
from sqlalchemy.schema import CreateIndex, CreateSchema, CreateTable
from sqlalchemy.sql import quoted_name

from resources import TableDescriptor
from vo_service.db.interfaces import UploadTable
from votable.datatypes import sql_type

#: SQLAlchemy's class for each standard SQL type that `votable.datatypes` names
SQL_TYPES: dict[str, type[types.TypeEngine]] = {
    "BOOLEAN": types.BOOLEAN,
    "SMALLINT": types.SMALLINT,
    "INTEGER": types.INTEGER,
    "BIGINT": types.BIGINT,
    "REAL": types.REAL,
    "DOUBLE PRECISION": types.DOUBLE_PRECISION,
    "TEXT": types.TEXT,
}

DIALECTS: dict[str, Dialect] = {"sqlite": sqlite.dialect(), "postgresql": postgresql.dialect()}


def column_type(datatype: str, arraysize: str | None = None) -> types.TypeEngine:
    """The SQLAlchemy type of a VOTable column: its scalar SQL type, text for strings and arrays."""
    return SQL_TYPES[sql_type(datatype, arraysize)]()


def _table(parts: Sequence[str], columns: Iterable[tuple[str, types.TypeEngine]], *,
           primary_key: str | None = None, temporary: bool = False) -> sqlalchemy.Table:
    """A Table named by identifier parts (schema, name) or (name,), every identifier quoted as given."""
    *schema, name = parts
    table_columns = [
        sqlalchemy.Column(quoted_name(column, quote=True), sql, primary_key=column == primary_key,
                          autoincrement=False)
        for column, sql in columns
    ]
    return sqlalchemy.Table(quoted_name(name, quote=True), sqlalchemy.MetaData(), *table_columns,
                            schema=quoted_name(schema[0], quote=True) if schema else None,
                            prefixes=["TEMPORARY"] if temporary else [])


def descriptor_table(table: TableDescriptor, parts: Sequence[str],
                     physical_column: Callable[[str], str]) -> sqlalchemy.Table:
    """The physical table of a descriptor: named `parts`, columns renamed by `physical_column`."""
    columns = [(physical_column(c.name), column_type(c.datatype, c.arraysize)) for c in table.columns]
    key = physical_column(table.primary_key) if table.primary_key else None
    return _table(parts, columns, primary_key=key)


def upload_table(upload: UploadTable, parts: Sequence[str], *, temporary: bool = False) -> sqlalchemy.Table:
    """The table holding a client's TAP upload, named `parts` (temporary where the database has per-session tables)."""
    columns = [(c.name, column_type(c.datatype, c.arraysize)) for c in upload.columns]
    return _table(parts, columns, temporary=temporary)


def create_table(table: sqlalchemy.Table, dialect: str, *, if_not_exists: bool = False) -> str:
    return str(CreateTable(table, if_not_exists=if_not_exists).compile(dialect=DIALECTS[dialect])).strip()


def create_index(table: sqlalchemy.Table, name: str, columns: Sequence[str], dialect: str) -> str:
    """CREATE INDEX IF NOT EXISTS on `columns` (physical names, in order) of `table`: a plain B-tree."""
    index = sqlalchemy.Index(quoted_name(name, quote=True), *(table.c[column] for column in columns))
    return str(CreateIndex(index, if_not_exists=True).compile(dialect=DIALECTS[dialect])).strip()


def create_schema(schema: str, dialect: str) -> str:
    return str(CreateSchema(quoted_name(schema, quote=True), if_not_exists=True)
               .compile(dialect=DIALECTS[dialect])).strip()
