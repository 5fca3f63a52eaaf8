"""The job store on SQLite (and PostgreSQL when it is there): phases, queue claims, leases, filters."""
from __future__ import annotations

import multiprocessing
import time
from pathlib import Path

import pytest

from tests.conftest import reachable_pg_admin_url
from vo_service.db import open_backend
from vo_service.protocol.uws.jobs import ABORTED, COMPLETED, ERROR, EXECUTING, PENDING, QUEUED, JobStore


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path: Path) -> JobStore:
    if request.param == "sqlite":
        backend = open_backend(f"sqlite:///{tmp_path / 'jobs.db'}")
    else:
        backend = open_backend(reachable_pg_admin_url())
        backend.drop_table("apo", "jobs")
    return JobStore(backend)


def _new(store: JobStore, **params: str):
    return store.create({"query": "SELECT 1", **params}, run_id=None, owner_id=None, execution_duration=60,
                        retention_s=3600)


def test_lifecycle_pending_queued_executing_completed(store):
    job = _new(store, lang="ADQL")
    assert job.phase == PENDING and job.params == {"query": "SELECT 1", "lang": "ADQL"}
    assert store.claim("w1") is None, "a PENDING job is not in the queue"
    assert store.queue(job.job_id)
    claimed = store.claim("w1")
    assert claimed.job_id == job.job_id and claimed.phase == EXECUTING and claimed.worker_id == "w1"
    assert claimed.start_time is not None
    assert store.heartbeat(job.job_id, "w1") == EXECUTING
    assert store.complete(job.job_id, "w1", "text/csv", 42)
    done = store.get(job.job_id)
    assert (done.phase, done.result_mime, done.result_size) == (COMPLETED, "text/csv", 42)
    assert done.end_time >= done.start_time


def test_parameters_change_only_while_pending(store):
    job = _new(store)
    assert store.set_parameters(job.job_id, {"query": "SELECT 2"}, "run-7")
    assert store.get(job.job_id).params == {"query": "SELECT 2"}
    store.queue(job.job_id)
    assert not store.set_parameters(job.job_id, {"query": "SELECT 3"}, None)
    assert store.get(job.job_id).params == {"query": "SELECT 2"}


def test_abort_of_a_running_job_keeps_the_worker_from_completing_it(store):
    job = _new(store)
    store.queue(job.job_id)
    store.claim("w1")
    assert store.abort(job.job_id)
    assert store.heartbeat(job.job_id, "w1") == ABORTED
    assert not store.complete(job.job_id, "w1", "text/csv", 1)
    assert store.get(job.job_id).phase == ABORTED
    assert not store.abort(job.job_id), "a finished job cannot be aborted again"


def test_queue_is_first_in_first_out(store):
    first, second = _new(store), _new(store)
    store.queue(first.job_id)
    time.sleep(0.01)
    store.queue(second.job_id)
    assert store.claim("w").job_id == first.job_id
    assert store.claim("w").job_id == second.job_id
    assert store.claim("w") is None


def test_stale_executing_jobs_become_error_with_a_message(store):
    job = _new(store)
    store.queue(job.job_id)
    store.claim("dead-worker")
    assert store.fail_stale(lease_s=60) == 0, "a fresh heartbeat is within its lease"
    time.sleep(0.3)
    assert store.fail_stale(lease_s=0.1) == 1
    failed = store.get(job.job_id)
    assert failed.phase == ERROR and "stopped" in failed.error_message
    assert not store.complete(job.job_id, "dead-worker", "text/csv", 1)


def test_job_list_filters(store):
    jobs = [_new(store) for _ in range(4)]
    store.queue(jobs[1].job_id)
    store.abort(jobs[2].job_id)
    assert {j.job_id for j in store.list(phases=[QUEUED])} == {jobs[1].job_id}
    assert {j.job_id for j in store.list(phases=[PENDING, ABORTED])} == {jobs[0].job_id, jobs[2].job_id,
                                                                          jobs[3].job_id}
    newest = store.list(last=2)
    assert [j.job_id for j in newest] == [jobs[3].job_id, jobs[2].job_id]
    after = store.list(after=jobs[1].creation_time)
    assert jobs[0].job_id not in {j.job_id for j in after}


def test_expired_jobs_are_listed_for_destruction(store):
    from datetime import timedelta

    from vo_service.protocol.uws.jobs import utc_now

    job, kept = _new(store), _new(store)
    store.set_destruction(job.job_id, utc_now() - timedelta(seconds=1))
    assert store.expired() == [job.job_id]
    assert store.delete(job.job_id) and store.get(job.job_id) is None
    assert store.get(kept.job_id) is not None


def _claim_all(url: str, worker: str, out) -> None:
    store = JobStore(open_backend(url))
    claimed = []
    while (job := store.claim(worker)) is not None:
        claimed.append(job.job_id)
    out.put(claimed)


@pytest.mark.parametrize("database", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def test_concurrent_claims_from_two_processes_never_share_a_job(database: str, tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'queue.db'}" if database == "sqlite" else reachable_pg_admin_url()
    backend = open_backend(url)
    if database == "postgresql":
        backend.drop_table("apo", "jobs")
    store = JobStore(backend)
    ids = []
    for _ in range(60):
        job = _new(store)
        store.queue(job.job_id)
        ids.append(job.job_id)
    context = multiprocessing.get_context("spawn")
    out = context.Queue()
    workers = [context.Process(target=_claim_all, args=(url, f"w{i}", out)) for i in range(2)]
    for process in workers:
        process.start()
    results = [out.get(timeout=60) for _ in workers]
    for process in workers:
        process.join(10)
    claimed = results[0] + results[1]
    assert sorted(claimed) == sorted(ids), "every job claimed exactly once"
