"""The UWS 1.1 XML documents: job list, job, results and parameters (valid against UWS-v1.1.xsd)."""
from __future__ import annotations

from collections.abc import Iterable

from lxml import etree

from vo_service.protocol.uws.jobs import Job
from vo_service.protocol.uws.results import RESULT_NAME

UWS = "http://www.ivoa.net/xml/UWS/v1.0"
XLINK = "http://www.w3.org/1999/xlink"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"uws": UWS, "xlink": XLINK, "xsi": XSI}
VERSION = "1.1"


def _el(parent: etree._Element | None, name: str, text: object | None = None, *, nil: bool = False,
        **attrib: str) -> etree._Element:
    tag = f"{{{UWS}}}{name}"
    element = etree.Element(tag, nsmap=NSMAP) if parent is None else etree.SubElement(parent, tag)
    for key, value in attrib.items():
        element.set(key, value)
    if text is not None:
        element.text = str(text)
    elif nil:
        element.set(f"{{{XSI}}}nil", "true")
    return element


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def job_list_document(jobs: Iterable[Job], jobs_url: str) -> bytes:
    root = _el(None, "jobs", version=VERSION)
    for job in jobs:
        ref = _el(root, "jobref", id=job.job_id)
        ref.set(f"{{{XLINK}}}href", f"{jobs_url}/{job.job_id}")
        _el(ref, "phase", job.phase)
        if job.run_id:
            _el(ref, "runId", job.run_id)
        _el(ref, "ownerId", job.owner_id, nil=True)
        _el(ref, "creationTime", job.creation_time)
    return _serialize(root)


def _fill_parameters(parent: etree._Element, job: Job) -> None:
    for name, value in sorted(job.params.items()):
        _el(parent, "parameter", value, id=name)


def _fill_results(parent: etree._Element, job: Job, job_url: str) -> None:
    if job.phase != "COMPLETED" or job.result_mime is None:
        return
    result = _el(parent, "result", id=RESULT_NAME, size=str(job.result_size or 0))
    result.set(f"{{{XLINK}}}href", f"{job_url}/results/{RESULT_NAME}")
    result.set("mime-type", job.result_mime)


def job_document(job: Job, job_url: str) -> bytes:
    root = _el(None, "job", version=VERSION)
    _el(root, "jobId", job.job_id)
    if job.run_id:
        _el(root, "runId", job.run_id)
    _el(root, "ownerId", job.owner_id, nil=True)
    _el(root, "phase", job.phase)
    _el(root, "quote", None, nil=True)
    _el(root, "creationTime", job.creation_time)
    _el(root, "startTime", job.start_time, nil=True)
    _el(root, "endTime", job.end_time, nil=True)
    _el(root, "executionDuration", job.execution_duration)
    _el(root, "destruction", job.destruction, nil=True)
    _fill_parameters(_el(root, "parameters"), job)
    _fill_results(_el(root, "results"), job, job_url)
    if job.phase == "ERROR":
        summary = _el(root, "errorSummary", type=job.error_type or "fatal", hasDetail="true")
        _el(summary, "message", job.error_message or "The job failed")
    return _serialize(root)


def results_document(job: Job, job_url: str) -> bytes:
    root = _el(None, "results")
    _fill_results(root, job, job_url)
    return _serialize(root)


def parameters_document(job: Job) -> bytes:
    root = _el(None, "parameters")
    _fill_parameters(root, job)
    return _serialize(root)
