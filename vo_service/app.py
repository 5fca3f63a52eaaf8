"""The Flask application factory: one blueprint per protocol, state built once per process."""
from __future__ import annotations

import logging
from datetime import datetime, timezone

from flask import Flask, Response

from vo_service import portal, tap, vosi
from vo_service.backends import open_backend
from vo_service.dali import error_response
from vo_service.query import Limits
from vo_service.state import ServiceState
from vo_service.vosi_documents import ServiceLimits

log = logging.getLogger(__name__)

SYNC_LIMITS = Limits(default_maxrec=100_000, hard_maxrec=10_000_000, timeout_s=120.0)
ASYNC_LIMITS = Limits(default_maxrec=1_000_000, hard_maxrec=50_000_000, timeout_s=3600.0)
RETENTION_S = 7 * 24 * 3600
UPLOAD_MAX_BYTES = 64 * 1024 * 1024


def create_app(db_url: str, *, public_url: str = "http://127.0.0.1:8000") -> Flask:
    """Build the service for one database; `public_url` is how clients reach it."""
    app = Flask(__name__)
    app.config.update(
        PUBLIC_URL=public_url.rstrip("/"),
        DB_URL=db_url,
        UP_SINCE=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        SERVICE_LIMITS=ServiceLimits(SYNC_LIMITS, ASYNC_LIMITS, RETENTION_S, UPLOAD_MAX_BYTES),
        MAX_CONTENT_LENGTH=UPLOAD_MAX_BYTES + 1024 * 1024,
    )
    app.extensions["apo"] = ServiceState(open_backend(db_url), SYNC_LIMITS, ASYNC_LIMITS)
    for module in (portal, tap, vosi):
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
