"""The real TAIGA samples parse to their last byte with both readers, with identical values and the known facts."""

from __future__ import annotations

import numpy as np
import pytest

import formats.fast as fast
from formats.kaitai_reader import kaitai_columns
from tests.formats.formats_test_support import SAMPLE_FORMATS, assert_same, sample, write

EXPECTED_RECORDS = {"iact": 2995, "t133": 119, "grande": 238, "trex": 28}


def _whole(format_name: str):
    batches = list(fast.read_columns(format_name, sample(format_name)))
    assert len(batches) == 1
    return batches[0]


@pytest.mark.parametrize("format_name", SAMPLE_FORMATS)
def test_fast_reader_consumes_sample_to_last_byte(format_name: str) -> None:
    path = sample(format_name)
    batch = _whole(format_name)
    assert len(batch) == EXPECTED_RECORDS[format_name]
    record_sizes = np.diff(np.append(batch.offsets, path.stat().st_size))
    assert batch.offsets[0] == 0 and record_sizes.min() > 0
    assert len(set(record_sizes.tolist())) == 1, "every sample record has one size"
    assert fast.validate(format_name, path) == []


@pytest.mark.parametrize("format_name", SAMPLE_FORMATS)
def test_kaitai_and_fast_readers_agree_field_by_field(format_name: str) -> None:
    offsets, columns, lists = kaitai_columns(format_name, sample(format_name))
    batch = _whole(format_name)
    assert set(columns) == set(batch.columns) and set(lists) == set(batch.lists)
    np.testing.assert_array_equal(batch.offsets, offsets)
    assert_same(columns, lists, batch.columns, batch.lists, f"{format_name} sample")


def test_iact_first_package_matches_documented_worked_example() -> None:
    columns = _whole("iact").columns
    assert columns["event_number"][0] == 83
    stamp = [int(columns[f"time_{name}"][0]) for name in ("hours", "minutes", "seconds", "milliseconds",
                                                          "microseconds", "tens_of_ns", "flags")]
    assert stamp == [12, 28, 38, 915, 484, 35, 0x8000]
    assert np.all(np.diff(columns["time_of_day_ns"]) > 0)
    assert set(np.unique(columns["time_flags"]).tolist()) == {0x0800, 0x8000, 0x8800}


def test_t133_links_end_with_consecutive_event_numbers() -> None:
    columns = _whole("t133").columns
    np.testing.assert_array_equal(columns["event_number"], np.arange(1, 120))
    assert set(columns["optical_line_length"].tolist()) == {500}
    assert columns["package_vme_address"][0, :4].tolist() == [0x80000, 0x80400, 0x80800, 0x80C00]


def test_t133_stamps_equal_grande_stamps_minus_610_ns() -> None:
    t133 = _whole("t133").columns
    grande = _whole("grande").columns
    np.testing.assert_array_equal(grande["event_number"][::2], np.arange(1, 120))
    np.testing.assert_array_equal(grande["time_of_day_ns"][::2] - t133["time_of_day_ns"], np.full(119, 610))


def test_trex_sample_facts() -> None:
    columns = _whole("trex").columns
    assert set(columns["optical_line_length"].tolist()) == {1640}
    assert set(columns["cluster_number"].tolist()) == {3}
    assert columns["event_number"][0] == 1813


def test_writers_reproduce_samples_byte_for_byte(tmp_path) -> None:
    for format_name in SAMPLE_FORMATS:
        batch = _whole(format_name)
        out = tmp_path / format_name
        write(format_name, out, batch.columns, batch.lists)
        assert out.read_bytes() == sample(format_name).read_bytes(), format_name
