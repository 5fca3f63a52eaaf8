"""PostgreSQL's COPY text format, from row tuples or straight from numpy column batches.

COPY is the fast way into PostgreSQL; what limits a load is then Python formatting the
text. Column batches are formatted a column at a time (one conversion call per column,
not per value), which is several times faster than going through row tuples.
"""
from __future__ import annotations

import io
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

NULL = r"\N"


def copy_text(value: Any) -> str:
    """One value in PostgreSQL's COPY text format."""
    if value is None:
        return NULL
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, float):
        return NULL if math.isnan(value) else repr(value)
    if isinstance(value, (bytes, bytearray)):
        value = value.decode("utf-8")
    text = str(value)
    if any(c in text for c in "\\\t\n\r"):
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def rows_buffer(rows: Iterable[Sequence[Any]]) -> io.StringIO:
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(copy_text(v) for v in row))
        buffer.write("\n")
    buffer.seek(0)
    return buffer


def column_texts(values: np.ndarray) -> list[str]:
    """A numpy column as COPY fields: NaN and masked entries become NULL, floats keep full precision."""
    mask = np.ma.getmaskarray(values) if np.ma.isMaskedArray(values) else None
    data = np.asarray(values.data if mask is not None else values)
    if data.dtype.kind == "f":
        nan = np.isnan(data)
        mask = nan if mask is None else (mask | nan)
        texts = list(map(repr, data.tolist()))
    elif data.dtype.kind in "iu":
        texts = list(map(str, data.tolist()))
    elif data.dtype.kind == "b":
        texts = ["t" if v else "f" for v in data.tolist()]
    else:
        texts = [copy_text(v) for v in data.tolist()]
    if mask is not None and mask.any():
        for i in np.flatnonzero(mask).tolist():
            texts[i] = NULL
    return texts


def columns_buffer(names: Sequence[str], batch: Mapping[str, np.ndarray]) -> tuple[io.StringIO, int]:
    """COPY text of one column batch (columns in `names` order) and its number of rows."""
    missing = [n for n in names if n not in batch]
    if missing:
        raise ValueError(f"batch lacks columns {missing}")
    columns = [column_texts(batch[n]) for n in names]
    count = len(columns[0]) if columns else 0
    if any(len(c) != count for c in columns):
        raise ValueError("batch columns differ in length")
    text = "\n".join(map("\t".join, zip(*columns)))
    return io.StringIO(text + "\n" if count else ""), count
