"""Altitudes of the Sun, the Moon and fixed sources seen from a site, on a time grid.

Cherenkov instruments only take data in dark, moonless hours. The Sun comes from
ERFA's epv00 once per day (it moves 1 degree a day; linear interpolation between
days is exact to arcseconds), the Moon from ERFA's moon98 at every grid time;
both are geocentric (the Moon's parallax, under 1 degree, does not matter for a
below-the-horizon test). ERFA is astropy's own library of IAU routines.
"""
from __future__ import annotations

import erfa
import numpy as np
from astropy.time import Time

from celestial.frames import horizontal_to_icrs_vectors, unit_vectors
from celestial.sites import Site


def _terrestrial_time(mjd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    tt = Time(mjd, format="mjd", scale="utc").tt
    return tt.jd1, tt.jd2


def sun_directions(mjd: np.ndarray) -> np.ndarray:
    """Geocentric unit vectors (ICRS axes) towards the Sun at times mjd (UTC)."""
    mjd = np.asarray(mjd, dtype=float)
    days = np.arange(np.floor(mjd.min()), np.floor(mjd.max()) + 2.0)
    heliocentric_earth, _ = erfa.epv00(*_terrestrial_time(days))
    towards_sun = -heliocentric_earth["p"]
    vectors = np.stack([np.interp(mjd, days, towards_sun[:, k]) for k in range(3)], axis=1)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def moon_directions(mjd: np.ndarray) -> np.ndarray:
    """Geocentric unit vectors (GCRS axes) towards the Moon at times mjd (UTC)."""
    position = erfa.moon98(*_terrestrial_time(np.asarray(mjd, dtype=float)))["p"]
    return position / np.linalg.norm(position, axis=1, keepdims=True)


def altitudes(site: Site, mjd: np.ndarray, directions: np.ndarray) -> np.ndarray:
    """Altitude in degrees above the site's horizon of (n, 3) or (3,) ICRS unit vectors at times mjd."""
    mjd = np.asarray(mjd, dtype=float)
    up = np.broadcast_to(np.array([0.0, 0.0, 1.0]), (mjd.size, 3))
    zenith = horizontal_to_icrs_vectors(site, mjd, up)
    return np.degrees(np.arcsin(np.clip(np.sum(zenith * directions, axis=-1), -1.0, 1.0)))


def source_altitudes(site: Site, mjd: np.ndarray, ra_deg: float, dec_deg: float) -> np.ndarray:
    """Altitude in degrees of a fixed ICRS source at times mjd."""
    return altitudes(site, mjd, unit_vectors(np.array(ra_deg), np.array(dec_deg)))
