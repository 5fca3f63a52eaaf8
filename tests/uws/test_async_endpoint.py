"""/tap/async through the Flask test client, with a worker running jobs in this process."""
from __future__ import annotations

import io
import time

import pytest
from astropy.io.votable import parse_single_table
from lxml import etree

from tests.uws.conftest import SLOW_QUERY

UWS = {"uws": "http://www.ivoa.net/xml/UWS/v1.0", "xlink": "http://www.w3.org/1999/xlink"}
QUERY = "SELECT TOP 7 event_id, ra, dec FROM mm.events WHERE messenger = 'neutrino'"


def _create(client, **params) -> str:
    response = client.post("/tap/async", data={"LANG": "ADQL", "QUERY": QUERY, **params})
    assert response.status_code == 303, response.data
    return response.headers["Location"].rsplit("/", 1)[1]


def _job(client, job_id: str, **query) -> etree._Element:
    response = client.get(f"/tap/async/{job_id}", query_string=query)
    assert response.status_code == 200 and response.mimetype == "text/xml"
    return etree.fromstring(response.data)


def _text(doc: etree._Element, path: str) -> str | None:
    return doc.findtext(path, namespaces=UWS)


def test_job_runs_to_completed_with_a_valid_job_document(async_client, worker, xsd_errors):
    job_id = _create(async_client, PHASE="RUN", RUNID="r-1", MAXREC="5")
    assert _text(_job(async_client, job_id), "uws:phase") == "QUEUED"
    assert worker.run_once()
    response = async_client.get(f"/tap/async/{job_id}")
    assert xsd_errors(response.data, "job.xml") == []
    doc = etree.fromstring(response.data)
    assert _text(doc, "uws:phase") == "COMPLETED"
    assert _text(doc, "uws:runId") == "r-1"
    params = {p.get("id"): p.text for p in doc.iterfind("uws:parameters/uws:parameter", UWS)}
    assert params["query"] == QUERY and params["maxrec"] == "5"
    result = doc.find("uws:results/uws:result", UWS)
    assert result.get("mime-type").startswith("application/x-votable+xml")
    href = result.get(f"{{{UWS['xlink']}}}href")
    data = async_client.get(href.replace("http://127.0.0.1", ""))
    assert data.status_code == 200 and data.mimetype == "application/x-votable+xml"
    table = parse_single_table(io.BytesIO(data.data)).to_table()
    assert len(table) == 5, "MAXREC applies to async results"
    assert int(result.get("size")) == len(data.data)


def test_sub_resources_answer_as_uws_says(async_client, xsd_errors):
    job_id = _create(async_client)
    base = f"/tap/async/{job_id}"
    assert async_client.get(f"{base}/phase").data == b"PENDING"
    assert async_client.get(f"{base}/phase").mimetype == "text/plain"
    assert async_client.get(f"{base}/executionduration").data == b"3600"
    assert async_client.get(f"{base}/quote").data == b""
    assert async_client.get(f"{base}/owner").data == b""
    destruction = async_client.get(f"{base}/destruction").data.decode()
    assert destruction.endswith("Z") and destruction > time.strftime("%Y-%m-%d")
    for name in ("parameters", "results"):
        response = async_client.get(f"{base}/{name}")
        assert response.status_code == 200 and xsd_errors(response.data, f"{name}.xml") == []
    assert async_client.get(f"{base}/error").status_code == 404

    redirect = async_client.post(f"{base}/executionduration", data={"EXECUTIONDURATION": "120"})
    assert redirect.status_code == 303 and redirect.headers["Location"].endswith(base)
    assert async_client.get(f"{base}/executionduration").data == b"120"
    redirect = async_client.post(f"{base}/destruction", data={"DESTRUCTION": "2030-01-02T03:04:05Z"})
    assert redirect.status_code == 303
    shortened = async_client.get(f"{base}/destruction").data.decode()
    assert shortened <= destruction, "destruction is never later than the retention period"
    redirect = async_client.post(f"{base}/parameters", data={"QUERY": "SELECT TOP 1 * FROM mm.events"})
    assert redirect.status_code == 303
    assert b"SELECT TOP 1 * FROM mm.events" in async_client.get(f"{base}/parameters").data


