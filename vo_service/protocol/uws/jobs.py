"""Async jobs as rows of the private table `apo.jobs`: the one place job state lives.

Web processes and workers (on this machine or others) share it, so jobs survive
restarts and any worker may run any job. Workers take jobs with the backend's
`claim` (an atomic queue claim on both databases) and prove they are alive with a
heartbeat; a job whose heartbeat stops is turned into ERROR by whoever notices.
"""
from __future__ import annotations

import json
import secrets
import time
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from resources import system_resource
from vo_service.db.interfaces import JobStoreBackend
from vo_service.db.queue import QueueClaim

PENDING, QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED, HELD, SUSPENDED, ARCHIVED, UNKNOWN = (
    "PENDING", "QUEUED", "EXECUTING", "COMPLETED", "ERROR", "ABORTED", "HELD", "SUSPENDED", "ARCHIVED", "UNKNOWN")
PHASES = (PENDING, QUEUED, EXECUTING, COMPLETED, ERROR, ABORTED, UNKNOWN, HELD, SUSPENDED, ARCHIVED)
ACTIVE_PHASES = (QUEUED, EXECUTING)
ABORTABLE_PHASES = (PENDING, QUEUED, EXECUTING, HELD, SUSPENDED)


JOBS_TABLE = system_resource("apo").table("jobs")
COLUMNS = tuple(c.name for c in JOBS_TABLE.columns)


