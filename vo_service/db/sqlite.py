"""The embedded default: one SQLite file, so the service runs anywhere with no server.

ADQL schemas become name prefixes (`mm.events` is the table `mm__events`), since
SQLite has one flat namespace per file. Read-only connections are opened with
`mode=ro` and an authorizer that lets a statement read published tables only.
A query with uploads gets a connection of its own with a private in-memory
database attached as `tap_upload`, the one place it may write, before the
authorizer is switched on.
"""
from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

import adql.columnar
import adql.sqlite_functions
from adql.sql_sqlite import zone_index_columns
from resources import TableDescriptor
from vo_service.db import ddl
from vo_service.db.base import (
    Backend,
    Interrupt,
    QueryAborted,
    QueryError,
    QueryTimeout,
    QueueClaim,
    UploadTable,
    claim_statement,
    fetch_batches,
    quote_identifier,
)
from vo_service.db.column_cache import ColumnCache
from vo_service.db.error_words import sqlite_words

PRIVATE_PREFIXES = ("sqlite_", "apo__")
UPLOAD_DATABASE = "tap_upload"
UPLOAD_TABLE_PREFIX = "upload_"
"""Upload tables are `upload_<name>`, so no client's name is one SQLite reserves (`sqlite_master`)
or one the authorizer hides (`apo__...`)."""
UPLOAD_INDEX_PREFIX = "index_"
"""Their indexes, in the same namespace, start differently: no table name can equal an index name."""
BUSY_TIMEOUT_S = 30.0
_ALLOWED_ACTIONS = {
    sqlite3.SQLITE_SELECT,
    sqlite3.SQLITE_READ,
    sqlite3.SQLITE_FUNCTION,
    sqlite3.SQLITE_RECURSIVE,
}


def _authorize_read_only(action: int, arg1: str | None, arg2: str | None, db: str | None, trigger: str | None) -> int:
    """Allow reading published tables and calling functions, nothing else."""
    if action not in _ALLOWED_ACTIONS:
        return sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_READ and arg1 and arg1.lower().startswith(PRIVATE_PREFIXES):
        return sqlite3.SQLITE_DENY
    return sqlite3.SQLITE_OK


def sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise ValueError(f"{url!r}: the embedded database needs a file, e.g. sqlite:///demo.db")
    return Path(database)


