"""Epoch constants agree with astropy.time and with the calendar."""
from __future__ import annotations

from datetime import UTC, datetime

import pytest
from astropy.time import Time

from celestial.timescales import MJD_OF_UNIX_EPOCH, SECONDS_PER_DAY


def test_mjd_of_the_unix_epoch_is_40587() -> None:
    assert MJD_OF_UNIX_EPOCH == 40587 and isinstance(MJD_OF_UNIX_EPOCH, int)
    assert SECONDS_PER_DAY == 86_400 and isinstance(SECONDS_PER_DAY, int)


def test_unix_seconds_to_mjd_is_an_offset_and_a_day_length() -> None:
    unix = datetime(2021, 1, 15, 18, 30, tzinfo=UTC).timestamp()
    microsecond_in_days = 1e-6 / SECONDS_PER_DAY
    expected = Time("2021-01-15T18:30:00", scale="utc").mjd
    assert MJD_OF_UNIX_EPOCH + unix / SECONDS_PER_DAY == pytest.approx(expected, abs=microsecond_in_days)
