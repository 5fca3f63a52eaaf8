"""Columns of published SQLite tables held in memory, for the columnar aggregates of adql.columnar.

Loading a column costs about one full scan (0.4 s per million rows); aggregates over loaded
columns then take milliseconds instead of SQLite's sort of every row. All columns of a table
are read in rowid order, so they line up row for row. The cache forgets everything as soon as
another connection commits to the database file (SQLite's ``data_version``): an answer always
reflects the file as it is when the query starts.
"""
from __future__ import annotations

import itertools
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np

from adql.columnar import Vector, text_vector
from vo_service.db.base import quote_identifier

DEFAULT_BUDGET_BYTES = 512 * 2 ** 20
_STORED_TYPES = {"int": ("integer",), "float": ("real", "integer"), "text": ("text",)}


class ColumnCache:
    """Per-process store of loaded columns, least recently used first out beyond ``budget_bytes``."""

    def __init__(self, path: Path, budget_bytes: int = DEFAULT_BUDGET_BYTES) -> None:
        self.path = path
        self.budget_bytes = budget_bytes
        self._lock = threading.Lock()
        self._conn: sqlite3.Connection | None = None
        self._version: int | None = None
        self._columns: OrderedDict[tuple[str, str], Vector | None] = OrderedDict()

    def columns(self, table: str, kinds: Mapping[str, str], *, stop: Callable[[], bool]) -> dict[str, Vector] | None:
        """The columns ``kinds`` names (name -> "int", "float" or "text") of ``table``, loading those missing.

        None when one holds values of another type than its kind (SQLite lets a column mix
        them) or when they exceed the budget. ``stop`` is polled while loading; when it returns
        true the load raises sqlite3.Error."""
        with self._lock:
            conn = self._connection()
            conn.execute("BEGIN")
            try:
                conn.execute("SELECT 1 FROM sqlite_master LIMIT 1").fetchall()
                self._forget_if_changed(conn.execute("PRAGMA data_version").fetchone()[0])
                keys = [(table, name) for name in kinds]
                missing = [key for key in keys if key not in self._columns]
                conn.set_progress_handler(lambda: int(stop()), 20000)
                for key in missing:
                    self._columns[key] = _load(conn, table, key[1], kinds[key[1]])
            finally:
                conn.set_progress_handler(None, 0)
                conn.execute("COMMIT")
            for key in keys:
                self._columns.move_to_end(key)
            found = {key[1]: self._columns[key] for key in keys}
            self._evict()
            if any(v is None for v in found.values()) or any(key not in self._columns for key in keys):
                return None
            return found

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            self._conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False,
                                         isolation_level=None)
            self._conn.execute("PRAGMA query_only = 1")
            self._conn.execute("PRAGMA mmap_size = 1073741824")
        return self._conn

    def _forget_if_changed(self, version: int) -> None:
        if version != self._version:
            self._columns.clear()
            self._version = version

    def _evict(self) -> None:
        """Drop the least recently used columns until the rest fit (the request's own are the newest)."""
        total = sum(_size(v) for v in self._columns.values())
        for key in list(self._columns):
            if total <= self.budget_bytes:
                return
            total -= _size(self._columns.pop(key))


def _size(vector: Vector | None) -> int:
    if vector is None:
        return 0
    return vector.values.nbytes + (0 if vector.null is None else vector.null.nbytes)


def _load(conn: sqlite3.Connection, table: str, column: str, kind: str) -> Vector | None:
    """One column in rowid order, or None if it stores values of another type than ``kind``."""
    name, source = quote_identifier(column), quote_identifier(table)
    allowed = ", ".join(f"'{t}'" for t in (*_STORED_TYPES[kind], "null"))
    foreign = conn.execute(f"SELECT count(*) FROM {source} WHERE typeof({name}) NOT IN ({allowed})").fetchone()[0]
    if foreign:
        return None
    cursor = conn.execute(f"SELECT {name} FROM {source} ORDER BY rowid")
    if kind == "text":
        return text_vector([row[0] for row in cursor])
    if kind == "float":
        values = np.fromiter(itertools.chain.from_iterable(cursor), dtype=np.float64)
        return _nan_as_null(values)
    try:
        return Vector(np.fromiter(itertools.chain.from_iterable(cursor), dtype=np.int64))
    except TypeError:
        cursor.close()
    values = [row[0] for row in conn.execute(f"SELECT {name} FROM {source} ORDER BY rowid")]
    null = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
    data = np.fromiter((0 if v is None else v for v in values), dtype=np.int64, count=len(values))
    return Vector(data, null)


def _nan_as_null(values: np.ndarray) -> Vector:
    """numpy reads SQL NULL as NaN; SQLite stores no NaN, so every NaN is a NULL."""
    null = np.isnan(values)
    if not null.any():
        return Vector(values)
    values[null] = 0.0
    return Vector(values, null)
