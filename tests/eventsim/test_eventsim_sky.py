"""Tangent-plane offsets and separations of the simulation's sky geometry.

The horizontal <-> ICRS transform is tested in tests/celestial/test_frames.py.
"""
from __future__ import annotations

import numpy as np

from ml.eventsim import sky


def test_tangent_plane_offsets_round_trip() -> None:
    rng = np.random.default_rng(10)
    dx, dy = rng.uniform(-4, 4, 500), rng.uniform(-4, 4, 500)
    ra, dec = sky.offset_position(np.full(500, 83.633), np.full(500, 22.0145), dx, dy)
    back_x, back_y = sky.tangent_offset(np.full(500, 83.633), np.full(500, 22.0145), ra, dec)
    assert np.allclose(back_x, dx, atol=1e-9) and np.allclose(back_y, dy, atol=1e-9)
    assert np.allclose(sky.separation(83.633, 22.0145, *sky.offset_position(83.633, 22.0145, 1.2, 0.0)), 1.2, atol=1e-3)
