"""Production backend: PostgreSQL 15 with pgSphere.

ADQL schemas are PostgreSQL schemas. Positions get a GiST index on
`spoint(radians(ra), radians(dec))`, the expression the ADQL translator emits,
so cone searches and positional joins are index scans. User queries run in
read-only transactions under the `apo_reader` role with a statement timeout,
on connections from a per-process pool. Uploads become TEMP tables of the
query's own session, made readable to `apo_reader` and dropped afterwards.
"""
from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import psycopg2
import psycopg2.errors
import psycopg2.extensions
import psycopg2.pool
from sqlalchemy.engine import make_url

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
from vo_service.db.error_words import postgresql_words
from vo_service.db.pg_copy import columns_buffer, rows_buffer

READER_ROLE = "apo_reader"
SYSTEM_COLUMNS = frozenset({"tableoid", "xmin", "cmin", "xmax", "cmax", "ctid"})
POOL_SIZE = 8
POOL_WAIT_S = 30.0
CONNECT_TIMEOUT_S = 10


def connection_kwargs(url: str) -> dict[str, Any]:
    parsed = make_url(url)
    kwargs = {"dbname": parsed.database, "user": parsed.username or os.environ.get("PGUSER", "postgres"),
              "password": parsed.password, "host": parsed.host or "127.0.0.1", "port": parsed.port or 5432}
    kwargs.update(parsed.query)
    kwargs.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
    return {k: v for k, v in kwargs.items() if v is not None}


#: host names that mean "this machine"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})

UPLOAD_TABLE_PREFIX = "tap_upload_"
"""Upload tables are `pg_temp.tap_upload_<name>`: never a catalog name such as `pg_class`."""
IDENTIFIER_BYTES = 63
"""PostgreSQL cuts longer identifiers short, so two long upload names could become one."""
DIGEST_CHARS = 12
"""Hex digits of the digest that keeps cut-short upload names apart."""


