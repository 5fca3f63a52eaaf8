"""A SIGKILL in the middle of a file leaves nothing of it; the next run ingests it whole."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.ingest.conftest import REPO, iact_file
from vo_service.db import open_backend

BIG_RECORDS = 400_000
APO = "import sys; from vo_service.cli import main; sys.exit(main(sys.argv[1:]))"


def _rows_by_file(url: str) -> dict[str, int]:
    backend = open_backend(url)
    if not backend.table_exists("taiga_iact_raw", "raw_events"):
        return {}
    return dict(backend.fetch_all('SELECT file_name, COUNT(*) FROM "taiga_iact_raw__raw_events" GROUP BY file_name'))


def _logged(url: str) -> list[str]:
    return sorted(p for (p,) in open_backend(url).fetch_all('SELECT path FROM "apo__ingested_files"'))


@pytest.mark.slow
def test_kill_mid_file_leaves_no_partial_rows(tmp_path: Path, db_url: str) -> None:
    small = iact_file(tmp_path / "a_small.iact", 1000)
    big = iact_file(tmp_path / "b_big.iact", BIG_RECORDS, seed=1)
    database = Path(db_url.removeprefix("sqlite:///"))
    wal = database.with_name(database.name + "-wal")
    command = [sys.executable, "-c", APO, "ingest", "taiga_iact_raw", str(small), str(big),
               "--db", db_url, "--quiet"]
    process = subprocess.Popen(command, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _rows_by_file(db_url).get(small.name) != 1000 or not wal.exists() or wal.stat().st_size < 8 << 20:
        assert process.poll() is None, f"ingest ended before it could be killed: {process.stderr.read()!r}"
        assert time.monotonic() < deadline, "ingest made no progress"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, process.stderr.read()
    assert _rows_by_file(db_url) == {small.name: 1000}
    assert _logged(db_url) == [str(small)]
    rerun = subprocess.run(command, cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(REPO)},
                           capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "1 file(s) ingested (400,000 rows), 1 skipped as already ingested" in rerun.stdout
    assert _rows_by_file(db_url) == {small.name: 1000, big.name: BIG_RECORDS}
