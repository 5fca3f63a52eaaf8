"""Damaged files are reported with file name and byte offset, by our own error type, never with a crash."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import formats.fast as fast
from formats.fast import CorruptRecord, RawFormatError
from formats.kaitai_reader import kaitai_flat_records
from tests.formats.formats_test_support import ALL_FORMATS, synthetic, write


def _written(tmp_path: Path, format_name: str, n: int = 6, seed: int = 3) -> tuple[Path, np.ndarray]:
    columns, lists = synthetic(format_name, n, seed, max_len=3)
    path = tmp_path / f"{format_name}.raw"
    write(format_name, path, columns, lists)
    return path, next(fast.read_columns(format_name, path)).offsets


def _patch(path: Path, offset: int, data: bytes) -> None:
    raw = bytearray(path.read_bytes())
    raw[offset:offset + len(data)] = data
    path.write_bytes(bytes(raw))


@pytest.mark.parametrize("format_name", ALL_FORMATS)
def test_bad_magic_names_file_and_offset(tmp_path: Path, format_name: str) -> None:
    path, offsets = _written(tmp_path, format_name)
    _patch(path, int(offsets[2]), b"\x00\x00")
    with pytest.raises(RawFormatError) as caught:
        list(fast.read_columns(format_name, path))
    assert caught.value.problem.path == str(path)
    assert caught.value.problem.offset == offsets[2]
    assert str(path) in str(caught.value) and f"byte {offsets[2]}" in str(caught.value)
    with pytest.raises(RawFormatError) as by_kaitai:
        list(kaitai_flat_records(format_name, path))
    assert by_kaitai.value.problem.offset == offsets[2]


@pytest.mark.parametrize("format_name", ALL_FORMATS)
def test_skip_mode_resynchronises_after_damage(tmp_path: Path, format_name: str) -> None:
    path, offsets = _written(tmp_path, format_name)
    _patch(path, int(offsets[2]), b"\x00\x00")
    batches = list(fast.read_columns(format_name, path, errors="skip"))
    kept = np.concatenate([b.offsets for b in batches])
    np.testing.assert_array_equal(kept, np.delete(offsets, 2))
    problems = [p for b in batches for p in b.corrupt]
    assert [p.offset for p in problems] == [offsets[2]]
    assert "magic" in problems[0].reason or "sync" in problems[0].reason


@pytest.mark.parametrize("format_name", ALL_FORMATS)
def test_truncation_is_reported_at_the_last_record(tmp_path: Path, format_name: str) -> None:
    path, offsets = _written(tmp_path, format_name)
    path.write_bytes(path.read_bytes()[:-3])
    problems = fast.validate(format_name, path)
    assert problems == [CorruptRecord(str(path), int(offsets[-1]), problems[0].reason)]
    assert "truncated" in problems[0].reason
    with pytest.raises(RawFormatError) as caught:
        list(kaitai_flat_records(format_name, path))
    assert caught.value.problem.offset == offsets[-1]


@pytest.mark.parametrize("format_name", ["iact", "hiscore", "grande", "t133", "trex"])
def test_impossible_hours_are_reported(tmp_path: Path, format_name: str) -> None:
    columns, lists = synthetic(format_name, 5, 4, max_len=3)
    columns["time_hours"] = np.array([1, 2, 27, 3, 4])
    path = tmp_path / "bad_hours"
    write(format_name, path, columns, lists)
    problems = fast.validate(format_name, path)
    offsets = next(fast.read_columns(format_name, path, errors="skip")).offsets
    assert len(offsets) == 4 and len(problems) == 1
    assert problems[0].reason == "impossible time stamp: hours >= 24"
    assert problems[0].offset not in offsets.tolist()


def test_kascade_grande_crc_catches_a_single_bit_flip(tmp_path: Path) -> None:
    path, offsets = _written(tmp_path, "kascade_grande")
    raw = bytearray(path.read_bytes())
    raw[int(offsets[3]) + 40] ^= 0x10
    path.write_bytes(bytes(raw))
    expected = CorruptRecord(str(path), int(offsets[3]), "record CRC-32 mismatch")
    assert fast.validate("kascade_grande", path) == [expected]


def test_kascade_grande_header_damage_is_reported_at_offset_zero(tmp_path: Path) -> None:
    path, _ = _written(tmp_path, "kascade_grande")
    _patch(path, 16, b"\x99")
    assert fast.validate("kascade_grande", path) == [CorruptRecord(str(path), 0, "file header CRC-32 mismatch")]


def test_unknown_format_and_bad_arguments_are_clear(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown raw format 'fits'"):
        fast.validate("fits", tmp_path / "x")
    path, _ = _written(tmp_path, "iact")
    with pytest.raises(ValueError, match="errors must be"):
        list(fast.read_columns("iact", path, errors="ignore"))


def _damage(data: bytes, flips: list[tuple[int, int]], cut: int) -> bytes:
    raw = bytearray(data[:max(0, len(data) - cut)])
    for position, bit in flips:
        if raw:
            raw[position % len(raw)] ^= 1 << bit
    return bytes(raw)


@pytest.mark.parametrize("format_name", ALL_FORMATS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(flips=st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 7)), max_size=4),
       cut=st.integers(0, 200), seed=st.integers(0, 1000))
def test_fuzzed_files_give_only_our_errors(format_name: str, flips: list, cut: int, seed: int) -> None:
    columns, lists = synthetic(format_name, 4, seed, max_len=3)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "fuzz"
        write(format_name, path, columns, lists)
        path.write_bytes(_damage(path.read_bytes(), flips, cut))
        problems = fast.validate(format_name, path)
        assert all(p.path == str(path) and 0 <= p.offset <= path.stat().st_size for p in problems)
        try:
            good = sum(len(b) for b in fast.read_columns(format_name, path))
            assert problems == [] and good <= 4 + len(flips)
        except RawFormatError as error:
            assert error.problem == problems[0]
        try:
            list(kaitai_flat_records(format_name, path))
        except RawFormatError as error:
            assert error.problem.path == str(path)
