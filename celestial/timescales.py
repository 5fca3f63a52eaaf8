"""Epochs and day lengths for time-scale arithmetic, computed by astropy.time instead of written as literals.

Raw formats count Unix seconds or seconds of the day; the catalogues store UTC
Modified Julian Dates. Unix time and MJD(UTC) day fractions both ignore leap
seconds, so the conversion is a fixed offset and a fixed day length.
"""
from __future__ import annotations

import astropy.units as u
from astropy.time import Time

SECONDS_PER_DAY = int((1 * u.day).to_value(u.s))
MJD_OF_UNIX_EPOCH = int(Time(0, format="unix", scale="utc").mjd)
