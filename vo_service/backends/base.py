"""What the service needs from a database, whichever it is.

The rest of the code never branches on the database: it asks a Backend to
create tables from descriptors, load column batches, and stream query rows.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import contextmanager
from typing import Any, Iterable, Iterator, Mapping, Sequence

import numpy as np

from vo_service.descriptors import ColumnDescriptor, TableDescriptor


class QueryError(Exception):
    """The database refused or aborted a query; the message is safe to show users."""


class QueryTimeout(QueryError):
    """The query ran past the statement timeout of its request mode."""


SQL_TYPES = {
    "boolean": "BOOLEAN",
    "unsignedByte": "SMALLINT",
    "short": "SMALLINT",
    "int": "INTEGER",
    "long": "BIGINT",
    "float": "REAL",
    "double": "DOUBLE PRECISION",
    "char": "TEXT",
    "unicodeChar": "TEXT",
}


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


class Backend(ABC):
    """One database: SQLite (embedded default) or PostgreSQL with pgSphere."""

    dialect: str
    placeholder: str

    def __init__(self, url: str) -> None:
        self.url = url

    @abstractmethod
    def physical_name(self, schema: str, table: str) -> tuple[str, ...]:
        """Identifier parts of the table that holds ADQL table schema.table."""

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
    def stream(self, sql: str, *, batch_size: int, timeout_s: float | None) -> Iterator[list[tuple]]:
        """Run one read-only query; yield row batches as the database produces them.

        The query is executed and its first batch fetched before the first yield, so
        errors in the SQL surface before a response has started.
        """

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
            sql_type = SQL_TYPES[col.datatype]
            if col.arraysize not in (None, "1") and col.datatype not in ("char", "unicodeChar"):
                sql_type = "TEXT"
            constraint = " PRIMARY KEY" if col.name == table.primary_key else ""
            parts.append(f"{quote_identifier(col.name)} {sql_type}{constraint}")
        return ", ".join(parts)
