"""When an instrument takes data, and how event times are drawn from that.

A schedule is a list of live intervals (MJD, UTC), each with a relative event
rate and optional per-interval labels (run number, wobble side, ...). Event times
are drawn as a Poisson process over the live time, conditioned on the total
number of events, and come out sorted, in chunks, without ever holding all of
them: the live exposure is cut into equal parts, a multinomial draw says how many
events fall in each, and each part is filled and sorted on its own.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from celestial.sites import Site
from celestial.timescales import MJD_OF_UNIX_EPOCH, SECONDS_PER_DAY
from ml.eventsim.ephemeris import altitudes, moon_directions, source_altitudes, sun_directions

ASTRONOMICAL_NIGHT_SUN_ALT = -18.0
MOON_SET_ALT = -0.5
#: Months in which the Tunka-valley Cherenkov instruments take data (September to April).
CHERENKOV_SEASON_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4)


@dataclass(frozen=True)
class LiveTime:
    """Live intervals [start, stop) in MJD with relative rates and per-interval labels."""

    start: np.ndarray
    stop: np.ndarray
    rate: np.ndarray
    labels: dict[str, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if len(self.start) == 0:
            raise ValueError("the schedule has no live time: nothing can be simulated")

    @property
    def exposure(self) -> np.ndarray:
        return (self.stop - self.start) * self.rate

    def select(self, keep: np.ndarray) -> LiveTime:
        """The intervals where keep is true."""
        return LiveTime(
            self.start[keep], self.stop[keep], self.rate[keep], {k: v[keep] for k, v in self.labels.items()}
        )


@dataclass(frozen=True)
class TimeChunk:
    """Sorted event times and the index of the live interval each falls in."""

    mjd: np.ndarray
    interval: np.ndarray
    live: LiveTime

    def __len__(self) -> int:
        return len(self.mjd)

    def label(self, name: str) -> np.ndarray:
        return self.live.labels[name][self.interval]


def sorted_times(
    live: LiveTime, n_events: int, rng: np.random.Generator, max_chunk: int = 200_000
) -> Iterator[TimeChunk]:
    """n_events times over the live time, sorted, in chunks of at most max_chunk."""
    if n_events <= 0:
        return
    cumulative = np.concatenate([[0.0], np.cumsum(live.exposure)])
    total = cumulative[-1]
    parts = max(1, -(-n_events // max(1, max_chunk // 2)))
    counts = rng.multinomial(n_events, np.full(parts, 1.0 / parts))
    edges = np.linspace(0.0, total, parts + 1)
    for part, count in enumerate(counts):
        u = np.sort(rng.uniform(edges[part], edges[part + 1], count))
        interval = np.clip(np.searchsorted(cumulative, u, side="right") - 1, 0, len(live.start) - 1)
        mjd = live.start[interval] + (u - cumulative[interval]) / live.rate[interval]
        for first in range(0, count, max_chunk):
            piece = slice(first, first + max_chunk)
            yield TimeChunk(mjd[piece], interval[piece], live)


def continuous_runs(
    rng: np.random.Generator,
    mjd_start: float,
    mjd_end: float,
    mean_run_days: float,
    duty_cycle: float,
) -> LiveTime:
    """Back-to-back runs of random length; each run is lost (downtime) with probability 1 - duty_cycle."""
    n_max = int(2.0 * (mjd_end - mjd_start) / mean_run_days) + 10
    lengths = rng.uniform(0.5, 1.5, n_max) * mean_run_days
    bounds = mjd_start + np.concatenate([[0.0], np.cumsum(lengths)])
    bounds = bounds[bounds < mjd_end]
    start, stop = bounds, np.append(bounds[1:], mjd_end)
    good = rng.random(len(start)) < duty_cycle
    run_number = np.arange(1, len(start) + 1, dtype=np.int64)
    live = LiveTime(start, stop, np.ones(len(start)), {"run_number": run_number})
    return live.select(good)


def months(mjd: np.ndarray) -> np.ndarray:
    """Calendar month (1-12, UTC) of each MJD."""
    unix_seconds = np.floor((np.asarray(mjd) - MJD_OF_UNIX_EPOCH) * SECONDS_PER_DAY)
    dates = unix_seconds.astype("datetime64[s]")
    return dates.astype("datetime64[M]").astype(int) % 12 + 1


def dark_slots(
    site: Site,
    rng: np.random.Generator,
    mjd_start: float,
    mjd_end: float,
    slot_minutes: float,
    clear_night_fraction: float,
) -> LiveTime:
    """Slots in astronomical darkness with the Moon down, in season and on clear nights.

    The Sun is below -18 degree and the Moon below the horizon at both ends of the
    slot (so throughout it: neither turns round within minutes); each night (local
    noon to noon) is clear with probability clear_night_fraction.
    """
    step = slot_minutes / 1440.0
    start = np.arange(mjd_start, mjd_end - step, step)
    start = start[np.isin(months(start + step / 2.0), CHERENKOV_SEASON_MONTHS)]
    for body, limit in ((sun_directions, ASTRONOMICAL_NIGHT_SUN_ALT), (moon_directions, MOON_SET_ALT)):
        start = start[below_throughout(site, start, step, body, limit)]
    night = np.floor(start + step / 2.0 + site.longitude / 360.0 - 0.5).astype(np.int64)
    nights, index = np.unique(night, return_inverse=True)
    clear = (rng.random(len(nights)) < clear_night_fraction)[index]
    start = start[clear]
    return LiveTime(start, start + step, np.ones(len(start)), {"night": night[clear]})


def below_throughout(
    site: Site, start: np.ndarray, step: float, directions: Callable[[np.ndarray], np.ndarray], limit_deg: float
) -> np.ndarray:
    """Whether a body (directions(mjd) -> unit vectors) stays below limit_deg altitude from start to start + step."""
    ends = np.concatenate([start, start + step])
    below = altitudes(site, ends, directions(ends)) < limit_deg
    return below[: len(start)] & below[len(start):]


def source_up_throughout(site: Site, live: LiveTime, ra_deg: float, dec_deg: float, limit_deg: float) -> np.ndarray:
    """Whether a fixed source stays above limit_deg altitude over each interval (checked at both ends:
    within minutes its altitude has at most one maximum)."""
    ends = np.concatenate([live.start, live.stop])
    above = source_altitudes(site, ends, ra_deg, dec_deg) > limit_deg
    return above[: len(live.start)] & above[len(live.start):]
