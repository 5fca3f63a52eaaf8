"""Database backends, chosen by the URL scheme of `--db` / `APO_DB`.

Callers type against the interface they use (interfaces.py): `QueryBackend`,
`LoadBackend` or `JobStoreBackend`; `open_backend` gives one `Backend` that is all three.
"""
from __future__ import annotations

import os

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from vo_service.db.base import Backend
from vo_service.db.interfaces import (
    JobStoreBackend,
    LoadBackend,
    QueryAborted,
    QueryBackend,
    QueryError,
    QueryTimeout,
    Statements,
    TableSetup,
)
from vo_service.db.queue import QueueClaim

DEFAULT_URL = "sqlite:///var/apo-demo.db"
USAGE = "use sqlite:///FILE or postgresql://HOST/DB"


def database_url(cli_value: str | None = None) -> str:
    """`--db` wins over `APO_DB`, which wins over the embedded default."""
    return cli_value or os.environ.get("APO_DB") or DEFAULT_URL


def open_backend(url: str) -> Backend:
    try:
        scheme = make_url(url).get_backend_name().lower()
    except ArgumentError:
        raise ValueError(f"unreadable database URL {url!r}: {USAGE}") from None
    if scheme == "sqlite":
        from vo_service.db.sqlite import SQLiteBackend

        return SQLiteBackend(url)
    if scheme in ("postgresql", "postgres"):
        from vo_service.db.postgresql import PostgreSQLBackend

        return PostgreSQLBackend(url)
    raise ValueError(f"unsupported database URL {url!r}: {USAGE}")


__all__ = [
    "Backend", "DEFAULT_URL", "JobStoreBackend", "LoadBackend", "QueryAborted", "QueryBackend", "QueryError",
    "QueryTimeout", "QueueClaim", "Statements", "TableSetup", "database_url", "open_backend",
]
