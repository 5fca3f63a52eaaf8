"""Writer of TAIGA-HiSCORE package files (the inverse of formats.fast.hiscore)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.hiscore import BLOCKS, HEADER_FIELDS
from formats.writers.blocks import encode_block_packages
from formats.writers.common import check_range, column, emit


def _fill_header(packages: np.ndarray, columns: Mapping[str, np.ndarray], rows: slice) -> None:
    n = len(columns["event_number"])
    packages["magic"] = 0x0BC0
    for name, kind, default in (("event_number", "<u4", None), ("reserved", "<u4", 0), ("ip", "<u2", 0),
                                ("station_number", "<u2", 0)):
        packages[name] = check_range(name, column(columns, name, n, default)[rows], kind)


def write_hiscore(target: str | Path | BinaryIO, columns: Mapping[str, np.ndarray], samples: Ragged) -> None:
    """Write HiSCORE packages; samples.counts is (n, 9) = len, offset (n, 9) defaults to 0."""
    emit(target, encode_block_packages(columns, samples, BLOCKS, HEADER_FIELDS, "sz", _fill_header, {"offset": 0}))
