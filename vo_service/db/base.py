"""The one class behind every database interface, and what its two DB-API implementations share.

The rest of the code never branches on the database: it asks a backend to
create tables from descriptors, load column batches, stream query rows and
claim queued jobs, each through the small interface of interfaces.py it needs.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy

import adql.columnar
from resources import ColumnDescriptor, TableDescriptor
from vo_service.db import ddl
from vo_service.db.interfaces import (
    Interrupt,
    JobStoreBackend,
    LoadBackend,
    QueryAborted,
    QueryBackend,
    QueryError,
    QueryTimeout,
    UploadColumn,
    UploadTable,
)
from vo_service.db.queue import QueueClaim

__all__ = [
    "Backend", "Interrupt", "QueryAborted", "QueryError", "QueryTimeout", "QueueClaim", "UploadColumn",
    "UploadTable", "claim_statement", "column_as_python", "fetch_batches", "quote_identifier",
    "rows_from_columns",
]


def quote_identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def column_as_python(values: np.ndarray) -> list:
    """Numpy column → list of plain Python values, NaN and masked entries as None."""
    if not np.ma.isMaskedArray(values):
        values = np.asarray(values)
    if np.ma.isMaskedArray(values):
        mask = np.ma.getmaskarray(values)
        data = values.data.tolist()
        return [None if m else v for v, m in zip(data, mask.tolist())]
    if values.dtype.kind == "f":
        nan = np.isnan(values)
        data = values.tolist()
        if nan.any():
            return [None if n else v for v, n in zip(data, nan.tolist())]
        return data
    return values.tolist()


def rows_from_columns(columns: Sequence[ColumnDescriptor], batch: Mapping[str, np.ndarray]) -> list[tuple]:
    """Turn one column batch into row tuples in descriptor order (what DB-API drivers take)."""
    missing = [c.name for c in columns if c.name not in batch]
    if missing:
        raise ValueError(f"batch lacks columns {missing}")
    return list(zip(*(column_as_python(batch[c.name]) for c in columns)))


def fetch_batches(cursor: Any, sql: str, batch_size: int, driver_error: type[Exception],
                  translate: Callable[[Exception], QueryError]) -> Iterator[list[tuple]]:
    """Execute on a DB-API cursor and yield its batches; driver errors become QueryErrors."""
    try:
        cursor.execute(sql)
        batch = cursor.fetchmany(batch_size)
        while batch:
            yield batch
            batch = cursor.fetchmany(batch_size)
    except driver_error as exc:
        raise translate(exc) from None


def claim_statement(claim: QueueClaim, *, table: str, column: Callable[[str], str], placeholder: str,
                    lock: str = "") -> tuple[str, tuple[Any, ...]]:
    """The UPDATE … RETURNING that performs ``claim`` in one statement, and its parameters.

    ``table`` is the quoted physical table name, ``column`` the database's name for a column,
    ``lock`` what follows the row pick (``FOR UPDATE SKIP LOCKED`` where the database has it).
    """
    def name(col: str) -> str:
        return quote_identifier(column(col))

    key = name(claim.key)
    assign = ", ".join(f"{name(c)} = {placeholder}" for c in claim.assign)
    where = " AND ".join(f"{name(c)} = {placeholder}" for c in claim.match) or "1 = 1"
    order = ", ".join(name(c) for c in claim.order_by)
    returning = ", ".join(name(c.name) for c in claim.table.columns)
    pick = " ".join(filter(None, (f"SELECT {key} FROM {table} WHERE {where} ORDER BY {order} LIMIT 1", lock)))
    sql = f"UPDATE {table} SET {assign} WHERE {key} = ({pick}) RETURNING {returning}"
    return sql, (*claim.assign.values(), *claim.match.values())


class Backend(QueryBackend, LoadBackend, JobStoreBackend, ABC):
    """One database behind all three interfaces: SQLite (embedded default) or PostgreSQL with pgSphere.

    Holds what both implementations share: DB-API transactions for internal writes, row
    loading through column batches, and naming defaults."""

    dialect: str
    placeholder: str

    def __init__(self, url: str) -> None:
        self.url = url

    def create_database(self) -> bool:
        """SQLite makes its file on the first write, so only servers need this."""
        return False

    def storage_folder(self) -> Path | None:
        return None

    def physical_column(self, name: str) -> str:
        return name

    def quoted_name(self, schema: str, table: str) -> str:
        return ".".join(quote_identifier(p) for p in self.physical_name(schema, table))

    def physical_table(self, table: TableDescriptor) -> sqlalchemy.Table:
        """The descriptor's table as SQLAlchemy Core sees it, under this database's physical names (for DDL)."""
        return ddl.descriptor_table(table, self.physical_name(table.schema, table.name), self.physical_column)

    @abstractmethod
    @contextmanager
    def connect(self, *, readonly: bool = True, timeout_s: float | None = None) -> Iterator[Any]:
        """A DB-API connection; read-only ones cannot change anything."""

    def load_rows(self, table: TableDescriptor, rows: Iterable[Sequence[tuple]]) -> int:
        return self.load_stream((table, batch) for batch in rows).get(table.qualified_name, 0)

    def load_columns(self, table: TableDescriptor, batches: Iterable[Mapping[str, np.ndarray]]) -> int:
        return self.load_rows(table, (rows_from_columns(table.columns, b) for b in batches))

    def answer_from_columns(self, plan: adql.columnar.Plan, sql: str, *, timeout_s: float | None,
                            interrupt: Interrupt | None = None) -> list[tuple] | None:
        """Databases that aggregate fast themselves keep this default: run the SQL."""
        return None

    def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        with self.connect(readonly=False) as conn:
            cursor = conn.cursor()
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def write_count(self, sql: str, params: Sequence[Any] = ()) -> int:
        with self.connect(readonly=False) as conn:
            cursor = conn.cursor()
            try:
                cursor.execute(sql, params)
                count = cursor.rowcount
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        return count

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.run_write([(sql, params)])

    def run_write(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
        with self.connect(readonly=False) as conn:
            cursor = conn.cursor()
            try:
                for sql, params in statements:
                    cursor.execute(sql, params)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
