"""Decimal text of whole columns of numbers at once, identical to Python's str and repr.

Formatting a double with repr costs about 200 ns, more than everything else
the TABLEDATA writer does with it. Here a column is formatted with array
arithmetic instead:

* a double a = |x| is written with the fewest fraction digits k for which
  N = round(a * 10**k) read back as N / 10**k is a again. The test is exact:
  N < 2**53 and 10**k (k <= 22) are exact doubles and IEEE division rounds
  correctly, just as float() rounds a decimal string. While a * 10**k < 2**51,
  at most one integer lies within half an ulp of it, so for each k the test
  finds the only k-digit decimal that reads back, and the smallest such k is
  the shortest one, which is what repr writes (in its fixed notation, used
  from 1e-4 to 1e16). The smallest k is found by bisection, since a decimal
  that reads back with k digits also does with k + 1.
* doubles outside that range or needing 16 or more significant digits fall
  back to repr; infinities are written +Inf and -Inf as in the rest of the
  package.
* integers are cut into digits by repeated division.

NULL cells become empty.
"""
from __future__ import annotations

import numpy as np

from .textgrid import Grid, Ragged

_LIMIT = float(2 ** 51)
_SMALLEST_FIXED = 1e-4
_MAX_FRACTION_DIGITS = 21
_POWERS = 10.0 ** np.arange(_MAX_FRACTION_DIGITS + 1)
_INTEGER_POWERS = 10 ** np.arange(20, dtype=np.uint64)
_ZERO, _MINUS, _POINT = ord("0"), ord("-"), ord(".")
_SPECIAL = {np.inf: "+Inf", -np.inf: "-Inf"}


def doubles(values: np.ndarray, null: np.ndarray) -> Grid:
    """The repr of each float64 (NaN, +Inf, -Inf for special values), "" where null."""
    magnitude = np.abs(values)
    zero = magnitude == 0
    fast = zero | ((magnitude >= _SMALLEST_FIXED) & (magnitude < _LIMIT))
    work = np.where(fast & ~zero, magnitude, 1.0)
    most = _most_fraction_digits(work)
    fast &= _reads_back(work, most)
    digits = np.where(fast & ~zero, _fewest_fraction_digits(work, most), 0)
    scaled = np.where(fast & ~zero, np.rint(work * _POWERS[digits]), 0.0).astype(np.uint64)
    unit = _INTEGER_POWERS[digits]
    whole = scaled // unit
    shown = np.maximum(digits, 1)
    width = int(shown.max(initial=1))
    fraction = (scaled - whole * unit) * _INTEGER_POWERS[width - digits]
    grid = _layout(np.signbit(values) & fast, whole, fraction, shown, width)
    slow = np.flatnonzero(~fast & ~null)
    if len(slow):
        grid = _replace(grid, slow, [_slow_text(value) for value in values[slow].tolist()])
    return grid.blank(null)


def integers(values: np.ndarray, null: np.ndarray) -> Grid:
    """The decimal text of each int64, "" where null."""
    negative = values < 0
    magnitude = values.view(np.uint64).copy()
    np.negative(magnitude, out=magnitude, where=negative)
    count = _digit_count(magnitude)
    width = int(count.max(initial=1))
    chars = np.empty((len(values), width + 1), np.uint8)
    chars[:, 0] = _MINUS
    _write_digits(magnitude, chars[:, 1:])
    keep = np.empty(chars.shape, bool)
    keep[:, 0] = negative
    keep[:, 1:] = np.arange(width) >= (width - count)[:, None]
    return Grid(chars, keep).blank(null)


def _most_fraction_digits(magnitude: np.ndarray) -> np.ndarray:
    """Per value (at least 1e-4), the largest k with magnitude * 10**k below the limit."""
    most = np.clip(np.floor(np.log10(_LIMIT / magnitude)), 0, _MAX_FRACTION_DIGITS).astype(np.int64)
    most -= magnitude * _POWERS[most] >= _LIMIT
    return np.maximum(most, 0)


def _reads_back(magnitude: np.ndarray, digits: np.ndarray) -> np.ndarray:
    scale = _POWERS[digits]
    return np.rint(magnitude * scale) / scale == magnitude


def _fewest_fraction_digits(magnitude: np.ndarray, most: np.ndarray) -> np.ndarray:
    low, high = np.zeros_like(most), most.copy()
    for _ in range(int(most.max(initial=0)).bit_length()):
        middle = (low + high) >> 1
        good = _reads_back(magnitude, middle)
        high = np.where(good, middle, high)
        low = np.where(good, low, middle + 1)
    return high


def _digit_count(magnitude: np.ndarray) -> np.ndarray:
    return np.maximum(np.searchsorted(_INTEGER_POWERS, magnitude, side="right"), 1)


def _write_digits(numbers: np.ndarray, out: np.ndarray) -> None:
    """ASCII digits of each number, right-aligned with leading zeros, into the columns of `out`.

    The digits are computed one contiguous row per position (in 32 bits when
    the numbers fit), which is several times faster than writing strided columns.
    """
    dtype = np.uint32 if numbers.max(initial=0) < 2 ** 32 else np.uint64
    remaining = numbers.astype(dtype)
    ten = dtype(10)
    digits = np.empty((out.shape[1], len(numbers)), np.uint8)
    for position in range(out.shape[1] - 1, -1, -1):
        quotient = remaining // ten
        digits[position] = remaining - quotient * ten
        remaining = quotient
    digits += _ZERO
    out[...] = digits.T


def _layout(negative: np.ndarray, whole: np.ndarray, fraction: np.ndarray, shown: np.ndarray,
            width: int) -> Grid:
    """Sign, integer digits, point, then `shown` of the `width` fraction digits."""
    count = _digit_count(whole)
    whole_width = int(count.max(initial=1))
    chars = np.empty((len(whole), 2 + whole_width + width), np.uint8)
    keep = np.empty(chars.shape, bool)
    chars[:, 0] = _MINUS
    keep[:, 0] = negative
    _write_digits(whole, chars[:, 1:1 + whole_width])
    keep[:, 1:1 + whole_width] = np.arange(whole_width) >= (whole_width - count)[:, None]
    chars[:, 1 + whole_width] = _POINT
    keep[:, 1 + whole_width] = True
    _write_digits(fraction, chars[:, 2 + whole_width:])
    keep[:, 2 + whole_width:] = np.arange(width) < shown[:, None]
    return Grid(chars, keep)


def _slow_text(value: float) -> str:
    if value != value:
        return "NaN"
    return _SPECIAL.get(value) or repr(value)


def _replace(grid: Grid, rows: np.ndarray, texts: list[str]) -> Grid:
    """The grid with the given rows holding these texts instead, widened if they need it."""
    other = Ragged(texts).rows(0, len(texts))
    width = max(grid.width, other.width)
    chars = np.zeros((grid.chars.shape[0], width), np.uint8)
    keep = np.zeros(chars.shape, bool)
    chars[:, :grid.width] = grid.chars
    keep[:, :grid.width] = grid.keep
    chars[rows, :other.width] = other.chars
    keep[rows] = False
    keep[rows, :other.width] = other.keep
    return Grid(chars, keep)
