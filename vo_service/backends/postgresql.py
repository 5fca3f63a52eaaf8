"""Production backend: PostgreSQL 15 with pgSphere.

ADQL schemas are PostgreSQL schemas. Positions get a GiST index on
`spoint(radians(ra), radians(dec))`, the expression the ADQL translator emits,
so cone searches and positional joins are index scans. User queries run in
read-only transactions under the `apo_reader` role with a statement timeout,
on connections from a per-process pool.
"""
from __future__ import annotations

import io
import math
import os
import threading
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Sequence

import psycopg2
import psycopg2.errors
import psycopg2.extensions
import psycopg2.pool
from sqlalchemy.engine import make_url

from vo_service.backends.base import Backend, QueryError, QueryTimeout, quote_identifier
from vo_service.descriptors import TableDescriptor

READER_ROLE = "apo_reader"
POOL_SIZE = 8


def connection_kwargs(url: str) -> dict[str, Any]:
    parsed = make_url(url)
    kwargs = {"dbname": parsed.database, "user": parsed.username or os.environ.get("PGUSER", "postgres"),
              "password": parsed.password, "host": parsed.host or "127.0.0.1", "port": parsed.port or 5432}
    kwargs.update(parsed.query)
    return {k: v for k, v in kwargs.items() if v is not None}


def copy_text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return r"\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, float):
        return r"\N" if math.isnan(value) else repr(value)
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8")
    text = str(value)
    if any(c in text for c in "\\\t\n\r"):
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


class PostgreSQLBackend(Backend):
    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str) -> None:
        super().__init__(url)
        self._kwargs = connection_kwargs(url)
        self._pool: psycopg2.pool.ThreadedConnectionPool | None = None
        self._pool_pid = 0
        self._pool_lock = threading.Lock()
        self._prepared = False

    def physical_name(self, schema: str, table: str) -> tuple[str, ...]:
        return (schema, table)

    def _pooled(self) -> psycopg2.pool.ThreadedConnectionPool:
        """A pool per process: connections must never cross a fork."""
        with self._pool_lock:
            if self._pool is None or self._pool_pid != os.getpid():
                self._pool = psycopg2.pool.ThreadedConnectionPool(1, POOL_SIZE, **self._kwargs)
                self._pool_pid = os.getpid()
            return self._pool

    def _prepare_database(self, conn: psycopg2.extensions.connection) -> None:
        """pgSphere and the read-only role exist before anything is created."""
        if self._prepared:
            return
        with conn.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_sphere")
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (READER_ROLE,))
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE ROLE {READER_ROLE} NOLOGIN")
        conn.commit()
        self._prepared = True

    @contextmanager
    def connect(self, *, readonly: bool = True, timeout_s: float | None = None) -> Iterator[Any]:
        pool = self._pooled()
        conn = pool.getconn()
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

    def _begin_user_query(self, cursor: Any, timeout_s: float | None) -> None:
        cursor.execute("SET TRANSACTION READ ONLY")
        cursor.execute(f"SET LOCAL ROLE {READER_ROLE}")
        if timeout_s is not None:
            cursor.execute("SELECT set_config('statement_timeout', %s, true)", (f"{int(timeout_s * 1000)}ms",))

    def stream(self, sql: str, *, batch_size: int, timeout_s: float | None) -> Iterator[list[tuple]]:
        with self.connect(readonly=True) as conn:
            with conn.cursor() as setup:
                self._begin_user_query(setup, timeout_s)
            cursor = conn.cursor(name="apo_result")
            cursor.itersize = batch_size
            try:
                try:
                    cursor.execute(sql)
                    batch = cursor.fetchmany(batch_size)
                except psycopg2.Error as exc:
                    raise self._translate(exc, timeout_s) from None
                while batch:
                    yield batch
                    try:
                        batch = cursor.fetchmany(batch_size)
                    except psycopg2.Error as exc:
                        raise self._translate(exc, timeout_s) from None
            finally:
                if not cursor.closed and not conn.closed:
                    try:
                        cursor.close()
                    except psycopg2.Error:
                        pass

    @staticmethod
    def _translate(exc: psycopg2.Error, timeout_s: float | None) -> QueryError:
        if isinstance(exc, psycopg2.errors.QueryCanceled):
            return QueryTimeout(f"Query aborted: it ran longer than the {timeout_s:g} s limit of this request")
        if isinstance(exc, psycopg2.errors.InsufficientPrivilege):
            return QueryError("Query refers to data that is not published")
        message = (exc.pgerror or str(exc)).strip().splitlines()[0]
        return QueryError(f"Database error: {message}")

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
        statements = [(f"CREATE SCHEMA IF NOT EXISTS {schema}", ())]
        if replace:
            statements.append((f"DROP TABLE IF EXISTS {name} CASCADE", ()))
        statements.append((f"CREATE TABLE IF NOT EXISTS {name} ({self.create_sql_columns(table)})", ()))
        if table.schema != "apo":
            statements += [
                (f"GRANT USAGE ON SCHEMA {schema} TO {READER_ROLE}", ()),
                (f"GRANT SELECT ON {name} TO {READER_ROLE}", ()),
            ]
        self.run_write(statements)

    def create_indexes(self, table: TableDescriptor) -> None:
        name = self.quoted_name(table.schema, table.name)
        prefix = f"{table.schema}_{table.name}"
        statements = []
        if table.position:
            ra, dec = (quote_identifier(c) for c in table.position)
            statements.append(
                f"CREATE INDEX IF NOT EXISTS {quote_identifier(prefix + '_spoint')} ON {name} "
                f"USING GIST (spoint(radians({ra}), radians({dec})))")
        covered = {table.primary_key}
        for col in table.columns:
            if col.indexed and col.name not in covered:
                statements.append(f"CREATE INDEX IF NOT EXISTS {quote_identifier(prefix + '_' + col.name)} "
                                  f"ON {name} ({quote_identifier(col.name)})")
        statements.append(f"ANALYZE {name}")
        with self.connect(readonly=False) as conn:
            conn.autocommit = True
            try:
                with conn.cursor() as cursor:
                    for statement in statements:
                        cursor.execute(statement)
            finally:
                conn.autocommit = False

    def load_stream(self, items: Iterable[tuple[TableDescriptor, Sequence[tuple]]]) -> dict[str, int]:
        """COPY each batch: an order of magnitude faster than INSERTs."""
        counts: dict[str, int] = {}
        with self.connect(readonly=False) as conn:
            with conn.cursor() as cursor:
                for table, batch in items:
                    buffer = io.StringIO()
                    for row in batch:
                        buffer.write("\t".join(copy_text(v) for v in row))
                        buffer.write("\n")
                    buffer.seek(0)
                    columns = ", ".join(quote_identifier(c.name) for c in table.columns)
                    cursor.copy_expert(f"COPY {self.quoted_name(table.schema, table.name)} ({columns}) "
                                       f"FROM STDIN", buffer)
                    counts[table.qualified_name] = counts.get(table.qualified_name, 0) + len(batch)
            conn.commit()
        return counts
