"""One async TAP job, start to finish: its parameters → query → result file.

Runs in a worker process. Failures the user can act on become the job's error
message; an abort (the job's phase left EXECUTING) cancels the database query.
"""
from __future__ import annotations

import os

import adql
import votable
from vo_service.protocol import query
from vo_service.db.base import Interrupt
from vo_service.publishing.catalog import Catalog
from vo_service.protocol.dali import UsageError, single
from vo_service.web.tap import check_request, parse_maxrec, parse_response_format
from vo_service.protocol.uploads import load_uploads, parse_upload
from vo_service.protocol.uws.jobs import Job
from vo_service.protocol.uws.service import AsyncService

USER_ERRORS = (UsageError, ValueError, adql.ADQLError)


def _uploaded_sources(svc: AsyncService, job: Job, upload_value: str | None) -> dict[str, bytes]:
    sources = {}
    for spec in parse_upload([upload_value] if upload_value else []):
        path = svc.results.upload_path(job.job_id, spec.name)
        if not path.exists():
            raise UsageError(f"UPLOAD {spec.name}: the uploaded table is missing (send it with the job)")
        sources[spec.name] = path.read_bytes()
    return sources


def run_tap_job(svc: AsyncService, catalog: Catalog, job: Job, interrupt: Interrupt) -> tuple[str, int]:
    """Write the job's result file; (content type, size in bytes). Raises on any failure."""
    params = {name.upper(): [value] for name, value in job.params.items()}
    check_request(params)
    lang = single(params, "LANG")
    if lang is None:
        raise UsageError("LANG is missing: send LANG=ADQL with the QUERY")
    text = single(params, "QUERY")
    if text is None or not text.strip():
        raise UsageError("QUERY is missing: send the ADQL query in the QUERY parameter")
    fmt = parse_response_format(params)
    maxrec = parse_maxrec(single(params, "MAXREC"), svc.limits)
    tables, uploads = load_uploads(_uploaded_sources(svc, job, single(params, "UPLOAD")), svc.backend, svc.uploads)
    prepared = query.prepare(catalog, svc.backend.dialect, text, version=query.adql_version(lang), maxrec=maxrec,
                             uploads=tables)
    infos = (votable.Info("RUNID", job.run_id),) if job.run_id else ()
    body = query.execute(svc.backend, prepared, fmt=fmt, timeout_s=svc.execution_limit_s(job.execution_duration),
                         extra_infos=infos, uploads=uploads, interrupt=interrupt)
    partial = svc.results.partial_path(job.job_id)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(partial, "wb") as out:
            for chunk in body:
                out.write(chunk)
        os.replace(partial, svc.results.result_path(job.job_id))
    finally:
        partial.unlink(missing_ok=True)
    return votable.content_type(fmt), svc.results.result_path(job.job_id).stat().st_size
