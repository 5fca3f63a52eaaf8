"""One TAP query request, whether it came to /tap/sync or was queued as an async job.

`TapRequest.from_params` reads and checks the TAP 1.1 parameters once;
`answer` turns a request and its uploaded tables into the encoded result. The
sync view and the async worker differ only in where the parameters and the
uploaded bytes come from and where the result goes.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

import votable
from vo_service.db.base import Backend, Interrupt
from vo_service.protocol import query
from vo_service.protocol.dali import UsageError, single
from vo_service.protocol.query import Limits
from vo_service.protocol.uploads import UploadLimits, UploadSpec, load_uploads, parse_upload
from vo_service.publishing.catalog import Catalog

SUPPORTED_REQUEST = "doQuery"


def parse_maxrec(value: str | None, limits: Limits) -> int:
    if value is None or value.strip() == "":
        return limits.default_maxrec
    try:
        maxrec = int(value)
    except ValueError:
        raise UsageError(f"MAXREC={value!r} is not a non-negative integer") from None
    if maxrec < 0:
        raise UsageError(f"MAXREC={value!r} is not a non-negative integer")
    return min(maxrec, limits.hard_maxrec)


def parse_response_format(params: Mapping[str, list[str]]) -> str:
    value = single(params, "RESPONSEFORMAT") or single(params, "FORMAT") or "votable"
    try:
        return votable.parse_format(value)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


@dataclass(frozen=True)
class TapRequest:
    """The parameters of one TAP query (TAP 1.1 §3), checked."""

    query: str
    adql_version: str
    response_format: str
    maxrec: int
    run_id: str | None = None
    uploads: tuple[UploadSpec, ...] = ()

    @classmethod
    def from_params(cls, params: Mapping[str, list[str]], limits: Limits) -> TapRequest:
        """Parameters with upper-case names (DALI); raises UsageError, UploadError or ValueError."""
        request_value = single(params, "REQUEST")
        if request_value is not None and request_value != SUPPORTED_REQUEST:
            raise UsageError(f"REQUEST={request_value!r} is not supported; use REQUEST={SUPPORTED_REQUEST} "
                             "(or leave it out)")
        lang = single(params, "LANG")
        if lang is None:
            raise UsageError("LANG is missing: send LANG=ADQL with the QUERY")
        version = query.adql_version(lang)
        text = single(params, "QUERY")
        if text is None or not text.strip():
            raise UsageError("QUERY is missing: send the ADQL query in the QUERY parameter")
        return cls(query=text, adql_version=version, response_format=parse_response_format(params),
                   maxrec=parse_maxrec(single(params, "MAXREC"), limits), run_id=single(params, "RUNID") or None,
                   uploads=tuple(parse_upload(params.get("UPLOAD", []))))

    @property
    def content_type(self) -> str:
        return votable.content_type(self.response_format)


def answer(request: TapRequest, catalog: Catalog, backend: Backend, *, upload_bytes: Callable[[UploadSpec], bytes],
           upload_limits: UploadLimits, timeout_s: float, interrupt: Interrupt | None = None) -> Iterator[bytes]:
    """Parse the uploads, check and translate the query, start it (so errors raise here) and stream the result."""
    sources = {spec.name: upload_bytes(spec) for spec in request.uploads}
    tables, uploads = load_uploads(sources, backend, upload_limits)
    prepared = query.prepare(catalog, backend.dialect, request.query, version=request.adql_version,
                             maxrec=request.maxrec, uploads=tables)
    infos = (votable.Info("RUNID", request.run_id),) if request.run_id else ()
    return query.execute(backend, prepared, fmt=request.response_format, timeout_s=timeout_s, extra_infos=infos,
                         uploads=uploads, interrupt=interrupt)
