"""HEALPix nested scheme on cdshealpix: the cell of an ICRS position, the centre of a cell.

The one implementation behind the ADQL `ivo_healpix_*` functions on SQLite and
the registry's spatial coverage. On positions inside a cell it gives the same
numbers as pgSphere's `healpix_nest` (the PostgreSQL path); on exact cell
boundaries any two implementations may round differently.
"""
from __future__ import annotations

import astropy.units as u
import numpy as np
from astropy.coordinates import Latitude, Longitude
from cdshealpix.nested import healpix_to_lonlat, lonlat_to_healpix
from numpy.typing import ArrayLike

MAX_ORDER = 29
BASE_CELLS = 12


def checked_order(order: int) -> int:
    """`order` itself if HEALPix defines it (0 to 29), else a ValueError that says so."""
    if not 0 <= order <= MAX_ORDER:
        raise ValueError(f"HEALPix order must be between 0 and {MAX_ORDER}, not {order}")
    return order


def cell_count(order: int) -> int:
    """Number of cells covering the sky at `order`."""
    return BASE_CELLS << (2 * checked_order(order))


def nested_index(order: int, ra_deg: ArrayLike, dec_deg: ArrayLike) -> np.ndarray:
    """Nested cell numbers at `order` of ICRS positions in degrees (int64, one per position)."""
    checked_order(order)
    ra = np.atleast_1d(np.asarray(ra_deg, dtype=np.float64))
    dec = np.atleast_1d(np.asarray(dec_deg, dtype=np.float64))
    if not (np.isfinite(ra).all() and np.isfinite(dec).all()):
        raise ValueError("positions must be finite numbers (drop NULL positions first)")
    if ((dec < -90.0) | (dec > 90.0)).any():
        raise ValueError("declinations must lie between -90 and +90 degrees")
    cells = lonlat_to_healpix(Longitude(ra, unit=u.deg), Latitude(dec, unit=u.deg), order)
    return cells.astype(np.int64)


def cell_centres(order: int, index: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """(ra, dec) in degrees, ra in [0, 360), of the centres of nested cells `index` at `order`."""
    cells = np.atleast_1d(np.asarray(index, dtype=np.int64))
    if ((cells < 0) | (cells >= cell_count(order))).any():
        raise ValueError(f"HEALPix indices must lie in [0, {cell_count(order)}) at order {order}")
    lon, lat = healpix_to_lonlat(cells.astype(np.uint64), order)
    return lon.to_value(u.deg), lat.to_value(u.deg)
