"""Fast reader of TAIGA-HiSCORE package files (specs/hiscore.ksy): 24-byte header, 9 waveform blocks, trailer."""

from __future__ import annotations

import re

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.blocks import BlockShape, block_columns, block_layout
from formats.fast.engine import Layout, need
from formats.fast.errors import BadRecord
from formats.fast.timestamp import decode_stamp, stamp_problems

MAGIC = b"\xc0\x0b"
HEADER_FIELDS = [
    ("magic", "<u2"), ("sz", "<u2"), ("event_number", "<u4"), ("reserved", "<u4"),
    ("time", "<u2", (4,)), ("ip", "<u2"), ("station_number", "<u2"),
]
BLOCKS = BlockShape(9, [("offset", "<u2"), ("len", "<u2")], "len")


class HiscoreFormat:
    """TAIGA-HiSCORE station packages (layout as specified; no real sample exists)."""

    name = "hiscore"
    sync = re.compile(re.escape(MAGIC))

    def begin(self, buf: np.ndarray) -> int:
        return 0

    def layout_at(self, buf: np.ndarray, pos: int) -> Layout:
        need(buf, pos, 2, "package header")
        if bytes(buf[pos:pos + 2]) != MAGIC:
            raise BadRecord(f"bad magic {bytes(buf[pos:pos + 2]).hex(' ')}, expected c0 0b")
        return block_layout(buf, pos, BLOCKS, HEADER_FIELDS, 2)

    def decode(self, records: np.ndarray, layout: Layout) -> tuple[dict[str, np.ndarray], dict[str, Ragged]]:
        blocks, samples = block_columns(records, BLOCKS)
        columns = {
            "sz": records["sz"],
            "event_number": records["event_number"],
            "reserved": records["reserved"],
            **decode_stamp(records["time"]),
            "ip": records["ip"],
            "station_number": records["station_number"],
            **blocks,
        }
        return columns, {"samples": Ragged(samples, blocks["len"])}

    def problems(self, records: np.ndarray, columns: dict[str, np.ndarray]) -> list[tuple[np.ndarray, str]]:
        return stamp_problems(columns)
