"""Spatial coverage as a HEALPix MOC: nested cell numbers of positions and the ASCII serialisation.

VODataService 1.2 wants `<spatial>` as an ASCII MOC (MOC 2.0 §4.3.2) of at least
order 6; neither mocpy nor astropy-healpix is a dependency, and the nested
ang2pix is a few lines of numpy, so it lives here.
"""
from __future__ import annotations

from typing import Iterable

import numpy as np

MAX_ORDER = 29


def _spread_bits(values: np.ndarray) -> np.ndarray:
    """Put bit k of each value at bit 2k (Morton interleaving, up to 32 input bits)."""
    v = values.astype(np.uint64)
    for shift, mask in ((16, 0x0000FFFF0000FFFF), (8, 0x00FF00FF00FF00FF), (4, 0x0F0F0F0F0F0F0F0F),
                        (2, 0x3333333333333333), (1, 0x5555555555555555)):
        v = (v | (v << np.uint64(shift))) & np.uint64(mask)
    return v


def nested_index(order: int, ra_deg: np.ndarray, dec_deg: np.ndarray) -> np.ndarray:
    """HEALPix NESTED cell numbers at `order` of ICRS positions in degrees (Górski et al. 2005)."""
    if not 0 <= order <= MAX_ORDER:
        raise ValueError(f"HEALPix order must be between 0 and {MAX_ORDER}, not {order}")
    nside = 1 << order
    ra = np.asarray(ra_deg, dtype=np.float64)
    dec = np.asarray(dec_deg, dtype=np.float64)
    if not (np.isfinite(ra).all() and np.isfinite(dec).all()):
        raise ValueError("positions must be finite numbers (drop NULL positions first)")
    if ((dec < -90) | (dec > 90)).any():
        raise ValueError("declinations must lie between -90 and +90 degrees")
    z = np.sin(np.radians(dec))
    za = np.abs(z)
    tt = np.mod(np.radians(ra), 2 * np.pi) / (np.pi / 2)
    tt = np.where(tt >= 4.0, 0.0, tt)

    temp1 = nside * (0.5 + tt)
    temp2 = nside * z * 0.75
    jp = (temp1 - temp2).astype(np.int64)
    jm = (temp1 + temp2).astype(np.int64)
    ifp, ifm = jp // nside, jm // nside
    face_eq = np.where(ifp == ifm, ifp | 4, np.where(ifp < ifm, ifp, ifm + 8))
    ix_eq = jm & (nside - 1)
    iy_eq = nside - (jp & (nside - 1)) - 1

    ntt = np.minimum(tt.astype(np.int64), 3)
    tp = tt - ntt
    tmp = nside * np.sqrt(3.0 * (1.0 - za))
    jp_p = np.minimum((tp * tmp).astype(np.int64), nside - 1)
    jm_p = np.minimum(((1.0 - tp) * tmp).astype(np.int64), nside - 1)
    north = z >= 0
    face_p = np.where(north, ntt, ntt + 8)
    ix_p = np.where(north, nside - jm_p - 1, jp_p)
    iy_p = np.where(north, nside - jp_p - 1, jm_p)

    equatorial = za <= 2.0 / 3.0
    face = np.where(equatorial, face_eq, face_p).astype(np.uint64)
    ix = np.where(equatorial, ix_eq, ix_p)
    iy = np.where(equatorial, iy_eq, iy_p)
    inside = _spread_bits(ix) | (_spread_bits(iy) << np.uint64(1))
    return (face * np.uint64(nside * nside) + inside).astype(np.int64)


def normalised(order: int, cells: Iterable[int]) -> dict[int, np.ndarray]:
    """Cells of one order as a MOC: every complete group of four siblings becomes its parent."""
    current = np.unique(np.fromiter(cells, dtype=np.int64))
    by_order: dict[int, np.ndarray] = {}
    for level in range(order, 0, -1):
        parents, counts = np.unique(current >> 2, return_counts=True)
        complete = parents[counts == 4]
        by_order[level] = current[~np.isin(current >> 2, complete)]
        current = complete
    by_order[0] = current
    return {level: by_order[level] for level in sorted(by_order)}


def _ranges(cells: np.ndarray) -> list[str]:
    if cells.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(cells) != 1)
    starts = np.concatenate(([cells[0]], cells[breaks + 1]))
    ends = np.concatenate((cells[breaks], [cells[-1]]))
    return [str(s) if s == e else f"{s}-{e}" for s, e in zip(starts.tolist(), ends.tolist())]


def moc_ascii(order: int, cells: Iterable[int]) -> str:
    """The ASCII serialisation, e.g. ``"3/1-3 6/40 41"``; the deepest order is always stated."""
    parts = []
    moc = normalised(order, cells)
    for level, level_cells in moc.items():
        ranges = _ranges(level_cells)
        if ranges:
            parts.append(f"{level}/" + " ".join(ranges))
    if not moc[order].size:
        parts.append(f"{order}/")
    return " ".join(parts)

