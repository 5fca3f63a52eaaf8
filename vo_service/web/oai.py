"""`/oai`: the OAI-PMH publishing registry (Registry Interfaces 1.1), over what is published now.

Each request reads the catalog afresh (it is cached until a collection is
(re)published), so a newly published collection is harvestable at once, with
its publication time as datestamp.
"""
from __future__ import annotations

from flask import Blueprint, Response, current_app, request

from vo_service.protocol.registry.config import from_app_config
from vo_service.protocol.registry.coverage import CoverageCache
from vo_service.protocol.registry.oai_pmh import Repository, respond
from vo_service.protocol.registry.records import RecordSource, published_records, registry_record
from vo_service.web.state import service_state, settings

blueprint = Blueprint("oai", __name__)
COVERAGE_KEY = "apo_coverage"


def record_source() -> RecordSource:
    """The registry's view of this service at the time of the current request."""
    state = service_state()
    cache: CoverageCache = current_app.extensions.setdefault(COVERAGE_KEY, CoverageCache())
    up_since = current_app.config["UP_SINCE"].replace("+00:00", "Z")
    return RecordSource(
        config=from_app_config(current_app.config),
        catalog=state.catalog(),
        limits=settings().service_limits,
        coverage=lambda resource: cache.get(state.backend, resource),
        fallback_datestamp=up_since,
    )


@blueprint.route("/oai", methods=["GET", "POST"])
def oai() -> Response:
    source = record_source()
    repository = Repository(
        base_url=source.config.oai_url,
        name=f"{source.config.publisher} publishing registry",
        admin_email=source.config.contact_email,
        records=published_records(source),
        earliest_datestamp=source.earliest,
        registry_record=lambda: registry_record(source),
        page_size=source.config.page_size,
    )
    params = {key: request.values.getlist(key) for key in request.values}
    return Response(respond(params, repository), mimetype="text/xml")
