"""The raw-level catalogue rows of every format: what a raw record tells, in physical units.

Every row names where it comes from (file, byte offset, record index), its
event counter and time, and the site (from the collection's descriptor).
Per format come the quantities the record holds or that can be derived from
it: amplitude sums for the TAIGA formats, atmospheric conditions and a
fitted direction with its RA/Dec for KASCADE-Grande. The column names here
are exactly those of the raw collections' descriptors
(resources/*_raw.yaml); tests/ingest checks that they agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from celestial.frames import horizontal_to_icrs
from celestial.sites import Site
from celestial.timescales import MJD_OF_UNIX_EPOCH, SECONDS_PER_DAY
from formats.fast.batch import Batch, Ragged
from formats.ingest.dates import DayCounter
from formats.ingest.grande_array import fit_direction

Columns = dict[str, np.ndarray]

COMMON_COLUMNS = ("file_name", "byte_offset", "record_index", "event_number", "time_of_day", "obs_mjd",
                  "ra", "dec", "site_latitude", "site_longitude", "site_altitude")
FORMAT_COLUMNS: dict[str, tuple[str, ...]] = {
    "iact": ("clock_counter", "time_flags", "maroc_word", "sum_big", "sum_small", "max_big"),
    "hiscore": ("ip", "station_number", "n_samples", "max_sample"),
    "grande": ("link", "error_count", "cluster_number", "n_samples", "max_sample"),
    "t133": ("cluster_number", "optical_line_length", "host_time_of_day", "n_words", "max_word"),
    "trex": ("cluster_number", "optical_line_length", "host_time_of_day", "n_words", "max_word"),
    "kascade_grande": ("run_number", "trigger_flags", "n_hit", "sum_adc", "pressure", "temperature", "humidity",
                       "zenith", "azimuth"),
}
GRANDE_FIRST_DATA_TYPE = 3031


def raw_columns(format_name: str) -> tuple[str, ...]:
    """Column names, in table order, of the raw-level table of a format."""
    if format_name not in FORMAT_COLUMNS:
        raise ValueError(f"unknown raw format {format_name!r}; known: {', '.join(sorted(FORMAT_COLUMNS))}")
    return COMMON_COLUMNS + FORMAT_COLUMNS[format_name]


@dataclass(frozen=True)
class FileContext:
    """What a file's rows need besides its bytes: its name, the site, and its date where records lack one."""

    file_name: str
    site: Site
    date_mjd: int | None = None


def _ragged_sum_max(ragged: Ragged) -> tuple[np.ndarray, np.ndarray]:
    """Per record: number of values and largest value (0 for none) of a ragged field."""
    counts = ragged.counts.astype(np.int64)
    per_record = counts if counts.ndim == 1 else counts.sum(axis=1)
    starts = np.concatenate([[0], np.cumsum(per_record)[:-1]]).astype(np.int64)
    values = ragged.values.astype(np.int64)
    largest = np.zeros(len(per_record), dtype=np.int64)
    has = per_record > 0
    if values.size:
        largest[has] = np.maximum.reduceat(values, starts[has])
    return per_record, largest


def _iact(columns: Columns) -> Columns:
    big, small = columns["big"].astype(np.int64), columns["small"].astype(np.int64)
    return {"clock_counter": columns["reserved"], "time_flags": columns["time_flags"],
            "maroc_word": columns["maroc_word"], "sum_big": big.sum(axis=1), "sum_small": small.sum(axis=1),
            "max_big": big.max(axis=1)}


def _hiscore(columns: Columns, lists: dict[str, Ragged]) -> Columns:
    n_samples, max_sample = _ragged_sum_max(lists["samples"])
    return {"ip": columns["ip"], "station_number": columns["station_number"], "n_samples": n_samples,
            "max_sample": max_sample}


