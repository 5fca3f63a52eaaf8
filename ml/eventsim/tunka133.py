"""Tunka-133: Cherenkov-light air showers from 10^15 to 10^18 eV.

Energy from the light density at 200 m, E = A * Q200^0.94 (Tunka-133's index;
the normalisation A = 400 TeV is this demo's assumption), with the array's 15 %
energy resolution. The depth of maximum has a proton elongation rate of
58 g/cm2 per decade, 22 g/cm2 less per unit ln A, shower-to-shower fluctuations
shrinking from 60 (p) to 20 g/cm2 (Fe) and 20 g/cm2 reconstruction error.
"""
from __future__ import annotations

import numpy as np

from celestial.frames import horizontal_to_icrs
from ml.eventsim import spectra
from ml.eventsim.descriptor import Collection
from ml.eventsim.schedule import LiveTime, TimeChunk, dark_slots
from ml.eventsim.simulator import Columns, Simulator

E_MIN_GEV, E_MAX_GEV = 1.0e6, 1.0e9
MAX_ZENITH_DEG = 45.0
Q200_NORMALISATION_GEV, Q200_INDEX = 4.0e5, 0.94
ENERGY_RESOLUTION_DEX = 0.06
ARRAY_RADIUS_M = 560.0


def schedule(collection: Collection, rng: np.random.Generator) -> LiveTime:
    """Dark, moonless, clear hours from September to April, in 15-minute slots."""
    return dark_slots(collection.site, rng, collection.mjd_start, collection.mjd_end, 15.0, 0.5)


def events(collection: Collection, rng: np.random.Generator, times: TimeChunk) -> Columns:
    n = len(times)
    energy = spectra.broken_power_law(rng, n, E_MIN_GEV, E_MAX_GEV)
    ln_a = spectra.mass_composition(rng, energy)
    lg_e = np.log10(energy)
    zenith = spectra.flat_array_zenith(rng, n, MAX_ZENITH_DEG)
    azimuth = spectra.uniform_azimuth(rng, n)
    ra, dec = horizontal_to_icrs(collection.site, times.mjd, zenith, azimuth)
    lg_energy = lg_e + rng.normal(0.0, ENERGY_RESOLUTION_DEX, n)
    lg_q200 = (lg_energy - np.log10(Q200_NORMALISATION_GEV)) / Q200_INDEX
    fluctuation = np.maximum(60.0 - 10.0 * ln_a, 20.0)
    xmax = 570.0 + 58.0 * (lg_e - 6.0) - 22.0 * ln_a + rng.normal(0.0, 1.0, n) * np.hypot(fluctuation, 20.0)
    n_stations = np.minimum(5 + rng.poisson(8.0 * (energy / E_MIN_GEV) ** 0.45), 175)
    radius = ARRAY_RADIUS_M * np.sqrt(rng.random(n))
    phi = rng.uniform(0.0, 2.0 * np.pi, n)
    return {
        "ra": ra,
        "dec": dec,
        "pos_err": 0.1 + 1.0 / np.sqrt(n_stations),
        "zenith": zenith,
        "azimuth": azimuth,
        "core_x": radius * np.cos(phi),
        "core_y": radius * np.sin(phi),
        "n_stations": n_stations,
        "lg_q200": lg_q200,
        "xmax": xmax,
        "lg_energy": lg_energy,
        "energy": 10.0**lg_energy,
    }


SIMULATOR = Simulator(schedule=schedule, events=events, demo_share=0.20)
