"""`apo serve` stopped by SIGTERM or Ctrl-C: exit status 0, no traceback, no process left behind."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from lxml import etree

REPO = Path(__file__).resolve().parents[2]
WEB_WORKERS = 2
ASYNC_WORKERS = 2
START_S = 60
STOP_S = 10
UWS_PHASE = "{http://www.ivoa.net/xml/UWS/v1.0}phase"

pytestmark = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="lists processes through /proc")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _live_processes(session: int) -> list[int]:
    """Processes of a session that still run (zombies waiting for their parent do not)."""
    live = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:
            continue
        state, sid = fields[0], int(fields[3])
        if sid == session and state != "Z":
            live.append(int(stat.parent.name))
    return live


def _start(db_url: str, tmp_path: Path, port: int) -> tuple[subprocess.Popen, Path]:
    stderr = tmp_path / "stderr.txt"
    command = [sys.executable, "-c", "import sys; from vo_service.cli import main; sys.exit(main())",
               "serve", "--db", db_url, "--port", str(port), "--workers", str(WEB_WORKERS),
               "--async-workers", str(ASYNC_WORKERS), "--results-dir", str(tmp_path / "results")]
    with stderr.open("w") as sink:
        process = subprocess.Popen(command, cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL,
                                   stderr=sink)
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if requests.get(f"http://127.0.0.1:{port}/tap/availability", timeout=2).status_code == 200:
                return process, stderr
        except requests.ConnectionError:
            time.sleep(0.3)
    _kill_session(process)
    raise AssertionError(f"apo serve did not start:\n{stderr.read_text()}")


def _run_async_job(base: str) -> None:
    """Proves the async workers are up and taking jobs before the service is stopped."""
    response = requests.post(f"{base}/tap/async", data={"LANG": "ADQL", "PHASE": "RUN",
                                                        "QUERY": "SELECT TOP 1 ra FROM mm.events"},
                             allow_redirects=False, timeout=30)
    job = response.headers["Location"]
    deadline = time.monotonic() + START_S
    while time.monotonic() < deadline:
        phase = etree.fromstring(requests.get(job, params={"WAIT": 5}, timeout=30).content).findtext(UWS_PHASE)
        if phase not in ("PENDING", "QUEUED", "EXECUTING"):
            break
    assert phase == "COMPLETED"


def _kill_session(process: subprocess.Popen) -> None:
    """Whatever a failed test left running (the async workers have process groups of their own)."""
    for pid in _live_processes(process.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    process.wait()


def _stop_by_sigterm(process: subprocess.Popen) -> None:
    """What `kill` or a process manager does: SIGTERM to the service's process alone."""
    os.kill(process.pid, signal.SIGTERM)


def _stop_by_ctrl_c(process: subprocess.Popen) -> None:
    """What Ctrl-C at the terminal does: SIGINT to the whole foreground process group."""
    os.killpg(process.pid, signal.SIGINT)


@pytest.mark.slow
@pytest.mark.parametrize("stop", [_stop_by_sigterm, _stop_by_ctrl_c], ids=["sigterm", "ctrl-c"])
def test_serve_stops_cleanly(stop, demo_db_url, tmp_path):
    port = _free_port()
    process, stderr = _start(demo_db_url, tmp_path, port)
    try:
        _run_async_job(f"http://127.0.0.1:{port}")
        assert len(_live_processes(process.pid)) >= 1 + WEB_WORKERS + ASYNC_WORKERS
        stop(process)
        status = process.wait(STOP_S)
        leftovers = _live_processes(process.pid)
    finally:
        _kill_session(process)
    errors = stderr.read_text()
    assert status == 0, errors
    assert "Traceback" not in errors
    assert "exited with code" not in errors
    assert leftovers == []
