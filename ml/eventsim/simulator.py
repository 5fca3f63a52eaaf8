"""What a collection's simulator provides: a data-taking schedule and per-event physics."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ml.eventsim.descriptor import Collection
from ml.eventsim.schedule import LiveTime, TimeChunk

Columns = dict[str, np.ndarray]


@dataclass(frozen=True)
class Simulator:
    """One collection's simulation.

    ``schedule`` draws the live intervals once per simulation; ``events`` fills
    every column except event_id and obs_mjd for one chunk of sorted times;
    ``demo_share`` is the collection's share of the default demo data set;
    ``angular_resolution`` gives pos_err (deg) for mm.events when the collection
    has no per-event pos_err column.
    """

    schedule: Callable[[Collection, np.random.Generator], LiveTime]
    events: Callable[[Collection, np.random.Generator, TimeChunk], Columns]
    demo_share: float
    angular_resolution: Callable[[Columns], np.ndarray] | None = None
