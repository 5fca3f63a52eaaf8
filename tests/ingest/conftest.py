"""Helpers of the ingest tests: raw files of known content, a fresh database, TAP queries over it."""
from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
from astropy.io.votable import parse_single_table

from formats.writers import write_iact

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture()
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ingest.db'}"


def iact_file(path: Path, n: int, first_event: int = 1, seed: int = 0) -> Path:
    """An IACT file of n packages, one per second from 20:00:00 (events first_event...)."""
    rng = np.random.default_rng(seed)
    columns = {"event_number": np.arange(first_event, first_event + n),
               "time_of_day_ns": (72_000 + np.arange(n) % 14_000) * 10**9,
               "big": rng.integers(600, 4096, (n, 32)), "small": rng.integers(500, 1900, (n, 32))}
    write_iact(path, columns)
    return path


def tap(url: str, query: str) -> np.ndarray:
    """Rows of an ADQL query run through the TAP service over the database at url."""
    from vo_service.settings import Settings
    from vo_service.web.app import create_app

    client = create_app(Settings(url, public_url="http://127.0.0.1")).test_client()
    response = client.get("/tap/sync", query_string={"REQUEST": "doQuery", "LANG": "ADQL", "QUERY": query})
    assert response.status_code == 200, response.data[:500]
    return parse_single_table(io.BytesIO(response.data)).array
