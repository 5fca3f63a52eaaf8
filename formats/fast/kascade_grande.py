"""Fast reader of our KASCADE-Grande raw event files (specs/kascade_grande.ksy): header, fixed records with CRC-32."""

from __future__ import annotations

import re
import zlib

import numpy as np

from formats.fast.batch import Ragged
from formats.fast.engine import Layout, make_layout, need, u16
from formats.fast.errors import BadRecord

FILE_MAGIC = b"KGRAW\r\n\x1a"
RECORD_SYNC = b"KG"
VERSION = 1
HEADER_DTYPE = np.dtype([
    ("magic", "S8"), ("version", "<u2"), ("header_size", "<u2"), ("record_size", "<u2"), ("n_stations", "<u2"),
    ("run_number", "<u4"), ("run_start", "<u4"), ("reserved", "<u4"), ("header_crc32", "<u4"),
])
RECORD_FIELDS = [
    ("sync", "S2"), ("record_size", "<u2"), ("crc32", "<u4"), ("event_number", "<u4"), ("unix_seconds", "<u4"),
    ("nanoseconds", "<u4"), ("trigger_flags", "<u2"), ("n_hit", "<u2"), ("pressure", "<u2"),
    ("temperature", "<i2"), ("humidity", "<u2"), ("reserved", "<u2"),
]
STATION_DTYPE = np.dtype([("adc", "<u2"), ("status", "<u2"), ("arrival_time", "<i4")])
CRC_START = 8


def record_dtype(n_stations: int, record_size: int) -> np.dtype:
    """The version-1 record with n_stations entries, padded to record_size (appended fields of later versions)."""
    base = np.dtype(RECORD_FIELDS + [("stations", STATION_DTYPE, (n_stations,))])
    if record_size < base.itemsize:
        raise BadRecord(f"impossible record_size {record_size}: "
                        f"version 1 needs {base.itemsize} for {n_stations} stations")
    return np.dtype({"names": base.names, "formats": [base.fields[n][0] for n in base.names],
                     "offsets": [base.fields[n][1] for n in base.names], "itemsize": record_size})


def record_crcs(records: np.ndarray) -> np.ndarray:
    """CRC-32 of every record's bytes from CRC_START to its end (one zlib call per record)."""
    size = records.dtype.itemsize
    data = memoryview(records.tobytes())
    return np.fromiter((zlib.crc32(data[i * size + CRC_START:(i + 1) * size]) for i in range(len(records))),
                       dtype=np.uint32, count=len(records))


def header_crc(header: bytes) -> int:
    """CRC-32 protecting the file header."""
    return zlib.crc32(header[:HEADER_DTYPE.itemsize - 4])


class KascadeGrandeFormat:
    """KASCADE-Grande raw event files, version 1."""

    name = "kascade_grande"

    def __init__(self) -> None:
        self.header: np.void | None = None
        self.layout_dtype: np.dtype | None = None
        self.sync = re.compile(re.escape(RECORD_SYNC))

    def begin(self, buf: np.ndarray) -> int:
        need(buf, 0, HEADER_DTYPE.itemsize, "file header")
        raw = bytes(buf[:HEADER_DTYPE.itemsize])
        header = np.frombuffer(raw, HEADER_DTYPE)[0]
        if header["magic"] != FILE_MAGIC:
            raise BadRecord(f"bad file magic {raw[:8]!r}, expected {FILE_MAGIC!r}")
        if header_crc(raw) != header["header_crc32"]:
            raise BadRecord("file header CRC-32 mismatch")
        if header["version"] != VERSION or header["header_size"] != HEADER_DTYPE.itemsize:
            raise BadRecord(f"unsupported version {header['version']} / header_size {header['header_size']}")
        self.header = header
        self.layout_dtype = record_dtype(int(header["n_stations"]), int(header["record_size"]))
        self.sync = re.compile(re.escape(RECORD_SYNC + raw[12:14]))
        return HEADER_DTYPE.itemsize

    def layout_at(self, buf: np.ndarray, pos: int) -> Layout:
        need(buf, pos, 4, "record header")
        if bytes(buf[pos:pos + 2]) != RECORD_SYNC:
            raise BadRecord(f"bad record sync {bytes(buf[pos:pos + 2]).hex(' ')}, expected 4b 47")
        if u16(buf, pos + 2) != self.layout_dtype.itemsize:
            raise BadRecord(f"record_size {u16(buf, pos + 2)} differs from the header's {self.layout_dtype.itemsize}")
        need(buf, pos, self.layout_dtype.itemsize, "record")
        return make_layout(buf, pos, self.layout_dtype, [(0, 4)])

    def decode(self, records: np.ndarray, layout: Layout) -> tuple[dict[str, np.ndarray], dict[str, Ragged]]:
        columns = {name: records[name] for name, *_ in RECORD_FIELDS if name not in ("sync", "record_size", "reserved")}
        columns["reserved"] = records["reserved"]
        stations = records["stations"]
        columns.update({f"station_{name}": stations[name] for name in STATION_DTYPE.names})
        columns["run_number"] = np.full(len(records), self.header["run_number"], dtype=np.uint32)
        return columns, {}

    def problems(self, records: np.ndarray, columns: dict[str, np.ndarray]) -> list[tuple[np.ndarray, str]]:
        return [
            (record_crcs(records) != columns["crc32"], "record CRC-32 mismatch"),
            (columns["nanoseconds"] >= 10**9, "impossible nanoseconds >= 1e9"),
            (columns["n_hit"] > self.header["n_stations"], "impossible n_hit > n_stations"),
            (columns["humidity"] > 10000, "impossible humidity > 100 %"),
        ]
