"""A collection's coverage in space, time and energy, measured on its published rows.

The numbers are read from the data (not from the descriptor's claims), once per
publication: the cache is keyed on the collection's `updated` datestamp, so a
republished collection is measured again and an unchanged one never twice.
"""
from __future__ import annotations

import math
import threading
from dataclasses import dataclass

import numpy as np
from astropy import units

from celestial.healpix import nested_index
from celestial.moc import moc_ascii
from resources import ResourceDescriptor, TableDescriptor
from vo_service.db.base import Backend, QueryError

MOC_ORDER = 6
SCAN_BATCH = 100_000
GEV_IN_J = (1 * units.GeV).to_value(units.J)


@dataclass(frozen=True)
class Coverage:
    """What VODataService 1.2 `<coverage>` says: MOC, MJD interval, energy interval in joules."""

    spatial: str | None = None
    temporal: tuple[float, float] | None = None
    spectral: tuple[float, float] | None = None


def _energy_column(table: TableDescriptor) -> tuple[str, float] | None:
    """The main energy column and the factor that turns its values into joules."""
    for column in table.columns:
        words = (column.ucd or "").split(";")
        if words[0] == "phys.energy" and column.unit:
            try:
                return column.name, units.Unit(column.unit, format="vounit").to(units.J)
            except (ValueError, units.UnitConversionError):
                continue
    return None


def _merged(first: tuple[float, float] | None, second: tuple[float, float] | None) -> tuple[float, float] | None:
    if first is None or second is None:
        return first or second
    return min(first[0], second[0]), max(first[1], second[1])


def _span(values: np.ndarray) -> tuple[float, float] | None:
    finite = values[np.isfinite(values)]
    return (float(finite.min()), float(finite.max())) if finite.size else None


@dataclass
class _TableScan:
    cells: set[int]
    temporal: tuple[float, float] | None = None
    spectral: tuple[float, float] | None = None


def _scan(backend: Backend, table: TableDescriptor) -> _TableScan:
    """One pass over the table's position, time and energy columns."""
    energy = _energy_column(table)
    wanted = [*(table.position or ()), *([table.time] if table.time else []), *([energy[0]] if energy else [])]
    scan = _TableScan(cells=set())
    if not wanted or not backend.table_exists(table.schema, table.name):
        return scan
    columns = ", ".join(f'"{name}"' for name in wanted)
    sql = f"SELECT {columns} FROM {backend.quoted_name(table.schema, table.name)}"
    for batch in backend.stream(sql, batch_size=SCAN_BATCH, timeout_s=None):
        values = np.array(batch, dtype=np.float64).reshape(len(batch), len(wanted)) if batch else None
        if values is None:
            continue
        index = 0
        if table.position:
            ra, dec = values[:, 0], values[:, 1]
            ok = np.isfinite(ra) & np.isfinite(dec)
            scan.cells.update(nested_index(MOC_ORDER, ra[ok], dec[ok]).tolist())
            index = 2
        if table.time:
            scan.temporal = _merged(scan.temporal, _span(values[:, index]))
            index += 1
        if energy:
            joules = _span(values[:, index] * energy[1])
            scan.spectral = _merged(scan.spectral, joules)
    return scan


def _declared(resource: ResourceDescriptor) -> Coverage:
    """The descriptor's own coverage block, used where the data say nothing."""
    declared = resource.coverage
    temporal = (float(declared["mjd_start"]), float(declared["mjd_end"])) \
        if {"mjd_start", "mjd_end"} <= declared.keys() else None
    spectral = (float(declared["energy_min_gev"]) * GEV_IN_J, float(declared["energy_max_gev"]) * GEV_IN_J) \
        if {"energy_min_gev", "energy_max_gev"} <= declared.keys() else None
    return Coverage(temporal=temporal, spectral=spectral)


def measure(backend: Backend, resource: ResourceDescriptor) -> Coverage:
    """Coverage of all tables of a collection; the descriptor fills what the rows cannot tell."""
    cells: set[int] = set()
    temporal = spectral = None
    for table in resource.tables:
        scan = _scan(backend, table)
        cells |= scan.cells
        temporal = _merged(temporal, scan.temporal)
        spectral = _merged(spectral, scan.spectral)
    declared = _declared(resource)
    return Coverage(
        spatial=moc_ascii(MOC_ORDER, cells) if cells else None,
        temporal=temporal or declared.temporal,
        spectral=spectral or declared.spectral,
    )


class CoverageCache:
    """Measured coverage per collection, valid while its publication datestamp is unchanged."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._measured: dict[str, tuple[str | None, Coverage]] = {}

    def get(self, backend: Backend, resource: ResourceDescriptor) -> Coverage:
        with self._lock:
            cached = self._measured.get(resource.id)
            if cached is not None and cached[0] == resource.updated:
                return cached[1]
            try:
                coverage = measure(backend, resource)
            except QueryError:
                return _declared(resource)
            self._measured[resource.id] = (resource.updated, coverage)
            return coverage


def interval_text(interval: tuple[float, float]) -> str:
    """Two VOTable TABLEDATA floats; repr keeps full precision and round-trips."""
    low, high = interval
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"coverage interval {interval} is not finite")
    return f"{low!r} {high!r}"
