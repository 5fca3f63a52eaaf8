"""Observatory sites: geodetic position and its astropy EarthLocation."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import astropy.units as u
from astropy.coordinates import EarthLocation


@dataclass(frozen=True)
class Site:
    """Geodetic latitude and east longitude in degrees, altitude in metres above sea level."""

    latitude: float
    longitude: float
    altitude: float
    name: str | None = field(default=None, compare=False)

    @cached_property
    def location(self) -> EarthLocation:
        return EarthLocation.from_geodetic(self.longitude * u.deg, self.latitude * u.deg, self.altitude * u.m)
