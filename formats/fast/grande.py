"""Fast reader of Tunka-Grande package files (specs/grande.ksy): 24-byte header, 8 channel blocks, trailer."""

from __future__ import annotations

import re

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.blocks import BlockShape, block_columns, block_layout
from formats.fast.engine import Layout, need, u16
from formats.fast.errors import BadRecord
from formats.fast.timestamp import decode_stamp, stamp_problems

DATA_TYPES = range(3032, 3036)
HEADER_FIELDS = [
    ("data_type", "<u2"), ("package_size", "<u2"), ("event_number", "<u4"), ("error_count", "<u4"),
    ("time", "<u2", (4,)), ("cluster_number", "u1"), ("reserved", "u1"), ("optical_line_length_raw", "<u2"),
]
CHANNELS = BlockShape(8, [("vme_address", "<u4"), ("data_count", "<u2"), ("channel_info", "<u2")], "data_count")


class GrandeFormat:
    """Tunka-Grande packages."""

    name = "grande"
    sync = re.compile(rb"[\xd8-\xdb]\x0b")

    def begin(self, buf: np.ndarray) -> int:
        return 0

    def layout_at(self, buf: np.ndarray, pos: int) -> Layout:
        need(buf, pos, 2, "package header")
        data_type = u16(buf, pos)
        if data_type not in DATA_TYPES:
            raise BadRecord(f"bad magic: data_type {data_type} is not 3032-3035")
        return block_layout(buf, pos, CHANNELS, HEADER_FIELDS, 2)

    def decode(self, records: np.ndarray, layout: Layout) -> tuple[dict[str, np.ndarray], dict[str, Ragged]]:
        blocks, samples = block_columns(records, CHANNELS)
        columns = {
            "data_type": records["data_type"],
            "package_size": records["package_size"],
            "event_number": records["event_number"],
            "error_count": records["error_count"],
            **decode_stamp(records["time"]),
            "cluster_number": records["cluster_number"],
            "reserved": records["reserved"],
            "optical_line_length_raw": records["optical_line_length_raw"],
            **blocks,
        }
        return columns, {"samples": Ragged(samples, blocks["data_count"])}

    def problems(self, records: np.ndarray, columns: dict[str, np.ndarray]) -> list[tuple[np.ndarray, str]]:
        return stamp_problems(columns)
