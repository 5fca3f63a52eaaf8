"""One settings object for the service: the web app, the async workers and the commands all read it.

`apo serve` builds it from its options and hands the same object to the web
workers and to the async-job workers it spawns (it pickles), so a limit is
changed in one place and every process agrees on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vo_service.protocol.query import Limits
from vo_service.protocol.uploads import MAX_ROWS, UploadLimits
from vo_service.protocol.uws.results import default_results_dir
from vo_service.protocol.uws.service import LEASE_S
from vo_service.protocol.vosi_documents import ServiceLimits

DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
SYNC_LIMITS = Limits(default_maxrec=100_000, hard_maxrec=10_000_000, timeout_s=120.0)
ASYNC_LIMITS = Limits(default_maxrec=1_000_000, hard_maxrec=50_000_000, timeout_s=3600.0)
RETENTION_S = 7 * 24 * 3600
UPLOAD_MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """Where the data are, how clients reach the service, and its limits."""

    db_url: str
    public_url: str = DEFAULT_PUBLIC_URL
    #: async job results, shared by all workers (default: beside the SQLite file, else var/results)
    results_dir: Path | None = None
    #: UPLOAD=name,URL is fetched only from URLs starting with one of these
    upload_url_prefixes: tuple[str, ...] = ()
    #: a running job whose worker was not heard of for this long becomes ERROR
    lease_s: float = LEASE_S
    sync_limits: Limits = SYNC_LIMITS
    async_limits: Limits = ASYNC_LIMITS
    retention_s: int = RETENTION_S
    upload_max_bytes: int = UPLOAD_MAX_BYTES
    upload_max_rows: int = MAX_ROWS

    def __post_init__(self) -> None:
        object.__setattr__(self, "public_url", self.public_url.rstrip("/"))
        object.__setattr__(self, "upload_url_prefixes", tuple(self.upload_url_prefixes))

    @property
    def results(self) -> Path:
        return self.results_dir or default_results_dir(self.db_url)

    @property
    def uploads(self) -> UploadLimits:
        return UploadLimits(max_bytes=self.upload_max_bytes, max_rows=self.upload_max_rows,
                            url_prefixes=self.upload_url_prefixes)

    @property
    def service_limits(self) -> ServiceLimits:
        """The limits as VOSI capabilities announce them."""
        return ServiceLimits(self.sync_limits, self.async_limits, self.retention_s, self.upload_max_bytes)
