"""Baikal-GVD: up-going muon-neutrino tracks from 1 TeV to 10 PeV.

Atmospheric neutrinos (E^-3.7 from 1 TeV) plus a diffuse astrophysical flux
(E^-2.5 from 10 TeV, 2 % of the tracks). The event rate grows with the number of
clusters deployed each spring. Directions are isotropic below the horizon
(cos z uniform in [-1, -0.1]); the angular error shrinks with energy from a few
degrees at 1 TeV to about 0.4 degree at PeV energies, the energy estimate from
the muon's energy loss has a 0.35 dex spread.
"""
from __future__ import annotations

import numpy as np

from celestial.frames import horizontal_to_icrs
from ml.eventsim import spectra
from ml.eventsim.descriptor import Collection
from ml.eventsim.schedule import LiveTime, TimeChunk, continuous_runs
from ml.eventsim.simulator import Columns, Simulator

ATMOSPHERIC_INDEX, ASTROPHYSICAL_INDEX = 3.7, 2.5
ASTROPHYSICAL_SHARE = 0.02
E_MAX_GEV = 1.0e7
#: Clusters in operation from each spring (MJD of 1 April): 2018 ... 2024.
CLUSTERS_FROM = ((58209, 3), (58574, 5), (58940, 7), (59305, 8), (59670, 10), (60035, 12), (60401, 13))
MAX_COS_ZENITH = -0.1


def active_clusters(mjd: np.ndarray) -> np.ndarray:
    """Number of GVD clusters taking data at each time."""
    starts = np.array([s for s, _ in CLUSTERS_FROM])
    counts = np.array([c for _, c in CLUSTERS_FROM])
    return counts[np.clip(np.searchsorted(starts, mjd, side="right") - 1, 0, len(counts) - 1)]


def schedule(collection: Collection, rng: np.random.Generator) -> LiveTime:
    """Continuous runs of about half a day, 92 % good, rate proportional to the clusters in operation."""
    live = continuous_runs(rng, collection.mjd_start, collection.mjd_end, mean_run_days=0.5, duty_cycle=0.92)
    rate = active_clusters(live.start).astype(float)
    return LiveTime(live.start, live.stop, rate, {"clusters": rate.astype(np.int16)})


def events(collection: Collection, rng: np.random.Generator, times: TimeChunk) -> Columns:
    n = len(times)
    astrophysical = rng.random(n) < ASTROPHYSICAL_SHARE
    energy = np.where(
        astrophysical,
        spectra.power_law(rng, n, ASTROPHYSICAL_INDEX, 1.0e4, E_MAX_GEV),
        spectra.power_law(rng, n, ATMOSPHERIC_INDEX, 1.0e3, E_MAX_GEV),
    )
    cos_zenith = rng.uniform(-1.0, MAX_COS_ZENITH, n)
    zenith = np.degrees(np.arccos(cos_zenith))
    azimuth = spectra.uniform_azimuth(rng, n)
    ra, dec = horizontal_to_icrs(collection.site, times.mjd, zenith, azimuth)
    lg_energy = np.log10(energy) + rng.normal(0.0, 0.35, n)
    pos_err = 0.3 + 2.5 * (energy / 1.0e3) ** -0.35 * spectra.lognormal_factor(rng, n, 0.1)
    clusters = times.label("clusters")
    return {
        "ra": ra,
        "dec": dec,
        "pos_err": np.clip(pos_err, 0.25, 6.0),
        "zenith": zenith,
        "azimuth": azimuth,
        "cluster_id": 1 + np.floor(rng.random(n) * clusters).astype(np.int16),
        "n_hits": np.minimum(8 + rng.poisson(6.0 * (energy / 1.0e3) ** 0.3), 288),
        "lg_energy": lg_energy,
        "energy": 10.0**lg_energy,
    }


SIMULATOR = Simulator(schedule=schedule, events=events, demo_share=0.05)