def iso(moment: datetime) -> str:
    """UTC with microseconds: sortable as text, valid xs:dateTime, and distinct for jobs made in one millisecond
    (UWS LAST orders by creation time)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def utc_now() -> datetime:
    return datetime.now(UTC)


def parse_iso(text: str) -> datetime:
    """An ISO 8601 instant; no zone means UTC (DALI timestamps). ValueError when unreadable."""
    value = text.strip()
    if value.endswith("Z"):
        value = value[:-1] + "+00:00"
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Job:
    job_id: str
    run_id: str | None
    owner_id: str | None
    phase: str
    creation_time: str
    start_time: str | None
    end_time: str | None
    execution_duration: int
    destruction: str | None
    parameters: str
    error_message: str | None
    error_type: str | None
    result_mime: str | None
    result_size: int | None
    worker_id: str | None
    heartbeat: float | None
    queued_at: float | None

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Job:
        return cls(*row)

    @property
    def params(self) -> dict[str, str]:
        """Parameter names in lower case, as the job document lists them."""
        return json.loads(self.parameters or "{}")


assert tuple(f.name for f in fields(Job)) == COLUMNS


class JobStore:
    """Every read and change of job state; nothing else touches the jobs table."""

    def __init__(self, backend: JobStoreBackend) -> None:
        self.backend = backend
        self.table = backend.quoted_name(JOBS_TABLE.schema, JOBS_TABLE.name)
        self._p = backend.placeholder
        self._ready = False

    def ensure(self) -> None:
        """Create the jobs table on first use (idempotent, safe from several processes)."""
        if self._ready:
            return
        if not self.backend.table_exists(JOBS_TABLE.schema, JOBS_TABLE.name):
            self.backend.create_table(JOBS_TABLE, replace=False)
            self.backend.create_indexes(JOBS_TABLE)
        self._ready = True

    def _select(self, where: str = "", params: Sequence[Any] = (), tail: str = "") -> list[Job]:
        self.ensure()
        sql = f"SELECT {', '.join(COLUMNS)} FROM {self.table}"
        if where:
            sql += f" WHERE {where}"
        return [Job.from_row(r) for r in self.backend.fetch_all(f"{sql} {tail}", params)]

    def _update(self, assign: str, params: Sequence[Any], where: str, where_params: Sequence[Any]) -> bool:
        self.ensure()
        return self.backend.write_count(f"UPDATE {self.table} SET {assign} WHERE {where}",
                                        (*params, *where_params)) > 0

    def _phase_in(self, phases: Sequence[str]) -> str:
        return f"phase IN ({', '.join(self._p for _ in phases)})"

    def create(self, parameters: dict[str, str], *, run_id: str | None, owner_id: str | None,
               execution_duration: int, retention_s: int) -> Job:
        self.ensure()
        now = utc_now()
        job_id = secrets.token_hex(8)
        values = {
            "job_id": job_id, "run_id": run_id, "owner_id": owner_id, "phase": PENDING,
            "creation_time": iso(now), "execution_duration": execution_duration,
            "destruction": iso(now + timedelta(seconds=retention_s)), "parameters": json.dumps(parameters),
        }
        names = ", ".join(values)
        self.backend.write_count(f"INSERT INTO {self.table} ({names}) VALUES "
                                 f"({', '.join(self._p for _ in values)})", tuple(values.values()))
        job = self.get(job_id)
        assert job is not None
        return job

    def get(self, job_id: str) -> Job | None:
        found = self._select(f"job_id = {self._p}", (job_id,))
        return found[0] if found else None

    def list(self, *, phases: Sequence[str] = (), after: str | None = None, last: int | None = None,
             owner_id: str | None = None) -> list[Job]:
        """UWS 1.1 job list: ARCHIVED only when asked for; LAST = most recently created first."""
        clauses, params = [], []
        wanted = tuple(phases) or tuple(p for p in PHASES if p != ARCHIVED)
        clauses.append(self._phase_in(wanted))
        params.extend(wanted)
        if after is not None:
            clauses.append(f"creation_time > {self._p}")
            params.append(after)
        if owner_id is not None:
            clauses.append(f"owner_id = {self._p}")
            params.append(owner_id)
        tail = "ORDER BY creation_time DESC, job_id DESC"
        if last is not None:
            tail += f" LIMIT {int(last)}"
        return self._select(" AND ".join(clauses), params, tail)

    def set_parameters(self, job_id: str, parameters: dict[str, str], run_id: str | None) -> bool:
        """Parameters change only while the job is PENDING."""
        return self._update(f"parameters = {self._p}, run_id = {self._p}", (json.dumps(parameters), run_id),
                            f"job_id = {self._p} AND phase = {self._p}", (job_id, PENDING))

    def queue(self, job_id: str) -> bool:
        return self._update(f"phase = {self._p}, queued_at = {self._p}", (QUEUED, time.time()),
                            f"job_id = {self._p} AND phase IN ({self._p}, {self._p})", (job_id, PENDING, HELD))

    def abort(self, job_id: str) -> bool:
        return self._update(f"phase = {self._p}, end_time = {self._p}", (ABORTED, iso(utc_now())),
                            f"job_id = {self._p} AND {self._phase_in(ABORTABLE_PHASES)}",
                            (job_id, *ABORTABLE_PHASES))

    def set_execution_duration(self, job_id: str, seconds: int) -> bool:
        return self._update(f"execution_duration = {self._p}", (seconds,),
                            f"job_id = {self._p} AND phase IN ({self._p}, {self._p})", (job_id, PENDING, HELD))

    def set_destruction(self, job_id: str, moment: datetime) -> bool:
        return self._update(f"destruction = {self._p}", (iso(moment),), f"job_id = {self._p}", (job_id,))

    def delete(self, job_id: str) -> bool:
        self.ensure()
        return self.backend.write_count(f"DELETE FROM {self.table} WHERE job_id = {self._p}", (job_id,)) > 0

    def claim(self, worker_id: str) -> Job | None:
        """The oldest QUEUED job, now EXECUTING under this worker; None when the queue is empty."""
        self.ensure()
        row = self.backend.claim(QueueClaim(
            JOBS_TABLE, key="job_id", match={"phase": QUEUED},
            assign={"phase": EXECUTING, "start_time": iso(utc_now()), "worker_id": worker_id,
                    "heartbeat": time.time()},
            order_by=("queued_at", "job_id")))
        return None if row is None else Job.from_row(row)

    def heartbeat(self, job_id: str, worker_id: str) -> str | None:
        """Record that the worker is alive; the job's phase now (None if the job was deleted)."""
        self._update(f"heartbeat = {self._p}", (time.time(),),
                     f"job_id = {self._p} AND worker_id = {self._p} AND phase = {self._p}",
                     (job_id, worker_id, EXECUTING))
        job = self.get(job_id)
        return None if job is None else job.phase

    def complete(self, job_id: str, worker_id: str, mime: str, size: int) -> bool:
        """False if the job stopped being this worker's (aborted, deleted, declared dead)."""
        return self._update(f"phase = {self._p}, end_time = {self._p}, result_mime = {self._p}, "
                            f"result_size = {self._p}", (COMPLETED, iso(utc_now()), mime, size),
                            f"job_id = {self._p} AND worker_id = {self._p} AND phase = {self._p}",
                            (job_id, worker_id, EXECUTING))

    def fail(self, job_id: str, worker_id: str, message: str, error_type: str = "fatal") -> bool:
        return self._update(f"phase = {self._p}, end_time = {self._p}, error_message = {self._p}, "
                            f"error_type = {self._p}", (ERROR, iso(utc_now()), message, error_type),
                            f"job_id = {self._p} AND worker_id = {self._p} AND phase = {self._p}",
                            (job_id, worker_id, EXECUTING))

    def fail_stale(self, lease_s: float) -> int:
        """EXECUTING jobs whose worker has not been heard of for lease_s become ERROR; how many."""
        self.ensure()
        message = (f"The worker running this job stopped (no sign of life for {lease_s:g} s: the service was "
                   "restarted or the worker was killed); please submit the job again")
        return self.backend.write_count(
            f"UPDATE {self.table} SET phase = {self._p}, end_time = {self._p}, error_message = {self._p}, "
            f"error_type = {self._p} WHERE phase = {self._p} AND heartbeat < {self._p}",
            (ERROR, iso(utc_now()), message, "transient", EXECUTING, time.time() - lease_s))

    def expired(self) -> list[str]:
        """Jobs past their destruction time."""
        self.ensure()
        rows = self.backend.fetch_all(f"SELECT job_id FROM {self.table} WHERE destruction < {self._p}",
                                      (iso(utc_now()),))
        return [r[0] for r in rows]
