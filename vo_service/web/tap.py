"""TAP 1.1 synchronous queries (`/tap/sync`) and the service's landing page."""
from __future__ import annotations

from flask import Blueprint, Response, render_template, request, stream_with_context

import adql
from vo_service.db.base import QueryError
from vo_service.protocol.dali import UsageError
from vo_service.protocol.tap import TapRequest, answer
from vo_service.protocol.uploads import UploadError, UploadSpec, fetch_upload
from vo_service.web.dali import error_response, request_parameters
from vo_service.web.state import service_state, settings

blueprint = Blueprint("tap", __name__)


def read_part(name: str) -> bytes | None:
    """A multipart part of the current request, by name (UPLOAD=t,param:name)."""
    stored = request.files.get(name)
    if stored is not None:
        return stored.read()
    value = request.form.get(name)
    return None if value is None else value.encode("utf-8")


def request_upload(spec: UploadSpec) -> bytes:
    """The bytes of one table named by UPLOAD: a part of this request, or an allow-listed URL."""
    return fetch_upload(spec, read_part, settings().uploads)


@blueprint.route("/tap")
@blueprint.route("/tap/")
def landing() -> str:
    return render_template("tap.html", catalog=service_state().catalog(), public_url=settings().public_url)


@blueprint.route("/tap/sync", methods=["GET", "POST"])
def sync() -> Response:
    state, config = service_state(), settings()
    try:
        tap_request = TapRequest.from_params(request_parameters(request), config.sync_limits)
        body = answer(tap_request, state.catalog(), state.backend, upload_bytes=request_upload,
                      upload_limits=config.uploads, timeout_s=config.sync_limits.timeout_s)
    except (UsageError, UploadError, ValueError) as exc:
        return error_response(str(exc))
    except adql.ADQLError as exc:
        return error_response(f"Query error: {exc}")
    except QueryError as exc:
        return error_response(str(exc))
    return Response(stream_with_context(body), mimetype=tap_request.content_type)
