"""Fast reader of TAIGA-IACT package files (specs/iact.ksy): fixed 156-byte packages."""

from __future__ import annotations

import re

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.engine import Layout, make_layout, need
from formats.fast.errors import BadRecord
from formats.fast.timestamp import decode_stamp, stamp_problems

MAGIC = b"\xd8\x0b"
TRAILER = b"\xff\xff\xff\xff"
N_CHANNELS = 32
PACKAGE_DTYPE = np.dtype([
    ("magic", "<u2"), ("size", "<u2"), ("event_number", "<u4"), ("reserved", "<u4"),
    ("time", "<u2", (4,)), ("maroc_word", "<u4"), ("channels", "<u2", (N_CHANNELS, 2)), ("trailer", "<u4"),
])
SIZE_FIELD = PACKAGE_DTYPE.itemsize - 24


class IactFormat:
    """TAIGA-IACT camera packages."""

    name = "iact"
    sync = re.compile(re.escape(MAGIC))

    def begin(self, buf: np.ndarray) -> int:
        return 0

    def layout_at(self, buf: np.ndarray, pos: int) -> Layout:
        need(buf, pos, 2, "package header")
        if bytes(buf[pos:pos + 2]) != MAGIC:
            raise BadRecord(f"bad magic {bytes(buf[pos:pos + 2]).hex(' ')}, expected d8 0b")
        need(buf, pos, PACKAGE_DTYPE.itemsize, "IACT package")
        if bytes(buf[pos + 152:pos + 156]) != TRAILER:
            raise BadRecord("bad package trailer, expected ff ff ff ff")
        return make_layout(buf, pos, PACKAGE_DTYPE, [(0, 2), (152, 4)])

    def decode(self, records: np.ndarray, layout: Layout) -> tuple[dict[str, np.ndarray], dict[str, Ragged]]:
        channels = records["channels"]
        columns = {
            "size": records["size"],
            "event_number": records["event_number"],
            "reserved": records["reserved"],
            **decode_stamp(records["time"]),
            "maroc_word": records["maroc_word"],
            "big": channels[:, :, 0],
            "small": channels[:, :, 1],
        }
        return columns, {}

    def problems(self, records: np.ndarray, columns: dict[str, np.ndarray]) -> list[tuple[np.ndarray, str]]:
        size_problem = (columns["size"] != SIZE_FIELD, f"impossible size field: not {SIZE_FIELD} for 32 channels")
        return [size_problem, *stamp_problems(columns)]
