"""Local horizontal <-> ICRS directions for millions of events, with astropy.

A full astropy AltAz -> ICRS transform costs about 50 microseconds per event when
every event has its own time (ERFA builds the whole precession-nutation-aberration
chain per element), i.e. about a minute per million events. So astropy is asked
only once per UTC day: it transforms the three local axes (north, east, up) at
0h UTC, which gives that day's rotation matrix exactly, and each event is carried
from there to its own time by the Earth's rotation about the celestial pole
(sidereal rate). What this neglects within a day (change of precession, nutation
and annual aberration, UT1 drift) stays below 1 arcsecond; the direction
dependence of aberration, which no rotation can represent, below 40 arcseconds.
Both are far below the angular resolutions of the instruments (0.1 degree and
more); tests/celestial compare with the full astropy transform.

No refraction is applied (pressure 0): the directions are those of the showers.
IERS data come from the tables bundled with astropy; nothing is downloaded.
"""
from __future__ import annotations

import astropy.units as u
import numpy as np
from astropy.coordinates import ICRS, AltAz, SkyCoord
from astropy.time import Time
from astropy.utils import iers

from celestial.sites import Site

iers.conf.auto_download = False

SIDEREAL_TURNS_PER_UT1_DAY = 1.00273781191135448

_day_matrices: dict[tuple[Site, int], np.ndarray] = {}


def unit_vectors(lon_deg: np.ndarray, lat_deg: np.ndarray) -> np.ndarray:
    """Cartesian unit vectors (n, 3) for longitude-like and latitude-like angles in degrees."""
    lon, lat = np.broadcast_arrays(np.radians(lon_deg), np.radians(lat_deg))
    cos_lat = np.cos(lat)
    return np.stack([cos_lat * np.cos(lon), cos_lat * np.sin(lon), np.sin(lat)], axis=-1)


def angles(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Longitude in [0, 360) and latitude in degrees of (n, 3) vectors."""
    x, y, z = vectors[..., 0], vectors[..., 1], vectors[..., 2]
    lon = np.degrees(np.arctan2(y, x)) % 360.0
    lat = np.degrees(np.arctan2(z, np.hypot(x, y)))
    return lon, lat


def _matrices_for_days(site: Site, days: np.ndarray) -> np.ndarray:
    """Rotation matrices local (north, east, up) -> ICRS at 0h UTC of each MJD day."""
    missing = [int(d) for d in days if (site, int(d)) not in _day_matrices]
    if missing:
        n = len(missing)
        times = Time(np.repeat(np.asarray(missing, dtype=float), 3), format="mjd", scale="utc")
        alt = np.tile([0.0, 0.0, 90.0], n)
        az = np.tile([0.0, 90.0, 0.0], n)
        frame = AltAz(obstime=times, location=site.location)
        images = SkyCoord(az=az * u.deg, alt=alt * u.deg, frame=frame).transform_to(ICRS())
        columns = images.cartesian.xyz.value.T.reshape(n, 3, 3).transpose(0, 2, 1)
        left, _, right = np.linalg.svd(columns)
        for day, matrix in zip(missing, left @ right, strict=True):
            _day_matrices[(site, day)] = matrix
    return np.stack([_day_matrices[(site, int(d))] for d in days])


def _rotate(vectors: np.ndarray, axes: np.ndarray, angle: np.ndarray) -> np.ndarray:
    """Rodrigues rotation of each vector about its (unit) axis by angle in radians."""
    cos_a = np.cos(angle)[:, None]
    sin_a = np.sin(angle)[:, None]
    along = np.sum(axes * vectors, axis=1)[:, None]
    return vectors * cos_a + np.cross(axes, vectors) * sin_a + axes * along * (1.0 - cos_a)


def _daily_frames(site: Site, mjd: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per event: the day's matrix, the celestial pole in ICRS, and the Earth rotation since 0h."""
    day = np.floor(mjd).astype(np.int64)
    days, index = np.unique(day, return_inverse=True)
    matrices = _matrices_for_days(site, days)
    pole_local = unit_vectors(np.array(0.0), np.array(site.latitude))
    poles = matrices @ pole_local
    turn = 2.0 * np.pi * SIDEREAL_TURNS_PER_UT1_DAY * (mjd - day)
    return matrices[index], poles[index], turn


def local_vectors(zenith_deg: np.ndarray, azimuth_deg: np.ndarray) -> np.ndarray:
    """Unit vectors in the (north, east, up) frame; azimuth from north through east."""
    return unit_vectors(np.asarray(azimuth_deg, float), 90.0 - np.asarray(zenith_deg, float))


def horizontal_to_icrs_vectors(site: Site, mjd: np.ndarray, local: np.ndarray) -> np.ndarray:
    """ICRS unit vectors of local (north, east, up) unit vectors at times mjd (UTC)."""
    mjd = np.asarray(mjd, dtype=float)
    matrices, poles, turn = _daily_frames(site, mjd)
    at_midnight = np.einsum("nij,nj->ni", matrices, local)
    return _rotate(at_midnight, poles, turn)


def icrs_to_horizontal_vectors(site: Site, mjd: np.ndarray, icrs: np.ndarray) -> np.ndarray:
    """Local (north, east, up) unit vectors of ICRS unit vectors at times mjd (UTC)."""
    mjd = np.asarray(mjd, dtype=float)
    matrices, poles, turn = _daily_frames(site, mjd)
    at_midnight = _rotate(icrs, poles, -turn)
    return np.einsum("nji,nj->ni", matrices, at_midnight)


def horizontal_to_icrs(
    site: Site, mjd: np.ndarray, zenith_deg: np.ndarray, azimuth_deg: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(ra, dec) in degrees of local directions (zenith angle, azimuth from north via east)."""
    return angles(horizontal_to_icrs_vectors(site, mjd, local_vectors(zenith_deg, azimuth_deg)))


def icrs_to_horizontal(
    site: Site, mjd: np.ndarray, ra_deg: np.ndarray, dec_deg: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(zenith, azimuth) in degrees at the site and times of ICRS directions (ra, dec)."""
    local = icrs_to_horizontal_vectors(site, mjd, unit_vectors(np.asarray(ra_deg, float), np.asarray(dec_deg, float)))
    azimuth, altitude = angles(local)
    return 90.0 - altitude, azimuth
