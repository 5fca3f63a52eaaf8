"""What the service asks of a database, as small interfaces, and the values they speak in.

A caller types against the one interface it uses: the query pipeline against
`QueryBackend` (run user ADQL), the UWS job store against `JobStoreBackend`
(its own table, internal reads and writes, and the queue claim); loaders
(publishing, ingest, the demo) need `LoadBackend` (make and fill tables).
`Backend` (base.py) is the one class behind all of them; SQLite and
PostgreSQL implement it.

They are Protocols, so a test double need only have the methods its caller
uses; `Backend` also inherits them, so a backend that misses one cannot be made.
"""
from __future__ import annotations

import threading
from abc import abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

import adql.columnar
from resources import TableDescriptor
from vo_service.db.queue import QueueClaim


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


@runtime_checkable
class Naming(Protocol):
    """How the database names what the descriptors name, and how it marks a statement parameter."""

    dialect: str
    placeholder: str

    @abstractmethod
    def physical_name(self, schema: str, table: str) -> tuple[str, ...]:
        """Identifier parts of the table that holds ADQL table schema.table."""

    @abstractmethod
    def physical_column(self, name: str) -> str:
        """The database's name for a published column (differs only where the database reserves a name)."""

    @abstractmethod
    def quoted_name(self, schema: str, table: str) -> str:
        """`physical_name` quoted and dotted, ready for SQL text."""


@runtime_checkable
class QueryBackend(Naming, Protocol):
    """Runs users' (translated) ADQL: read-only, time-limited, cancellable, with TAP uploads."""

    @abstractmethod
    def stream(self, sql: str, *, batch_size: int, timeout_s: float | None,
               uploads: Sequence[UploadTable] = (), interrupt: Interrupt | None = None) -> Iterator[list[tuple]]:
        """Run one read-only query; yield row batches as the database produces them.

        The query is executed and its first batch fetched before the first yield, so
        errors in the SQL surface before a response has started. `uploads` are created
        (with a positional index) on the query's connection, visible to it alone, and
        dropped when the stream ends; `interrupt` lets another thread cancel the query.
        """

    @abstractmethod
    def answer_from_columns(self, plan: adql.columnar.Plan, sql: str, *, timeout_s: float | None,
                            interrupt: Interrupt | None = None) -> list[tuple] | None:
        """The rows of an aggregate computed from columns held in memory, or None to run ``sql``."""

    @abstractmethod
    def explain(self, sql: str, *, uploads: Sequence[UploadTable] = ()) -> str:
        """The database's plan for a user query (with its uploads), to check which indexes it uses."""

    @abstractmethod
    def upload_sql_name(self, name: str) -> tuple[str, ...]:
        """Identifier parts under which `stream` makes the upload `name` visible."""


@runtime_checkable
class TableSetup(Naming, Protocol):
    """Makes and removes the physical tables that descriptors declare."""

    @abstractmethod
    def table_exists(self, schema: str, table: str) -> bool: ...

    @abstractmethod
    def create_table(self, table: TableDescriptor, *, replace: bool = True) -> None:
        """Create the physical table (without secondary indexes: those come after loading)."""

    @abstractmethod
    def create_indexes(self, table: TableDescriptor) -> None:
        """Create the indexes the descriptor asks for, then refresh planner statistics."""

    @abstractmethod
    def drop_table(self, schema: str, table: str) -> None: ...


@runtime_checkable
class LoadBackend(TableSetup, Protocol):
    """Bulk loading: publishing, ingest and the demo fill tables through this."""

    @abstractmethod
    def create_database(self) -> bool:
        """Create the database itself if it does not exist yet; True when it did."""

    @abstractmethod
    def storage_folder(self) -> Path | None:
        """The local folder the database's files live in, to check free disk before a load;
        None when they are not on this machine (a database server)."""

    @abstractmethod
    def load_stream(self, items: Iterable[tuple[TableDescriptor, Sequence[tuple]]]) -> dict[str, int]:
        """Bulk-insert (table, row batch) pairs in one transaction; rows written per table.

        One transaction for several tables lets a load fill a collection and its
        mm.events rows together: all of it lands, or none.
        """

    @abstractmethod
    def load_rows(self, table: TableDescriptor, rows: Iterable[Sequence[tuple]]) -> int:
        """Bulk-insert row batches into one table in one transaction; rows written."""

    @abstractmethod
    def load_columns(self, table: TableDescriptor, batches: Iterable[Mapping[str, np.ndarray]]) -> int:
        """Bulk-insert column batches (column name -> numpy array) in one transaction; rows written."""


@runtime_checkable
class Statements(Naming, Protocol):
    """Trusted internal SQL (never user input) on a writable connection: the service's own tables."""

    @abstractmethod
    def fetch_all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        """Rows of an internal query."""

    @abstractmethod
    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """First value of an internal query; QueryError if it fails."""

    @abstractmethod
    def write_count(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run one internal write in its own transaction; the number of rows it changed."""

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        """Run one internal write in its own transaction."""

    @abstractmethod
    def run_write(self, statements: Sequence[tuple[str, Sequence[Any]]]) -> None:
        """Several writes in one transaction: all happen or none."""


@runtime_checkable
class JobStoreBackend(TableSetup, Statements, Protocol):
    """What the UWS job store needs: its table, internal reads and writes, and an atomic queue claim."""

    @abstractmethod
    def claim(self, request: QueueClaim) -> tuple | None:
        """Atomically take the first row `request` matches, apply its assignments and return the row.

        A queue claim: concurrent callers, in any process or on any machine, never get
        the same row. None when no row matches.
        """
