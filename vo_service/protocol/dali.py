"""DALI request rules shared by every protocol endpoint.

Parameter names are case-insensitive (DALI 1.1 §3.1); values are kept as sent.
Errors leave as VOTable error documents, never as stack traces.
"""
from __future__ import annotations

from typing import Mapping

from flask import Request, Response

import votable

VOTABLE_ERROR_TYPE = "application/x-votable+xml"


class UsageError(Exception):
    """The request itself is wrong (bad or missing parameter); answered with HTTP 400."""


def request_parameters(request: Request) -> dict[str, list[str]]:
    """All parameters of a GET or POST (form or multipart), keys folded to upper case."""
    params: dict[str, list[str]] = {}
    for source in (request.args, request.form):
        for key in source:
            params.setdefault(key.upper(), []).extend(source.getlist(key))
    return params


def single(params: Mapping[str, list[str]], name: str, default: str | None = None) -> str | None:
    """The one value of a parameter; repeating a single-valued parameter is an error."""
    values = params.get(name.upper())
    if not values:
        return default
    distinct = {v for v in values}
    if len(distinct) > 1:
        raise UsageError(f"Parameter {name} was given several different values: {sorted(distinct)}")
    return values[0]


def error_response(message: str, status: int = 400) -> Response:
    return Response(votable.error_document(message), status=status, mimetype=VOTABLE_ERROR_TYPE)
