"""apo ingest into SQLite: idempotent, per-file all-or-nothing, corrupted files quarantined, published via TAP."""
from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from formats.fast.iact import PACKAGE_DTYPE
from tests.ingest.conftest import iact_file, tap
from vo_service.cli import main
from vo_service.db import open_backend
from vo_service.publishing.ingest import ingest_collection

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "formats" / "samples"


def _count(url: str, table: str = "taiga_iact_raw__raw_events") -> int:
    return open_backend(url).fetch_all(f'SELECT COUNT(*) FROM "{table}"')[0][0]


def _ingest(url: str, collection: str, paths: list[Path], quarantine: Path | None = None):
    return ingest_collection(open_backend(url), collection, paths, quarantine_dir=quarantine, show_progress=False)


def test_ingest_publishes_rows_with_dates_from_file_names(tmp_path: Path, db_url: str) -> None:
    files = [iact_file(tmp_path / "iact_2021-01-15.iact", 40), iact_file(tmp_path / "iact_2021-01-16.iact", 60, 41)]
    summary = _ingest(db_url, "taiga_iact_raw", files)
    assert not summary.rejected and summary.rows == 100
    rows = tap(db_url, "SELECT file_name, byte_offset, event_number, obs_mjd FROM taiga_iact_raw.raw_events "
                       "WHERE event_number IN (1, 41) ORDER BY event_number")
    assert rows["file_name"].tolist() == ["iact_2021-01-15.iact", "iact_2021-01-16.iact"]
    assert rows["byte_offset"].tolist() == [0, 0]
    assert rows["obs_mjd"].tolist() == pytest.approx([59229 + 72_000 / 86_400, 59230 + 72_000 / 86_400])
    columns = tap(db_url, "SELECT column_name FROM tap_schema.columns WHERE table_name = 'taiga_iact_raw.raw_events'")
    assert {"file_name", "byte_offset", "obs_mjd", "site_latitude", "sum_big"} <= set(columns["column_name"])


def test_running_twice_ingests_nothing_twice(tmp_path: Path, db_url: str) -> None:
    first = iact_file(tmp_path / "a.iact", 30)
    assert _ingest(db_url, "taiga_iact_raw", [first]).rows == 30
    renamed = tmp_path / "same_content_other_name.iact"
    shutil.copy(first, renamed)
    again = _ingest(db_url, "taiga_iact_raw", [first, renamed, iact_file(tmp_path / "b.iact", 7, seed=1)])
    assert [o.status for o in again.outcomes] == ["skipped", "skipped", "ingested"]
    assert _count(db_url) == 37
    log = open_backend(db_url).fetch_all('SELECT collection, n_rows FROM "apo__ingested_files" ORDER BY n_rows')
    assert log == [("taiga_iact_raw", 7), ("taiga_iact_raw", 30)]


def _corrupt_files(directory: Path) -> dict[str, int]:
    """Bad magic, truncation and an impossible hour, each in an otherwise good file; name -> damaged offset."""
    size = PACKAGE_DTYPE.itemsize
    magic = iact_file(directory / "bad_magic.iact", 10, seed=2)
    data = bytearray(magic.read_bytes())
    data[4 * size:4 * size + 2] = b"\x00\x00"
    magic.write_bytes(bytes(data))
    truncated = iact_file(directory / "truncated.iact", 10, seed=3)
    truncated.write_bytes(truncated.read_bytes()[:-50])
    hours = iact_file(directory / "hour_25.iact", 10, seed=4)
    data = bytearray(hours.read_bytes())
    word = int.from_bytes(data[7 * size + 16:7 * size + 18], "little")
    data[7 * size + 16:7 * size + 18] = ((word & ~(0x1F << 7)) | (25 << 7)).to_bytes(2, "little")
    hours.write_bytes(bytes(data))
    return {"bad_magic.iact": 4 * size, "truncated.iact": 9 * size, "hour_25.iact": 7 * size}


def test_corrupted_files_are_quarantined_and_the_good_ones_ingested(tmp_path: Path, db_url: str, capsys) -> None:
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    good = [iact_file(incoming / "good_1.iact", 20), iact_file(incoming / "good_2.iact", 5, seed=9)]
    damaged = _corrupt_files(incoming)
    quarantine = tmp_path / "quarantine"
    status = main(["ingest", "taiga_iact_raw", str(incoming), "--db", db_url, "--quarantine", str(quarantine),
                   "--quiet"])
    out = capsys.readouterr().out
    assert status == 1
    assert _count(db_url) == 25
    assert "2 file(s) ingested (25 rows), 0 skipped as already ingested, 3 rejected" in out
    for name, offset in damaged.items():
        assert f"REJECTED {incoming / name}: byte {offset}: " in out
        assert not (incoming / name).exists() and (quarantine / name).exists()
        reason = (quarantine / f"{name}.reason.txt").read_text()
        assert str(incoming / name) in reason and f"byte {offset}: " in reason
    assert "bad magic" in (quarantine / "bad_magic.iact.reason.txt").read_text()
    assert "truncated" in (quarantine / "truncated.iact.reason.txt").read_text()
    assert "hours >= 24" in (quarantine / "hour_25.iact.reason.txt").read_text()
    assert all(path.exists() for path in good)


def test_clean_run_exits_0_and_bad_arguments_are_clear(tmp_path: Path, db_url: str, capsys) -> None:
    assert main(["ingest", "taiga_iact_raw", str(iact_file(tmp_path / "a.iact", 3)), "--db", db_url, "--quiet"]) == 0
    assert main(["ingest", "taiga_iact", str(tmp_path / "a.iact"), "--db", db_url, "--quiet"]) == 2
    assert "takes no raw files; those that do: kascade_grande_raw" in capsys.readouterr().err
    assert main(["ingest", "taiga_iact_raw", str(tmp_path / "a.iact"), "--date", "15.01.2021", "--db", db_url]) == 2
    assert "is not a date in the form YYYY-MM-DD" in capsys.readouterr().err
    assert main(["ingest", "taiga_iact_raw", str(tmp_path / "missing.iact"), "--db", db_url, "--quiet"]) == 1
    assert f"REJECTED {tmp_path / 'missing.iact'}; no such file" in capsys.readouterr().out


@pytest.mark.parametrize("collection, sample, n_records, record_size", [
    ("taiga_iact_raw", "iact", 2995, 156),
    ("tunka133_raw", "t133", 119, 33_318),
    ("tunka_grande_raw", "grande", 238, 16_476),
    ("tunka_rex_raw", "trex", 28, 4198),
])
def test_real_taiga_samples_are_ingested_to_their_last_byte(db_url: str, collection: str, sample: str,
                                                            n_records: int, record_size: int) -> None:
    path = SAMPLES / sample
    if not path.is_file():
        pytest.skip(f"real TAIGA sample {path} not available (../shared/formats/samples is absent)")
    summary = _ingest(db_url, collection, [path])
    assert [o.status for o in summary.outcomes] == ["ingested"] and summary.rows == n_records
    rows = tap(db_url, f"SELECT byte_offset, event_number, time_of_day FROM {collection}.raw_events "
                       f"ORDER BY byte_offset")
    assert len(rows) == n_records
    assert int(rows["byte_offset"][-1]) + record_size == path.stat().st_size
    assert np.all(np.diff(rows["time_of_day"]) >= 0)
    if sample == "iact":
        assert int(rows["event_number"][0]) == 83
        assert rows["time_of_day"][0] == pytest.approx(12 * 3600 + 28 * 60 + 38.915484350, abs=1e-9)
    if sample == "t133":
        assert rows["event_number"].tolist() == list(range(1, 120))
