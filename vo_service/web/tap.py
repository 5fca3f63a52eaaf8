"""TAP 1.1 synchronous queries (`/tap/sync`) and the service's landing page."""
from __future__ import annotations

import logging

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context

import adql
import votable
from vo_service.protocol import query
from vo_service.db.base import QueryError
from vo_service.protocol.dali import UsageError, error_response, request_parameters, single
from vo_service.web.state import service_state
from vo_service.protocol.uploads import UploadError, UploadLimits, fetch_upload, load_uploads, parse_upload

log = logging.getLogger(__name__)
blueprint = Blueprint("tap", __name__)


def parse_maxrec(value: str | None, limits: query.Limits) -> int:
    if value is None or value.strip() == "":
        return limits.default_maxrec
    try:
        maxrec = int(value)
    except ValueError:
        raise UsageError(f"MAXREC={value!r} is not a non-negative integer") from None
    if maxrec < 0:
        raise UsageError(f"MAXREC={value!r} is not a non-negative integer")
    return min(maxrec, limits.hard_maxrec)


def parse_response_format(params: dict[str, list[str]]) -> str:
    value = single(params, "RESPONSEFORMAT") or single(params, "FORMAT") or "votable"
    try:
        return votable.parse_format(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def check_request(params: dict[str, list[str]]) -> None:
    request_value = single(params, "REQUEST")
    if request_value is not None and request_value != "doQuery":
        raise UsageError(f"REQUEST={request_value!r} is not supported; use REQUEST=doQuery (or leave it out)")


def read_part(name: str) -> bytes | None:
    """A multipart part of the current request, by name (UPLOAD=t,param:name)."""
    stored = request.files.get(name)
    if stored is not None:
        return stored.read()
    value = request.form.get(name)
    return None if value is None else value.encode("utf-8")


def request_uploads(params: dict[str, list[str]], limits: UploadLimits) -> dict[str, bytes]:
    """The raw tables named by UPLOAD, by table name."""
    return {spec.name: fetch_upload(spec, read_part, limits) for spec in parse_upload(params.get("UPLOAD", []))}


@blueprint.route("/tap")
@blueprint.route("/tap/")
def landing() -> str:
    state = service_state()
    return render_template("tap.html", catalog=state.catalog(), config=current_app.config)


@blueprint.route("/tap/sync", methods=["GET", "POST"])
def sync() -> Response:
    state = service_state()
    limits = state.sync_limits
    try:
        params = request_parameters(request)
        check_request(params)
        lang = single(params, "LANG")
        if lang is None:
            raise UsageError("LANG is missing: send LANG=ADQL with the QUERY")
        version = query.adql_version(lang)
        text = single(params, "QUERY")
        if text is None or not text.strip():
            raise UsageError("QUERY is missing: send the ADQL query in the QUERY parameter")
        fmt = parse_response_format(params)
        maxrec = parse_maxrec(single(params, "MAXREC"), limits)
        upload_limits = current_app.extensions["apo_async"].uploads
        tables, uploads = load_uploads(request_uploads(params, upload_limits), state.backend, upload_limits)
        prepared = query.prepare(state.catalog(), state.backend.dialect, text, version=version, maxrec=maxrec,
                                 uploads=tables)
        infos = []
        run_id = single(params, "RUNID")
        if run_id:
            infos.append(votable.Info("RUNID", run_id))
        body = query.execute(state.backend, prepared, fmt=fmt, timeout_s=limits.timeout_s, extra_infos=tuple(infos),
                             uploads=uploads)
    except (UsageError, UploadError, ValueError) as exc:
        return error_response(str(exc))
    except adql.ADQLError as exc:
        return error_response(f"Query error: {exc}")
    except QueryError as exc:
        return error_response(str(exc))
    return Response(stream_with_context(body), mimetype=votable.content_type(fmt))
