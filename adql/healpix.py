"""HEALPix nested scheme (Gorski et al. 2005) in pure Python: index of a position, centre of a pixel."""
from __future__ import annotations

import math

_JRLL = (2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4)
_JPLL = (1, 3, 5, 7, 0, 2, 4, 6, 1, 3, 5, 7)
MAX_ORDER = 29


def _spread(v: int) -> int:
    result, bit = 0, 0
    while v:
        result |= (v & 1) << (2 * bit)
        v >>= 1
        bit += 1
    return result


def _compress(v: int) -> int:
    result, bit = 0, 0
    while v:
        result |= (v & 1) << bit
        v >>= 2
        bit += 1
    return result


def _check_order(order: int) -> int:
    if not 0 <= order <= MAX_ORDER:
        raise ValueError(f"HEALPix order must be between 0 and {MAX_ORDER}, not {order}")
    return 1 << order


def ang2pix_nest(order: int, ra: float, dec: float) -> int:
    """Nested index at ``order`` of the pixel containing (ra, dec) in degrees."""
    nside = _check_order(order)
    z = math.sin(math.radians(dec))
    za = abs(z)
    tt = (math.radians(ra) / (math.pi / 2)) % 4.0
    if za <= 2.0 / 3.0:
        temp1 = nside * (0.5 + tt)
        temp2 = nside * z * 0.75
        jp = int(temp1 - temp2)
        jm = int(temp1 + temp2)
        ifp, ifm = jp >> order, jm >> order
        face = (ifp | 4) if ifp == ifm else (ifp if ifp < ifm else ifm + 8)
        ix = jm & (nside - 1)
        iy = nside - (jp & (nside - 1)) - 1
    else:
        ntt = min(3, int(tt))
        tp = tt - ntt
        tmp = nside * math.sqrt(3.0 * (1.0 - za))
        jp = min(int(tp * tmp), nside - 1)
        jm = min(int((1.0 - tp) * tmp), nside - 1)
        if z >= 0:
            face, ix, iy = ntt, nside - jm - 1, nside - jp - 1
        else:
            face, ix, iy = ntt + 8, jp, jm
    return (face << (2 * order)) + _spread(ix) + (_spread(iy) << 1)


def pix2ang_nest(order: int, index: int) -> tuple[float, float]:
    """Centre (ra, dec) in degrees of nested pixel ``index`` at ``order``."""
    nside = _check_order(order)
    npface = nside * nside
    if not 0 <= index < 12 * npface:
        raise ValueError(f"HEALPix index {index} is out of range for order {order}")
    face = index >> (2 * order)
    local = index & (npface - 1)
    ix, iy = _compress(local), _compress(local >> 1)
    jr = (_JRLL[face] << order) - ix - iy - 1
    if jr < nside:
        nr = jr
        z = 1.0 - nr * nr / (3.0 * npface)
        kshift = 0
    elif jr > 3 * nside:
        nr = 4 * nside - jr
        z = nr * nr / (3.0 * npface) - 1.0
        kshift = 0
    else:
        nr = nside
        z = (2 * nside - jr) * 2.0 / (3.0 * nside)
        kshift = (jr - nside) & 1
    jp = (_JPLL[face] * nr + ix - iy + 1 + kshift) // 2
    if jp > 4 * nside:
        jp -= 4 * nside
    if jp < 1:
        jp += 4 * nside
    phi = (jp - (kshift + 1) * 0.5) * (math.pi / 2 / nr)
    return math.degrees(phi) % 360.0, math.degrees(math.asin(max(-1.0, min(1.0, z))))
