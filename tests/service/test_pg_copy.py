"""COPY text encoding (no server needed): NULLs, escapes, full float precision, masked columns."""
from __future__ import annotations

import numpy as np
import pytest

from vo_service.db.pg_copy import columns_buffer, rows_buffer


def test_rows_are_escaped_and_nulls_marked():
    text = rows_buffer([(1, None, float("nan"), True, "a\tb\\c\nd"), (2, "", 0.5, False, "x")]).getvalue()
    assert text == "1\t\\N\t\\N\tt\ta\\tb\\\\c\\nd\n2\t\t0.5\tf\tx\n"


def test_columns_give_the_same_text_as_rows():
    batch = {"i": np.array([3, -4]), "f": np.array([1 / 3, np.nan]), "s": np.array(["p\tq", "r"]),
             "b": np.array([True, False]), "m": np.ma.masked_array([1.5, 2.5], mask=[1, 0])}
    buffer, count = columns_buffer(["i", "f", "s", "b", "m"], batch)
    assert count == 2
    assert buffer.getvalue() == rows_buffer([(3, 1 / 3, "p\tq", True, None), (-4, None, "r", False, 2.5)]).getvalue()


def test_floats_keep_full_precision():
    values = np.array([0.1, 1e-300, 2**53 + 0.0, np.float64(np.float32(0.1))])
    buffer, _ = columns_buffer(["x"], {"x": values})
    assert [float(v) for v in buffer.getvalue().split()] == values.tolist()


@pytest.mark.parametrize("batch, message", [
    ({"a": np.array([1])}, "lacks columns \\['b'\\]"),
    ({"a": np.array([1]), "b": np.array([1, 2])}, "differ in length"),
])
def test_bad_batches_are_named(batch, message):
    with pytest.raises(ValueError, match=message):
        columns_buffer(["a", "b"], batch)
