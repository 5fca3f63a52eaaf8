"""Energy spectra and angular distributions of the simulators' building blocks."""
from __future__ import annotations

import numpy as np
import pytest

from ml.eventsim import spectra


def log_slope(energy: np.ndarray, low: float, high: float, bins: int = 8) -> float:
    """Fitted d log10(dN/dE) / d log10(E) between low and high."""
    edges = np.logspace(np.log10(low), np.log10(high), bins + 1)
    counts, _ = np.histogram(energy, edges)
    density = counts / np.diff(edges)
    centres = np.sqrt(edges[:-1] * edges[1:])
    return float(np.polyfit(np.log10(centres), np.log10(density), 1)[0])


@pytest.mark.parametrize("index", [2.0, 2.6, 3.7])
def test_power_law_slope_and_bounds(index: float) -> None:
    energy = spectra.power_law(np.random.default_rng(1), 400_000, index, 1.0e3, 1.0e6)
    assert energy.min() >= 1.0e3 and energy.max() <= 1.0e6
    assert log_slope(energy, 1.0e3, 1.0e4, bins=6) == pytest.approx(-index, abs=0.05)


def test_broken_power_law_steepens_at_the_knee() -> None:
    energy = spectra.broken_power_law(np.random.default_rng(2), 1_000_000, 1.0e6, 1.0e9)
    assert log_slope(energy, 1.0e6, 3.5e6, bins=5) == pytest.approx(-2.7, abs=0.05)
    assert log_slope(energy, 6.0e6, 1.0e8, bins=6) == pytest.approx(-3.1, abs=0.05)
    below, above = np.histogram(energy, [3.0e6, 4.0e6, 4.0e6 * 4 / 3])[0]

    def integral(index: float, low: float, high: float) -> float:  # of x**-index dx, x = E / knee
        return (high ** (1 - index) - low ** (1 - index)) / (1 - index)

    continuous = integral(2.7, 0.75, 1.0) / integral(3.1, 1.0, 4 / 3)
    assert below / above == pytest.approx(continuous, rel=0.05)


def test_power_law_rejects_bad_bounds() -> None:
    with pytest.raises(ValueError, match="e_min < e_max"):
        spectra.power_law(np.random.default_rng(0), 10, 2.0, 10.0, 1.0)


def test_flat_array_zenith_distribution() -> None:
    zenith = spectra.flat_array_zenith(np.random.default_rng(3), 400_000, 45.0)
    assert zenith.min() >= 0.0 and zenith.max() <= 45.0
    cos_z = np.cos(np.radians(zenith))
    c_min = np.cos(np.radians(45.0))
    expected_mean = (2.0 / 3.0) * (1 - c_min**3) / (1 - c_min**2)  # <cos z> for dN/dcos z ~ cos z
    assert cos_z.mean() == pytest.approx(expected_mean, abs=0.002)


def test_composition_gets_heavier_above_the_knee() -> None:
    rng = np.random.default_rng(4)
    light = spectra.mass_composition(rng, np.full(100_000, 1.0e6)).mean()
    heavy = spectra.mass_composition(rng, np.full(100_000, 1.0e9)).mean()
    assert set(np.unique(spectra.mass_composition(rng, np.full(1000, 1e7)))) <= set(spectra.LN_A)
    assert heavy > light + 0.8
