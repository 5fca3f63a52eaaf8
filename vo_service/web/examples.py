"""`/tap/examples`: the DALI examples document as XHTML+RDFa, for the tables published now."""
from __future__ import annotations

from flask import Blueprint, Response, render_template

from vo_service.protocol.examples import load_examples, published_examples
from vo_service.web.state import service_state, settings

blueprint = Blueprint("examples", __name__)
XHTML = "application/xhtml+xml"


@blueprint.route("/tap/examples")
def examples() -> Response:
    catalog = service_state().catalog()
    published = {t.qualified_name.lower() for resource in catalog.descriptors for t in resource.tables}
    shown = published_examples(load_examples(), published)
    base = settings().public_url + "/tap"
    page = render_template("examples.html", examples=shown, tap_url=base)
    return Response(page, mimetype=XHTML)
