"""Cleaning and Hillas parameters on images with known answers."""

import numpy as np
import pytest

from ml.camera import taiga_camera
from ml.cleaning import clean, tailcuts
from ml.hillas import hillas


def gaussian_image(cx, cy, length, width, psi_deg, amplitude=4000.0):
    camera = taiga_camera()
    psi = np.deg2rad(psi_deg)
    dx, dy = camera.x - cx, camera.y - cy
    along = dx * np.cos(psi) + dy * np.sin(psi)
    across = -dx * np.sin(psi) + dy * np.cos(psi)
    return amplitude * np.exp(-0.5 * (along / length) ** 2 - 0.5 * (across / width) ** 2)


def test_recovers_ellipse_geometry():
    image = gaussian_image(0.8, 0.3, length=0.45, width=0.22, psi_deg=30.0)
    p = {k: v[0] for k, v in hillas(image[None, :], taiga_camera()).items()}
    assert p["cog_x"] == pytest.approx(0.8, abs=0.03)
    assert p["cog_y"] == pytest.approx(0.3, abs=0.03)
    assert p["length"] == pytest.approx(0.45, rel=0.1)
    assert p["width"] == pytest.approx(0.22, rel=0.15)
    assert p["psi"] == pytest.approx(30.0, abs=2.0)
    radial = np.rad2deg(np.arctan2(0.3, 0.8))
    assert p["alpha"] == pytest.approx(abs(30.0 - radial), abs=2.0)
    assert p["dist"] == pytest.approx(np.hypot(0.8, 0.3), abs=0.03)
    assert p["miss"] == pytest.approx(p["dist"] * np.sin(np.deg2rad(p["alpha"])), rel=1e-6)
    assert 0 < p["conc"] < 1


def test_image_pointing_at_the_centre_has_small_alpha():
    image = gaussian_image(1.0, 0.0, length=0.4, width=0.15, psi_deg=0.0)
    assert hillas(image[None, :], taiga_camera())["alpha"][0] < 1.0


def test_skewness_is_positive_for_a_tail_away_from_the_source():
    camera = taiga_camera()
    core = gaussian_image(0.7, 0.0, 0.2, 0.15, 0.0)
    tail = gaussian_image(1.3, 0.0, 0.4, 0.15, 0.0, amplitude=1000.0)
    skew = hillas((core + tail)[None, :], camera)["skewness"][0]
    tail_towards_source = gaussian_image(0.1, 0.0, 0.4, 0.15, 0.0, 1000.0)
    mirrored = hillas((core + tail_towards_source)[None, :], camera)["skewness"][0]
    assert skew > 0.2
    assert mirrored < -0.2


def test_cleaning_drops_isolated_pixels_and_keeps_the_brightest_island():
    camera = taiga_camera()
    image = (gaussian_image(1.0, 0.0, 0.3, 0.15, 0.0, amplitude=300.0)
             + gaussian_image(-2.0, 0.0, 0.25, 0.15, 0.0, amplitude=100.0))
    lonely = int(np.argmin(np.hypot(camera.x - 0.0, camera.y - 2.5)))
    image[lonely] = 500.0
    raw = tailcuts(image[None, :], camera)[0]
    assert not raw[lonely]
    assert raw[camera.x < -1.0].any()
    kept = clean(image[None, :], camera)[0]
    assert kept.any() and not kept[camera.x < -1.0].any()
    assert np.all(image[kept] > 7.0)


def test_too_few_pixels_gives_nan_and_bad_shapes_a_clear_error():
    camera = taiga_camera()
    params = hillas(np.zeros((2, camera.n_pixels)), camera)
    assert np.isnan(params["size"]).all()
    with pytest.raises(ValueError, match="shape"):
        hillas(np.zeros((2, 10)), camera)
    with pytest.raises(ValueError, match="boundary"):
        tailcuts(np.zeros((1, camera.n_pixels)), camera, picture=5.0, boundary=7.0)
