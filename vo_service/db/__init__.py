"""Database backends, chosen by the URL scheme of `--db` / `APO_DB`."""
from __future__ import annotations

import os

from vo_service.db.base import Backend, QueryError, QueryTimeout

DEFAULT_URL = "sqlite:///var/apo-demo.db"


def database_url(cli_value: str | None = None) -> str:
    """`--db` wins over `APO_DB`, which wins over the embedded default."""
    return cli_value or os.environ.get("APO_DB") or DEFAULT_URL


def open_backend(url: str) -> Backend:
    scheme = url.split(":", 1)[0].split("+", 1)[0].lower()
    if scheme == "sqlite":
        from vo_service.db.sqlite import SQLiteBackend

        return SQLiteBackend(url)
    if scheme in ("postgresql", "postgres"):
        from vo_service.db.postgresql import PostgreSQLBackend

        return PostgreSQLBackend(url)
    raise ValueError(f"unsupported database URL {url!r}: use sqlite:///FILE or postgresql://HOST/DB")


__all__ = ["Backend", "QueryError", "QueryTimeout", "DEFAULT_URL", "database_url", "open_backend"]
