"""The text form of each cell, shared by TABLEDATA, CSV and TSV.

Numbers are written so that they read back exactly: doubles with Python's
shortest round-trip repr, floats with numpy's shortest repr for float32,
infinities and NaN as +Inf, -Inf and NaN (VOTable spelling). NULL is the empty string; arrays
are space-separated, as DALI serialises points and polygons.
"""
from __future__ import annotations

import numpy as np

from .columns import Column
from .datatypes import INTEGER

_SPECIAL = {np.inf: "+Inf", -np.inf: "-Inf"}


def render(column: Column, true: str = "T", false: str = "F") -> list[str]:
    """One string per row for a column; "" for NULL."""
    field = column.field
    if field.is_text:
        return column.values
    if field.is_scalar:
        texts = _scalars(column.values, field.datatype, true, false)
    else:
        texts = [_join(cell, field.datatype, true, false) for cell in column.values]
    if column.null.any():
        for index in np.flatnonzero(column.null).tolist():
            texts[index] = ""
    return texts


def _scalars(values: np.ndarray, datatype: str, true: str, false: str) -> list[str]:
    if datatype == "boolean":
        return np.where(values, true, false).tolist()
    if datatype in INTEGER:
        return list(map(int.__str__, values.tolist()))
    if datatype == "float":
        with np.errstate(over="ignore"):
            values = values.astype(np.float32)
        texts = values.astype(str).tolist()
    else:
        texts = list(map(float.__repr__, values.tolist()))
    special = ~np.isfinite(values)
    if special.any():
        for index in np.flatnonzero(special).tolist():
            texts[index] = _SPECIAL.get(float(values[index]), "NaN")
    return texts


def _join(cell: np.ndarray, datatype: str, true: str, false: str) -> str:
    return " ".join(_scalars(np.asarray(cell), datatype, true, false))
