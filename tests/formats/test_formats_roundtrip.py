"""Every format round-trips: write -> Kaitai reader -> numpy reader give identical values."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import formats.fast as fast
from formats.fast.batch import Ragged
from formats.fast.timestamp import decode_stamp, encode_stamp, stamp_columns_from_ns
from formats.kaitai_reader import kaitai_columns
from tests.formats.formats_test_support import ALL_FORMATS, assert_same, synthetic, write


def _roundtrip(format_name: str, n: int, seed: int, chunk_records: int) -> None:
    columns, lists = synthetic(format_name, n, seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / format_name
        write(format_name, path, columns, lists)
        batches = list(fast.read_columns(format_name, path, chunk_records=chunk_records))
        assert fast.validate(format_name, path) == []
        if n == 0:
            assert batches == []
            return
        assert all(len(b) <= chunk_records for b in batches)
        offsets = np.concatenate([b.offsets for b in batches])
        got = {name: np.concatenate([b.columns[name] for b in batches]) for name in batches[0].columns}
        got_lists = {name: Ragged(np.concatenate([b.lists[name].values for b in batches]),
                                  np.concatenate([b.lists[name].counts for b in batches]))
                     for name in batches[0].lists}
        assert len(offsets) == n
        assert_same(columns, lists, got, got_lists, f"{format_name} written -> fast")
        k_offsets, k_columns, k_lists = kaitai_columns(format_name, path)
        np.testing.assert_array_equal(k_offsets, offsets)
        assert_same(k_columns, k_lists, got, got_lists, f"{format_name} kaitai -> fast")


@pytest.mark.parametrize("format_name", ALL_FORMATS)
@settings(max_examples=15, deadline=None)
@given(n=st.integers(0, 40), seed=st.integers(0, 2**32 - 1), chunk=st.integers(1, 50))
def test_write_then_read_with_both_readers(format_name: str, n: int, seed: int, chunk: int) -> None:
    _roundtrip(format_name, n, seed, chunk)


@pytest.mark.parametrize("format_name", ALL_FORMATS)
def test_many_records_of_mixed_shapes(format_name: str) -> None:
    _roundtrip(format_name, 1000, 7, 300)


@given(st.lists(st.integers(0, 86_400 * 10**9 - 1), max_size=50))
def test_stamp_encodes_time_of_day_to_10_ns(times: list[int]) -> None:
    ns = np.array(times, dtype=np.int64)
    decoded = decode_stamp(encode_stamp(stamp_columns_from_ns(ns)))
    np.testing.assert_array_equal(decoded["time_of_day_ns"], ns - ns % 10)


def test_stamp_decodes_documented_worked_example() -> None:
    words = np.frombuffer(bytes.fromhex("23f2263739060080"), dtype="<u2").reshape(1, 4)
    decoded = decode_stamp(words)
    assert [int(decoded[f"time_{k}"][0]) for k in ("hours", "minutes", "seconds", "milliseconds", "microseconds",
                                                    "tens_of_ns", "high_bits", "flags")] == [12, 28, 38, 915, 484, 35,
                                                                                              0, 0x8000]


def test_writer_rejects_values_that_do_not_fit(tmp_path) -> None:
    columns, _ = synthetic("iact", 3, 1)
    columns["big"] = columns["big"] + 70000
    with pytest.raises(ValueError, match="big does not fit"):
        write("iact", tmp_path / "x", columns, {})
    columns, _ = synthetic("iact", 3, 1)
    columns["time_hours"] = np.array([1, 2, 40])
    with pytest.raises(ValueError, match="time_hours does not fit"):
        write("iact", tmp_path / "x", columns, {})


def test_writer_accepts_time_of_day_ns(tmp_path) -> None:
    columns, _ = synthetic("iact", 4, 2)
    ns = np.array([0, 1_234_567_890, 43_200 * 10**9 + 5, 86_399 * 10**9 + 999_999_990])
    columns = {k: v for k, v in columns.items() if not k.startswith("time_")} | {"time_of_day_ns": ns}
    write("iact", tmp_path / "x", columns, {})
    batch = next(fast.read_columns("iact", tmp_path / "x"))
    np.testing.assert_array_equal(batch.columns["time_of_day_ns"], ns - ns % 10)
