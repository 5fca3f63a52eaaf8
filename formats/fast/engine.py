"""Format-independent machinery of the fast readers: find runs of identically laid-out records, decode them in bulk.

Record boundaries are found without a per-record Python loop, also for the
variable-length formats: the record at the current offset is parsed once in
Python (`layout_at`) to learn its layout: length, a numpy structured dtype, and
its "key" bytes (signatures, length fields, trailers). Records of the same
shape follow at multiples of the length, so the key bytes of the next
candidates are compared in one vectorised step, in windows that double while
they match. A run of identical layouts is then decoded as one
`np.frombuffer(..., dtype)` view over the memory map. Where the shape changes
or damage is met, the scan re-parses one record; damaged regions are reported
and skipped up to the next offset where a valid record starts (found by
searching for the format's sync pattern). Files whose records all share one
shape, like every real sample, are thus read in a handful of vectorised steps.
"""

from __future__ import annotations

import mmap
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from formats.fast.batch import Batch, Ragged
from formats.fast.errors import BadRecord, CorruptRecord, RawFormatError

DEFAULT_CHUNK_RECORDS = 200_000
_FIRST_WINDOW = 1024
_MAX_KEY_BYTES_PER_WINDOW = 1 << 24


@dataclass(frozen=True)
class Layout:
    """The byte layout shared by a run of records."""

    size: int
    dtype: np.dtype
    key_offsets: np.ndarray
    key_bytes: np.ndarray
    counts: tuple[int, ...] = ()


class RecordFormat(Protocol):
    """What a format module provides to the engine."""

    name: str
    sync: re.Pattern[bytes]

    def begin(self, buf: np.ndarray) -> int:
        """Check any file header and return the offset of the first record."""

    def layout_at(self, buf: np.ndarray, pos: int) -> Layout:
        """Parse the record at pos (raising BadRecord) and return its layout."""

    def decode(self, records: np.ndarray, layout: Layout) -> tuple[dict[str, np.ndarray], dict[str, Ragged]]:
        """Turn a structured array of records into columns and ragged lists."""

    def problems(self, records: np.ndarray, columns: dict[str, np.ndarray]) -> list[tuple[np.ndarray, str]]:
        """Masks of records holding impossible values, each with its reason."""


def make_layout(buf: np.ndarray, pos: int, dtype: np.dtype, key_spans: list[tuple[int, int]],
                counts: tuple[int, ...] = ()) -> Layout:
    """Layout of the record at pos whose key is the bytes of key_spans (relative offset, length)."""
    offsets = np.concatenate([np.arange(start, start + length) for start, length in key_spans]).astype(np.intp)
    return Layout(dtype.itemsize, dtype, offsets, buf[pos + offsets].copy(), counts)


def need(buf: np.ndarray, pos: int, length: int, what: str) -> None:
    """Raise BadRecord when fewer than length bytes are left at pos."""
    if pos + length > len(buf):
        raise BadRecord(f"truncated {what}: needs {length} bytes, {len(buf) - pos} left")


def u16(buf: np.ndarray, pos: int) -> int:
    """Little-endian u16 at pos."""
    return int(buf[pos]) | int(buf[pos + 1]) << 8


