"""`/tap/async`: the UWS 1.1 REST binding of TAP's asynchronous queries.

The web process only records jobs and answers about them; workers run them.
Every state change answers 303 See Other, as UWS specifies.
"""
from __future__ import annotations

import functools
import time
from datetime import datetime, timedelta

from flask import Blueprint, Response, redirect, request, send_file

from vo_service.protocol.dali import UsageError, single
from vo_service.protocol.uploads import UploadError, fetch_upload, parse_upload, read_upload
from vo_service.protocol.uws import documents
from vo_service.protocol.uws.jobs import ABORTABLE_PHASES, ERROR, PENDING, PHASES, Job, iso, parse_iso
from vo_service.protocol.uws.service import AsyncService
from vo_service.web.dali import error_response, request_parameters
from vo_service.web.state import async_service as service
from vo_service.web.state import settings
from vo_service.web.tap import read_part

blueprint = Blueprint("uws", __name__)
JOBS_PATH = "/tap/async"
MAX_WAIT_S = 60.0
POLL_S = 0.1
CONTROL_PARAMETERS = {"PHASE", "ACTION", "WAIT", "EXECUTIONDURATION", "DESTRUCTION"}
XML = "text/xml"
TEXT = "text/plain"


def jobs_url() -> str:
    return settings().public_url + JOBS_PATH


def job_url(job_id: str) -> str:
    return f"{jobs_url()}/{job_id}"


def see_other(url: str) -> Response:
    return redirect(url, code=303)


def not_found(job_id: str) -> Response:
    return error_response(f"There is no job {job_id!r} (it may have been deleted or destroyed)", status=404)


def _text(value: object | None) -> Response:
    return Response("" if value is None else str(value), mimetype=TEXT)


def job_parameters(params: dict[str, list[str]]) -> dict[str, str]:
    """TAP parameters as the job keeps them: lower-case names, repeated values joined by ';'."""
    return {name.lower(): ";".join(values) for name, values in params.items()
            if name not in CONTROL_PARAMETERS and values}


def store_uploads(svc: AsyncService, job_id: str, upload_value: str | None) -> None:
    """Read, check and keep the job's uploaded tables, so a worker can create them later."""
    if not upload_value:
        return
    for spec in parse_upload([upload_value]):
        data = fetch_upload(spec, read_part, svc.uploads)
        read_upload(spec.name, data, svc.uploads)
        svc.results.save_upload(job_id, spec.name, data)


def parse_execution_duration(value: str) -> int:
    try:
        seconds = int(value.strip())
    except ValueError:
        raise UsageError(f"EXECUTIONDURATION={value!r} is not a whole number of seconds") from None
    if seconds < 0:
        raise UsageError(f"EXECUTIONDURATION={value!r} is negative")
    hard = int(service().limits.timeout_s)
    return hard if seconds == 0 else min(seconds, hard)


def parse_destruction(value: str, job: Job) -> datetime:
    """The requested destruction time, at most the retention period after the job's creation."""
    try:
        moment = parse_iso(value)
    except ValueError:
        raise UsageError(f"DESTRUCTION={value!r} is not an ISO 8601 date and time") from None
    return min(moment, parse_iso(job.creation_time) + timedelta(seconds=service().retention_s))


def apply_settings(svc: AsyncService, job_id: str, params: dict[str, list[str]]) -> None:
    """EXECUTIONDURATION, DESTRUCTION and PHASE given with the creation or to the job itself."""
    duration = single(params, "EXECUTIONDURATION")
    if duration is not None:
        svc.jobs.set_execution_duration(job_id, parse_execution_duration(duration))
    destruction = single(params, "DESTRUCTION")
    job = svc.jobs.get(job_id)
    if destruction is not None and job is not None:
        svc.jobs.set_destruction(job_id, parse_destruction(destruction, job))
    phase = single(params, "PHASE")
    if phase is not None:
        change_phase(svc, job_id, phase)


def change_phase(svc: AsyncService, job_id: str, phase: str) -> None:
    wanted = phase.strip().upper()
    if wanted == "RUN":
        svc.jobs.queue(job_id)
    elif wanted == "ABORT":
        svc.jobs.abort(job_id)
    else:
        raise UsageError(f"PHASE={phase!r} is not supported: use PHASE=RUN or PHASE=ABORT")


