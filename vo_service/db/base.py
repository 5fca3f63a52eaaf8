"""What the service needs from a database, whichever it is.

The rest of the code never branches on the database: it asks a Backend to
create tables from descriptors, load column batches, and stream query rows.
"""
from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np

import adql.columnar
from votable.datatypes import sql_type
from resources import ColumnDescriptor, TableDescriptor


class QueryError(Exception):
    """The database refused or aborted a query; the message is safe to show users."""


class QueryTimeout(QueryError):
    """The query ran past the statement timeout of its request mode."""


class QueryAborted(QueryError):
    """The query was stopped on request (UWS PHASE=ABORT), not by a limit."""


class Interrupt:
    """Lets another thread stop a running user query, e.g. when its async job is aborted.

    The backend binds a cancel function to it while the query runs; `fire` calls it
    (or makes the backend refuse to start, if the query has not started yet).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cancel: Callable[[], None] | None = None
        self.requested = False

    def bind(self, cancel: Callable[[], None] | None) -> None:
        with self._lock:
            self._cancel = cancel
            if cancel is not None and self.requested:
                cancel()

    def fire(self) -> None:
        with self._lock:
            self.requested = True
            if self._cancel is not None:
                self._cancel()


@dataclass(frozen=True)
class UploadColumn:
    name: str
    datatype: str
    arraysize: str | None = None


@dataclass(frozen=True)
class UploadTable:
    """A client's table (TAP_UPLOAD) to create on the query's own connection, dropped after it.

    `position` names the (ra, dec) columns to index so positional joins are index-driven.
    """

    name: str
    columns: tuple[UploadColumn, ...]
    rows: Sequence[tuple]
    position: tuple[str, str] | None = None


def upload_sql_type(column: UploadColumn) -> str:
    return sql_type(column.datatype, column.arraysize)


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


class Backend(ABC):
    """One database: SQLite (embedded default) or PostgreSQL with pgSphere."""

    dialect: str
    placeholder: str

    def __init__(self, url: str) -> None:
        self.url = url

    def create_database(self) -> bool:
        """Create the database itself if it does not exist yet; True when it did (SQLite makes its file
        on the first write, so only servers need this)."""
        return False

    @abstractmethod
    def physical_name(self, schema: str, table: str) -> tuple[str, ...]:
        """Identifier parts of the table that holds ADQL table schema.table."""

    def physical_column(self, name: str) -> str:
        """The database's name for a published column (differs only where the database reserves a name)."""
        return name

    def quoted_name(self, schema: str, table: str) -> str:
        return ".".join(quote_identifier(p) for p in self.physical_name(schema, table))

    @abstractmethod
    @contextmanager
    def connect(self, *, readonly: bool = True, timeout_s: float | None = None) -> Iterator[Any]:
        """A DB-API connection; read-only ones cannot change anything."""

    @abstractmethod
    def create_table(self, table: TableDescriptor, *, replace: bool = True) -> None:
        """Create the physical table (without secondary indexes: those come after loading)."""

    @abstractmethod
    def create_indexes(self, table: TableDescriptor) -> None:
        """Create the indexes the descriptor asks for, then refresh planner statistics."""

    @abstractmethod
    def load_stream(self, items: Iterable[tuple[TableDescriptor, Sequence[tuple]]]) -> dict[str, int]:
        """Bulk-insert (table, row batch) pairs in one transaction; rows written per table.

        One transaction for several tables lets a load fill a collection and its
        mm.events rows together: all of it lands, or none.
        """

    def load_rows(self, table: TableDescriptor, rows: Iterable[Sequence[tuple]]) -> int:
        return self.load_stream((table, batch) for batch in rows).get(table.qualified_name, 0)

    def load_columns(self, table: TableDescriptor, batches: Iterable[Mapping[str, np.ndarray]]) -> int:
        return self.load_rows(table, (rows_from_columns(table.columns, b) for b in batches))

    @abstractmethod
    def stream(self, sql: str, *, batch_size: int, timeout_s: float | None,
               uploads: Sequence[UploadTable] = (), interrupt: Interrupt | None = None) -> Iterator[list[tuple]]:
        """Run one read-only query; yield row batches as the database produces them.

        The query is executed and its first batch fetched before the first yield, so
        errors in the SQL surface before a response has started. `uploads` are created
        (with a positional index) on the query's connection, visible to it alone, and
        dropped when the stream ends; `interrupt` lets another thread cancel the query.
        """

    def answer_from_columns(self, plan: adql.columnar.Plan, sql: str, *, timeout_s: float | None,
                            interrupt: Interrupt | None = None) -> list[tuple] | None:
        """The rows of an aggregate computed from columns held in memory, or None to run ``sql``.

        Databases that aggregate fast themselves keep the default."""
        return None

    @abstractmethod
    def explain(self, sql: str, *, uploads: Sequence[UploadTable] = ()) -> str:
        """The database's plan for a user query (with its uploads), to check which indexes it uses."""

    @abstractmethod
    def upload_sql_name(self, name: str) -> tuple[str, ...]:
        """Identifier parts under which `stream` makes the upload `name` visible."""

    @abstractmethod
    def claim(self, table: str, key: str, where: str, params: Sequence[Any], assign: str,
              assign_params: Sequence[Any], order_by: str) -> tuple | None:
        """Atomically update the first row matching `where` (in `order_by` order) and return it.

        A queue claim: concurrent callers, in any process or on any machine, never get
        the same row. `table` is a quoted physical name; the row comes back as SELECT *.
        """

    def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows of a trusted internal query on an internal (writable) connection, e.g. job state."""
        with self.connect(readonly=False) as conn:
            cursor = conn.cursor()
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def write_count(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one internal write in its own transaction; the number of rows it changed."""
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

    @abstractmethod
    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """First value of a trusted internal query (never user SQL); QueryError if it fails."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.run_write([(sql, params)])

    def run_write(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Several writes in one transaction: all happen or none."""
        with self.connect(readonly=False) as conn:
            cursor = conn.cursor()
            try:
                for sql, params in statements:
                    cursor.execute(sql, params)
                conn.commit()
            except BaseException:
                conn.rollback()
                raise

    @abstractmethod
    def table_exists(self, schema: str, table: str) -> bool: ...

    @abstractmethod
    def drop_table(self, schema: str, table: str) -> None: ...

    def create_sql_columns(self, table: TableDescriptor) -> str:
        parts = []
        for col in table.columns:
            constraint = " PRIMARY KEY" if col.name == table.primary_key else ""
            parts.append(f"{quote_identifier(self.physical_column(col.name))} "
                         f"{sql_type(col.datatype, col.arraysize)}{constraint}")
        return ", ".join(parts)
