"""Shower and image simulation: determinism, light budget, noise and trigger."""

import numpy as np
import pytest

from ml.camera import taiga_camera
from ml.imagesim import detect, ellipse_light, render, trigger
from ml.showers import GAMMA, Knobs, Showers, gamma_showers, power_law, proton_showers


def one_shower(size=1000.0, x=0.0, y=0.0, skewness=0.0):
    return Showers(
        particle=np.array([GAMMA], dtype=np.int8), energy_tev=np.array([10.0]), impact_m=np.array([100.0]),
        size_phe=np.array([size]), cog_x=np.array([x]), cog_y=np.array([y]), psi=np.array([0.3]),
        length=np.array([0.2]), width=np.array([0.06]), skewness=np.array([skewness]),
        gamma_like=np.array([False]), muon_arc=np.array([False]),
    )


@pytest.mark.parametrize("skewness", [0.0, 0.5])
def test_ellipse_light_conserves_the_size(skewness):
    camera = taiga_camera()
    positions = np.random.default_rng(0).uniform(-1.5, 1.5, (200, 2))
    totals = np.array([ellipse_light(one_shower(x=x, y=y, skewness=skewness), camera).sum() for x, y in positions])
    assert np.all(np.abs(totals / 1000.0 - 1.0) < 0.08)
    assert totals.mean() == pytest.approx(1000.0, rel=0.01)


def test_power_law_has_the_requested_slope():
    energy = power_law(np.random.default_rng(1), 200_000, 2.6, 1.0, 100.0)
    assert energy.min() >= 1.0 and energy.max() <= 100.0
    counts, edges = np.histogram(np.log10(energy), bins=10, range=(0, 2))
    slope = np.polyfit(0.5 * (edges[1:] + edges[:-1]), np.log10(counts), 1)[0]
    assert slope == pytest.approx(-1.6, abs=0.05)


def test_same_seed_same_images_and_different_seed_different_images():
    camera, knobs = taiga_camera(), Knobs()

    def run(seed):
        rng = np.random.default_rng(seed)
        return render(rng, proton_showers(rng, 50, knobs), camera, knobs).charge

    assert np.array_equal(run(3), run(3))
    assert not np.array_equal(run(3), run(4))


def test_noise_level_and_poisson_statistics():
    camera, knobs = taiga_camera(), Knobs(star_fraction=0.0)
    rng = np.random.default_rng(2)
    dark = detect(rng, np.zeros((400, camera.n_pixels)), camera, knobs)
    assert dark.charge.std() == pytest.approx(dark.nsb_sigma[0], rel=0.02)
    assert knobs.nsb_sigma_min <= dark.nsb_sigma[0] <= knobs.nsb_sigma_max
    lit = detect(rng, np.full((400, camera.n_pixels), 100.0), camera, knobs)
    expected = np.sqrt(100.0 * knobs.excess_noise_factor + lit.nsb_sigma[0] ** 2)
    assert lit.charge.mean() == pytest.approx(100.0, rel=0.01)
    assert lit.charge.std() == pytest.approx(expected, rel=0.03)


def test_trigger_needs_two_adjacent_pixels_inside_the_trigger_region():
    camera = taiga_camera()
    a, b = camera.edges[np.flatnonzero(camera.in_trigger_region[camera.edges].all(axis=1))[0]]
    far = int(np.flatnonzero(~camera.in_trigger_region)[0])
    far_neighbour = int(next(n for n in camera.neighbours[far] if n != far and not camera.in_trigger_region[n]))
    images = np.zeros((4, camera.n_pixels))
    images[0, [a, b]] = 20.0
    images[1, a] = 20.0
    images[2, [far, far_neighbour]] = 20.0
    images[3, [a, b]] = 10.0
    assert trigger(images, camera, 12.0).tolist() == [True, False, False, False]


def test_gammas_point_at_the_source_and_gamma_like_protons_are_flagged():
    rng, knobs = np.random.default_rng(5), Knobs(gamma_like_fraction=0.5)
    gammas = gamma_showers(rng, 5000, knobs)
    radial = np.arctan2(gammas.cog_y, gammas.cog_x)
    offset = np.rad2deg(np.abs(np.angle(np.exp(1j * (gammas.psi - radial)))))
    bright = gammas.size_phe > 1000.0
    assert np.median(offset[bright]) < 8.0 < np.median(offset[~bright])
    protons = proton_showers(rng, 5000, knobs)
    assert 0.45 < protons.gamma_like.mean() < 0.55
    radial = np.arctan2(protons.cog_y, protons.cog_x)
    axis_offset = np.rad2deg(np.abs(np.arctan(np.tan(protons.psi - radial))))
    assert np.median(axis_offset[protons.gamma_like]) < 25.0
    assert 35.0 < np.median(axis_offset[~protons.gamma_like]) < 55.0