def _usage(handler):
    """Bad input (parameters, uploads) becomes a VOTable error document with status 400."""
    @functools.wraps(handler)
    def wrapped(*args, **kwargs):
        try:
            return handler(*args, **kwargs)
        except (UsageError, UploadError) as exc:
            return error_response(str(exc))
    return wrapped


@blueprint.route(JOBS_PATH, methods=["GET"])
@_usage
def job_list() -> Response:
    params = request_parameters(request)
    phases = [p.strip().upper() for p in params.get("PHASE", [])]
    unknown = [p for p in phases if p not in PHASES]
    if unknown:
        raise UsageError(f"PHASE={unknown[0]!r} is not a UWS phase ({', '.join(PHASES)})")
    after = single(params, "AFTER")
    if after is not None:
        try:
            after = iso(parse_iso(after))
        except ValueError:
            raise UsageError(f"AFTER={after!r} is not an ISO 8601 date and time") from None
    last = single(params, "LAST")
    if last is not None:
        if not last.strip().isdigit() or int(last) <= 0:
            raise UsageError(f"LAST={last!r} is not a positive integer")
        last = int(last)
    found = service().jobs.list(phases=phases, after=after, last=last)
    return Response(documents.job_list_document(found, jobs_url()), mimetype=XML)


@blueprint.route(JOBS_PATH, methods=["POST"])
@_usage
def create_job() -> Response:
    svc = service()
    params = request_parameters(request)
    parameters = job_parameters(params)
    job = svc.jobs.create(parameters, run_id=single(params, "RUNID"), owner_id=None,
                          execution_duration=int(svc.limits.timeout_s), retention_s=svc.retention_s)
    try:
        store_uploads(svc, job.job_id, parameters.get("upload"))
        apply_settings(svc, job.job_id, params)
    except (UsageError, UploadError):
        svc.destroy(job.job_id)
        raise
    return see_other(job_url(job.job_id))


def _wait(svc: AsyncService, job: Job, seconds: float, phase: str | None) -> Job:
    """UWS 1.1 blocking: return when the phase leaves the one the client saw, or after `seconds`."""
    watched = phase.strip().upper() if phase else job.phase
    if job.phase not in ABORTABLE_PHASES or job.phase != watched:
        return job
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(min(POLL_S, max(0.0, deadline - time.monotonic())))
        current = svc.jobs.get(job.job_id)
        if current is None or current.phase != watched:
            return current or job
    return svc.jobs.get(job.job_id) or job


@blueprint.route(f"{JOBS_PATH}/<job_id>", methods=["GET"])
@_usage
def get_job(job_id: str) -> Response:
    svc = service()
    job = svc.jobs.get(job_id)
    if job is None:
        return not_found(job_id)
    params = request_parameters(request)
    wait = single(params, "WAIT")
    if wait is not None:
        try:
            seconds = float(wait)
        except ValueError:
            raise UsageError(f"WAIT={wait!r} is not a number of seconds") from None
        seconds = MAX_WAIT_S if seconds < 0 else min(seconds, MAX_WAIT_S)
        job = _wait(svc, job, seconds, single(params, "PHASE"))
    return Response(documents.job_document(job, job_url(job_id)), mimetype=XML)


@blueprint.route(f"{JOBS_PATH}/<job_id>", methods=["POST"])
@_usage
def post_job(job_id: str) -> Response:
    svc = service()
    if svc.jobs.get(job_id) is None:
        return not_found(job_id)
    params = request_parameters(request)
    action = single(params, "ACTION")
    if action is not None:
        if action.strip().upper() != "DELETE":
            raise UsageError(f"ACTION={action!r} is not supported: use ACTION=DELETE")
        svc.destroy(job_id)
        return see_other(jobs_url())
    update_parameters(svc, job_id, params)
    apply_settings(svc, job_id, params)
    return see_other(job_url(job_id))


def update_parameters(svc: AsyncService, job_id: str, params: dict[str, list[str]]) -> None:
    """New TAP parameters for a PENDING job (merged into the ones it has)."""
    given = job_parameters(params)
    if not given:
        return
    job = svc.jobs.get(job_id)
    if job is None or job.phase != PENDING:
        raise UsageError("Parameters can be changed only while the job is PENDING")
    merged = {**job.params, **given}
    store_uploads(svc, job_id, given.get("upload"))
    svc.jobs.set_parameters(job_id, merged, merged.get("runid"))


