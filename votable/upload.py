"""Reading a VOTable that a client uploads (TAP UPLOAD).

Parsing is left to astropy.io.votable; this module enforces the size limits,
turns astropy's errors into a `VOTableError` a person can act on, and
describes the columns with `votable.Field`, like every other table here.
"""
from __future__ import annotations

import io
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

import numpy as np

from .datatypes import DATATYPES
from .errors import VOTableError
from .model import Field


@dataclass(frozen=True)
class UploadedTable:
    """The first table of an uploaded VOTable."""

    name: str | None
    fields: tuple[Field, ...]
    columns: dict[str, np.ma.MaskedArray]

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def rows(self) -> Iterator[tuple[Any, ...]]:
        """Row tuples of plain Python values, None for NULL (what a database insert wants)."""
        for index in range(len(self)):
            yield tuple(_plain(self.columns[field.name][index]) for field in self.fields)


def read_table(data: bytes | IO[bytes], *, max_rows: int, max_bytes: int) -> UploadedTable:
    """Parse an uploaded VOTable, refusing more than max_bytes of input or max_rows rows."""
    raw = data if isinstance(data, (bytes, bytearray)) else data.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise VOTableError("the uploaded table is larger than the limit of %d bytes" % max_bytes)
    if not raw.strip():
        raise VOTableError("the uploaded table is empty")
    from astropy.io.votable import parse
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            document = parse(io.BytesIO(bytes(raw)), verify="ignore")
            table = document.get_first_table()
    except Exception as exc:  # noqa: BLE001 - astropy raises many kinds; all mean "unreadable"
        raise VOTableError("the upload is not a readable VOTable: %s" % _reason(exc)) from None
    if len(table.array) > max_rows:
        raise VOTableError("the uploaded table has %d rows, more than the limit of %d"
                           % (len(table.array), max_rows))
    fields = tuple(_field(column) for column in table.fields)
    names = [field.name for field in fields]
    if len(set(names)) != len(names):
        raise VOTableError("the uploaded table has duplicate column names")
    array = table.array
    columns = {field.name: np.ma.asarray(array[key])
               for field, key in zip(fields, array.dtype.names)}
    return UploadedTable(table.name, fields, columns)


def _field(column: Any) -> Field:
    name = column.name or column.ID
    if column.datatype not in DATATYPES:
        raise VOTableError("column %r of the upload has datatype %r, which is not supported here"
                           % (name, column.datatype))
    try:
        return Field(name=name, datatype=column.datatype, arraysize=column.arraysize,
                     unit=None if column.unit is None else str(column.unit),
                     ucd=column.ucd, utype=column.utype, xtype=column.xtype,
                     description=column.description)
    except ValueError as exc:
        raise VOTableError("column %r of the upload: %s" % (name, exc)) from None


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def _plain(value: Any) -> Any:
    if value is np.ma.masked:
        return None
    if isinstance(value, np.ma.MaskedArray):
        return value.filled(np.nan if value.dtype.kind == "f" else 0).tolist()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value
