"""HEALPix nested scheme on astropy-healpix: the cell of an ICRS position, the centre of a cell.

The one implementation behind the ADQL `ivo_healpix_*` functions on SQLite (per row and, in
the columnar evaluator, per column) and the registry's spatial coverage. On positions inside a
cell it gives the same numbers as pgSphere's `healpix_nest` (the PostgreSQL path); on exact
cell boundaries any two implementations may round differently. Centres come back through a unit
vector, so they may differ from pgSphere's in the last bit (44.99999999999999 for 45).

Each operation comes for arrays and for one value: astropy-healpix costs a few microseconds a
call whatever its size, which SQLite pays once per row, so the one-value forms skip numpy's
array handling. Both forms hand the same radians to the same C code and give the same cells.
"""
from __future__ import annotations

import math

import astropy.units as u
import numpy as np
from astropy_healpix import healpix_to_xyz, lonlat_to_healpix
from numpy.typing import ArrayLike

MAX_ORDER = 29
BASE_CELLS = 12
SCHEME = "nested"
FULL_TURN_DEG = 360.0
POLE_DEG = 90.0
_NOT_FINITE = "positions must be finite numbers (drop NULL positions first)"
_BEYOND_POLE = "declinations must lie between -90 and +90 degrees"


def checked_order(order: int) -> int:
    """`order` itself if HEALPix defines it (0 to 29), else a ValueError that says so."""
    if not 0 <= order <= MAX_ORDER:
        raise ValueError(f"HEALPix order must be between 0 and {MAX_ORDER}, not {order}")
    return order


def cell_count(order: int) -> int:
    """Number of cells covering the sky at `order`."""
    return BASE_CELLS << (2 * checked_order(order))


def _nside(order: int) -> int:
    return 1 << checked_order(order)


def _cells(nside: int, lon_rad, lat_rad):
    return lonlat_to_healpix(u.Quantity(lon_rad, u.rad), u.Quantity(lat_rad, u.rad), nside, order=SCHEME)


def nested_index(order: int, ra_deg: ArrayLike, dec_deg: ArrayLike) -> np.ndarray:
    """Nested cell numbers at `order` of ICRS positions in degrees (int64, one per position)."""
    nside = _nside(order)
    ra = np.atleast_1d(np.asarray(ra_deg, dtype=np.float64))
    dec = np.atleast_1d(np.asarray(dec_deg, dtype=np.float64))
    if not (np.isfinite(ra).all() and np.isfinite(dec).all()):
        raise ValueError(_NOT_FINITE)
    if ((dec < -POLE_DEG) | (dec > POLE_DEG)).any():
        raise ValueError(_BEYOND_POLE)
    return np.asarray(_cells(nside, np.radians(ra), np.radians(dec)), dtype=np.int64)


def nested_cell(order: int, ra_deg: float, dec_deg: float) -> int:
    """`nested_index` of one position, for callers that ask one row at a time (SQLite functions)."""
    nside = _nside(order)
    if not (math.isfinite(ra_deg) and math.isfinite(dec_deg)):
        raise ValueError(_NOT_FINITE)
    if not -POLE_DEG <= dec_deg <= POLE_DEG:
        raise ValueError(_BEYOND_POLE)
    return int(_cells(nside, math.radians(ra_deg), math.radians(dec_deg)))


def _outside(order: int) -> ValueError:
    return ValueError(f"HEALPix indices must lie in [0, {cell_count(order)}) at order {order}")


def cell_centres(order: int, index: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """(ra, dec) in degrees, ra in [0, 360), of the centres of nested cells `index` at `order`."""
    cells = np.atleast_1d(np.asarray(index, dtype=np.int64))
    if ((cells < 0) | (cells >= cell_count(order))).any():
        raise _outside(order)
    x, y, z = healpix_to_xyz(cells, _nside(order), order=SCHEME)
    return np.degrees(np.arctan2(y, x)) % FULL_TURN_DEG, np.degrees(np.arctan2(z, np.hypot(x, y)))


def cell_centre(order: int, index: int) -> tuple[float, float]:
    """`cell_centres` of one cell, for callers that ask one row at a time (SQLite functions)."""
    if not 0 <= index < cell_count(order):
        raise _outside(order)
    x, y, z = (float(c) for c in healpix_to_xyz(index, _nside(order), order=SCHEME))
    return math.degrees(math.atan2(y, x)) % FULL_TURN_DEG, math.degrees(math.atan2(z, math.hypot(x, y)))
