"""HEALPix multi-order coverage maps (MOC 2.0) on mocpy: built from cells of one order, written as ASCII.

VODataService 1.2 wants a resource's `<spatial>` coverage as an ASCII MOC
(MOC 2.0 section 4.3.2); mocpy merges complete groups of four sibling cells into
their parent and always states the deepest order, even when it holds no cell
(``"0/0-11 6/"``), as the standard asks.
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from mocpy import MOC

from celestial.healpix import checked_order


def moc_of_cells(order: int, cells: Iterable[int]) -> MOC:
    """The MOC covering the given nested cells of `order` (duplicates allowed)."""
    checked_order(order)
    unique = np.unique(np.fromiter(cells, dtype=np.uint64))
    return MOC.from_healpix_cells(unique, np.full(unique.size, order, dtype=np.uint8), max_depth=order)


def moc_ascii(order: int, cells: Iterable[int]) -> str:
    """ASCII serialisation of the MOC of `cells` at `order`, e.g. ``"1/0 2-3 2/4-5 100"``."""
    return moc_of_cells(order, cells).to_string(format="ascii")
