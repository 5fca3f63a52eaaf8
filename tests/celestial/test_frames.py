"""The fast AltAz <-> ICRS path against astropy's full transform, offline."""
from __future__ import annotations

import time

import astropy.units as u
import numpy as np
from astropy.coordinates import ICRS, AltAz, SkyCoord
from astropy.time import Time
from astropy.utils.data import conf as data_conf

from celestial import frames
from celestial.sites import Site

BAIKAL = Site(51.81, 103.07, 675.0)


def test_matches_full_astropy_transform_within_40_arcsec() -> None:
    rng = np.random.default_rng(7)
    mjd = rng.uniform(52640.0, 60675.0, 400)
    zenith, azimuth = rng.uniform(0.0, 80.0, 400), rng.uniform(0.0, 360.0, 400)
    ra, dec = frames.horizontal_to_icrs(BAIKAL, mjd, zenith, azimuth)
    frame = AltAz(obstime=Time(mjd, format="mjd", scale="utc"), location=BAIKAL.location)
    exact = SkyCoord(az=azimuth * u.deg, alt=(90.0 - zenith) * u.deg, frame=frame).transform_to(ICRS())
    error_arcsec = SkyCoord(ra=ra * u.deg, dec=dec * u.deg).separation(exact).arcsec
    assert error_arcsec.max() < 40.0
    assert np.median(error_arcsec) < 15.0


def test_inverse_transform_round_trips() -> None:
    site = Site(49.0998, 8.4377, 110.0)
    rng = np.random.default_rng(8)
    mjd = rng.uniform(52640.0, 56293.0, 1000)
    zenith, azimuth = rng.uniform(0.0, 89.0, 1000), rng.uniform(0.0, 360.0, 1000)
    ra, dec = frames.horizontal_to_icrs(site, mjd, zenith, azimuth)
    back_zenith, back_azimuth = frames.icrs_to_horizontal(site, mjd, ra, dec)
    assert np.allclose(back_zenith, zenith, atol=1e-8)
    assert np.allclose((back_azimuth - azimuth + 180.0) % 360.0 - 180.0, 0.0, atol=1e-6)


def test_zenith_points_at_local_sidereal_time_and_latitude() -> None:
    mjd = np.array([59000.25, 59100.6])
    ra, dec = frames.horizontal_to_icrs(BAIKAL, mjd, np.zeros(2), np.zeros(2))
    lst = Time(mjd, format="mjd").sidereal_time("apparent", longitude=BAIKAL.longitude * u.deg).deg
    assert np.allclose((ra - lst + 180.0) % 360.0 - 180.0, 0.0, atol=0.5)
    assert np.allclose(dec, BAIKAL.latitude, atol=0.5)


def test_unit_vectors_and_angles_are_inverse() -> None:
    lon, lat = np.array([0.0, 90.0, 359.5, 200.0]), np.array([0.0, -45.0, 89.0, -90.0])
    vectors = frames.unit_vectors(lon, lat)
    assert np.allclose(np.linalg.norm(vectors, axis=-1), 1.0)
    back_lon, back_lat = frames.angles(vectors)
    assert np.allclose(back_lat, lat) and np.allclose(back_lon[:3], lon[:3])


def test_works_offline_and_fast() -> None:
    site = Site(-24.6272, -70.4039, 2635.0)  # a site no other test uses, so nothing is cached
    rng = np.random.default_rng(9)
    mjd = np.sort(rng.uniform(58000.0, 58365.0, 200_000))
    with data_conf.set_temp("allow_internet", False):
        started = time.perf_counter()
        ra, dec = frames.horizontal_to_icrs(site, mjd, rng.uniform(0, 60, mjd.size), rng.uniform(0, 360, mjd.size))
        elapsed = time.perf_counter() - started
    assert np.all((ra >= 0.0) & (ra < 360.0)) and np.all(np.abs(dec) <= 90.0)
    assert elapsed < 5.0, f"200k directions took {elapsed:.1f} s"
