"""Writer of Tunka-Grande package files (the inverse of formats.fast.grande)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.grande import CHANNELS, HEADER_FIELDS
from formats.writers.blocks import encode_block_packages
from formats.writers.common import check_range, column, emit


def _fill_header(packages: np.ndarray, columns: Mapping[str, np.ndarray], rows: slice) -> None:
    n = len(columns["event_number"])
    data_type = column(columns, "data_type", n, 3032)[rows]
    if data_type.size and (data_type.min() < 3032 or data_type.max() > 3035):
        raise ValueError("data_type must be 3032-3035")
    packages["data_type"] = data_type
    for name, kind, default in (("event_number", "<u4", None), ("error_count", "<u4", 0), ("cluster_number", "u1", 0),
                                ("reserved", "u1", 0), ("optical_line_length_raw", "<u2", 0)):
        packages[name] = check_range(name, column(columns, name, n, default)[rows], kind)


def write_grande(target: str | Path | BinaryIO, columns: Mapping[str, np.ndarray], samples: Ragged) -> None:
    """Write Grande packages; samples.counts is (n, 8) = data_count, vme_address/channel_info (n, 8) default 0."""
    emit(target, encode_block_packages(columns, samples, CHANNELS, HEADER_FIELDS, "package_size", _fill_header,
                                       {"vme_address": 0, "channel_info": 0}))
