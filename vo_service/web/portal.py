"""The public web portal: the collections and where to start."""
from __future__ import annotations

from flask import Blueprint, render_template

from vo_service.web.state import service_state

blueprint = Blueprint("portal", __name__)


@blueprint.route("/")
def home() -> str:
    return render_template("home.html", catalog=service_state().catalog())
