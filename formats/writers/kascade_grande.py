"""Writer of our KASCADE-Grande raw event files (specs/kascade_grande.ksy, version 1)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np

from formats.fast.kascade_grande import (
    FILE_MAGIC,
    HEADER_DTYPE,
    RECORD_FIELDS,
    RECORD_SYNC,
    STATION_DTYPE,
    VERSION,
    header_crc,
    record_crcs,
    record_dtype,
)
from formats.writers.common import check_range, column, emit, n_rows

GRANDE_STATIONS = 37


def encode_header(record_size: int, n_stations: int, run_number: int, run_start: int) -> bytes:
    """The 32-byte file header with its CRC-32."""
    header = np.zeros(1, dtype=HEADER_DTYPE)
    header["magic"] = FILE_MAGIC
    header["version"] = VERSION
    header["header_size"] = HEADER_DTYPE.itemsize
    header["record_size"] = record_size
    header["n_stations"] = n_stations
    header["run_number"] = run_number
    header["run_start"] = run_start
    raw = bytearray(header.tobytes())
    raw[-4:] = header_crc(bytes(raw)).to_bytes(4, "little")
    return bytes(raw)


def encode_records(columns: Mapping[str, np.ndarray], n_stations: int) -> np.ndarray:
    """Records as a structured array with CRCs; station_* columns are (n, n_stations)."""
    n = n_rows(columns)
    dtype = record_dtype(n_stations, np.dtype(RECORD_FIELDS + [("stations", STATION_DTYPE, (n_stations,))]).itemsize)
    records = np.zeros(n, dtype=dtype)
    records["sync"] = RECORD_SYNC
    records["record_size"] = dtype.itemsize
    defaults = {"trigger_flags": 1, "n_hit": 0, "pressure": 10130, "temperature": 1500, "humidity": 5000, "reserved": 0}
    for name, kind in RECORD_FIELDS[3:]:
        records[name] = check_range(name, column(columns, name, n, defaults.get(name)), kind)
    if n and int(records["nanoseconds"].max()) >= 10**9:
        raise ValueError("nanoseconds must be below 1e9")
    for name in STATION_DTYPE.names:
        values = np.asarray(column(columns, f"station_{name}", n))
        if values.shape != (n, n_stations):
            raise ValueError(f"station_{name} must have shape (n, {n_stations}), not {values.shape}")
        records["stations"][name] = check_range(f"station_{name}", values, STATION_DTYPE[name].str)
    records["crc32"] = record_crcs(records)
    return records


def write_kascade_grande(target: str | Path | BinaryIO, columns: Mapping[str, np.ndarray], *, run_number: int,
                         run_start: int, n_stations: int = GRANDE_STATIONS) -> None:
    """Write a complete file: header, then one record per row of columns."""
    records = encode_records(columns, n_stations)
    emit(target, [encode_header(records.dtype.itemsize, n_stations, run_number, run_start), records.tobytes()])
