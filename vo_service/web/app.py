"""The Flask application factory: one blueprint per protocol, state built once per process."""
from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from flask import Flask, Response

from vo_service.web import examples
from vo_service.web import oai
from vo_service.web import portal
from vo_service.web import tap
from vo_service.web import vosi
from vo_service.db import open_backend
from vo_service.protocol.dali import error_response
from vo_service.protocol.query import Limits
from vo_service.protocol.registry.config import app_settings as registry_settings
from vo_service.web.state import ServiceState
from vo_service.protocol.uploads import MAX_ROWS, UploadLimits
from vo_service.web import uws as uws_views
from vo_service.protocol.uws.results import default_results_dir
from vo_service.protocol.uws.service import LEASE_S, AsyncService
from vo_service.protocol.vosi_documents import ServiceLimits

log = logging.getLogger(__name__)

SYNC_LIMITS = Limits(default_maxrec=100_000, hard_maxrec=10_000_000, timeout_s=120.0)
ASYNC_LIMITS = Limits(default_maxrec=1_000_000, hard_maxrec=50_000_000, timeout_s=3600.0)
RETENTION_S = 7 * 24 * 3600
UPLOAD_MAX_BYTES = 64 * 1024 * 1024


def upload_limits(url_prefixes: Sequence[str] = ()) -> UploadLimits:
    return UploadLimits(max_bytes=UPLOAD_MAX_BYTES, max_rows=MAX_ROWS, url_prefixes=tuple(url_prefixes))


def create_app(db_url: str, *, public_url: str = "http://127.0.0.1:8000", results_dir: Path | None = None,
               upload_url_prefixes: Sequence[str] = (), lease_s: float = LEASE_S) -> Flask:
    """Build the service for one database; `public_url` is how clients reach it.

    Async job results go to `results_dir` (default: beside the SQLite file, or
    var/results); URL uploads are fetched only from `upload_url_prefixes`.
    """
    app = Flask(__name__)
    app.config.update(
        PUBLIC_URL=public_url.rstrip("/"),
        DB_URL=db_url,
        UP_SINCE=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        SERVICE_LIMITS=ServiceLimits(SYNC_LIMITS, ASYNC_LIMITS, RETENTION_S, UPLOAD_MAX_BYTES),
        MAX_CONTENT_LENGTH=UPLOAD_MAX_BYTES + 1024 * 1024,
        **registry_settings(),
    )
    backend = open_backend(db_url)
    app.extensions["apo"] = ServiceState(backend, SYNC_LIMITS, ASYNC_LIMITS)
    app.extensions["apo_async"] = AsyncService.create(
        backend, results_dir or default_results_dir(db_url), ASYNC_LIMITS, upload_limits(upload_url_prefixes),
        RETENTION_S, lease_s)
    for module in (portal, tap, vosi, uws_views):
        app.register_blueprint(module.blueprint)
    for module in (oai, examples):
        app.register_blueprint(module.blueprint)

    @app.errorhandler(413)
    def too_large(_error: Exception) -> Response:
        return error_response(f"The request is larger than the {UPLOAD_MAX_BYTES // 2**20} MiB this service accepts",
                              status=413)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        if hasattr(error, "code") and hasattr(error, "get_response"):
            return error.get_response()
        log.exception("unexpected error")
        return error_response("Internal error while answering this request; it has been logged", status=500)

    return app
