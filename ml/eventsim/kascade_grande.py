"""KASCADE-Grande: the shower parameters KCDC publishes, from 10^16 to 10^18 eV.

Shower sizes follow the CHICOS/KASCADE QGSJet scaling at observation level
(lg Ne = -2.89 + 1.223 lg E, lg Nmu = -1.88 + 0.908 lg E, E in GeV) with a mass
dependence (heavier primaries: fewer electrons, more muons), attenuation with slant
depth (1022 g/cm2 vertical; 175 g/cm2 for electrons, 1100 g/cm2 for muons) and
measurement scatter. The energy is reconstructed by inverting the two size
relations, which gives the 20 % resolution the real analysis reaches.
"""
from __future__ import annotations

import numpy as np

from celestial.frames import horizontal_to_icrs
from ml.eventsim import spectra
from ml.eventsim.descriptor import Collection
from ml.eventsim.schedule import LiveTime, TimeChunk, continuous_runs
from ml.eventsim.simulator import Columns, Simulator

E_MIN_GEV, E_MAX_GEV = 1.0e7, 1.0e9
MAX_ZENITH_DEG = 40.0
VERTICAL_DEPTH = 1022.0
ELECTRON_ATTENUATION, MUON_ATTENUATION = 175.0, 1100.0
NE_COEFF = (-2.89, 1.223, -0.12)  # offset, per lg E, per ln A
NMU_COEFF = (-1.88, 0.908, 0.035)
NE_SCATTER, NMU_SCATTER = 0.07, 0.10
#: Fiducial core area (m, array frame): the central part of Grande, about 0.33 km2.
CORE_X_RANGE, CORE_Y_RANGE = (-600.0, -30.0), (-650.0, -80.0)


def schedule(collection: Collection, rng: np.random.Generator) -> LiveTime:
    """Continuous data taking in runs of about a day, 89 % of them good."""
    return continuous_runs(rng, collection.mjd_start, collection.mjd_end, mean_run_days=1.0, duty_cycle=0.89)


def _slant_excess(zenith_deg: np.ndarray) -> np.ndarray:
    return VERTICAL_DEPTH * (1.0 / np.cos(np.radians(zenith_deg)) - 1.0)


def events(collection: Collection, rng: np.random.Generator, times: TimeChunk) -> Columns:
    n = len(times)
    energy = spectra.broken_power_law(rng, n, E_MIN_GEV, E_MAX_GEV)
    ln_a = spectra.mass_composition(rng, energy)
    zenith = spectra.flat_array_zenith(rng, n, MAX_ZENITH_DEG)
    azimuth = spectra.uniform_azimuth(rng, n)
    lg_e = np.log10(energy)
    excess = _slant_excess(zenith)
    lg_ne_vertical = NE_COEFF[0] + NE_COEFF[1] * lg_e + NE_COEFF[2] * ln_a + rng.normal(0, NE_SCATTER, n)
    lg_nmu_vertical = NMU_COEFF[0] + NMU_COEFF[1] * lg_e + NMU_COEFF[2] * ln_a + rng.normal(0, NMU_SCATTER, n)
    lg_ne = lg_ne_vertical - excess / (ELECTRON_ATTENUATION * np.log(10.0))
    lg_nmu = lg_nmu_vertical - excess / (MUON_ATTENUATION * np.log(10.0))
    age = 0.85 + 0.6 * excess / VERTICAL_DEPTH + 0.04 * ln_a - 0.05 * (lg_e - 7.5) + rng.normal(0, 0.07, n)
    ra, dec = horizontal_to_icrs(collection.site, times.mjd, zenith, azimuth)
    lg_energy = reconstructed_lg_energy(lg_ne_vertical, lg_nmu_vertical)
    return {
        "run_number": times.label("run_number"),
        "ra": ra,
        "dec": dec,
        "zenith": zenith,
        "azimuth": azimuth,
        "core_x": rng.uniform(*CORE_X_RANGE, n),
        "core_y": rng.uniform(*CORE_Y_RANGE, n),
        "lg_ne": lg_ne,
        "lg_nmu": lg_nmu,
        "age": np.clip(age, 0.2, 1.8),
        "lg_energy": lg_energy,
        "energy": 10.0**lg_energy,
    }


def reconstructed_lg_energy(lg_ne_vertical: np.ndarray, lg_nmu_vertical: np.ndarray) -> np.ndarray:
    """lg E (GeV) solving the Ne and Nmu relations for energy and mass together."""
    (a_e, b_e, c_e), (a_m, b_m, c_m) = NE_COEFF, NMU_COEFF
    return (c_m * (lg_ne_vertical - a_e) - c_e * (lg_nmu_vertical - a_m)) / (b_e * c_m - b_m * c_e)


def angular_resolution(batch: Columns) -> np.ndarray:
    """Grande's direction resolution: about 0.8 degree at 10^16 eV, 0.3 degree from 10^18 eV."""
    return np.clip(0.8 - 0.25 * (np.asarray(batch["lg_energy"], float) - 7.0), 0.3, 0.8)


SIMULATOR = Simulator(schedule=schedule, events=events, demo_share=0.40, angular_resolution=angular_resolution)
