"""Spherical helpers used by the SQLite functions."""
from __future__ import annotations

import pytest

from adql import spherical as sph


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
    south_cap = sph.parse("0 -80 90 -80 180 -80 270 -80")
    assert sph.area(sph.parse("0 80 270 80 180 80 90 80")) == pytest.approx(sph.area(south_cap))
    assert sph.distance(0, 0, 180, 0) == pytest.approx(180.0)
