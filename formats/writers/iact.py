"""Writer of TAIGA-IACT package files (the inverse of formats.fast.iact)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np

from formats.fast.iact import N_CHANNELS, PACKAGE_DTYPE, SIZE_FIELD
from formats.writers.common import check_range, column, emit, n_rows, stamp_words


def encode_iact(columns: Mapping[str, np.ndarray]) -> np.ndarray:
    """Packages as a structured array; big/small are (n, 32), time as time_* fields or time_of_day_ns."""
    n = n_rows(columns)
    packages = np.zeros(n, dtype=PACKAGE_DTYPE)
    packages["magic"] = 0x0BD8
    packages["size"] = column(columns, "size", n, SIZE_FIELD)
    packages["event_number"] = check_range("event_number", columns["event_number"], "<u4")
    packages["reserved"] = column(columns, "reserved", n, 0)
    packages["time"] = stamp_words(columns, n)
    packages["maroc_word"] = column(columns, "maroc_word", n, 0)
    for index, name in enumerate(("big", "small")):
        values = np.asarray(column(columns, name, n))
        if values.shape != (n, N_CHANNELS):
            raise ValueError(f"{name} must have shape (n, {N_CHANNELS}), not {values.shape}")
        packages["channels"][:, :, index] = check_range(name, values, "<u2")
    packages["trailer"] = 0xFFFFFFFF
    return packages


def write_iact(target: str | Path | BinaryIO, columns: Mapping[str, np.ndarray]) -> None:
    """Write (or append to an open binary file) IACT packages."""
    emit(target, [encode_iact(columns).tobytes()])
