"""MOCs of cells of one order and their ASCII serialisation (MOC 2.0), as the registry's coverage needs."""
from __future__ import annotations

import numpy as np
import pytest
from mocpy import MOC

from celestial.healpix import cell_count
from celestial.moc import moc_ascii, moc_of_cells

SIBLINGS_AND_STRAYS = [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 100]


def test_complete_sibling_groups_merge_into_their_parent():
    assert moc_ascii(2, SIBLINGS_AND_STRAYS) == "1/0 2-3 2/4-5 100"


def test_ranges_duplicates_and_the_deepest_order_always_stated():
    assert moc_ascii(6, range(cell_count(6))) == "0/0-11 6/"
    assert moc_ascii(6, [9, 7, 9]) == "6/7 9"


def test_ascii_round_trips_through_a_moc_reader():
    text = moc_ascii(2, SIBLINGS_AND_STRAYS)
    moc = MOC.from_string(text, format="ascii")
    assert moc.max_order == 2
    assert moc == moc_of_cells(2, SIBLINGS_AND_STRAYS)
    assert moc.to_string(format="ascii") == text
    cells_at_2 = np.sort(moc.flatten()).tolist()
    assert cells_at_2 == SIBLINGS_AND_STRAYS


def test_bad_order_is_refused():
    with pytest.raises(ValueError, match="order"):
        moc_ascii(30, [1])
