"""HEALPix nested indices and ASCII MOCs for the registry's spatial coverage."""
from __future__ import annotations

import numpy as np
import pytest

from adql import healpix as reference
from vo_service.protocol.registry.moc import moc_ascii, nested_index, normalised


def random_sky(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 360, n), np.degrees(np.arcsin(rng.uniform(-1, 1, n)))


@pytest.mark.parametrize("order", [0, 1, 3, 6, 10, 18])
def test_agrees_with_the_scalar_implementation_of_the_adql_package(order):
    ra, dec = random_sky(3000, seed=order)
    ours = nested_index(order, ra, dec)
    theirs = [reference.ang2pix_nest(order, float(r), float(d)) for r, d in zip(ra, dec)]
    assert ours.tolist() == theirs


def test_cell_centres_map_back_to_their_cells():
    order = 6
    cells = np.arange(0, 12 * 4**order, 97)
    centres = np.array([reference.pix2ang_nest(order, int(c)) for c in cells])
    assert nested_index(order, centres[:, 0], centres[:, 1]).tolist() == cells.tolist()


def test_poles_edges_and_wraparound():
    assert nested_index(0, [0, 0, 0, 360.0], [90, -90, 0, 0]).tolist() == [0, 8, 4, 4]
    assert nested_index(1, [0], [90]).tolist() == [3]


def test_cells_have_equal_area_and_nest():
    ra, dec = random_sky(600_000, seed=1)
    counts = np.bincount(nested_index(2, ra, dec), minlength=192)
    expected = 600_000 / 192
    assert np.all(np.abs(counts - expected) < 6 * np.sqrt(expected))
    assert (nested_index(7, ra, dec) >> 2).tolist() == nested_index(6, ra, dec).tolist()


def test_bad_positions_are_refused_with_a_message():
    with pytest.raises(ValueError, match="finite"):
        nested_index(6, [np.nan], [0.0])
    with pytest.raises(ValueError, match="declinations"):
        nested_index(6, [10.0], [91.0])
    with pytest.raises(ValueError, match="order"):
        nested_index(30, [10.0], [1.0])


def test_complete_sibling_groups_merge_into_their_parent():
    moc = normalised(2, [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 100])
    assert {level: cells.tolist() for level, cells in moc.items()} == {0: [], 1: [0, 2, 3], 2: [4, 5, 100]}


def test_ascii_serialisation_uses_ranges_and_states_the_deepest_order():
    assert moc_ascii(2, [0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15, 100]) == "1/0 2-3 2/4-5 100"
    assert moc_ascii(6, range(12 * 4**6)) == "0/0-11 6/"
    assert moc_ascii(6, [7, 9]) == "6/7 9"
