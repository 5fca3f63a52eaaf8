"""Column-wise number text must be exactly Python's repr (doubles) and str (integers)."""
from __future__ import annotations

import math
import struct

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from votable import numbertext
from votable.textgrid import Grid, Ragged, constant, join


def texts(grid: Grid) -> list[str]:
    return [bytes(chars[keep]).decode("utf-8") for chars, keep in zip(grid.chars, grid.keep)]


def expected_double(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    return repr(value)


def check_doubles(values: list[float]) -> None:
    array = np.array(values, dtype=np.float64)
    got = texts(numbertext.doubles(array, np.zeros(len(array), bool)))
    assert got == [expected_double(value) for value in values]


def test_doubles_at_the_edges_of_the_fast_path():
    check_doubles([0.0, -0.0, 1e-4, 9.999999999999999e-05, 0.00010000000000000002, 2.0 ** 51, 2.0 ** 51 - 1,
                   2.0 ** 53, 9999999999999998.0, 1e16, 0.1, 0.3, 1 / 3, -2.5, 5e-324, 1.7976931348623157e308,
                   123456789012345.6, 52640.00319391, -40.585806, float("inf"), float("-inf"), float("nan")])


def test_doubles_rounded_to_fixed_decimals_like_catalogue_columns():
    rng = np.random.default_rng(20240101)
    for decimals in range(0, 12):
        values = np.round(rng.uniform(-1000, 1000, 2000), decimals)
        check_doubles(values.tolist())


def test_doubles_from_random_bit_patterns():
    rng = np.random.default_rng(5)
    values = np.frombuffer(rng.bytes(8 * 5000), np.float64)
    check_doubles(values.tolist())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=1, max_size=50))
def test_doubles_match_repr(values):
    check_doubles(values)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=0, max_value=2 ** 64 - 1), min_size=1, max_size=50))
def test_doubles_from_any_bits(bits):
    check_doubles([struct.unpack("<d", struct.pack("<Q", b))[0] for b in bits])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=-2 ** 63, max_value=2 ** 63 - 1), min_size=1, max_size=50))
def test_integers_match_str(values):
    array = np.array(values, dtype=np.int64)
    assert texts(numbertext.integers(array, np.zeros(len(array), bool))) == [str(v) for v in values]


def test_null_cells_are_empty():
    null = np.array([False, True, False, True])
    doubles = numbertext.doubles(np.array([1.5, np.nan, np.inf, 2.0]), null)
    integers = numbertext.integers(np.array([7, 0, -8, 12], dtype=np.int64), null)
    assert texts(doubles) == ["1.5", "", "+Inf", ""]
    assert texts(integers) == ["7", "", "-8", ""]


def test_ragged_strings_and_join_make_rows():
    names = Ragged(["Grande", "", "Ä<b>", "x"])
    numbers = numbertext.integers(np.array([1, 22, 333, -4], dtype=np.int64), np.zeros(4, bool))
    body = join([constant(b"[", 4), names.rows(0, 4), constant(b"|", 4), numbers, constant(b"]\n", 4)])
    assert body.decode("utf-8") == "[Grande|1]\n[|22]\n[Ä<b>|333]\n[x|-4]\n"
    assert texts(names.rows(1, 3)) == ["", "Ä<b>"]
    assert names.widest(0, 2) == 6
