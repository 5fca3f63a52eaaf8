"""Simulated demo event data for the data centre's collections.

``simulate(collection_id, n_events, seed)`` yields column batches whose keys and
dtypes are exactly those of ``resources/<collection_id>.yaml``; ``mm_rows`` turns
a batch into ``mm.events`` rows; ``default_counts`` sizes the demo data set.
Output depends only on (collection_id, n_events, seed).
"""
from __future__ import annotations

import zlib
from collections.abc import Iterator

import numpy as np

from ml.eventsim import baikal_gvd, kascade_grande, taiga_hiscore, taiga_iact, tunka133
from ml.eventsim.descriptor import UnknownCollection, load_collection
from ml.eventsim.schedule import sorted_times
from ml.eventsim.simulator import Columns, Simulator

COLLECTIONS: dict[str, Simulator] = {
    "kascade_grande": kascade_grande.SIMULATOR,
    "tunka133": tunka133.SIMULATOR,
    "taiga_hiscore": taiga_hiscore.SIMULATOR,
    "taiga_iact": taiga_iact.SIMULATOR,
    "baikal_gvd": baikal_gvd.SIMULATOR,
}
MAX_CHUNK_ROWS = 200_000
DEMO_EVENTS_AT_SCALE_1 = 1_000_000
MM_COLUMNS = ("messenger", "facility", "collection", "event_id", "obs_mjd", "ra", "dec", "pos_err", "energy")

__all__ = ["COLLECTIONS", "UnknownCollection", "default_counts", "mm_rows", "simulate"]


def _simulator(collection_id: str) -> Simulator:
    try:
        return COLLECTIONS[collection_id]
    except KeyError:
        raise UnknownCollection(
            f"no simulator for collection {collection_id!r}; known: {', '.join(sorted(COLLECTIONS))}"
        ) from None


def _generator(collection_id: str, seed: int) -> np.random.Generator:
    """A PCG64 stream for (collection, seed): different collections never share random numbers."""
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, zlib.crc32(collection_id.encode())])))


def simulate(
    collection_id: str, n_events: int, seed: int = 0, *, max_chunk: int = MAX_CHUNK_ROWS
) -> Iterator[Columns]:
    """Yield the collection's events in time order, in column batches of at most max_chunk rows."""
    simulator = _simulator(collection_id)
    if n_events < 0 or int(n_events) != n_events:
        raise ValueError(f"n_events must be a non-negative integer, got {n_events!r}")
    if seed < 0:
        raise ValueError(f"seed must be non-negative, got {seed!r}")
    collection = load_collection(collection_id)
    rng = _generator(collection_id, int(seed))
    live = simulator.schedule(collection, rng)
    next_id = 1
    for times in sorted_times(live, int(n_events), rng, max_chunk=min(max_chunk, MAX_CHUNK_ROWS)):
        columns = simulator.events(collection, rng, times)
        columns["event_id"] = np.arange(next_id, next_id + len(times), dtype=np.int64)
        columns["obs_mjd"] = times.mjd
        next_id += len(times)
        yield collection.batch(columns)


def mm_rows(collection_id: str, batch: Columns) -> Columns:
    """The mm.events columns for one batch of a collection's events."""
    simulator = _simulator(collection_id)
    collection = load_collection(collection_id)
    n = len(batch["event_id"])
    if "pos_err" in batch:
        pos_err = batch["pos_err"]
    elif simulator.angular_resolution is not None:
        pos_err = simulator.angular_resolution(batch)
    else:
        raise ValueError(f"{collection_id}: no pos_err column and no angular resolution to derive it")
    return {
        "messenger": np.full(n, collection.messenger),
        "facility": np.full(n, collection.facility),
        "collection": np.full(n, collection.id),
        "event_id": np.asarray(batch["event_id"], dtype=np.int64),
        "obs_mjd": np.asarray(batch["obs_mjd"], dtype=np.float64),
        "ra": np.asarray(batch["ra"], dtype=np.float64),
        "dec": np.asarray(batch["dec"], dtype=np.float64),
        "pos_err": np.asarray(pos_err, dtype=np.float32),
        "energy": np.asarray(batch["energy"], dtype=np.float64),
    }


def default_counts(scale: float = 1.0) -> dict[str, int]:
    """Events per collection for the demo: scale 1 is about a million in all, in realistic proportions."""
    if not scale > 0:
        raise ValueError(f"scale must be positive, got {scale!r}")
    return {cid: max(1, round(sim.demo_share * DEMO_EVENTS_AT_SCALE_1 * scale)) for cid, sim in COLLECTIONS.items()}
