"""Sky geometry of the event simulation: the Crab's position, tangent-plane offsets, separations.

The horizontal <-> ICRS transform lives in celestial.frames.
"""
from __future__ import annotations

import numpy as np

from celestial.frames import unit_vectors

CRAB_RA_DEG = 83.633
CRAB_DEC_DEG = 22.0145


def offset_position(
    ra_deg: np.ndarray, dec_deg: np.ndarray, dx_deg: np.ndarray, dy_deg: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Sky position at tangent-plane offset (dx east, dy north) from (ra, dec): inverse gnomonic."""
    ra0, dec0 = np.radians(ra_deg), np.radians(dec_deg)
    x, y = np.radians(dx_deg), np.radians(dy_deg)
    denominator = np.cos(dec0) - y * np.sin(dec0)
    ra = ra0 + np.arctan2(x, denominator)
    dec = np.arctan2(np.sin(dec0) + y * np.cos(dec0), np.hypot(x, denominator))
    return np.degrees(ra) % 360.0, np.degrees(dec)


def tangent_offset(
    ra0_deg: np.ndarray, dec0_deg: np.ndarray, ra_deg: np.ndarray, dec_deg: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Gnomonic offset (dx east, dy north) in degrees of (ra, dec) from the tangent point (ra0, dec0)."""
    ra0, dec0 = np.radians(ra0_deg), np.radians(dec0_deg)
    ra, dec = np.radians(ra_deg), np.radians(dec_deg)
    cos_c = np.sin(dec0) * np.sin(dec) + np.cos(dec0) * np.cos(dec) * np.cos(ra - ra0)
    x = np.cos(dec) * np.sin(ra - ra0) / cos_c
    y = (np.cos(dec0) * np.sin(dec) - np.sin(dec0) * np.cos(dec) * np.cos(ra - ra0)) / cos_c
    return np.degrees(x), np.degrees(y)


def separation(ra1: np.ndarray, dec1: np.ndarray, ra2: np.ndarray, dec2: np.ndarray) -> np.ndarray:
    """Great-circle distance in degrees (Vincenty formula, stable at all distances)."""
    a = unit_vectors(np.asarray(ra1, float), np.asarray(dec1, float))
    b = unit_vectors(np.asarray(ra2, float), np.asarray(dec2, float))
    return np.degrees(np.arctan2(np.linalg.norm(np.cross(a, b), axis=-1), np.sum(a * b, axis=-1)))
