"""Published table metadata the validator resolves names against; nothing else is reachable."""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from .nodes import Identifier


@dataclass(frozen=True)
class Column:
    """A published column; ``name`` is the ADQL name, ``sql_name`` the physical one (default: name).

    ``span`` (max - min of its values, when the publisher knows it) lets a dialect tell its planner
    what share of the rows a range of a given width selects."""
    name: str
    datatype: str
    arraysize: str | None = None
    xtype: str | None = None
    unit: str | None = None
    ucd: str | None = None
    utype: str | None = None
    description: str | None = None
    sql_name: str | None = None
    span: float | None = None

    @property
    def physical_name(self) -> str:
        return self.sql_name or self.name


@dataclass(frozen=True)
class Table:
    """A published table; ``sql_name`` holds the identifier parts of the physical table."""
    schema: str
    name: str
    columns: tuple[Column, ...]
    sql_name: tuple[str, ...] = ()
    description: str | None = None
    _by_name: dict = field(default=None, init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", tuple(self.columns))
        if not self.sql_name:
            object.__setattr__(self, "sql_name", (self.schema, self.name) if self.schema else (self.name,))
        index: dict[str, list[Column]] = {}
        for column in self.columns:
            index.setdefault(column.name.lower(), []).append(column)
        object.__setattr__(self, "_by_name", index)

    @property
    def qualified_name(self) -> str:
        return f"{self.schema}.{self.name}" if self.schema else self.name

    def find_columns(self, ident: Identifier) -> list[Column]:
        return [c for c in self._by_name.get(ident.name.lower(), ()) if ident.matches(c.name)]


class Schema:
    """The set of tables a query may use, looked up qualified or unqualified when unambiguous."""

    def __init__(self, tables: Iterable[Table]) -> None:
        self._tables = tuple(tables)
        self._by_name: dict[str, list[Table]] = {}
        for table in self._tables:
            self._by_name.setdefault(table.name.lower(), []).append(table)

    @property
    def tables(self) -> tuple[Table, ...]:
        return self._tables

    def with_tables(self, extra: Iterable[Table]) -> Schema:
        """A new Schema with ``extra`` added (e.g. TAP_UPLOAD tables)."""
        return Schema(self._tables + tuple(extra))

    def find(self, parts: Sequence[Identifier]) -> list[Table]:
        """Tables matching ``[schema.]table`` (regular identifiers case-insensitively)."""
        if not parts or len(parts) > 2:
            return []
        name = parts[-1]
        candidates = [t for t in self._by_name.get(name.name.lower(), ()) if name.matches(t.name)]
        if len(parts) == 2:
            candidates = [t for t in candidates if parts[0].matches(t.schema)]
        return candidates

    def suggest(self, written: str) -> str | None:
        """The published table name closest to ``written``, for "did you mean" hints."""
        names = [t.qualified_name for t in self._tables]
        lowered = {name.lower(): name for name in names}
        close = difflib.get_close_matches(written.lower(), list(lowered), n=1, cutoff=0.6)
        if not close and "." not in written:
            by_table = {t.name.lower(): t.qualified_name for t in self._tables}
            close = [by_table[c].lower() for c in difflib.get_close_matches(written.lower(), list(by_table), n=1)]
        return lowered[close[0]] if close else None
