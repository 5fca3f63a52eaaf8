"""`apo simulate-raw`: the demo simulation's events written as raw files, so the whole life cycle runs.

ml.eventsim gives reconstructed events; this module turns them into the raw
records the detectors would have written (formats.writers) so that
raw files -> `apo ingest` -> TAP can be exercised end to end. KASCADE-Grande
files carry station signals and arrival times of the simulated shower front
(formats.ingest.grande_array), so ingest fits the direction back. The TAIGA
formats carry only a time of day, so their files are cut at UTC midnight and
named with the date, where ingest takes it from. Amplitudes and waveforms are
plausible shapes scaled by the event's size or energy, not a detector model.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from celestial.timescales import MJD_OF_UNIX_EPOCH, SECONDS_PER_DAY
from formats.fast.batch import Ragged
from formats.ingest.grande_array import shower_signals
from formats.writers import write_hiscore, write_iact, write_kascade_grande, write_links
from ml import eventsim
from vo_service.publishing.ingest import raw_collection

Columns = dict[str, np.ndarray]
NS_PER_DAY = SECONDS_PER_DAY * 10**9
WAVEFORM_SAMPLES = 16
_PULSE = np.exp(-0.5 * ((np.arange(WAVEFORM_SAMPLES) - 5.0) / 1.5) ** 2)


def _day_and_ns(mjd: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """UTC day (MJD) and nanoseconds since its midnight."""
    day = np.floor(mjd).astype(np.int64)
    ns = np.clip(np.rint((mjd - day) * NS_PER_DAY), 0, NS_PER_DAY - 1).astype(np.int64)
    return day, ns


def _iso_day(mjd_day: int) -> str:
    return str(np.datetime64(int(mjd_day - MJD_OF_UNIX_EPOCH), "D"))


def _pulses(amplitude: np.ndarray, blocks: int, rng: np.random.Generator, baseline: float) -> Ragged:
    """blocks waveforms of WAVEFORM_SAMPLES per event: baseline noise plus a pulse of the given amplitude."""
    n = len(amplitude)
    share = rng.dirichlet(np.ones(blocks), n) * blocks
    waves = baseline + rng.normal(0, 3, (n, blocks, WAVEFORM_SAMPLES)) \
        + (amplitude[:, None] * share)[:, :, None] * _PULSE
    values = np.clip(np.rint(waves), 0, 0xFFFF).astype(np.uint16).reshape(-1)
    return Ragged(values, np.full((n, blocks), WAVEFORM_SAMPLES, dtype=np.int64))


def _write_iact(path: Path, events: Columns, rng: np.random.Generator) -> None:
    _, ns = _day_and_ns(events["obs_mjd"])
    n = len(ns)
    signal = events["hillas_size"][:, None] / 32 * rng.exponential(1.0, (n, 32))
    pedestal = rng.normal(1000, 20, (n, 32))
    columns = {"event_number": events["event_id"], "time_of_day_ns": ns,
               "big": np.clip(np.rint(pedestal + 4.0 * signal), 0, 0xFFFF).astype(np.uint16),
               "small": np.clip(np.rint(pedestal + 0.4 * signal), 0, 0xFFFF).astype(np.uint16)}
    write_iact(path, columns)


def _write_hiscore(path: Path, events: Columns, rng: np.random.Generator) -> None:
    _, ns = _day_and_ns(events["obs_mjd"])
    amplitude = 50.0 * (events["energy"] / 1e5) ** 0.9
    columns = {"event_number": events["event_id"], "time_of_day_ns": ns,
               "station_number": np.minimum(events["n_stations"].astype(np.int64), 0xFFFF)}
    write_hiscore(path, columns, _pulses(amplitude, 9, rng, 200.0))


def _write_t133(path: Path, events: Columns, rng: np.random.Generator) -> None:
    _, ns = _day_and_ns(events["obs_mjd"])
    seconds = ns // 10**9
    columns = {"event_number": events["event_id"], "time_of_day_ns": ns, "cluster_number": np.ones(len(ns)),
               "host_hours": seconds // 3600, "host_minutes": seconds // 60 % 60, "host_seconds": seconds % 60,
               "host_milliseconds": ns // 10**6 % 1000, "optical_line_length": np.full(len(ns), 500)}
    amplitude = 30.0 * 10.0 ** (events["lg_q200"] - events["lg_q200"].min())
    write_links(path, columns, _pulses(np.minimum(amplitude, 2000.0), 32, rng, 2048.0), 32)


def _weather(mjd: np.ndarray, rng: np.random.Generator) -> Columns:
    """Karlsruhe-like weather in the raw units: 0.1 hPa, 0.01 degC, 0.01 %."""
    season = np.cos(2 * np.pi * (mjd - 51574.0) / 365.25)
    day = np.cos(2 * np.pi * (mjd % 1.0 - 0.6))
    celsius = 10.0 - 9.0 * season + 4.0 * day + rng.normal(0, 2, len(mjd))
    return {"pressure": np.rint(10080 + rng.normal(0, 60, len(mjd))),
            "temperature": np.rint(100 * celsius),
            "humidity": np.rint(np.clip(7500 + 1500 * season - 1000 * day + rng.normal(0, 500, len(mjd)), 0, 10000))}


def _write_kascade(path: Path, events: Columns, rng: np.random.Generator) -> None:
    mjd = events["obs_mjd"]
    day, ns = _day_and_ns(mjd)
    unix = (day - MJD_OF_UNIX_EPOCH) * SECONDS_PER_DAY + ns // 10**9
    stations = shower_signals(events["zenith"], events["azimuth"],
                              np.column_stack([events["core_x"], events["core_y"]]), events["lg_ne"])
    columns = {"event_number": events["event_id"], "unix_seconds": unix, "nanoseconds": ns % 10**9,
               "n_hit": (stations["station_status"] & 1).sum(axis=1), **_weather(mjd, rng), **stations}
    write_kascade_grande(path, columns, run_number=int(events["run_number"][0]), run_start=int(unix[0]))


Writer = Callable[[Path, Columns, np.random.Generator], None]
WRITERS: dict[str, tuple[Writer, Callable[[Columns], np.ndarray], Callable[[str, int], str]]] = {
    "iact": (_write_iact, lambda e: _day_and_ns(e["obs_mjd"])[0], lambda c, k: f"{c}_{_iso_day(k)}.iact"),
    "hiscore": (_write_hiscore, lambda e: _day_and_ns(e["obs_mjd"])[0], lambda c, k: f"{c}_{_iso_day(k)}.hiscore"),
    "t133": (_write_t133, lambda e: _day_and_ns(e["obs_mjd"])[0], lambda c, k: f"{c}_{_iso_day(k)}.t133"),
    "kascade_grande": (_write_kascade, lambda e: e["run_number"], lambda c, k: f"{c}_run{k:06d}.kg"),
}


def _groups(batches: Iterator[Columns], key: Callable[[Columns], np.ndarray]) -> Iterator[tuple[int, Columns]]:
    """Consecutive events sharing a key (a run or a UTC day), across batch boundaries; events are in time order."""
    pending: list[Columns] = []
    pending_key = None
    for batch in batches:
        keys = np.asarray(key(batch))
        edges = [0, *(np.flatnonzero(keys[1:] != keys[:-1]) + 1).tolist(), len(keys)]
        for lo, hi in zip(edges[:-1], edges[1:]):
            if pending and keys[lo] != pending_key:
                yield int(pending_key), {k: np.concatenate([p[k] for p in pending]) for k in pending[0]}
                pending = []
            pending.append({k: v[lo:hi] for k, v in batch.items()})
            pending_key = keys[lo]
    if pending:
        yield int(pending_key), {k: np.concatenate([p[k] for p in pending]) for k in pending[0]}


def simulate_raw(collection: str, out: Path, *, n_events: int | None = None, seed: int = 0,
                 max_files: int | None = None) -> list[tuple[Path, int]]:
    """Write the simulated events of a raw collection's source collection as raw files; (path, records) each."""
    raw, format_name = raw_collection(collection)
    source = raw.get("simulation")
    if source is None or format_name not in WRITERS:
        raise ValueError(f"collection {collection!r} has no simulated source events to write as raw files")
    if max_files is not None and max_files < 1:
        raise ValueError("--files must be at least 1")
    write, key, name = WRITERS[format_name]
    count = eventsim.default_counts()[source] if n_events is None else n_events
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for file_key, events in _groups(eventsim.simulate(source, count, seed=seed), key):
        path = out / name(source, file_key)
        write(path, events, rng)
        written.append((path, len(events["event_id"])))
        if max_files is not None and len(written) >= max_files:
            break
    return written
