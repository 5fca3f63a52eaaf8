"""The fast AltAz <-> ICRS path against astropy's full transform, offline."""
from __future__ import annotations

import time

import astropy.units as u
import numpy as np
from astropy.coordinates import ICRS, AltAz, SkyCoord
from astropy.time import Time
from astropy.utils.data import conf as data_conf

from ml.eventsim import sky
from celestial.sites import Site


def test_matches_full_astropy_transform_within_40_arcsec() -> None:
    site = Site(51.81, 103.07, 675.0)
    rng = np.random.default_rng(7)
    mjd = rng.uniform(52640.0, 60675.0, 400)
    zenith, azimuth = rng.uniform(0.0, 80.0, 400), rng.uniform(0.0, 360.0, 400)
    ra, dec = sky.horizontal_to_icrs(site, mjd, zenith, azimuth)
    frame = AltAz(obstime=Time(mjd, format="mjd", scale="utc"), location=site.location)
    exact = SkyCoord(az=azimuth * u.deg, alt=(90.0 - zenith) * u.deg, frame=frame).transform_to(ICRS())
    error_arcsec = sky.separation(ra, dec, exact.ra.deg, exact.dec.deg) * 3600.0
    assert error_arcsec.max() < 40.0
    assert np.median(error_arcsec) < 15.0


def test_inverse_transform_round_trips() -> None:
    site = Site(49.0998, 8.4377, 110.0)
    rng = np.random.default_rng(8)
    mjd = rng.uniform(52640.0, 56293.0, 1000)
    zenith, azimuth = rng.uniform(0.0, 89.0, 1000), rng.uniform(0.0, 360.0, 1000)
    back_zenith, back_azimuth = sky.icrs_to_horizontal(site, mjd, *sky.horizontal_to_icrs(site, mjd, zenith, azimuth))
    assert np.allclose(back_zenith, zenith, atol=1e-8)
    assert np.allclose((back_azimuth - azimuth + 180.0) % 360.0 - 180.0, 0.0, atol=1e-6)


def test_zenith_points_at_local_sidereal_time_and_latitude() -> None:
    site = Site(51.81, 103.07, 675.0)
    mjd = np.array([59000.25, 59100.6])
    ra, dec = sky.horizontal_to_icrs(site, mjd, np.zeros(2), np.zeros(2))
    lst = Time(mjd, format="mjd").sidereal_time("apparent", longitude=site.longitude * u.deg).deg
    assert np.allclose((ra - lst + 180.0) % 360.0 - 180.0, 0.0, atol=0.5)
    assert np.allclose(dec, site.latitude, atol=0.5)


def test_works_offline_and_fast() -> None:
    site = Site(-24.6272, -70.4039, 2635.0)  # a site no other test uses, so nothing is cached
    rng = np.random.default_rng(9)
    mjd = np.sort(rng.uniform(58000.0, 58365.0, 200_000))
    with data_conf.set_temp("allow_internet", False):
        started = time.perf_counter()
        ra, dec = sky.horizontal_to_icrs(site, mjd, rng.uniform(0, 60, mjd.size), rng.uniform(0, 360, mjd.size))
        elapsed = time.perf_counter() - started
    assert np.all((ra >= 0.0) & (ra < 360.0)) and np.all(np.abs(dec) <= 90.0)
    assert elapsed < 5.0, f"200k directions took {elapsed:.1f} s"


def test_tangent_plane_offsets_round_trip() -> None:
    rng = np.random.default_rng(10)
    dx, dy = rng.uniform(-4, 4, 500), rng.uniform(-4, 4, 500)
    ra, dec = sky.offset_position(np.full(500, 83.633), np.full(500, 22.0145), dx, dy)
    back_x, back_y = sky.tangent_offset(np.full(500, 83.633), np.full(500, 22.0145), ra, dec)
    assert np.allclose(back_x, dx, atol=1e-9) and np.allclose(back_y, dy, atol=1e-9)
    assert np.allclose(sky.separation(83.633, 22.0145, *sky.offset_position(83.633, 22.0145, 1.2, 0.0)), 1.2, atol=1e-3)
