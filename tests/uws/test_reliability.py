"""Reliability: many jobs at once with two workers, a killed service, aborts that free resources."""
from __future__ import annotations

import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from astropy.io.votable import parse_single_table
from lxml import etree

from tests.uws.conftest import SLOW_QUERY

UWS = {"uws": "http://www.ivoa.net/xml/UWS/v1.0"}
REPO = Path(__file__).resolve().parents[2]


def _phase(url: str, job_url: str, wait: int = 0) -> str:
    doc = etree.fromstring(requests.get(job_url, params={"WAIT": wait} if wait else None, timeout=70).content)
    return doc.findtext("uws:phase", namespaces=UWS)


def _submit(base: str, query: str) -> str:
    response = requests.post(f"{base}/tap/async", data={"LANG": "ADQL", "QUERY": query, "PHASE": "RUN"},
                             allow_redirects=False, timeout=30)
    assert response.status_code == 303
    return response.headers["Location"]


@pytest.mark.slow
def test_100_jobs_at_once_with_two_workers_all_finish(pooled_live_url):
    from concurrent.futures import ThreadPoolExecutor

    queries = [f"SELECT TOP {n % 17 + 1} event_id FROM mm.events WHERE event_id > {n}" for n in range(100)]
    with ThreadPoolExecutor(8) as pool:
        jobs = list(pool.map(lambda q: _submit(pooled_live_url, q), queries))
    assert len(set(jobs)) == 100
    deadline = time.monotonic() + 300
    phases = {}
    while time.monotonic() < deadline:
        listing = etree.fromstring(requests.get(f"{pooled_live_url}/tap/async", timeout=30).content)
        phases = {ref.get("{http://www.w3.org/1999/xlink}href"): ref.findtext("uws:phase", namespaces=UWS)
                  for ref in listing.iterfind("uws:jobref", UWS)}
        if all(phases.get(j) in ("COMPLETED", "ERROR", "ABORTED") for j in jobs):
            break
        time.sleep(0.5)
    assert [phases.get(j) for j in jobs] == ["COMPLETED"] * 100
    for n, job in zip(range(100), jobs):
        body = requests.get(f"{job}/results/result", timeout=30).content
        assert len(parse_single_table(io.BytesIO(body)).array) == n % 17 + 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_service(db_url: str, results: Path, port: int) -> subprocess.Popen:
    command = [sys.executable, "-c", "import sys; from vo_service.cli import main; sys.exit(main())",
               "serve", "--db", db_url, "--port", str(port),
               "--workers", "1", "--async-workers", "1", "--lease-s", "3", "--results-dir", str(results)]
    process = subprocess.Popen(command, cwd=REPO, start_new_session=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/tap/availability", timeout=2).status_code == 200:
                return process
        except requests.ConnectionError:
            time.sleep(0.3)
    os.killpg(process.pid, signal.SIGKILL)
    raise AssertionError("apo serve did not start within 60 s")


@pytest.mark.slow
def test_sigkilled_service_leaves_no_job_stuck_in_executing(demo_db_url, tmp_path):
    results = tmp_path / "results"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    service = _start_service(demo_db_url, results, port)
    try:
        job = _submit(base, SLOW_QUERY)
        deadline = time.monotonic() + 60
        while _phase(base, job) != "EXECUTING":
            assert time.monotonic() < deadline, "the job never started"
            time.sleep(0.2)
    finally:
        os.killpg(service.pid, signal.SIGKILL)
        service.wait(10)
    restarted = _start_service(demo_db_url, results, port)
    try:
        deadline = time.monotonic() + 30
        while (phase := _phase(base, job)) == "EXECUTING" and time.monotonic() < deadline:
            time.sleep(0.5)
        assert phase == "ERROR"
        error = requests.get(f"{job}/error", timeout=10).text
        assert "stopped" in error and "submit the job again" in error
        assert _phase(base, _submit(base, "SELECT TOP 1 * FROM mm.events"), wait=30) in ("EXECUTING", "COMPLETED")
    finally:
        os.killpg(restarted.pid, signal.SIGTERM)
        restarted.wait(30)