def test_bad_values_are_clear_errors(async_client):
    job_id = _create(async_client)
    base = f"/tap/async/{job_id}"
    for path, data in ((f"{base}/phase", {"PHASE": "SUSPEND"}),
                       (f"{base}/executionduration", {"EXECUTIONDURATION": "soon"}),
                       (f"{base}/destruction", {"DESTRUCTION": "tomorrow"}),
                       (base, {"ACTION": "EXPLODE"})):
        response = async_client.post(path, data=data)
        assert response.status_code == 400 and b"QUERY_STATUS" in response.data, path
    assert async_client.get("/tap/async", query_string={"PHASE": "RUNNING"}).status_code == 400
    assert async_client.get("/tap/async", query_string={"LAST": "-3"}).status_code == 400
    assert async_client.get("/tap/async", query_string={"AFTER": "yesterday"}).status_code == 400
    assert async_client.get("/tap/async/nosuchjob").status_code == 404
    assert async_client.get("/tap/async/nosuchjob/phase").status_code == 404


def test_query_errors_put_the_job_in_error(async_client, worker, xsd_errors):
    job_id = _create(async_client, QUERY="SELECT nothing FROM mm.nowhere", PHASE="RUN")
    worker.run_once()
    response = async_client.get(f"/tap/async/{job_id}")
    assert xsd_errors(response.data, "error-job.xml") == []
    doc = etree.fromstring(response.data)
    assert _text(doc, "uws:phase") == "ERROR"
    summary = doc.find("uws:errorSummary", UWS)
    assert summary.get("type") == "fatal" and "nowhere" in _text(summary, "uws:message")
    error = async_client.get(f"/tap/async/{job_id}/error")
    assert error.status_code == 200 and error.mimetype == "application/x-votable+xml"
    assert b'value="ERROR"' in error.data and b"nowhere" in error.data
    assert xsd_errors(error.data, "error.vot") == []


def test_job_list_filters_and_validity(async_client, worker, xsd_errors):
    done = _create(async_client, PHASE="RUN")
    worker.run_once()
    pending = _create(async_client)
    response = async_client.get("/tap/async")
    assert xsd_errors(response.data, "jobs.xml") == []
    listed = {ref.get("id") for ref in etree.fromstring(response.data).iterfind("uws:jobref", UWS)}
    assert {done, pending} <= listed
    only_pending = etree.fromstring(async_client.get("/tap/async?PHASE=PENDING").data)
    phases = {_text(ref, "uws:phase") for ref in only_pending.iterfind("uws:jobref", UWS)}
    assert phases == {"PENDING"}
    last = etree.fromstring(async_client.get("/tap/async?LAST=1").data)
    assert [ref.get("id") for ref in last.iterfind("uws:jobref", UWS)] == [pending]
    created = _text(_job(async_client, done), "uws:creationTime")
    after = etree.fromstring(async_client.get("/tap/async", query_string={"AFTER": created}).data)
    assert done not in {ref.get("id") for ref in after.iterfind("uws:jobref", UWS)}
    assert pending in {ref.get("id") for ref in after.iterfind("uws:jobref", UWS)}


