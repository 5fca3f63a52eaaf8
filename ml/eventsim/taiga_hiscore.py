"""TAIGA-HiSCORE: wide-angle timing array, cosmic rays plus gamma rays from the Crab.

Cosmic rays: knee spectrum from 100 TeV, isotropic, zenith below 45 degree.
Gamma rays: E^-2.6 from 30 TeV to 1 PeV from the Crab Nebula, only while it is
within 45 degree of the zenith; a gamma-ray shower gives 1.6 times the Cherenkov
light of a proton of the same energy. The number of stations hit grows with the
light; the direction error shrinks with it (about 0.3 degree per axis near
threshold, 0.1 degree for big showers).
"""
from __future__ import annotations

import numpy as np

from celestial.frames import horizontal_to_icrs, icrs_to_horizontal
from ml.eventsim import spectra
from ml.eventsim.descriptor import Collection
from ml.eventsim.schedule import LiveTime, TimeChunk, dark_slots, source_up_throughout
from ml.eventsim.simulator import Columns, Simulator
from ml.eventsim.sky import CRAB_DEC_DEG, CRAB_RA_DEG, offset_position

MAX_ZENITH_DEG = 45.0
CR_E_MIN_GEV, CR_E_MAX_GEV = 1.0e5, 1.0e8
GAMMA_INDEX, GAMMA_E_MIN_GEV, GAMMA_E_MAX_GEV = 2.6, 3.0e4, 1.0e6
GAMMA_LIGHT_FACTOR = 1.6
#: Share of the events in Crab-visible hours that are Crab gamma rays (boosted for the demo).
GAMMA_SHARE_WHILE_VISIBLE = 0.006
ARRAY_RADIUS_M = 560.0


def schedule(collection: Collection, rng: np.random.Generator) -> LiveTime:
    """Dark moonless clear hours in season (15-minute slots), flagged when the Crab is in the field of view."""
    live = dark_slots(collection.site, rng, collection.mjd_start, collection.mjd_end, 15.0, 0.5)
    visible = source_up_throughout(collection.site, live, CRAB_RA_DEG, CRAB_DEC_DEG, 90.0 - MAX_ZENITH_DEG)
    return LiveTime(live.start, live.stop, live.rate, {**live.labels, "crab_visible": visible})


def stations_hit(rng: np.random.Generator, light_equivalent_gev: np.ndarray) -> np.ndarray:
    """Number of stations in the timing fit for a shower of the given proton-equivalent light."""
    return np.minimum(4 + rng.poisson(3.0 * (light_equivalent_gev / 1.0e5) ** 0.7), 120)


def events(collection: Collection, rng: np.random.Generator, times: TimeChunk) -> Columns:
    n = len(times)
    gamma = times.label("crab_visible") & (rng.random(n) < GAMMA_SHARE_WHILE_VISIBLE)
    energy = np.where(
        gamma,
        spectra.power_law(rng, n, GAMMA_INDEX, GAMMA_E_MIN_GEV, GAMMA_E_MAX_GEV),
        spectra.broken_power_law(rng, n, CR_E_MIN_GEV, CR_E_MAX_GEV),
    )
    light = energy * np.where(gamma, GAMMA_LIGHT_FACTOR, 1.0)
    n_stations = stations_hit(rng, light)
    pos_err = 0.08 + 0.4 / np.sqrt(n_stations - 2.0)

    zenith = spectra.flat_array_zenith(rng, n, MAX_ZENITH_DEG)
    azimuth = spectra.uniform_azimuth(rng, n)
    ra, dec = horizontal_to_icrs(collection.site, times.mjd, zenith, azimuth)
    if gamma.any():
        k = int(gamma.sum())
        ra[gamma], dec[gamma] = offset_position(
            np.full(k, CRAB_RA_DEG), np.full(k, CRAB_DEC_DEG),
            rng.normal(0.0, 1.0, k) * pos_err[gamma], rng.normal(0.0, 1.0, k) * pos_err[gamma],
        )
        zenith[gamma], azimuth[gamma] = icrs_to_horizontal(collection.site, times.mjd[gamma], ra[gamma], dec[gamma])

    lg_energy = np.log10(light) + rng.normal(0.0, 0.08, n)
    radius = ARRAY_RADIUS_M * np.sqrt(rng.random(n))
    phi = rng.uniform(0.0, 2.0 * np.pi, n)
    return {
        "ra": ra,
        "dec": dec,
        "pos_err": pos_err,
        "zenith": zenith,
        "azimuth": azimuth,
        "core_x": radius * np.cos(phi),
        "core_y": radius * np.sin(phi),
        "n_stations": n_stations,
        "lg_energy": lg_energy,
        "energy": 10.0**lg_energy,
    }


SIMULATOR = Simulator(schedule=schedule, events=events, demo_share=0.20)
