"""One async TAP job, start to finish: its parameters → query → result file.

Runs in a worker process. Failures the user can act on become the job's error
message; an abort (the job's phase left EXECUTING) cancels the database query.
"""
from __future__ import annotations

import os

import adql
from vo_service.db.base import Interrupt
from vo_service.protocol.dali import UsageError
from vo_service.protocol.tap import TapRequest, answer
from vo_service.protocol.uploads import UploadSpec
from vo_service.protocol.uws.jobs import Job
from vo_service.protocol.uws.service import AsyncService
from vo_service.publishing.catalog import Catalog

USER_ERRORS = (UsageError, ValueError, adql.ADQLError)


def run_tap_job(svc: AsyncService, catalog: Catalog, job: Job, interrupt: Interrupt) -> tuple[str, int]:
    """Write the job's result file; (content type, size in bytes). Raises on any failure."""
    tap_request = TapRequest.from_params({name.upper(): [value] for name, value in job.params.items()}, svc.limits)

    def stored_upload(spec: UploadSpec) -> bytes:
        path = svc.results.upload_path(job.job_id, spec.name)
        if not path.exists():
            raise UsageError(f"UPLOAD {spec.name}: the uploaded table is missing (send it with the job)")
        return path.read_bytes()

    body = answer(tap_request, catalog, svc.backend, upload_bytes=stored_upload, upload_limits=svc.uploads,
                  timeout_s=svc.execution_limit_s(job.execution_duration), interrupt=interrupt)
    partial = svc.results.partial_path(job.job_id)
    partial.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(partial, "wb") as out:
            for chunk in body:
                out.write(chunk)
        os.replace(partial, svc.results.result_path(job.job_id))
    finally:
        partial.unlink(missing_ok=True)
    return tap_request.content_type, svc.results.result_path(job.job_id).stat().st_size
