"""HEALPix nested cells of positions and centres of cells, as pgSphere computes them."""
from __future__ import annotations

import math

import numpy as np
import pytest

from celestial.healpix import cell_centre, cell_centres, cell_count, nested_cell, nested_index

POSITIONS = [(83.63, 22.01), (266.4168, -29.0078), (0.001, 89.99), (359.99, -89.99),
             (201.365, -43.019), (10.6847, 41.2687), (180.5, 0.3)]
# pgSphere 1.2: SELECT healpix_nest(order, spoint(radians(ra), radians(dec))) for POSITIONS
PGSPHERE_CELLS = {
    0: [5, 7, 0, 11, 10, 0, 6],
    3: [377, 450, 63, 704, 675, 42, 410],
    6: [24185, 28830, 4095, 45056, 43262, 2709, 26282],
    12: [99064147, 118088263, 16777215, 184549376, 177204627, 11096330, 107654806],
    29: [1701909088298849616, 2028740913184819897, 288230370514563048, 3170534143305975269,
         3044352322600538294, 190633513585661962, 1849495491840348915],
}
# pgSphere 1.2: center_of_healpix_nest(order, index) in degrees
PGSPHERE_CENTRES = [(0, 0, 45.0, 41.81031489577859), (3, 100, 123.75, 35.68533471265204),
                    (6, 24185, 83.671875, 22.024312837042153),
                    (29, 123456789012345, 45.73370813392103, 1.2437148917835676)]


def random_sky(n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(0, 360, n), np.degrees(np.arcsin(rng.uniform(-1, 1, n)))


@pytest.mark.parametrize("order", sorted(PGSPHERE_CELLS))
def test_cells_are_those_of_pgsphere(order):
    ra, dec = np.array(POSITIONS).T
    assert nested_index(order, ra, dec).tolist() == PGSPHERE_CELLS[order]


@pytest.mark.parametrize(("order", "index", "ra", "dec"), PGSPHERE_CENTRES)
def test_centres_are_those_of_pgsphere(order, index, ra, dec):
    centre_ra, centre_dec = cell_centres(order, index)
    assert centre_ra.tolist() == pytest.approx([ra], abs=1e-12)
    assert centre_dec.tolist() == pytest.approx([dec], abs=1e-12)


@pytest.mark.parametrize("order", [0, 3, 12, 29])
def test_cell_centres_map_back_to_their_cells(order):
    cells = np.random.default_rng(order).integers(0, cell_count(order), 300)
    assert nested_index(order, *cell_centres(order, cells)).tolist() == cells.tolist()


def test_poles_edges_and_wraparound():
    assert nested_index(0, [0, 0, 0, 360.0], [90, -90, 0, 0]).tolist() == [0, 8, 4, 4]
    assert nested_index(1, 0, 90).tolist() == [3]
    assert nested_index(6, 360.0 + 83.63, 22.01).tolist() == [24185]


def test_cells_have_equal_area_and_nest():
    ra, dec = random_sky(600_000, seed=1)
    counts = np.bincount(nested_index(2, ra, dec), minlength=cell_count(2))
    expected = ra.size / cell_count(2)
    assert counts.size == 192
    assert np.all(np.abs(counts - expected) < 6 * np.sqrt(expected))
    assert (nested_index(7, ra, dec) >> 2).tolist() == nested_index(6, ra, dec).tolist()


def test_bad_positions_and_cells_are_refused_with_a_message():
    with pytest.raises(ValueError, match="finite"):
        nested_index(6, [np.nan], [0.0])
    with pytest.raises(ValueError, match="declinations"):
        nested_index(6, [10.0], [91.0])
    with pytest.raises(ValueError, match="order"):
        nested_index(30, [10.0], [1.0])
    with pytest.raises(ValueError, match="indices"):
        cell_centres(0, 12)
    with pytest.raises(ValueError, match="indices"):
        cell_centres(0, -1)


BOUNDARIES = [(0.0, 0.0), (45.0, 41.810314895778596), (90.0, -41.810314895778596), (-0.0, 90.0),
              (360.0, -90.0), (-45.0, 0.0), (1e10, 12.5), (719.999, -30.0)]


@pytest.mark.parametrize("order", [0, 3, 6, 12, 29])
def test_one_position_gets_the_cell_of_the_array_form(order):
    """The per-row SQLite function and the columnar evaluator must agree bit for bit."""
    ra, dec = random_sky(2000, seed=order)
    ra = np.concatenate([ra, [p[0] for p in BOUNDARIES], np.arange(-360, 720, 7.5)])
    dec = np.concatenate([dec, [p[1] for p in BOUNDARIES], np.full(144, 41.810314895778596)])
    one_by_one = [nested_cell(order, a, d) for a, d in zip(ra.tolist(), dec.tolist(), strict=True)]
    assert one_by_one == nested_index(order, ra, dec).tolist()


@pytest.mark.parametrize(("order", "index", "ra", "dec"), PGSPHERE_CENTRES)
def test_one_cell_centre_is_that_of_pgsphere(order, index, ra, dec):
    assert cell_centre(order, index) == pytest.approx((ra, dec), abs=1e-12)


def test_one_value_forms_refuse_what_the_array_forms_refuse():
    for ra, dec, message in [(math.inf, 0.0, "finite"), (10.0, math.nan, "finite"), (10.0, -90.5, "declinations")]:
        with pytest.raises(ValueError, match=message):
            nested_cell(6, ra, dec)
    with pytest.raises(ValueError, match="order"):
        nested_cell(-1, 10.0, 1.0)
    with pytest.raises(ValueError, match="indices"):
        cell_centre(1, 48)
    with pytest.raises(ValueError, match="order"):
        cell_centre(30, 0)