def test_delete_and_action_delete_redirect_to_the_job_list_and_remove_results(async_client, async_app, worker):
    results = async_app.extensions["apo_async"].results
    first = _create(async_client, PHASE="RUN")
    worker.run_once()
    assert results.result_path(first).exists()
    response = async_client.delete(f"/tap/async/{first}")
    assert response.status_code == 303 and response.headers["Location"].endswith("/tap/async")
    assert async_client.get(f"/tap/async/{first}").status_code == 404
    assert not results.job_dir(first).exists()
    second = _create(async_client)
    response = async_client.post(f"/tap/async/{second}", data={"ACTION": "DELETE"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/tap/async")
    assert async_client.get(f"/tap/async/{second}").status_code == 404


def test_expired_jobs_are_destroyed_with_their_results(async_client, async_app, worker):
    from datetime import timedelta

    from vo_service.protocol.uws.jobs import utc_now

    svc = async_app.extensions["apo_async"]
    job_id = _create(async_client, PHASE="RUN")
    worker.run_once()
    svc.jobs.set_destruction(job_id, utc_now() - timedelta(seconds=1))
    assert svc.destroy_expired() == 1
    assert async_client.get(f"/tap/async/{job_id}").status_code == 404
    assert not svc.results.job_dir(job_id).exists()


def test_wait_blocks_until_the_phase_changes(async_client, running_worker):
    job_id = _create(async_client)
    started = time.monotonic()
    doc = _job(async_client, job_id, WAIT="1")
    assert _text(doc, "uws:phase") == "PENDING"
    assert time.monotonic() - started < 3, "WAIT ends after the time asked for"
    async_client.post(f"/tap/async/{job_id}/phase", data={"PHASE": "RUN"})
    for _ in range(20):
        doc = _job(async_client, job_id, WAIT="10")
        if _text(doc, "uws:phase") not in ("QUEUED", "EXECUTING"):
            break
    assert _text(doc, "uws:phase") == "COMPLETED"
    finished = time.monotonic()
    assert _text(_job(async_client, job_id, WAIT="30"), "uws:phase") == "COMPLETED"
    assert time.monotonic() - finished < 1, "a finished job answers WAIT at once"


def test_abort_cancels_the_running_query_and_frees_the_worker(async_client, running_worker):
    job_id = _create(async_client, QUERY=SLOW_QUERY, PHASE="RUN")
    deadline = time.monotonic() + 20
    while _text(_job(async_client, job_id), "uws:phase") != "EXECUTING" and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    response = async_client.post(f"/tap/async/{job_id}/phase", data={"PHASE": "ABORT"})
    assert response.status_code == 303
    aborted_at = time.monotonic()
    quick = _create(async_client, PHASE="RUN")
    doc = _job(async_client, quick, WAIT="20")
    while _text(doc, "uws:phase") in ("QUEUED", "EXECUTING") and time.monotonic() - aborted_at < 20:
        doc = _job(async_client, quick, WAIT="20")
    assert _text(doc, "uws:phase") == "COMPLETED"
    assert time.monotonic() - aborted_at < 10, "the aborted query stopped instead of running to its end"
    assert _text(_job(async_client, job_id), "uws:phase") == "ABORTED"


def test_phase_run_with_creation_and_upload_in_async(async_client, worker):
    from astropy.table import Table

    table = Table({"src_ra": [10.0, 200.5], "src_dec": [-5.0, 41.0], "label": ["a", "b"]})
    table["src_ra"].meta["ucd"] = "pos.eq.ra"
    buffer = io.BytesIO()
    table.write(buffer, format="votable")
    response = async_client.post("/tap/async", data={
        "LANG": "ADQL", "PHASE": "RUN", "UPLOAD": "mine,param:cat",
        "QUERY": "SELECT label, src_ra FROM TAP_UPLOAD.mine ORDER BY label",
        "cat": (io.BytesIO(buffer.getvalue()), "cat.xml")}, content_type="multipart/form-data")
    assert response.status_code == 303
    job_id = response.headers["Location"].rsplit("/", 1)[1]
    worker.run_once()
    doc = _job(async_client, job_id)
    assert _text(doc, "uws:phase") == "COMPLETED", _text(doc, "uws:errorSummary/uws:message")
    data = async_client.get(f"/tap/async/{job_id}/results/result").data
    rows = parse_single_table(io.BytesIO(data)).to_table()
    assert list(rows["label"]) == ["a", "b"] and list(rows["src_ra"]) == [10.0, 200.5]


@pytest.mark.parametrize("fmt,mime", [("csv", "text/csv"), ("votable/b2", "application/x-votable+xml")])
def test_result_is_served_with_its_content_type(async_client, worker, fmt, mime):
    job_id = _create(async_client, PHASE="RUN", RESPONSEFORMAT=fmt)
    worker.run_once()
    response = async_client.get(f"/tap/async/{job_id}/results/result")
    assert response.status_code == 200 and response.mimetype == mime
    assert async_client.get(f"/tap/async/{job_id}/results/other").status_code == 404