class PostgreSQLBackend(Backend):
    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._kwargs = connection_kwargs(url)
        self._pool: psycopg2.pool.ThreadedConnectionPool | None = None
        self._pool_pid = 0
        self._pool_lock = threading.Lock()
        self._pool_slots = threading.BoundedSemaphore(POOL_SIZE)
        self._prepared = False

    def physical_name(self, schema: str, table: str) -> tuple[str, ...]:
        return (schema, table)

    def physical_column(self, name: str) -> str:
        """PostgreSQL's system column names (xmax is also a shower maximum) get a trailing underscore."""
        return f"{name}_" if name.lower() in SYSTEM_COLUMNS else name

    def _pooled(self) -> psycopg2.pool.ThreadedConnectionPool:
        """A pool per process: connections must never cross a fork.

        A forked child (gunicorn worker, async worker) opens its own; the inherited one is
        dropped, which psycopg2 does without closing the parent's sessions.
        """
        with self._pool_lock:
            if self._pool is None or self._pool_pid != os.getpid():
                try:
                    self._pool = psycopg2.pool.ThreadedConnectionPool(
                        1, POOL_SIZE, **{"application_name": f"apo-{os.getpid()}", **self._kwargs})
                except psycopg2.OperationalError as exc:
                    raise ConnectionError(f"cannot connect to PostgreSQL at {self._where()}: "
                                          f"{str(exc).strip().splitlines()[0]}") from None
                self._pool_pid = os.getpid()
                self._pool_slots = threading.BoundedSemaphore(POOL_SIZE)
            return self._pool

    def create_database(self) -> bool:
        """Create this URL's database on its server if it does not exist yet, as createdb would.

        Connects to the server's maintenance database `postgres` for that; True when it created one."""
        name = self._kwargs.get("dbname")
        if not name:
            return False
        try:
            psycopg2.connect(**self._kwargs).close()
            return False
        except psycopg2.OperationalError as exc:
            if f'database "{name}" does not exist' not in str(exc):
                raise ConnectionError(f"cannot connect to PostgreSQL at {self._where()}: "
                                      f"{str(exc).strip().splitlines()[0]}") from None
        try:
            admin = psycopg2.connect(**{**self._kwargs, "dbname": "postgres"})
        except psycopg2.OperationalError as exc:
            raise ConnectionError(f"database {name} does not exist and the server's maintenance database "
                                  f"cannot be reached to create it: {str(exc).strip().splitlines()[0]}") from None
        try:
            admin.autocommit = True
            with admin.cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {quote_identifier(name)}")
        except psycopg2.Error as exc:
            raise ConnectionError(f"cannot create database {name}: {str(exc).strip().splitlines()[0]}") from None
        finally:
            admin.close()
        return True

    def storage_folder(self) -> Path | None:
        """The server's data directory, when the server runs on this machine and may tell it
        (superusers and members of pg_read_all_settings may)."""
        host = self._kwargs.get("host")
        if host and host not in LOCAL_HOSTS and not host.startswith("/"):
            return None
        try:
            folder = Path(self.scalar("SHOW data_directory"))
        except QueryError:
            return None
        return folder if folder.is_dir() else None

    def _where(self) -> str:
        return f"{self._kwargs.get('host')}:{self._kwargs.get('port')}/{self._kwargs.get('dbname')}"

    def _prepare_database(self, conn: psycopg2.extensions.connection) -> None:
        """pgSphere, btree_gist (space-and-time indexes) and the read-only role exist before anything is created."""
        if self._prepared:
            return
        with conn.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_sphere")
            cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (READER_ROLE,))
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE ROLE {READER_ROLE} NOLOGIN")
            cursor.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", (READER_ROLE,))
            if not cursor.fetchone()[0]:
                cursor.execute(f"GRANT {READER_ROLE} TO CURRENT_USER")
        conn.commit()
        self._prepared = True

    @contextmanager
    def connect(self, *, readonly: bool = True, timeout_s: float | None = None) -> Iterator[Any]:
        """A pooled connection; when all are in use (long streams), wait for one rather than fail."""
        pool = self._pooled()
        slots = self._pool_slots
        if not slots.acquire(timeout=POOL_WAIT_S):
            raise QueryError(f"The database is busy: no connection came free within {POOL_WAIT_S:g} s")
        try:
            conn = pool.getconn()
        except BaseException:
            slots.release()
            raise
        broken = False
        try:
            if not readonly:
                self._prepare_database(conn)
            yield conn
            conn.rollback()
        except psycopg2.OperationalError:
            broken = True
            raise
        except BaseException:
            conn.rollback()
            raise
        finally:
            pool.putconn(conn, close=broken or conn.closed != 0)
            slots.release()

    def _begin_user_query(self, cursor: Any, timeout_s: float | None) -> None:
        """Read-only transaction, reader role and time limit, in one round trip (it is per query)."""
        timeout = "0" if timeout_s is None else f"{max(1, int(timeout_s * 1000))}ms"
        cursor.execute(f"SET TRANSACTION READ ONLY; SET LOCAL ROLE {READER_ROLE}; "
                       f"SET LOCAL statement_timeout = %s", (timeout,))

    def upload_sql_name(self, name: str) -> tuple[str, ...]:
        """A long name ends in a digest of the whole, after a `$` that no upload name contains."""
        table = UPLOAD_TABLE_PREFIX + name.lower()
        if len(table.encode()) > IDENTIFIER_BYTES:
            digest = hashlib.sha256(table.encode()).hexdigest()[:DIGEST_CHARS]
            table = f"{table[:IDENTIFIER_BYTES - DIGEST_CHARS - 1]}${digest}"
        return ("pg_temp", table)

    def _create_uploads(self, conn: Any, uploads: Sequence[UploadTable]) -> list[str]:
        """TEMP tables filled by COPY, indexed and analysed, in a transaction of their own."""
        created = []
        with conn.cursor() as cursor:
            for upload in uploads:
                parts = self.upload_sql_name(upload.name)
                name = ".".join(quote_identifier(p) for p in parts)
                cursor.execute(ddl.create_table(ddl.upload_table(upload, parts, temporary=True), self.dialect))
                created.append(name)
                cursor.copy_expert(f"COPY {name} FROM STDIN", rows_buffer(upload.rows))
                if upload.position:
                    ra, dec = (quote_identifier(c) for c in upload.position)
                    cursor.execute(f"CREATE INDEX ON {name} USING GIST (spoint(radians({ra}), radians({dec})))")
                cursor.execute(f"ANALYZE {name}")
                cursor.execute(f"GRANT SELECT ON {name} TO {READER_ROLE}")
        conn.commit()
        return created

    @staticmethod
    def _drop_uploads(conn: Any, created: Sequence[str]) -> None:
        if not created or conn.closed:
            return
        conn.rollback()
        with conn.cursor() as cursor:
            for name in created:
                cursor.execute(f"DROP TABLE IF EXISTS {name}")
        conn.commit()

    def stream(self, sql: str, *, batch_size: int, timeout_s: float | None,
               uploads: Sequence[UploadTable] = (), interrupt: Interrupt | None = None) -> Iterator[list[tuple]]:
        with self.connect(readonly=True) as conn:
            created: list[str] = []
            try:
                if uploads:
                    self._prepare_database(conn)
                    created = self._create_uploads(conn, uploads)
                with conn.cursor() as setup:
                    self._begin_user_query(setup, timeout_s)
                if interrupt is not None:
                    interrupt.bind(conn.cancel)
                yield from self._fetch(conn, sql, batch_size, timeout_s, interrupt)
            finally:
                if interrupt is not None:
                    interrupt.bind(None)
                self._drop_uploads(conn, created)

    def explain(self, sql: str, *, uploads: Sequence[UploadTable] = ()) -> str:
        with self.connect(readonly=True) as conn:
            created: list[str] = []
            try:
                if uploads:
                    self._prepare_database(conn)
                    created = self._create_uploads(conn, uploads)
                with conn.cursor() as cursor:
                    self._begin_user_query(cursor, 60)
                    try:
                        cursor.execute(f"EXPLAIN {sql}")
                    except psycopg2.Error as exc:
                        raise self._translate(exc, 60) from None
                    return "\n".join(row[0] for row in cursor.fetchall())
            finally:
                self._drop_uploads(conn, created)

    def _fetch(self, conn: Any, sql: str, batch_size: int, timeout_s: float | None,
               interrupt: Interrupt | None) -> Iterator[list[tuple]]:
        cursor = conn.cursor(name="apo_result")
        cursor.itersize = batch_size
        try:
            yield from fetch_batches(cursor, sql, batch_size, psycopg2.Error,
                                     lambda exc: self._translate(exc, timeout_s, interrupt))
        finally:
            if not cursor.closed and not conn.closed:
                try:
                    cursor.close()
                except psycopg2.Error:
                    pass

    @staticmethod
    def _translate(exc: psycopg2.Error, timeout_s: float | None, interrupt: Interrupt | None = None) -> QueryError:
        if isinstance(exc, psycopg2.errors.QueryCanceled):
            if interrupt is not None and interrupt.requested:
                return QueryAborted("Query aborted on request")
            return QueryTimeout(f"Query aborted: it ran longer than the {timeout_s:g} s limit of this request")
        if isinstance(exc, psycopg2.errors.InsufficientPrivilege):
            return QueryError("Query refers to data that is not published")
        return QueryError(postgresql_words(exc.pgcode, exc.pgerror or str(exc)))

    def claim(self, request: QueueClaim) -> tuple | None:
        """SKIP LOCKED: each worker takes a different row without waiting for the others."""
        sql, params = claim_statement(request, table=self.quoted_name(request.table.schema, request.table.name),
                                      column=self.physical_column, placeholder=self.placeholder,
                                      lock="FOR UPDATE SKIP LOCKED")
        with self.connect(readonly=False) as conn:
            with conn.cursor() as cursor:
                cursor.execute(sql, params)
                row = cursor.fetchone()
            conn.commit()
        return row

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        try:
            with self.connect(readonly=True) as conn:
                with conn.cursor() as cursor:
                    cursor.execute(sql, params)
                    row = cursor.fetchone()
        except psycopg2.Error as exc:
            raise QueryError(str(exc).strip()) from None
        return None if row is None else row[0]

    def table_exists(self, schema: str, table: str) -> bool:
        return self.scalar("SELECT to_regclass(%s) IS NOT NULL", (self.quoted_name(schema, table),)) is True

    def drop_table(self, schema: str, table: str) -> None:
        self.execute(f"DROP TABLE IF EXISTS {self.quoted_name(schema, table)} CASCADE")

    def create_table(self, table: TableDescriptor, *, replace: bool = True) -> None:
        name = self.quoted_name(table.schema, table.name)
        schema = quote_identifier(table.schema)
        statements = [(ddl.create_schema(table.schema, self.dialect), ())]
        if replace:
            statements.append((f"DROP TABLE IF EXISTS {name} CASCADE", ()))
        statements.append((ddl.create_table(self.physical_table(table), self.dialect, if_not_exists=True), ()))
        if table.schema != "apo":
            statements += [
                (f"GRANT USAGE ON SCHEMA {schema} TO {READER_ROLE}", ()),
                (f"GRANT SELECT ON {name} TO {READER_ROLE}", ()),
            ]
        self.run_write(statements)

    def create_indexes(self, table: TableDescriptor) -> None:
        """GiST on the position (and the time column, with btree_gist), B-trees on time and indexed columns.

        With time in the GiST a coincidence join (cone and time window) finds its matches in the
        index instead of fetching every spatial candidate; cone searches use it as before."""
        name = self.quoted_name(table.schema, table.name)
        prefix = f"{table.schema}_{table.name}"
        physical = self.physical_table(table)
        statements = []
        covered = {table.primary_key}
        if table.position:
            ra, dec = (quote_identifier(self.physical_column(c)) for c in table.position)
            when = f", {quote_identifier(self.physical_column(table.time))}" if table.time else ""
            statements.append(
                f"CREATE INDEX IF NOT EXISTS {quote_identifier(prefix + '_spoint')} ON {name} "
                f"USING GIST (spoint(radians({ra}), radians({dec})){when})")
        for col in table.columns:
            if (col.indexed or col.name == table.time) and col.name not in covered:
                statements.append(ddl.create_index(physical, f"{prefix}_{col.name}",
                                                   (self.physical_column(col.name),), self.dialect))
        statements.append(f"ANALYZE {name}")
        with self.connect(readonly=False) as conn:
            conn.autocommit = True
            try:
                with conn.cursor() as cursor:
                    for statement in statements:
                        cursor.execute(statement)
            finally:
                conn.autocommit = False

    def _copy_sql(self, table: TableDescriptor) -> str:
        columns = ", ".join(quote_identifier(self.physical_column(c.name)) for c in table.columns)
        return f"COPY {self.quoted_name(table.schema, table.name)} ({columns}) FROM STDIN"

    def load_stream(self, items: Iterable[tuple[TableDescriptor, Sequence[tuple]]]) -> dict[str, int]:
        """COPY each batch: an order of magnitude faster than INSERTs."""
        counts: dict[str, int] = {}
        with self.connect(readonly=False) as conn:
            with conn.cursor() as cursor:
                for table, batch in items:
                    cursor.copy_expert(self._copy_sql(table), rows_buffer(batch))
                    counts[table.qualified_name] = counts.get(table.qualified_name, 0) + len(batch)
            conn.commit()
        return counts

    def load_columns(self, table: TableDescriptor, batches: Iterable[Mapping[str, np.ndarray]]) -> int:
        """COPY column batches without making row tuples first (the load's bottleneck)."""
        names = [c.name for c in table.columns]
        count = 0
        with self.connect(readonly=False) as conn:
            with conn.cursor() as cursor:
                for batch in batches:
                    buffer, rows = columns_buffer(names, batch)
                    cursor.copy_expert(self._copy_sql(table), buffer)
                    count += rows
            conn.commit()
        return count
