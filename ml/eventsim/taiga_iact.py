"""TAIGA-IACT: wobble observations of the Crab Nebula with Hillas-parameter images.

The telescopes track the Crab in 28-minute runs that alternate between wobble
positions 1.2 degree east and west of it, whenever it is above 40 degree
elevation in dark moonless clear hours of the season. 1 % of the images are Crab
gamma rays (about ten times the real share before cuts, so that the source shows
without any gamma/hadron separation); the others are cosmic rays spread evenly
over the inner 3.5 degree of the field of view. Images come from ml.eventsim.hillas.
"""
from __future__ import annotations

import numpy as np

from celestial.frames import icrs_to_horizontal
from ml.eventsim import hillas
from ml.eventsim.descriptor import Collection
from ml.eventsim.schedule import LiveTime, TimeChunk, dark_slots, source_up_throughout
from ml.eventsim.simulator import Columns, Simulator
from ml.eventsim.sky import CRAB_DEC_DEG, CRAB_RA_DEG, offset_position, tangent_offset

RUN_MINUTES = 28.0
MIN_ELEVATION_DEG = 40.0
WOBBLE_OFFSET_DEG = 1.2
GAMMA_SHARE = 0.01
BACKGROUND_RADIUS_DEG = 3.5
#: MJD from which IACT01, IACT02 and IACT03 take data.
TELESCOPES_FROM = (58727.0, 59123.0, 59488.0)


def schedule(collection: Collection, rng: np.random.Generator) -> LiveTime:
    """Runs on the Crab while it is above 40 degree elevation in dark moonless clear hours."""
    slots = dark_slots(collection.site, rng, collection.mjd_start, collection.mjd_end, RUN_MINUTES, 0.5)
    up = source_up_throughout(collection.site, slots, CRAB_RA_DEG, CRAB_DEC_DEG, MIN_ELEVATION_DEG)
    runs = slots.select(up)
    run_number = np.arange(1, len(runs.start) + 1, dtype=np.int64)
    wobble = np.where(run_number % 2 == 1, 1.0, -1.0)
    return LiveTime(runs.start, runs.stop, runs.rate, {"run_number": run_number, "wobble": wobble})


def telescope_ids(rng: np.random.Generator, mjd: np.ndarray) -> np.ndarray:
    """Telescope of each image, evenly among those in operation at its time."""
    in_operation = np.sum(mjd[:, None] >= np.array(TELESCOPES_FROM)[None, :], axis=1).clip(min=1)
    return 1 + np.floor(rng.random(len(mjd)) * in_operation).astype(np.int16)


def events(collection: Collection, rng: np.random.Generator, times: TimeChunk) -> Columns:
    n = len(times)
    gamma = rng.random(n) < GAMMA_SHARE
    showers_gamma = hillas.triggered_showers(rng, int(gamma.sum()), hillas.GAMMA)
    showers_proton = hillas.triggered_showers(rng, int((~gamma).sum()), hillas.PROTON)
    showers = hillas.Showers.interleave(gamma, showers_gamma, showers_proton)
    gamma_like = gamma | (rng.random(n) < hillas.GAMMA_LIKE_PROTON_SHARE)

    pointing_ra, pointing_dec = offset_position(
        np.full(n, CRAB_RA_DEG), np.full(n, CRAB_DEC_DEG), times.label("wobble") * WOBBLE_OFFSET_DEG, np.zeros(n)
    )
    source_x, source_y = tangent_offset(pointing_ra, pointing_dec, np.full(n, CRAB_RA_DEG), np.full(n, CRAB_DEC_DEG))
    image = hillas.image_parameters(rng, showers, gamma_like, source_x, source_y)

    pos_err = hillas.direction_error(showers.size)
    radius = BACKGROUND_RADIUS_DEG * np.sqrt(rng.random(n))
    phi = rng.uniform(0.0, 2.0 * np.pi, n)
    dx = np.where(gamma, source_x + rng.normal(0.0, 1.0, n) * pos_err, radius * np.cos(phi))
    dy = np.where(gamma, source_y + rng.normal(0.0, 1.0, n) * pos_err, radius * np.sin(phi))
    ra, dec = offset_position(pointing_ra, pointing_dec, dx, dy)

    zenith, azimuth = icrs_to_horizontal(
        collection.site, np.concatenate([times.mjd, times.mjd]),
        np.concatenate([ra, pointing_ra]), np.concatenate([dec, pointing_dec]),
    )
    return {
        "run_number": times.label("run_number"),
        "telescope_id": telescope_ids(rng, times.mjd),
        "ra": ra,
        "dec": dec,
        "pos_err": pos_err,
        "zenith": zenith[:n],
        "azimuth": azimuth[:n],
        "pointing_ra": pointing_ra,
        "pointing_dec": pointing_dec,
        "pointing_zenith": zenith[n:],
        "pointing_azimuth": azimuth[n:],
        "energy": hillas.gamma_hypothesis_energy(showers.size),
        **image,
    }


SIMULATOR = Simulator(schedule=schedule, events=events, demo_share=0.15)
