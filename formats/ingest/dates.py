"""Dates for raw files whose records carry only a time of day (all TAIGA formats).

TAIGA-FORMATS.md: "there is no date anywhere in the records; the date must come
from the file name or run metadata". We take it from an ISO date in the file
name (2021-01-15 or 20210115, as `apo simulate-raw` writes) or from the
operator (`apo ingest --date`). Times cross midnight within a file: a jump
back by more than half a day starts the next date.
"""

from __future__ import annotations

import re
from datetime import date

import numpy as np

from celestial.timescales import MJD_OF_UNIX_EPOCH, SECONDS_PER_DAY

_DATE_IN_NAME = re.compile(r"(?<!\d)((?:19|20)\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)")
_HALF_DAY_S = SECONDS_PER_DAY / 2


def mjd_of_date(day: date) -> int:
    """Modified Julian Date of 0h UTC on day."""
    return day.toordinal() - date(1970, 1, 1).toordinal() + MJD_OF_UNIX_EPOCH


def parse_date(text: str) -> date:
    """A YYYY-MM-DD date, with a clear error otherwise."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a date in the form YYYY-MM-DD") from None


def date_from_name(name: str) -> date | None:
    """The first valid calendar date written in a file name, if any."""
    for match in _DATE_IN_NAME.finditer(name):
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
    return None


class DayCounter:
    """Counts midnights crossed by the times of day of one file, across its batches."""

    def __init__(self) -> None:
        self.days = 0
        self.last: float | None = None

    def days_of(self, time_of_day_s: np.ndarray) -> np.ndarray:
        """Whole days since the file's first record, for each time of day (s) in file order."""
        if len(time_of_day_s) == 0:
            return np.zeros(0, dtype=np.int64)
        previous = np.concatenate([[time_of_day_s[0] if self.last is None else self.last], time_of_day_s[:-1]])
        crossed = np.cumsum(time_of_day_s - previous < -_HALF_DAY_S)
        days = self.days + crossed
        self.days, self.last = int(days[-1]), float(time_of_day_s[-1])
        return days.astype(np.int64)
