"""Read raw files with the Kaitai-generated readers into the same columns as formats.fast.

This is the reference reader: the generated code follows the spec literally,
record object by record object. Tests cross-check the fast readers against it
field by field, and the benchmark times it. Parse failures become
RawFormatError with the file name and the offset of the record that failed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from io import BytesIO
from pathlib import Path
from typing import Any

import numpy as np
from kaitaistruct import KaitaiStream, KaitaiStructError

from formats.fast.batch import Ragged
from formats.fast.errors import CorruptRecord, RawFormatError
from formats.generated.grande import Grande
from formats.generated.hiscore import Hiscore
from formats.generated.iact import Iact
from formats.generated.kascade_grande import KascadeGrande
from formats.generated.tunka_link import TunkaLink

STAMP_FIELDS = ("hours", "minutes", "seconds", "milliseconds", "microseconds", "tens_of_ns", "high_bits", "flags")
Flat = tuple[dict[str, Any], dict[str, tuple[list[int], list[int] | int]]]


def _stamp(time: Any) -> dict[str, int]:
    fields = {f"time_{name}": getattr(time, name) for name in STAMP_FIELDS}
    seconds = time.hours * 3600 + time.minutes * 60 + time.seconds
    sub_second = time.milliseconds * 10**6 + time.microseconds * 1000 + time.tens_of_ns * 10
    fields["time_of_day_ns"] = seconds * 10**9 + sub_second
    return fields


def _iact(package: Any) -> Flat:
    return {
        "size": package.size, "event_number": package.event_number, "reserved": package.reserved,
        **_stamp(package.time), "maroc_word": package.maroc_word,
        "big": [c.big for c in package.channels], "small": [c.small for c in package.channels],
    }, {}


def _grande(package: Any) -> Flat:
    blocks = package.channels
    return {
        "data_type": package.data_type, "package_size": package.package_size, "event_number": package.event_number,
        "error_count": package.error_count, **_stamp(package.time), "cluster_number": package.cluster_number,
        "reserved": package.reserved, "optical_line_length_raw": package.optical_line_length_raw,
        "vme_address": [b.vme_address for b in blocks], "data_count": [b.data_count for b in blocks],
        "channel_info": [b.channel_info for b in blocks],
    }, {"samples": ([s for b in blocks for s in b.samples], [b.data_count for b in blocks])}


def _hiscore(package: Any) -> Flat:
    blocks = package.blocks
    return {
        "sz": package.sz, "event_number": package.event_number, "reserved": package.reserved,
        **_stamp(package.time), "ip": package.ip, "station_number": package.station_number,
        "offset": [b.offset for b in blocks], "len": [b.len for b in blocks],
    }, {"samples": ([s for b in blocks for s in b.samples], [b.len for b in blocks])}


def _link(link: Any) -> Flat:
    packages, info = link.packages, link.info
    columns = {f"package_{name}": [getattr(p.header, name) for p in packages]
               for name in ("status", "package_size", "request_address", "event_number", "vme_address")}
    columns["package_cluster_number"] = [p.cluster_number for p in packages]
    columns.update({f"info_{name}": getattr(info.header, name)
                    for name in ("status", "package_size", "request_address", "vme_address")})
    columns["info_header_event_number"] = info.header.event_number
    columns.update(_stamp(info.time))
    columns.update({name: getattr(info, name) for name in ("cluster_number", "host_hours", "host_minutes",
                                                            "host_seconds", "host_milliseconds",
                                                            "optical_line_length", "event_number")})
    lists = {"package_words": ([w for p in packages for w in p.words], [len(p.words) for p in packages]),
             "extra_words": (list(info.extra_words), len(info.extra_words))}
    return columns, lists


def _kascade(record: Any, run_number: int) -> Flat:
    columns = {name: getattr(record, name) for name in ("crc32", "event_number", "unix_seconds", "nanoseconds",
                                                        "trigger_flags", "n_hit", "pressure", "temperature",
                                                        "humidity", "reserved")}
    columns.update({f"station_{name}": [getattr(s, name) for s in record.stations]
                    for name in ("adc", "status", "arrival_time")})
    columns["run_number"] = run_number
    return columns, {}


class _Cursor:
    """Offset of the record being parsed, for error reports."""

    offset = 0


Records = Callable[[bytes, _Cursor], Iterator[tuple[int, Flat]]]


def _headerless(parse: Callable[[KaitaiStream], Any], flatten: Callable[[Any], Flat]) -> Records:
    def records(data: bytes, cursor: _Cursor) -> Iterator[tuple[int, Flat]]:
        stream = KaitaiStream(BytesIO(data))
        while not stream.is_eof():
            cursor.offset = stream.pos()
            yield cursor.offset, flatten(parse(stream))
    return records


def _kascade_records(data: bytes, cursor: _Cursor) -> Iterator[tuple[int, Flat]]:
    """Header first, then each record parsed as a one-record file (records refer to the header)."""
    header = KascadeGrande.FileHeader(KaitaiStream(BytesIO(data)))
    size, start = header.record_size, header.header_size
    if size == 0:
        raise ValueError("record_size 0 in the file header")
    for offset in range(start, len(data), size):
        cursor.offset = offset
        record = KascadeGrande.from_bytes(data[:start] + data[offset:offset + size]).records[0]
        yield offset, _kascade(record, header.run_number)


READERS: dict[str, Records] = {
    "iact": _headerless(Iact.Package, _iact),
    "grande": _headerless(Grande.Package, _grande),
    "hiscore": _headerless(Hiscore.Package, _hiscore),
    "t133": _headerless(lambda stream: TunkaLink(32, stream), _link),
    "trex": _headerless(lambda stream: TunkaLink(4, stream), _link),
    "kascade_grande": _kascade_records,
}


def kaitai_flat_records(format_name: str, path: str | Path) -> Iterator[tuple[int, Flat]]:
    """(offset, (columns, lists)) of every record, parsed by the generated reader."""
    if format_name not in READERS:
        raise ValueError(f"unknown raw format {format_name!r}")
    data = Path(path).read_bytes()
    cursor = _Cursor()
    try:
        yield from READERS[format_name](data, cursor)
    except (KaitaiStructError, EOFError, ValueError) as error:
        raise RawFormatError(CorruptRecord(str(path), cursor.offset, f"{type(error).__name__}: {error}")) from None


def kaitai_columns(format_name: str, path: str | Path) -> tuple[np.ndarray, dict[str, np.ndarray], dict[str, Ragged]]:
    """Offsets, columns and ragged lists of a whole file, shaped like a formats.fast Batch."""
    offsets, rows, lists = [], [], []
    for offset, (columns, ragged) in kaitai_flat_records(format_name, path):
        offsets.append(offset)
        rows.append(columns)
        lists.append(ragged)
    names = rows[0].keys() if rows else ()
    columns = {name: np.array([row[name] for row in rows]) for name in names}
    ragged_names = lists[0].keys() if lists else ()
    ragged = {name: Ragged(np.array([v for r in lists for v in r[name][0]], dtype=np.int64),
                           np.array([r[name][1] for r in lists], dtype=np.int64))
              for name in ragged_names}
    return np.array(offsets, dtype=np.int64), columns, ragged
