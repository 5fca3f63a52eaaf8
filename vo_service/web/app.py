"""The Flask application factory: one blueprint per protocol, state built once per process."""
from __future__ import annotations

import logging
from datetime import UTC, datetime

from flask import Flask, Response

from vo_service.db import open_backend
from vo_service.protocol.registry.config import app_settings as registry_settings
from vo_service.protocol.state import ServiceState
from vo_service.protocol.uws.service import AsyncService
from vo_service.settings import Settings
from vo_service.web import examples, oai, portal, tap, uws, vosi
from vo_service.web.dali import error_response
from vo_service.web.state import ASYNC_KEY, SETTINGS_KEY, STATE_KEY

log = logging.getLogger(__name__)
#: room for the multipart envelope around an upload of the largest accepted size
MULTIPART_OVERHEAD_BYTES = 1024 * 1024


def create_app(settings: Settings) -> Flask:
    """Build the service for one database, as the settings say."""
    app = Flask(__name__)
    app.config.update(
        PUBLIC_URL=settings.public_url,
        UP_SINCE=datetime.now(UTC).isoformat(timespec="seconds"),
        MAX_CONTENT_LENGTH=settings.upload_max_bytes + MULTIPART_OVERHEAD_BYTES,
        **registry_settings(),
    )
    backend = open_backend(settings.db_url)
    app.extensions[SETTINGS_KEY] = settings
    app.extensions[STATE_KEY] = ServiceState(backend)
    app.extensions[ASYNC_KEY] = AsyncService.create(backend, settings.results, settings.async_limits,
                                                    settings.uploads, settings.retention_s, settings.lease_s)
    for module in (portal, tap, vosi, uws, oai, examples):
        app.register_blueprint(module.blueprint)

    @app.errorhandler(413)
    def too_large(_error: Exception) -> Response:
        return error_response(f"The request is larger than the {settings.upload_max_bytes // 2**20} MiB this "
                              "service accepts", status=413)

    @app.errorhandler(Exception)
    def unexpected(error: Exception) -> Response:
        if hasattr(error, "code") and hasattr(error, "get_response"):
            return error.get_response()
        log.exception("unexpected error")
        return error_response("Internal error while answering this request; it has been logged", status=500)

    return app
