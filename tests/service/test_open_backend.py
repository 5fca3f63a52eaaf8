"""Database URLs are read by SQLAlchemy's URL parser: driver suffixes and the old `postgres` scheme work."""
from __future__ import annotations

from pathlib import Path

import pytest

from vo_service.db import open_backend
from vo_service.db.postgresql import CONNECT_TIMEOUT_S, PostgreSQLBackend, connection_kwargs
from vo_service.db.sqlite import SQLiteBackend, sqlite_path


@pytest.mark.parametrize("url, kind", [
    ("sqlite:///var/demo.db", SQLiteBackend),
    ("sqlite+pysqlite:////abs/demo.db", SQLiteBackend),
    ("postgresql://u@db.example:6543/apo", PostgreSQLBackend),
    ("postgresql+psycopg2://u@db.example/apo", PostgreSQLBackend),
    ("postgres://u@db.example/apo", PostgreSQLBackend),
])
def test_the_scheme_chooses_the_backend(url, kind):
    assert type(open_backend(url)) is kind


@pytest.mark.parametrize("url, message", [
    ("mysql://db.example/apo", "unsupported database URL"),
    ("no url at all", "unreadable database URL"),
])
def test_other_urls_are_refused_with_the_accepted_forms(url, message):
    with pytest.raises(ValueError, match=f"{message}.*sqlite:///FILE or postgresql://HOST/DB"):
        open_backend(url)


def test_url_parts_reach_the_drivers():
    assert str(sqlite_path("sqlite:////abs/demo.db")) == "/abs/demo.db"
    kwargs = connection_kwargs("postgresql://reader:s%40cret@db.example:6543/apo?sslmode=require")
    assert kwargs == {"dbname": "apo", "user": "reader", "password": "s@cret", "host": "db.example",
                      "port": 6543, "sslmode": "require", "connect_timeout": CONNECT_TIMEOUT_S}


def test_only_the_embedded_database_has_a_local_folder_to_measure():
    assert open_backend("sqlite:///var/apo/demo.db").storage_folder() == Path("var/apo")
    assert open_backend("postgresql://u@db.example/apo").storage_folder() is None
