"""Spherical helpers and HEALPix used by the SQLite functions."""
from __future__ import annotations

import random

import pytest

from adql import healpix, spherical as sph


def test_healpix_round_trip_and_known_values():
    rng = random.Random(3)
    for order in (0, 3, 12, 29):
        for _ in range(300):
            index = rng.randrange(12 << (2 * order))
            assert healpix.ang2pix_nest(order, *healpix.pix2ang_nest(order, index)) == index
    assert healpix.ang2pix_nest(6, 83.63, 22.01) == 24185          # pgSphere healpix_nest gives the same
    with pytest.raises(ValueError):
        healpix.ang2pix_nest(30, 0, 0)


def test_shapes_and_predicates():
    square = sph.parse("80 20 86 20 86 24 80 24")
    assert square[0] == "polygon" and sph.parse("1 2")[0] == "point" and sph.parse("1 2 3")[0] == "circle"
    assert sph.parse("1 2 3 4") is None and sph.parse("a b") is None
    assert sph.inside(("point", (83.0, 22.0)), square)
    assert not sph.inside(("point", (263.0, -22.0)), square)          # antipode is outside
    assert sph.inside(("circle", (83.0, 22.0, 0.5)), square)
    assert not sph.inside(("circle", (83.0, 22.0, 3.0)), square)
    assert sph.intersects(("circle", (87.0, 22.0, 1.5)), square)
    assert sph.intersects(sph.parse("85 23 90 23 90 25"), square)
    assert sph.area(("circle", (0.0, 0.0, 180.0))) == pytest.approx(41252.96, rel=1e-5)
    assert sph.area(sph.parse("0 80 270 80 180 80 90 80")) == pytest.approx(sph.area(sph.parse("0 -80 90 -80 180 -80 270 -80")))
    assert sph.distance(0, 0, 180, 0) == pytest.approx(180.0)
