"""VOSI endpoints of the TAP service: availability, capabilities, tables (VOSI 1.1)."""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from vo_service.db.base import QueryError
from vo_service.protocol import vosi_documents
from vo_service.web.dali import error_response
from vo_service.web.state import service_state, settings

blueprint = Blueprint("vosi", __name__)
XML = "text/xml"


def tap_base_url() -> str:
    return settings().public_url + "/tap"


@blueprint.route("/tap/availability")
def availability() -> Response:
    state = service_state()
    try:
        state.catalog()
        available, note = True, "The service is accepting queries."
    except (QueryError, OSError) as exc:
        available, note = False, f"The database cannot be read: {exc}"
    document = vosi_documents.availability_document(available, note, current_app.config["UP_SINCE"])
    return Response(document, mimetype=XML)


@blueprint.route("/tap/capabilities")
def capabilities() -> Response:
    return Response(vosi_documents.capabilities_document(tap_base_url(), settings().service_limits),
                    mimetype=XML)


@blueprint.route("/tap/tables")
def tables() -> Response:
    detail = request.args.get("detail", "max").lower()
    if detail not in ("min", "max"):
        return error_response(f"detail={detail!r} is not supported; use detail=min or detail=max")
    document = vosi_documents.tables_document(service_state().catalog(), detail=detail == "max")
    return Response(document, mimetype=XML)


@blueprint.route("/tap/tables/<name>")
def table(name: str) -> Response:
    found = service_state().catalog().table(name)
    if found is None:
        return Response(f"No table {name!r} is published here; see {tap_base_url()}/tables\n",
                        status=404, mimetype="text/plain")
    return Response(vosi_documents.table_document(found), mimetype=XML)
