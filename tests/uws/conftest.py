"""Fixtures for the async endpoint: the app over the demo database, workers run in-process."""
from __future__ import annotations

import threading
from pathlib import Path

import pytest

SLOW_QUERY = ("SELECT COUNT(*) AS n FROM mm.events AS a, mm.events AS b "
              "WHERE a.energy + b.energy > 0")


@pytest.fixture()
def async_app(demo_db_url: str, tmp_path: Path):
    """A fresh app (own results directory) over the shared demo database."""
    from vo_service.settings import Settings
    from vo_service.web.app import create_app

    return create_app(Settings(demo_db_url, public_url="http://127.0.0.1", results_dir=tmp_path / "results",
                               lease_s=2.0))


@pytest.fixture()
def async_client(async_app):
    return async_app.test_client()


@pytest.fixture()
def worker(async_app):
    """A worker in this process: run_once() takes and runs one queued job."""
    from vo_service.cli.worker import Worker

    return Worker(async_app.extensions["apo_async"], async_app.extensions["apo"], poll_s=0.05)


@pytest.fixture()
def running_worker(worker):
    """The worker running in a background thread for the duration of a test."""
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,), daemon=True)
    thread.start()
    yield worker
    stop.set()
    thread.join(30)
