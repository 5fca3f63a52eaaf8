"""Helpers shared by the raw-format writers: column access with defaults, stamps, runs of equal shape."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.timestamp import STAMP_FIELDS, encode_stamp, stamp_columns_from_ns


def n_rows(columns: Mapping[str, np.ndarray]) -> int:
    """Number of records, taken from event_number."""
    if "event_number" not in columns:
        raise ValueError("columns must include event_number")
    return len(columns["event_number"])


def column(columns: Mapping[str, np.ndarray], name: str, n: int, default: int | None = None) -> np.ndarray:
    """A column, or default broadcast to n rows; a clear error if it is missing without default."""
    if name in columns:
        values = np.asarray(columns[name])
        if len(values) != n:
            raise ValueError(f"column {name} has {len(values)} rows, expected {n}")
        return values
    if default is None:
        raise ValueError(f"missing column {name}")
    return np.full(n, default)


def stamp_words(columns: Mapping[str, np.ndarray], n: int) -> np.ndarray:
    """(n, 4) stamp words from time_* fields, or from time_of_day_ns when the fields are absent."""
    if "time_hours" in columns:
        fields = {f"time_{name}": column(columns, f"time_{name}", n, 0) for name in STAMP_FIELDS}
        for name, limit in (("hours", 32), ("minutes", 64), ("seconds", 64), ("milliseconds", 1024),
                            ("microseconds", 1024), ("tens_of_ns", 128), ("high_bits", 16), ("flags", 65536)):
            if fields[f"time_{name}"].size and int(fields[f"time_{name}"].max()) >= limit:
                raise ValueError(f"time_{name} does not fit its {limit.bit_length() - 1}-bit field")
        return encode_stamp(fields)
    return encode_stamp(stamp_columns_from_ns(column(columns, "time_of_day_ns", n)))


def equal_shape_runs(counts: np.ndarray) -> Iterator[tuple[int, int]]:
    """(start, stop) of the runs of consecutive rows whose counts are identical."""
    rows = counts[:, None] if counts.ndim == 1 else counts
    if len(rows) == 0:
        return
    changes = np.flatnonzero((rows[1:] != rows[:-1]).any(axis=1)) + 1
    bounds = [0, *changes.tolist(), len(rows)]
    yield from zip(bounds[:-1], bounds[1:])


def ragged_rows(ragged: Ragged, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Per-record counts (n, k) and the offset of each record's first value in ragged.values."""
    counts = np.asarray(ragged.counts, dtype=np.int64)
    counts = counts[:, None] if counts.ndim == 1 else counts
    if len(counts) != n:
        raise ValueError(f"ragged counts have {len(counts)} rows, expected {n}")
    if counts.size and counts.min() < 0:
        raise ValueError("negative count in a ragged column")
    per_record = counts.sum(axis=1)
    starts = np.concatenate([[0], np.cumsum(per_record)])
    if starts[-1] != len(ragged.values):
        raise ValueError(f"ragged values hold {len(ragged.values)} items, counts say {starts[-1]}")
    return counts, starts


def fill_blocks(target: np.ndarray, field_names: list[str], values: np.ndarray, counts: tuple[int, ...]) -> None:
    """Split the (rows, sum(counts)) values of a run into the given per-block fields."""
    edges = np.concatenate([[0], np.cumsum(counts)])
    matrix = values.reshape(len(target), int(edges[-1]))
    for name, lo, hi in zip(field_names, edges[:-1], edges[1:]):
        target[name] = matrix[:, lo:hi]


def check_range(name: str, values: np.ndarray, dtype: str) -> np.ndarray:
    """values converted to dtype, with a clear error when they do not fit."""
    info = np.iinfo(np.dtype(dtype))
    values = np.asarray(values)
    if values.size and (values.min() < info.min or values.max() > info.max):
        raise ValueError(f"{name} does not fit {np.dtype(dtype).name}")
    return values.astype(dtype)


def emit(target: str | Path | BinaryIO, chunks: Iterator[bytes] | list[bytes]) -> None:
    """Write byte chunks to a path (replacing it) or to an open binary file."""
    if isinstance(target, (str, Path)):
        with open(target, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
    else:
        for chunk in chunks:
            target.write(chunk)