def _grande(columns: Columns, lists: dict[str, Ragged]) -> Columns:
    n_samples, max_sample = _ragged_sum_max(lists["samples"])
    return {"link": columns["data_type"].astype(np.int16) - GRANDE_FIRST_DATA_TYPE,
            "error_count": columns["error_count"], "cluster_number": columns["cluster_number"],
            "n_samples": n_samples, "max_sample": max_sample}


def _tunka_link(columns: Columns, lists: dict[str, Ragged]) -> Columns:
    n_words, max_word = _ragged_sum_max(lists["package_words"])
    host = (columns["host_hours"].astype(np.int64) * 3600 + columns["host_minutes"].astype(np.int64) * 60
            + columns["host_seconds"] + columns["host_milliseconds"] / 1000.0)
    return {"cluster_number": columns["cluster_number"], "optical_line_length": columns["optical_line_length"],
            "host_time_of_day": host, "n_words": n_words, "max_word": max_word}


class RawRows:
    """Turns the batches of ONE file into raw-table columns; keeps the record index and date across batches."""

    def __init__(self, format_name: str, context: FileContext) -> None:
        self.columns = raw_columns(format_name)
        self.format_name = format_name
        self.context = context
        self.records = 0
        self.days = DayCounter()

    def _taiga_time(self, columns: Columns) -> tuple[np.ndarray, np.ndarray]:
        time_of_day = columns["time_of_day_ns"] / 1e9
        if self.context.date_mjd is None:
            return time_of_day, np.full(len(time_of_day), np.nan)
        return time_of_day, self.context.date_mjd + self.days.days_of(time_of_day) + time_of_day / SECONDS_PER_DAY

    def _kascade(self, columns: Columns, mjd: np.ndarray) -> Columns:
        zenith, azimuth = fit_direction(columns["station_status"], columns["station_arrival_time"])
        ra, dec = np.full(len(mjd), np.nan), np.full(len(mjd), np.nan)
        good = ~np.isnan(zenith)
        if good.any():
            ra[good], dec[good] = horizontal_to_icrs(self.context.site, mjd[good], zenith[good], azimuth[good])
        return {"run_number": columns["run_number"], "trigger_flags": columns["trigger_flags"],
                "n_hit": columns["n_hit"], "sum_adc": columns["station_adc"].astype(np.int64).sum(axis=1),
                "pressure": columns["pressure"] / 10.0, "temperature": columns["temperature"] / 100.0 + 273.15,
                "humidity": columns["humidity"] / 100.0, "zenith": zenith, "azimuth": azimuth, "ra": ra, "dec": dec}

    def __call__(self, batch: Batch) -> Columns:
        n, columns = len(batch), batch.columns
        if self.format_name == "kascade_grande":
            seconds = columns["unix_seconds"].astype(np.int64)
            time_of_day = (seconds % SECONDS_PER_DAY) + columns["nanoseconds"] / 1e9
            mjd = MJD_OF_UNIX_EPOCH + seconds // SECONDS_PER_DAY + time_of_day / SECONDS_PER_DAY
            extra = self._kascade(columns, mjd)
        else:
            time_of_day, mjd = self._taiga_time(columns)
            extra = {"ra": np.full(n, np.nan), "dec": np.full(n, np.nan)}
            if self.format_name == "iact":
                extra.update(_iact(columns))
            elif self.format_name == "hiscore":
                extra.update(_hiscore(columns, batch.lists))
            elif self.format_name == "grande":
                extra.update(_grande(columns, batch.lists))
            else:
                extra.update(_tunka_link(columns, batch.lists))
        site = self.context.site
        rows = {
            "file_name": np.full(n, self.context.file_name, dtype=object),
            "byte_offset": batch.offsets.astype(np.int64),
            "record_index": np.arange(self.records, self.records + n, dtype=np.int64),
            "event_number": columns["event_number"].astype(np.int64),
            "time_of_day": time_of_day, "obs_mjd": mjd,
            "site_latitude": np.full(n, site.latitude), "site_longitude": np.full(n, site.longitude),
            "site_altitude": np.full(n, site.altitude),
            **extra,
        }
        self.records += n
        return {name: rows[name] for name in self.columns}
