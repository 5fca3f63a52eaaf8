"""The whole life cycle: simulated events -> raw files (apo simulate-raw) -> apo ingest -> TAP."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ml import eventsim
from ml.eventsim.sky import separation
from tests.ingest.conftest import tap
from vo_service.cli import main


def _simulated(collection: str, n_events: int, seed: int, event_ids: np.ndarray) -> dict[str, np.ndarray]:
    batches = list(eventsim.simulate(collection, n_events, seed=seed))
    events = {k: np.concatenate([b[k] for b in batches]) for k in batches[0]}
    index = np.searchsorted(events["event_id"], event_ids)
    return {k: v[index] for k, v in events.items()}


def test_kascade_grande_raw_files_give_back_time_weather_and_direction(tmp_path: Path, db_url: str) -> None:
    out = tmp_path / "raw"
    assert main(["simulate-raw", "kascade_grande_raw", "--out", str(out), "--events", "100000", "--files", "3"]) == 0
    files = sorted(out.iterdir())
    assert [f.name for f in files] == [f"kascade_grande_run{k:06d}.kg" for k in (1, 2, 3)]
    assert main(["ingest", "kascade_grande_raw", str(out), "--db", db_url, "--quiet"]) == 0
    rows = tap(db_url, "SELECT event_number, run_number, obs_mjd, ra, dec, zenith, n_hit, pressure, temperature, "
                       "humidity FROM kascade_grande_raw.raw_events ORDER BY event_number")
    truth = _simulated("kascade_grande", 100000, 0, rows["event_number"].data)
    assert len(rows) > 30 and set(rows["run_number"].tolist()) == {1, 2, 3}
    assert np.allclose(rows["obs_mjd"], truth["obs_mjd"], rtol=0, atol=1e-9)
    fitted = ~rows["ra"].mask
    assert fitted.mean() > 0.9 and (rows["n_hit"][~fitted] < 3).all()
    error = separation(rows["ra"][fitted], rows["dec"][fitted], truth["ra"][fitted], truth["dec"][fitted])
    assert error.max() < 0.1
    assert np.allclose(rows["zenith"][fitted], truth["zenith"][fitted], atol=0.1)
    assert (900 < rows["pressure"]).all() and (rows["pressure"] < 1100).all()
    assert (240 < rows["temperature"]).all() and (rows["temperature"] < 320).all()
    assert (0 <= rows["humidity"]).all() and (rows["humidity"] <= 100).all()


@pytest.mark.parametrize("raw, source, suffix", [
    ("taiga_iact_raw", "taiga_iact", "iact"),
    ("taiga_hiscore_raw", "taiga_hiscore", "hiscore"),
    ("tunka133_raw", "tunka133", "t133"),
])
def test_taiga_raw_files_are_dated_by_name_and_timed_to_10_ns(tmp_path: Path, db_url: str, raw: str, source: str,
                                                              suffix: str) -> None:
    out = tmp_path / "raw"
    assert main(["simulate-raw", raw, "--out", str(out), "--events", "50000", "--files", "2", "--seed", "3"]) == 0
    assert all(f.name.startswith(f"{source}_") and f.suffix == f".{suffix}" for f in out.iterdir())
    assert main(["ingest", raw, str(out), "--db", db_url, "--quiet"]) == 0
    rows = tap(db_url, f"SELECT event_number, obs_mjd, ra FROM {raw}.raw_events ORDER BY event_number")
    truth = _simulated(source, 50000, 3, rows["event_number"].data)
    assert len(rows) > 1 and rows["ra"].mask.all()
    assert np.abs(rows["obs_mjd"] - truth["obs_mjd"]).max() * 86_400 < 1e-6
