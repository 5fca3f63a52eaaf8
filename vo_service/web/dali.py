"""DALI over HTTP: the parameters of a Flask request, and errors as VOTable documents (never stack traces)."""
from __future__ import annotations

from flask import Request, Response

import votable

VOTABLE_ERROR_TYPE = "application/x-votable+xml"


def request_parameters(request: Request) -> dict[str, list[str]]:
    """All parameters of a GET or POST (form or multipart), keys folded to upper case."""
    params: dict[str, list[str]] = {}
    for source in (request.args, request.form):
        for key in source:
            params.setdefault(key.upper(), []).extend(source.getlist(key))
    return params


def error_response(message: str, status: int = 400) -> Response:
    return Response(votable.error_document(message), status=status, mimetype=VOTABLE_ERROR_TYPE)
