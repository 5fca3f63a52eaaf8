"""The parts of a collection's YAML descriptor the simulators need.

Column names and datatypes, the site and the time coverage are written once, in
``resources/<collection>.yaml``; the simulators read them from there instead of
repeating them, so the data they make always matches the published metadata.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from celestial.sites import Site
from resources import default_resource_dir, load_descriptor


class UnknownCollection(KeyError):
    """No descriptor (or no simulator) exists for the requested collection id."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True)
class Collection:
    """A collection as the simulators see it: where, when, and which columns."""

    id: str
    facility: str
    messenger: str
    site: Site | None
    mjd_start: float
    mjd_end: float
    columns: tuple[tuple[str, np.dtype], ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def batch(self, values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Order and cast simulated columns exactly as the descriptor declares them."""
        missing = [name for name in self.column_names if name not in values]
        extra = sorted(set(values) - set(self.column_names))
        if missing or extra:
            raise ValueError(
                f"{self.id}: simulated columns do not match resources/{self.id}.yaml "
                f"(missing {missing}, not declared {extra})"
            )
        return {name: np.asarray(values[name]).astype(dtype, copy=False) for name, dtype in self.columns}


@cache
def load_collection(collection_id: str, resource_dir: Path | None = None) -> Collection:
    """``resources/<collection_id>.yaml`` through the descriptor model (its first table is the events table)."""
    path = (resource_dir or default_resource_dir()) / f"{collection_id}.yaml"
    if not path.is_file():
        raise UnknownCollection(f"no resource descriptor {path}")
    descriptor = load_descriptor(path)
    coverage = descriptor.coverage
    return Collection(
        id=descriptor.id,
        facility=descriptor.facility or descriptor.id,
        messenger=descriptor.messenger or "",
        site=descriptor.site,
        mjd_start=float(coverage.get("mjd_start", np.nan)),
        mjd_end=float(coverage.get("mjd_end", np.nan)),
        columns=tuple((c.name, c.numpy_dtype) for c in descriptor.tables[0].columns),
    )
