"""Every service test runs on both backends: SQLite (embedded default) and PostgreSQL with pgSphere.

The suite's `app`, `client` and `live_url` are replaced here by their backend-parametrised
versions, so each test in this folder runs once per backend ([sqlite] and [postgresql]).
"""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def app(backend_app):
    return backend_app


@pytest.fixture()
def client(backend_client):
    return backend_client


@pytest.fixture(scope="session")
def live_url(backend_live_url: str) -> str:
    return backend_live_url
