"""Typed columns from a batch of database rows or numpy arrays.

Both writers work column by column on numpy arrays; this module is where the
loosely typed values of a database (SQLite may give a float in an int column,
0/1 for booleans, DALI text for geometries) are coerced to the declared
datatype once, with a null mask per column.

A `Column` holds, depending on its field:

* scalar numbers and booleans: a 1-D array (int64, float64 or bool), nulls
  filled with 0, NaN or False;
* fixed-size numeric arrays: a 2-D array (rows x elements);
* variable-size numeric arrays: a list of 1-D arrays (empty where null);
* char and unicodeChar: a list of str ("" where null).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

import numpy as np

from .datatypes import DATATYPES, FLOAT, INTEGER
from .errors import CoercionError
from .model import Field

_INTEGER_LIMITS = {name: np.iinfo(DATATYPES[name].numpy) for name in INTEGER}
_NULL_CODE, _BAD_CODE = 2, 3
_BOOLEAN_CODES: dict[Any, int] = {
    True: 1, False: 0, None: _NULL_CODE,
    "T": 1, "F": 0, "t": 1, "f": 0, "true": 1, "false": 0, "True": 1, "False": 0,
    "TRUE": 1, "FALSE": 0, "1": 1, "0": 0, "?": _NULL_CODE, "": _NULL_CODE,
}
_PLAIN_INTEGERS = {int, bool}
_PLAIN_TEXT = {str}


@dataclass
class Column:
    """The values of one field for one batch, plus which cells are NULL."""

    field: Field
    values: Any
    null: np.ndarray

    def __len__(self) -> int:
        return len(self.null)

    def slice(self, start: int, stop: int) -> Column:
        """The rows start..stop-1 of this column."""
        return Column(self.field, self.values[start:stop], self.null[start:stop])


def from_rows(fields: Sequence[Field], rows: Sequence[Sequence[Any]]) -> list[Column]:
    """Columns from row tuples (what a DB-API cursor's fetchmany returns).

    The rows are first split into columns by numpy in one call, numbers of
    float fields converted on the way, which is several times faster than
    taking them apart in Python; if numpy refuses a value, each column is
    taken out and converted on its own, which names the bad value.
    """
    width = len(fields)
    if set(map(len, rows)) - {width}:
        bad = next(row for row in rows if len(row) != width)
        raise CoercionError("a result row has %d values for %d columns" % (len(bad), width))
    layout = np.dtype([("c%d" % index, np.float64 if _numeric_float(field) else object)
                       for index, field in enumerate(fields)])
    try:
        table = np.array(rows, dtype=layout) if rows else None
    except (TypeError, ValueError, OverflowError):
        table = None
    if table is None:
        return [convert(field, list(map(itemgetter(index), rows)))
                for index, field in enumerate(fields)]
    return [convert(field, table[name] if table.dtype[name].kind == "f" else table[name].tolist())
            for name, field in zip(table.dtype.names, fields)]


def _numeric_float(field: Field) -> bool:
    return field.is_scalar and field.datatype in FLOAT


def from_arrays(fields: Sequence[Field], arrays: Mapping[str, Any]) -> list[Column]:
    """Columns from a dict of numpy arrays keyed by field name (bulk paths)."""
    missing = [field.name for field in fields if field.name not in arrays]
    if missing:
        raise CoercionError("the batch has no data for the column(s) %s" % ", ".join(missing))
    return [convert(field, arrays[field.name]) for field in fields]


def convert(field: Field, raw: Any) -> Column:
    """Coerce one column's raw values (a list or an array) to its field's datatype."""
    if isinstance(raw, np.ndarray):
        mask = np.ma.getmaskarray(raw) if np.ma.isMaskedArray(raw) else None
        data = np.ma.getdata(raw)
        if field.is_scalar and not field.is_text and data.dtype.kind in "biuf":
            return _from_numeric_array(field, data, mask)
        if not field.is_scalar and not field.is_text and data.ndim == 2 and field.length == data.shape[1]:
            null = np.zeros(len(data), bool) if mask is None else mask.reshape(len(data), -1).all(axis=1)
            return Column(field, data.astype(_working_dtype(field)), null)
        raw = _array_to_list(data)
        if mask is not None:
            raw = [None if masked else value for value, masked in zip(raw, mask.tolist())]
    if field.is_text:
        return _texts(field, raw)
    if not field.is_scalar:
        return _arrays(field, raw)
    if field.datatype == "boolean":
        return _booleans(field, raw)
    if field.datatype in INTEGER:
        return _integers(field, raw)
    return _floats(field, raw)


def _working_dtype(field: Field) -> np.dtype:
    if field.datatype == "boolean":
        return np.dtype(bool)
    if field.datatype in FLOAT:
        return np.dtype(np.float64)
    return np.dtype(np.int64)


def _array_to_list(data: np.ndarray) -> list:
    if data.dtype.kind == "S":
        return [value.decode("utf-8", "replace") for value in data.tolist()]
    if data.dtype.kind == "M":
        return np.datetime_as_string(data).tolist()
    if data.ndim > 1:
        return list(data)
    return data.tolist()


def _from_numeric_array(field: Field, data: np.ndarray, mask: np.ndarray | None) -> Column:
    null = np.zeros(len(data), bool) if mask is None else mask.copy()
    if field.datatype in FLOAT:
        values = data.astype(np.float64)
        values[null] = np.nan
        null |= np.isnan(values)
        return Column(field, values, null)
    if data.dtype.kind == "f":
        null |= np.isnan(data)
        data = np.rint(np.where(null, 0, data))
    if field.datatype == "boolean":
        return Column(field, data.astype(bool) & ~null, null)
    values = data.astype(np.int64)
    values[null] = 0
    _check_range(field, values)
    return Column(field, values, null)


def _floats(field: Field, raw: list) -> Column:
    try:
        values = np.array(raw, dtype=np.float64)
    except (TypeError, ValueError):
        values = np.array([_float(field, value) for value in raw], dtype=np.float64)
    if values.ndim != 1:
        raise CoercionError("column %r: expected one number per row" % field.name)
    return Column(field, values, np.isnan(values))


def _float(field: Field, value: Any) -> float:
    if value is None:
        return np.nan
    try:
        return float(value)
    except (TypeError, ValueError):
        raise CoercionError("column %r: %r is not a number (datatype %s)"
                            % (field.name, value, field.datatype)) from None


def _integers(field: Field, raw: list) -> Column:
    if set(map(type, raw)) <= _PLAIN_INTEGERS:
        try:
            values = np.array(raw, dtype=np.int64)
        except OverflowError:
            raise CoercionError("column %r: a value does not fit in a VOTable %s"
                                % (field.name, field.datatype)) from None
        null = np.zeros(len(values), bool)
    else:
        converted = [_integer(field, value) for value in raw]
        null = np.fromiter((value is None for value in converted), bool, len(converted))
        try:
            values = np.array([0 if value is None else value for value in converted], dtype=np.int64)
        except OverflowError:
            raise CoercionError("column %r: a value does not fit in a VOTable %s"
                                % (field.name, field.datatype)) from None
    _check_range(field, values)
    return Column(field, values, null)


def _integer(field: Field, value: Any) -> int | None:
    if value is None or isinstance(value, (int, np.integer)):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise CoercionError("column %r: %r is not an integer (datatype %s)"
                            % (field.name, value, field.datatype)) from None
    if np.isnan(number):
        return None
    if np.isinf(number):
        raise CoercionError("column %r: %r does not fit in a VOTable %s"
                            % (field.name, value, field.datatype))
    return round(number)


def _check_range(field: Field, values: np.ndarray) -> None:
    limits = _INTEGER_LIMITS[field.datatype]
    if len(values) and (values.min() < limits.min or values.max() > limits.max):
        bad = values[(values < limits.min) | (values > limits.max)][0]
        raise CoercionError("column %r: %d does not fit in a VOTable %s (%d to %d)"
                            % (field.name, bad, field.datatype, limits.min, limits.max))


def _booleans(field: Field, raw: list) -> Column:
    get = _BOOLEAN_CODES.get
    codes = np.fromiter((get(value, _BAD_CODE) if _hashable(value) else _BAD_CODE
                         for value in raw), np.uint8, len(raw))
    if (codes == _BAD_CODE).any():
        bad = raw[int(np.argmax(codes == _BAD_CODE))]
        raise CoercionError("column %r: %r is not a boolean" % (field.name, bad))
    return Column(field, codes == 1, codes == _NULL_CODE)


def _hashable(value: Any) -> bool:
    return value is None or isinstance(value, (bool, int, float, str, np.generic))


def _texts(field: Field, raw: list) -> Column:
    if set(map(type, raw)) <= _PLAIN_TEXT:
        values, null = raw, np.zeros(len(raw), bool)
    else:
        values = [_text(value) for value in raw]
        null = np.fromiter((value is None for value in raw), bool, len(raw))
    limit = field.length
    if limit is not None and values and max(map(len, values)) > limit:
        values = [value[:limit] for value in values]
    return Column(field, values, null)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return str(np.datetime_as_string(value))
    return str(value)


def _arrays(field: Field, raw: list) -> Column:
    dtype = _working_dtype(field)
    null = np.fromiter((value is None for value in raw), bool, len(raw))
    cells = [_array(field, value, dtype) for value in raw]
    if field.is_variable:
        if field.length is not None and any(len(cell) > field.length for cell in cells):
            raise CoercionError("column %r: an array has more than %d elements"
                                % (field.name, field.length))
        return Column(field, cells, null)
    filler = np.zeros(field.length, dtype) if dtype.kind != "f" else np.full(field.length, np.nan)
    cells = [filler if is_null else cell for cell, is_null in zip(cells, null.tolist())]
    if any(len(cell) != field.length for cell in cells):
        bad = next(cell for cell in cells if len(cell) != field.length)
        raise CoercionError("column %r: expected %d numbers per row, got %d"
                            % (field.name, field.length, len(bad)))
    values = np.array(cells, dtype=dtype).reshape(len(cells), field.length)
    return Column(field, values, null)


def _array(field: Field, value: Any, dtype: np.dtype) -> np.ndarray:
    if value is None:
        return np.zeros(0, dtype)
    if isinstance(value, (bytes, bytearray)) and field.datatype == "unsignedByte":
        return np.frombuffer(value, np.uint8).astype(dtype)
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    try:
        return np.asarray(value, dtype=dtype).ravel()
    except (TypeError, ValueError):
        raise CoercionError("column %r: %r is not an array of %s"
                            % (field.name, value, field.datatype)) from None
