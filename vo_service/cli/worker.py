"""Async job workers: processes that take QUEUED jobs from the database and run them.

Why the database as the queue (not Celery with Redis/RabbitMQ): the job state
has to live in the database anyway (UWS documents, restarts), so claiming from
the same table (`FOR UPDATE SKIP LOCKED` on PostgreSQL, an immediate-transaction
claim on SQLite) needs no second system to deploy, back up and keep consistent
with it, and workers on other machines need only the database URL and the
shared results directory.

While a job runs, a heartbeat thread records that the worker is alive and watches
the job's phase: an abort or deletion cancels the query at once. Jobs of a worker
that stopped beating are failed by the other workers after the lease.
"""
from __future__ import annotations

import logging
import os
import pickle
import signal
import socket
import subprocess
import sys
import threading
import time

import adql
from vo_service.db import open_backend
from vo_service.db.base import Interrupt, QueryAborted, QueryError
from vo_service.protocol.state import ServiceState
from vo_service.protocol.tap_job import USER_ERRORS, run_tap_job
from vo_service.protocol.uploads import UploadError
from vo_service.protocol.uws.jobs import EXECUTING, Job
from vo_service.protocol.uws.service import AsyncService
from vo_service.settings import Settings

log = logging.getLogger(__name__)
POLL_S = 0.5
SWEEP_S = 10.0
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)
STOP_GRACE_S = 5.0


class Worker:
    def __init__(self, svc: AsyncService, state: ServiceState, *, worker_id: str | None = None,
                 poll_s: float = POLL_S, parent_pid: int | None = None) -> None:
        self.svc = svc
        self.state = state
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.poll_s = poll_s
        self.parent_pid = parent_pid
        self._last_sweep = 0.0

    def orphaned(self) -> bool:
        """A pool worker whose service died must not outlive it."""
        return self.parent_pid is not None and os.getppid() != self.parent_pid

    def sweep(self) -> None:
        """Fail the jobs of dead workers and destroy expired jobs, every SWEEP_S or so."""
        if time.monotonic() - self._last_sweep < min(SWEEP_S, self.svc.lease_s / 2):
            return
        self._last_sweep = time.monotonic()
        failed = self.svc.jobs.fail_stale(self.svc.lease_s)
        if failed:
            log.warning("%d job(s) of stopped workers set to ERROR", failed)
        self.svc.destroy_expired()

    def run_once(self) -> bool:
        """Claim and run one job; False when the queue was empty."""
        self.sweep()
        job = self.svc.jobs.claim(self.worker_id)
        if job is None:
            return False
        self.execute(job)
        return True

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set() and not self.orphaned():
            try:
                ran = self.run_once()
            except QueryError as exc:
                log.error("job store unavailable: %s", exc)
                ran = False
            if not ran:
                stop.wait(self.poll_s)

    def _heartbeat(self, job: Job, interrupt: Interrupt, done: threading.Event) -> None:
        period = max(0.2, self.svc.lease_s / 6)
        while not done.wait(period):
            if self.orphaned():
                log.error("the service that started this worker is gone; stopping")
                os._exit(1)
            try:
                phase = self.svc.jobs.heartbeat(job.job_id, self.worker_id)
            except Exception:  # noqa: BLE001 - a failed beat is retried; the lease covers short outages
                log.exception("heartbeat of job %s failed", job.job_id)
                continue
            if phase != EXECUTING:
                interrupt.fire()
                return

    def execute(self, job: Job) -> None:
        interrupt, done = Interrupt(), threading.Event()
        beat = threading.Thread(target=self._heartbeat, args=(job, interrupt, done), daemon=True)
        beat.start()
        try:
            mime, size = run_tap_job(self.svc, self.state.catalog(), job, interrupt)
            if not self.svc.jobs.complete(job.job_id, self.worker_id, mime, size):
                self._discard_if_gone(job)
        except QueryAborted:
            log.info("job %s aborted", job.job_id)
        except (*USER_ERRORS, UploadError, QueryError) as exc:
            message = f"Query error: {exc}" if isinstance(exc, adql.ADQLError) else str(exc)
            self.svc.jobs.fail(job.job_id, self.worker_id, message)
        except Exception:  # noqa: BLE001 - the job must end in ERROR, whatever went wrong
            log.exception("job %s failed unexpectedly", job.job_id)
            self.svc.jobs.fail(job.job_id, self.worker_id, "Internal error while running this job; it has been "
                                                          "logged")
        finally:
            done.set()
            beat.join()

    def _discard_if_gone(self, job: Job) -> None:
        """A job deleted while it ran leaves no files behind."""
        if self.svc.jobs.get(job.job_id) is None:
            self.svc.results.remove(job.job_id)


def build_service(settings: Settings) -> tuple[AsyncService, ServiceState]:
    backend = open_backend(settings.db_url)
    svc = AsyncService.create(backend, settings.results, settings.async_limits, settings.uploads,
                              settings.retention_s, settings.lease_s)
    return svc, ServiceState(backend)


def worker_main(settings: Settings, parent_pid: int | None = None) -> None:
    """Entry point of one worker process; runs until terminated (or its parent service dies).

    SIGTERM and SIGINT (Ctrl-C at `apo worker`) end it quietly after the job in hand,
    so stopping it prints no traceback.
    """
    logging.basicConfig(level=logging.INFO, format="%(asctime)s worker %(process)d %(levelname)s %(message)s")
    stop = threading.Event()
    for signum in STOP_SIGNALS:
        signal.signal(signum, lambda *_: stop.set())
    svc, state = build_service(settings)
    Worker(svc, state, parent_pid=parent_pid).run(stop)


def pool_worker_main() -> None:
    """Entry point of a pool worker process: worker_main with the arguments its pool pickled to stdin."""
    worker_main(*pickle.load(sys.stdin.buffer))


POOL_WORKER_CODE = "from vo_service.cli.worker import pool_worker_main; pool_worker_main()"


class WorkerPool:
    """N worker processes beside the web service (`apo serve --async-workers N`).

    Plain subprocesses rather than multiprocessing's: gunicorn forks its web workers from the
    process that owns the pool, and multiprocessing would make each of them terminate and
    join the pool at exit. Only the process that started the pool stops it. The workers get
    a process group of their own, so Ctrl-C at the terminal (which may come while they are
    still importing) reaches the service alone, and the service stops them.
    """

    def __init__(self, settings: Settings, size: int) -> None:
        self.settings = settings
        self.size = size
        self.owner_pid = os.getpid()
        self.processes: list[subprocess.Popen] = []

    def start(self) -> None:
        handover = pickle.dumps((self.settings, self.owner_pid))
        for _ in range(self.size):
            process = subprocess.Popen([sys.executable, "-c", POOL_WORKER_CODE], stdin=subprocess.PIPE,
                                       process_group=0)
            with process.stdin:
                process.stdin.write(handover)
            self.processes.append(process)

    def stop(self, grace_s: float = STOP_GRACE_S) -> None:
        """Ask the workers to finish, kill those still running after grace_s; a no-op in forked children."""
        if os.getpid() != self.owner_pid:
            return
        for process in self.processes:
            process.terminate()
        deadline = time.monotonic() + grace_s
        for process in self.processes:
            try:
                process.wait(max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                log.warning("worker %d did not stop within %g s; killing it", process.pid, grace_s)
                process.kill()
                process.wait()
        self.processes.clear()