@blueprint.route(f"{JOBS_PATH}/<job_id>", methods=["DELETE"])
def delete_job(job_id: str) -> Response:
    if not service().destroy(job_id):
        return not_found(job_id)
    return see_other(jobs_url())


@blueprint.route(f"{JOBS_PATH}/<job_id>/phase", methods=["GET", "POST"])
@_usage
def phase(job_id: str) -> Response:
    svc = service()
    job = svc.jobs.get(job_id)
    if job is None:
        return not_found(job_id)
    if request.method == "GET":
        return _text(job.phase)
    value = single(request_parameters(request), "PHASE")
    if value is None:
        raise UsageError("PHASE is missing: send PHASE=RUN or PHASE=ABORT")
    change_phase(svc, job_id, value)
    return see_other(job_url(job_id))


@blueprint.route(f"{JOBS_PATH}/<job_id>/executionduration", methods=["GET", "POST"])
@_usage
def execution_duration(job_id: str) -> Response:
    svc = service()
    job = svc.jobs.get(job_id)
    if job is None:
        return not_found(job_id)
    if request.method == "GET":
        return _text(job.execution_duration)
    value = single(request_parameters(request), "EXECUTIONDURATION")
    if value is None:
        raise UsageError("EXECUTIONDURATION is missing")
    svc.jobs.set_execution_duration(job_id, parse_execution_duration(value))
    return see_other(job_url(job_id))


@blueprint.route(f"{JOBS_PATH}/<job_id>/destruction", methods=["GET", "POST"])
@_usage
def destruction(job_id: str) -> Response:
    svc = service()
    job = svc.jobs.get(job_id)
    if job is None:
        return not_found(job_id)
    if request.method == "GET":
        return _text(job.destruction)
    value = single(request_parameters(request), "DESTRUCTION")
    if value is None:
        raise UsageError("DESTRUCTION is missing")
    svc.jobs.set_destruction(job_id, parse_destruction(value, job))
    return see_other(job_url(job_id))


@blueprint.route(f"{JOBS_PATH}/<job_id>/quote")
def quote(job_id: str) -> Response:
    job = service().jobs.get(job_id)
    return not_found(job_id) if job is None else _text(None)


@blueprint.route(f"{JOBS_PATH}/<job_id>/owner")
def owner(job_id: str) -> Response:
    job = service().jobs.get(job_id)
    return not_found(job_id) if job is None else _text(job.owner_id)


@blueprint.route(f"{JOBS_PATH}/<job_id>/error")
def error(job_id: str) -> Response:
    job = service().jobs.get(job_id)
    if job is None:
        return not_found(job_id)
    if job.phase != ERROR:
        return error_response(f"Job {job_id} is {job.phase}, not in ERROR: there is no error to report",
                              status=404)
    return error_response(job.error_message or "The job failed", status=200)


@blueprint.route(f"{JOBS_PATH}/<job_id>/parameters", methods=["GET", "POST"])
@_usage
def parameters(job_id: str) -> Response:
    svc = service()
    job = svc.jobs.get(job_id)
    if job is None:
        return not_found(job_id)
    if request.method == "POST":
        update_parameters(svc, job_id, request_parameters(request))
        return see_other(job_url(job_id))
    return Response(documents.parameters_document(job), mimetype=XML)


@blueprint.route(f"{JOBS_PATH}/<job_id>/results")
def results(job_id: str) -> Response:
    job = service().jobs.get(job_id)
    if job is None:
        return not_found(job_id)
    return Response(documents.results_document(job, job_url(job_id)), mimetype=XML)


@blueprint.route(f"{JOBS_PATH}/<job_id>/results/<name>")
def result(job_id: str, name: str) -> Response:
    svc = service()
    job = svc.jobs.get(job_id)
    if job is None:
        return not_found(job_id)
    path = svc.results.result_path(job_id)
    if name != documents.RESULT_NAME or job.result_mime is None or not path.exists():
        return error_response(f"Job {job_id} has no result {name!r} (it is {job.phase})", status=404)
    return send_file(path, mimetype=job.result_mime, conditional=True)
