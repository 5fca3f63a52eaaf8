"""The database-independent pieces of ingest: dates, midnight crossing, direction fit, derived rows."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
import yaml

import formats.fast as fast
from celestial.sites import Site
from formats.ingest.dates import DayCounter, date_from_name, mjd_of_date, parse_date
from formats.ingest.grande_array import fit_direction, shower_signals, station_positions
from formats.ingest.raw_rows import FileContext, RawRows, raw_columns
from tests.ingest.conftest import REPO, iact_file

TUNKA = Site(51.81, 103.07, 675)


@pytest.mark.parametrize("name, expected", [
    ("taiga_iact_2021-01-15.iact", date(2021, 1, 15)),
    ("run_20191116_003.t133", date(2019, 11, 16)),
    ("30116001.001", None),
    ("x_2021-13-01.iact", None),
    ("x_2021-02-30_2020-02-29.iact", date(2020, 2, 29)),
])
def test_date_from_file_name(name: str, expected: date | None) -> None:
    assert date_from_name(name) == expected


def test_mjd_of_date_and_bad_dates() -> None:
    assert mjd_of_date(date(1970, 1, 1)) == 40587
    assert mjd_of_date(date(2000, 1, 1)) == 51544
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("15/01/2021")


def test_midnight_crossing_counts_days_across_batches() -> None:
    counter = DayCounter()
    assert counter.days_of(np.array([86_000.0, 86_300.0])).tolist() == [0, 0]
    assert counter.days_of(np.array([10.0, 20.0, 86_390.0])).tolist() == [1, 1, 1]
    assert counter.days_of(np.array([5.0])).tolist() == [2]


def test_grande_layout_is_a_37_station_hexagon_of_137_m() -> None:
    positions = station_positions()
    distance = np.hypot(*(positions[:, None, :] - positions[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(distance, np.inf)
    assert positions.shape == (37, 2)
    assert np.allclose(distance.min(axis=1), 137.0)


def test_plane_front_fit_recovers_the_simulated_direction() -> None:
    rng = np.random.default_rng(4)
    n = 500
    zenith, azimuth = rng.uniform(0, 40, n), rng.uniform(0, 360, n)
    core = np.column_stack([rng.uniform(-600, -30, n), rng.uniform(-650, -80, n)])
    stations = shower_signals(zenith, azimuth, core, rng.uniform(5.5, 8.0, n))
    fitted_zenith, fitted_azimuth = fit_direction(stations["station_status"], stations["station_arrival_time"])
    assert np.abs(fitted_zenith - zenith).max() < 0.05
    azimuth_error = (fitted_azimuth - azimuth + 180) % 360 - 180
    assert np.abs(azimuth_error * np.sin(np.radians(zenith))).max() < 0.05


def test_fit_needs_three_hit_stations() -> None:
    status = np.zeros((1, 37), dtype=np.uint16)
    status[0, :2] = 1
    zenith, azimuth = fit_direction(status, np.zeros((1, 37), dtype=np.int32))
    assert np.isnan(zenith[0]) and np.isnan(azimuth[0])


def test_raw_rows_carry_place_offsets_and_dated_times(tmp_path: Path) -> None:
    path = iact_file(tmp_path / "x.iact", 5)
    rows = RawRows("iact", FileContext(path.name, TUNKA, date_mjd=59000))
    out = [rows(batch) for batch in fast.read_columns("iact", path, chunk_records=3)]
    assert [len(b["byte_offset"]) for b in out] == [3, 2]
    assert np.concatenate([b["record_index"] for b in out]).tolist() == [0, 1, 2, 3, 4]
    assert np.concatenate([b["byte_offset"] for b in out]).tolist() == [0, 156, 312, 468, 624]
    assert out[0]["obs_mjd"][1] == pytest.approx(59000 + 72_001 / 86_400, abs=1e-10)
    assert out[0]["site_latitude"][0] == 51.81 and np.isnan(out[0]["ra"]).all()
    assert list(out[0]) == list(raw_columns("iact"))


def test_undated_rows_expose_the_time_of_day_only(tmp_path: Path) -> None:
    path = iact_file(tmp_path / "x.iact", 2)
    batch = RawRows("iact", FileContext(path.name, TUNKA))(next(fast.read_columns("iact", path)))
    assert np.isnan(batch["obs_mjd"]).all()
    assert batch["time_of_day"].tolist() == [72_000.0, 72_001.0]


def test_raw_descriptors_declare_exactly_the_derived_columns() -> None:
    found = {}
    for path in sorted((REPO / "resources").glob("*_raw.yaml")):
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        columns = [c["name"] for c in raw["tables"][0]["columns"]]
        assert columns == list(raw_columns(raw["raw_format"])), path.name
        found[raw["raw_format"]] = raw["id"]
    assert set(found) == set(fast.FORMATS)