class SQLiteBackend(Backend):
    dialect = "sqlite"
    placeholder = "?"

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.path = sqlite_path(url)
        self._local = threading.local()
        self._column_cache = ColumnCache(self.path)

    def physical_name(self, schema: str, table: str) -> tuple[str, ...]:
        return (f"{schema}__{table}",)

    def storage_folder(self) -> Path:
        """The database file's folder (it may not exist yet: the first write creates it)."""
        return self.path.parent

    def _open(self, readonly: bool) -> sqlite3.Connection:
        if readonly:
            if not self.path.exists():
                raise FileNotFoundError(f"{self.path} does not exist: run 'apo init-demo --db {self.url}' first")
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only = 1")
            conn.execute("PRAGMA mmap_size = 1073741824")
            conn.execute("PRAGMA cache_size = -65536")
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, check_same_thread=False, timeout=BUSY_TIMEOUT_S)
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        adql.sqlite_functions.register(conn)
        return conn

    @contextmanager
    def connect(self, *, readonly: bool = True, timeout_s: float | None = None) -> Iterator[sqlite3.Connection]:
        conn = self._open(readonly)
        try:
            yield conn
        finally:
            conn.close()

    def _shared_reader(self) -> sqlite3.Connection:
        """One read-only connection per thread, kept for the life of the worker."""
        reader = getattr(self._local, "reader", None)
        if reader is None:
            reader = self._local.reader = self._open(readonly=True)
        return reader

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        internal = getattr(self._local, "internal", None)
        if internal is None:
            if not self.path.exists():
                raise QueryError(f"{self.path} does not exist")
            internal = self._local.internal = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        try:
            row = internal.execute(sql, params).fetchone()
        except sqlite3.Error as exc:
            raise QueryError(str(exc)) from None
        return None if row is None else row[0]

    def upload_sql_name(self, name: str) -> tuple[str, ...]:
        return (UPLOAD_DATABASE, UPLOAD_TABLE_PREFIX + name.lower())

    def _upload_connection(self, uploads: Sequence[UploadTable]) -> sqlite3.Connection:
        """A fresh read-only connection with the uploads in an attached in-memory database."""
        conn = self._open(readonly=True)
        try:
            conn.execute("PRAGMA query_only = 0")
            conn.execute(f"ATTACH DATABASE ':memory:' AS {UPLOAD_DATABASE}")
            for upload in uploads:
                self._fill_upload(conn, upload)
            conn.execute("PRAGMA query_only = 1")
        except BaseException:
            conn.close()
            raise
        return conn

    def _fill_upload(self, conn: sqlite3.Connection, upload: UploadTable) -> None:
        parts = self.upload_sql_name(upload.name)
        name = ".".join(quote_identifier(p) for p in parts)
        table = ddl.upload_table(upload, parts)
        conn.execute(ddl.create_table(table, self.dialect))
        placeholders = ", ".join("?" for _ in upload.columns)
        conn.executemany(f"INSERT INTO {name} VALUES ({placeholders})", upload.rows)
        if upload.position:
            ra, dec = upload.position
            index = UPLOAD_INDEX_PREFIX + upload.name.lower()
            conn.execute(ddl.create_index(table, f"{index}__pos", (dec, ra), self.dialect))
            zone = zone_index_columns(quote_identifier(ra), quote_identifier(dec))
            conn.execute(f"CREATE INDEX {UPLOAD_DATABASE}.{quote_identifier(index + '__zone')} "
                         f"ON {quote_identifier(parts[-1])} ({zone})")
        conn.execute(f"ANALYZE {name}")
        conn.commit()

    def stream(self, sql: str, *, batch_size: int, timeout_s: float | None,
               uploads: Sequence[UploadTable] = (), interrupt: Interrupt | None = None) -> Iterator[list[tuple]]:
        own = self._upload_connection(uploads) if uploads else None
        conn = own or self._shared_reader()
        deadline = None if timeout_s is None else time.monotonic() + timeout_s

        def stop_now() -> int:
            if interrupt is not None and interrupt.requested:
                return 1
            return int(deadline is not None and time.monotonic() > deadline)

        conn.set_progress_handler(stop_now, 20000)
        conn.set_authorizer(_authorize_read_only)
        if interrupt is not None:
            interrupt.bind(conn.interrupt)
        cursor = conn.cursor()
        try:
            yield from fetch_batches(cursor, sql, batch_size, sqlite3.Error,
                                     lambda exc: self._translate(exc, timeout_s, interrupt))
        finally:
            if interrupt is not None:
                interrupt.bind(None)
            cursor.close()
            conn.set_authorizer(None)
            conn.set_progress_handler(None, 0)
            if own is not None:
                own.close()

    def answer_from_columns(self, plan: adql.columnar.Plan, sql: str, *, timeout_s: float | None,
                            interrupt: Interrupt | None = None) -> list[tuple] | None:
        """Aggregates that SQLite would answer with a full scan and a sort of every row.

        A query whose plan searches an index stays with SQLite, which reads only the rows it needs."""
        if len(plan.table) != 1 or not self.path.exists():
            return None
        try:
            searches = any(line.startswith("SEARCH") for line in self.explain(sql).splitlines())
        except QueryError:
            return None
        if searches:
            return None
        deadline = None if timeout_s is None else time.monotonic() + timeout_s

        def stop() -> bool:
            return (interrupt is not None and interrupt.requested) or \
                (deadline is not None and time.monotonic() > deadline)

        try:
            columns = self._column_cache.columns(plan.table[0], plan.columns, stop=stop)
        except sqlite3.Error as exc:
            raise self._translate(exc, timeout_s, interrupt) from None
        if columns is None:
            return None
        try:
            return plan.run(columns)
        except adql.columnar.Unsupported:
            return None

    def explain(self, sql: str, *, uploads: Sequence[UploadTable] = ()) -> str:
        rows = [row for batch in self.stream(f"EXPLAIN QUERY PLAN {sql}", batch_size=1000, timeout_s=60,
                                             uploads=uploads) for row in batch]
        return "\n".join(str(row[-1]) for row in rows)

    def claim(self, request: QueueClaim) -> tuple | None:
        """BEGIN IMMEDIATE takes the write lock first, so the pick and the update are one step."""
        sql, params = claim_statement(request, table=self.quoted_name(request.table.schema, request.table.name),
                                      column=self.physical_column, placeholder=self.placeholder)
        with self.connect(readonly=False) as conn:
            conn.isolation_level = None
            conn.execute("BEGIN IMMEDIATE")
            try:
                row = conn.execute(sql, params).fetchone()
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return row

    @staticmethod
    def _translate(exc: sqlite3.Error, timeout_s: float | None, interrupt: Interrupt | None = None) -> QueryError:
        if interrupt is not None and interrupt.requested:
            return QueryAborted("Query aborted on request")
        if "interrupted" in str(exc):
            return QueryTimeout(f"Query aborted: it ran longer than the {timeout_s:g} s limit of this request")
        if "not authorized" in str(exc):
            return QueryError("Query refers to data that is not published")
        return QueryError(sqlite_words(str(exc), getattr(exc, "sqlite_errorname", None)))

    def table_exists(self, schema: str, table: str) -> bool:
        if not self.path.exists():
            return False
        with self.connect(readonly=False) as conn:
            row = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                self.physical_name(schema, table),
            ).fetchone()
        return row is not None

    def drop_table(self, schema: str, table: str) -> None:
        self.execute(f"DROP TABLE IF EXISTS {self.quoted_name(schema, table)}")

    def create_table(self, table: TableDescriptor, *, replace: bool = True) -> None:
        with self.connect(readonly=False) as conn:
            if replace:
                conn.execute(f"DROP TABLE IF EXISTS {self.quoted_name(table.schema, table.name)}")
            conn.execute(ddl.create_table(self.physical_table(table), self.dialect, if_not_exists=True))
            conn.commit()

    def create_indexes(self, table: TableDescriptor) -> None:
        """B-trees on (dec, ra) and on indexed columns, and the zone index of positional joins."""
        name = self.quoted_name(table.schema, table.name)
        prefix = self.physical_name(table.schema, table.name)[0]
        physical = self.physical_table(table)
        statements = []
        if table.position:
            ra, dec = table.position
            statements.append(ddl.create_index(physical, f"{prefix}__pos", (dec, ra), self.dialect))
            statements.append(f"CREATE INDEX IF NOT EXISTS {quote_identifier(prefix + '__zone')} "
                              f"ON {name} ({zone_index_columns(quote_identifier(ra), quote_identifier(dec))})")
        covered = {table.primary_key, *(table.position or ())}
        for col in table.columns:
            if col.indexed and col.name not in covered:
                statements.append(ddl.create_index(physical, f"{prefix}__{col.name}", (col.name,), self.dialect))
        with self.connect(readonly=False) as conn:
            for statement in statements:
                conn.execute(statement)
            conn.execute(f"ANALYZE {name}")
            conn.commit()

    def load_stream(self, items: Iterable[tuple[TableDescriptor, Sequence[tuple]]]) -> dict[str, int]:
        counts: dict[str, int] = {}
        statements: dict[str, str] = {}
        with self.connect(readonly=False) as conn:
            with conn:
                for table, batch in items:
                    key = table.qualified_name
                    if key not in statements:
                        columns = ", ".join(quote_identifier(c.name) for c in table.columns)
                        placeholders = ", ".join("?" for _ in table.columns)
                        statements[key] = (f"INSERT INTO {self.quoted_name(table.schema, table.name)} "
                                           f"({columns}) VALUES ({placeholders})")
                    conn.executemany(statements[key], batch)
                    counts[key] = counts.get(key, 0) + len(batch)
        return counts
