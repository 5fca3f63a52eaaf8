"""BINARY2 serialisation: rows of typed columns to bytes, and base64 lines.

A BINARY2 row is a null bitmap (one bit per field, most significant bit
first) followed by each cell in big-endian binary; variable-length cells are a
4-byte element count and the elements. Rows are built for a whole batch at
once: fixed-width cells are laid out with a numpy structured dtype, and
variable-length cells are padded to the batch's longest value and squeezed
out again with one boolean mask, so no Python code runs per row.
"""
from __future__ import annotations

import base64
from collections.abc import Sequence

import numpy as np

from .columns import Column
from .datatypes import DATATYPES

_LINE_BYTES = 57  # raw bytes per 76-character base64 line
_MAX_PADDED_BYTES = 32 << 20
_TRUE, _FALSE, _UNKNOWN = ord("T"), ord("F"), ord("?")


class _Variable:
    """A variable-length cell per row: element counts and the payload bytes."""

    def __init__(self, counts: np.ndarray, payload: np.ndarray, sizes: np.ndarray):
        self.counts = counts
        self.payload = payload
        self.sizes = sizes


def encode(columns: Sequence[Column]) -> bytes:
    """The BINARY2 bytes (before base64) of all rows of these columns."""
    rows = len(columns[0]) if columns else 0
    if rows == 0:
        return b""
    parts = [_part(column) for column in columns]
    widest = sum(int(part.sizes.max()) for part in parts if isinstance(part, _Variable))
    actual = sum(len(part.payload) for part in parts if isinstance(part, _Variable))
    if rows > 1 and rows * widest > max(_MAX_PADDED_BYTES, 4 * actual):
        half = rows // 2
        return (encode([column.slice(0, half) for column in columns])
                + encode([column.slice(half, rows) for column in columns]))
    return _pack(columns, parts, rows)


def _pack(columns: Sequence[Column], parts: list, rows: int) -> bytes:
    bitmap = np.packbits(np.column_stack([column.null for column in columns]), axis=1)
    layout: list[tuple] = [("nulls", np.uint8, (bitmap.shape[1],))]
    for index, part in enumerate(parts):
        if isinstance(part, _Variable):
            layout.append(("n%d" % index, ">i4"))
            width = int(part.sizes.max())
            if width:
                layout.append(("p%d" % index, np.uint8, (width,)))
        else:
            layout.append(("f%d" % index, part.dtype, part.shape[1:]))
    record = np.zeros(rows, np.dtype(layout))
    record["nulls"] = bitmap
    variables = []
    for index, part in enumerate(parts):
        if isinstance(part, _Variable):
            record["n%d" % index] = part.counts
            if "p%d" % index in record.dtype.names:
                variables.append((index, part))
        else:
            record["f%d" % index] = part
    if not variables:
        return record.tobytes()
    grid = record.view(np.uint8).reshape(rows, record.dtype.itemsize)
    keep = np.ones(grid.shape, bool)
    for index, part in variables:
        offset = record.dtype.fields["p%d" % index][1]
        width = int(part.sizes.max())
        present = np.arange(width) < part.sizes[:, None]
        grid[:, offset:offset + width][present] = part.payload
        keep[:, offset:offset + width] = present
    return grid[keep].tobytes()


def _part(column: Column) -> np.ndarray | _Variable:
    field = column.field
    if field.is_text:
        return _text(column)
    target = DATATYPES[field.datatype].wire
    if field.is_variable:
        cells = column.values
        counts = np.fromiter(map(len, cells), np.int64, len(cells))
        payload = (np.concatenate(cells) if cells else np.zeros(0))
        payload = _binary_values(payload, field.datatype, target)
        return _Variable(counts, payload.view(np.uint8), counts * target.itemsize)
    return _binary_values(column.values, field.datatype, target, column.null)


def _binary_values(values: np.ndarray, datatype: str, target: np.dtype,
                   null: np.ndarray | None = None) -> np.ndarray:
    if datatype == "boolean":
        coded = np.where(values, _TRUE, _FALSE).astype(np.uint8)
        if null is not None and values.ndim == 1:
            coded[null] = _UNKNOWN
        return coded
    with np.errstate(over="ignore"):
        return np.ascontiguousarray(values, dtype=target)


def _text(column: Column) -> np.ndarray | _Variable:
    field = column.field
    values = column.values
    unit = 2 if field.datatype == "unicodeChar" else 1
    codec = "utf-16-be" if unit == 2 else "utf-8"
    if field.is_variable:
        joined = "".join(values)
        payload = joined.encode(codec, "replace")
        if len(payload) == unit * len(joined):
            sizes = np.fromiter(map(len, values), np.int64, len(values)) * unit
        else:
            sizes = np.fromiter((len(value.encode(codec, "replace")) for value in values),
                                np.int64, len(values))
        if field.length is not None and len(sizes) and sizes.max() > field.length * unit:
            return _truncated(values, codec, field.length * unit, unit)
        return _Variable(sizes // unit, np.frombuffer(payload, np.uint8), sizes)
    size = field.length * unit
    return np.array([value.encode(codec, "replace")[:size] for value in values], dtype="S%d" % size)


def _truncated(values: list[str], codec: str, limit: int, unit: int) -> _Variable:
    cells = [value.encode(codec, "replace")[:limit] for value in values]
    sizes = np.fromiter(map(len, cells), np.int64, len(cells))
    return _Variable(sizes // unit, np.frombuffer(b"".join(cells), np.uint8), sizes)


class Base64Lines:
    """Base64-encodes a byte stream in 76-character lines, chunk by chunk.

    Only whole lines (57 raw bytes each) are encoded as data arrives, so the
    encoded chunks simply concatenate; `finish` encodes the rest.
    """

    def __init__(self) -> None:
        self._pending = b""

    def feed(self, data: bytes) -> bytes:
        """Encoded lines for everything fed so far except a remainder under 57 bytes."""
        data = self._pending + data if self._pending else data
        whole = len(data) - len(data) % _LINE_BYTES
        self._pending = data[whole:]
        if not whole:
            return b""
        encoded = np.frombuffer(base64.b64encode(memoryview(data)[:whole]), np.uint8)
        lines = np.empty((whole // _LINE_BYTES, 77), np.uint8)
        lines[:, :76] = encoded.reshape(-1, 76)
        lines[:, 76] = ord("\n")
        return lines.tobytes()

    def finish(self) -> bytes:
        """The last (possibly short, padded) line."""
        rest, self._pending = self._pending, b""
        return base64.b64encode(rest) + b"\n" if rest else b""
