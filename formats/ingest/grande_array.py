"""The 37 Grande stations, the shower front they see, and the direction fitted back from it.

Our KASCADE-Grande raw format (specs/kascade_grande.ksy) records per station an
energy deposit and the arrival time of the shower front (0.1 ns units, relative
to the event time). The direction is the classic plane-front fit: a plane
moving at the speed of light reaches station r at t = t0 - (u . r) / c, where
u is the horizontal part of the unit vector towards the source; three or more
hit stations give (t0, u_east, u_north) by least squares, solved for all
events of a batch at once. `shower_signals` is the forward model the demo
simulation writes raw files with, so the fit can be checked end to end.

Stations sit on a hexagonal grid of 137 m spacing (Grande's mean distance)
centred in the simulated core area, x towards east and y towards north (m).
"""

from __future__ import annotations

import numpy as np

SPEED_OF_LIGHT_M_PER_NS = 0.299792458
ARRIVAL_TIME_UNIT_NS = 0.1
STATION_SPACING_M = 137.0
ARRAY_CENTRE_M = (-315.0, -365.0)
STATION_AREA_M2 = 10.0
HIT, SATURATED = 1, 2
_MOLIERE_M = 80.0
_ADC_PER_PARTICLE = 8.0
_ADC_THRESHOLD = 3


def station_positions() -> np.ndarray:
    """(37, 2) east/north positions in metres: hexagonal rings 0-3 around the array centre."""
    rings = [(0.0, 0.0)]
    corners = [(np.cos(np.radians(60 * k)), np.sin(np.radians(60 * k))) for k in range(7)]
    for ring in range(1, 4):
        for side in range(6):
            (x0, y0), (x1, y1) = corners[side], corners[side + 1]
            for step in range(ring):
                f = step / ring
                rings.append((ring * (x0 + f * (x1 - x0)), ring * (y0 + f * (y1 - y0))))
    return np.asarray(rings) * STATION_SPACING_M + np.asarray(ARRAY_CENTRE_M)


def horizontal_direction(zenith_deg: np.ndarray, azimuth_deg: np.ndarray) -> np.ndarray:
    """(n, 2) east/north components of the unit vector towards the source (azimuth from north through east)."""
    sin_zenith = np.sin(np.radians(zenith_deg))
    azimuth = np.radians(azimuth_deg)
    return np.stack([sin_zenith * np.sin(azimuth), sin_zenith * np.cos(azimuth)], axis=1)


def shower_signals(zenith_deg: np.ndarray, azimuth_deg: np.ndarray, core_xy: np.ndarray,
                   lg_ne: np.ndarray) -> dict[str, np.ndarray]:
    """Station columns (adc, status, arrival_time, each (n, 37)) of showers with these axes and sizes.

    Densities follow an NKG-like lateral function; stations below threshold have
    no signal. Arrival times are those of a plane front, relative to the moment
    it crosses the core.
    """
    stations = station_positions()
    offset = stations[None, :, :] - np.asarray(core_xy, dtype=float)[:, None, :]
    radius = np.maximum(np.hypot(offset[..., 0], offset[..., 1]), 1.0)
    scaled = radius / _MOLIERE_M
    density = 10.0 ** np.asarray(lg_ne, dtype=float)[:, None] / (2 * np.pi * _MOLIERE_M**2) \
        * scaled**-0.8 * (1 + scaled) ** -3.2
    adc = np.rint(density * STATION_AREA_M2 * _ADC_PER_PARTICLE)
    hit = adc >= _ADC_THRESHOLD
    saturated = adc > 0xFFFF
    direction = horizontal_direction(zenith_deg, azimuth_deg)
    delay_ns = -(offset * direction[:, None, :]).sum(axis=2) / SPEED_OF_LIGHT_M_PER_NS
    arrival = np.where(hit, np.rint(delay_ns / ARRIVAL_TIME_UNIT_NS), 0)
    return {
        "station_adc": np.where(hit, np.minimum(adc, 0xFFFF), 0).astype(np.uint16),
        "station_status": (hit * HIT + saturated * SATURATED).astype(np.uint16),
        "station_arrival_time": arrival.astype(np.int32),
    }


def fit_direction(status: np.ndarray, arrival_time: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Zenith and azimuth (deg) of plane fronts fitted to the hit stations; NaN with fewer than 3 hits."""
    stations = station_positions()
    weight = (np.asarray(status) & HIT).astype(float)
    t_ns = np.asarray(arrival_time, dtype=float) * ARRIVAL_TIME_UNIT_NS
    design = np.column_stack([np.ones(len(stations)), -stations / SPEED_OF_LIGHT_M_PER_NS])
    normal = np.einsum("ns,si,sj->nij", weight, design, design)
    rhs = np.einsum("ns,si,ns->ni", weight, design, t_ns)
    solution = np.einsum("nij,nj->ni", np.linalg.pinv(normal), rhs)
    east, north = solution[:, 1], solution[:, 2]
    sin_zenith = np.minimum(np.hypot(east, north), 1.0)
    zenith = np.degrees(np.arcsin(sin_zenith))
    azimuth = np.degrees(np.arctan2(east, north)) % 360.0
    enough = weight.sum(axis=1) >= 3
    return np.where(enough, zenith, np.nan), np.where(enough, azimuth, np.nan)