def _run_length(buf: np.ndarray, pos: int, layout: Layout) -> int:
    """How many records of this layout follow each other from pos (at least 1)."""
    available = (len(buf) - pos) // layout.size
    window_cap = max(_FIRST_WINDOW, _MAX_KEY_BYTES_PER_WINDOW // len(layout.key_offsets))
    done, window = 1, _FIRST_WINDOW
    while done < available:
        upto = min(available, done + window)
        rows = np.lib.stride_tricks.as_strided(
            buf[pos + done * layout.size:], shape=(upto - done, layout.size), strides=(layout.size, 1))
        same = (rows[:, layout.key_offsets] == layout.key_bytes).all(axis=1)
        if not same.all():
            return done + int(np.argmin(same))
        done, window = upto, min(window * 2, window_cap)
    return done


def _resync(raw: bytes | mmap.mmap, buf: np.ndarray, fmt: RecordFormat, pos: int) -> int:
    """The next offset after pos where a valid record starts, or the file length."""
    while True:
        found = fmt.sync.search(raw, pos + 1)
        if found is None:
            return len(buf)
        pos = found.start()
        try:
            fmt.layout_at(buf, pos)
            return pos
        except BadRecord:
            continue


def scan_runs(raw: bytes | mmap.mmap, fmt: RecordFormat, path: str,
              start: int | None = None) -> Iterator[tuple[int, Layout, int] | CorruptRecord]:
    """Yield (offset, layout, count) for each run of records, and CorruptRecord for each damaged region."""
    buf = np.frombuffer(raw, dtype=np.uint8)
    try:
        first = fmt.begin(buf)
    except BadRecord as bad:
        yield CorruptRecord(path, 0, bad.reason)
        return
    pos = first if start is None else start
    while pos < len(buf):
        try:
            layout = fmt.layout_at(buf, pos)
        except BadRecord as bad:
            yield CorruptRecord(path, pos, bad.reason)
            pos = _resync(raw, buf, fmt, pos)
            continue
        count = _run_length(buf, pos, layout)
        yield pos, layout, count
        pos += count * layout.size


def _owned(array: np.ndarray) -> np.ndarray:
    """A copy when array still views the memory map, so batches outlive the file mapping."""
    return array.copy() if array.base is not None else array


def _first_problems(fmt: RecordFormat, records: np.ndarray, columns: dict[str, np.ndarray],
                    offsets: np.ndarray, path: str) -> tuple[np.ndarray, list[CorruptRecord]]:
    """Mask of bad records and one report per bad record (its first problem)."""
    bad = np.zeros(len(records), dtype=bool)
    reasons: dict[int, str] = {}
    for mask, reason in fmt.problems(records, columns):
        for index in np.flatnonzero(mask & ~bad):
            reasons[int(index)] = reason
        bad |= mask
    return bad, [CorruptRecord(path, int(offsets[i]), reasons[i]) for i in sorted(reasons)]


def _keep(columns: dict[str, np.ndarray], lists: dict[str, Ragged], keep: np.ndarray
          ) -> tuple[dict[str, np.ndarray], dict[str, Ragged]]:
    """Drop the records not in keep from columns and ragged lists."""
    kept_lists = {}
    for name, ragged in lists.items():
        counts = ragged.counts.astype(np.int64)
        per_record = counts if counts.ndim == 1 else counts.sum(axis=1)
        kept_lists[name] = Ragged(ragged.values[np.repeat(keep, per_record)], ragged.counts[keep])
    return {name: values[keep] for name, values in columns.items()}, kept_lists


def _merge(path: str, pieces: list[tuple[np.ndarray, dict, dict]], corrupt: list[CorruptRecord]) -> Batch:
    """One batch from consecutive decoded pieces."""
    if len(pieces) == 1:
        offsets, columns, lists = pieces[0]
    else:
        offsets = np.concatenate([p[0] for p in pieces])
        columns = {name: np.concatenate([p[1][name] for p in pieces]) for name in pieces[0][1]}
        lists = {name: Ragged(np.concatenate([p[2][name].values for p in pieces]),
                              np.concatenate([p[2][name].counts for p in pieces])) for name in pieces[0][2]}
    return Batch(path, offsets, columns, lists, tuple(corrupt))


def map_file(path: str | Path) -> bytes | mmap.mmap:
    """Read-only memory map of a file (empty bytes for an empty file)."""
    with open(path, "rb") as handle:
        if Path(path).stat().st_size == 0:
            return b""
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def read_columns(fmt: RecordFormat, path: str | Path, *, start: int | None = None,
                 chunk_records: int = DEFAULT_CHUNK_RECORDS,
                 errors: Literal["raise", "skip"] = "raise") -> Iterator[Batch]:
    """Decode a raw file into batches of at most chunk_records records.

    errors="raise" stops with RawFormatError at the first problem; "skip" drops
    damaged records and reports them in the batches' `corrupt`.
    """
    if errors not in ("raise", "skip"):
        raise ValueError('errors must be "raise" or "skip"')
    if chunk_records < 1:
        raise ValueError("chunk_records must be at least 1")
    name = str(path)
    raw = map_file(path)
    pieces: list[tuple[np.ndarray, dict, dict]] = []
    corrupt: list[CorruptRecord] = []
    pending = 0
    for item in scan_runs(raw, fmt, name, start):
        if isinstance(item, CorruptRecord):
            if errors == "raise":
                raise RawFormatError(item)
            corrupt.append(item)
            continue
        pos, layout, count = item
        for first in range(0, count, chunk_records):
            n = min(count - first, chunk_records)
            offsets = pos + layout.size * np.arange(first, first + n, dtype=np.int64)
            records = np.frombuffer(raw, dtype=layout.dtype, count=n, offset=pos + first * layout.size)
            columns, lists = fmt.decode(records, layout)
            columns = {key: _owned(value) for key, value in columns.items()}
            lists = {key: Ragged(_owned(r.values), _owned(r.counts)) for key, r in lists.items()}
            bad, problems = _first_problems(fmt, records, columns, offsets, name)
            if problems:
                if errors == "raise":
                    raise RawFormatError(problems[0])
                corrupt.extend(problems)
                columns, lists = _keep(columns, lists, ~bad)
                offsets = offsets[~bad]
            pieces.append((offsets, columns, lists))
            pending += len(offsets)
            if pending >= chunk_records:
                yield _merge(name, pieces, corrupt)
                pieces, corrupt, pending = [], [], 0
    if pieces:
        yield _merge(name, pieces, corrupt)
    elif corrupt:
        yield Batch(name, np.zeros(0, dtype=np.int64), {}, {}, tuple(corrupt))


def validate(fmt: RecordFormat, path: str | Path) -> list[CorruptRecord]:
    """Every problem in a raw file (an empty list for a sound file)."""
    return [problem for batch in read_columns(fmt, path, errors="skip") for problem in batch.corrupt]
