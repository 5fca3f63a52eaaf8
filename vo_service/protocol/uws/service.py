"""What the async endpoint and the workers share: job store, result files and limits."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from vo_service.db.base import Backend
from vo_service.protocol.query import Limits
from vo_service.protocol.uploads import UploadLimits
from vo_service.protocol.uws.jobs import JobStore
from vo_service.protocol.uws.results import ResultStore

LEASE_S = 30.0


@dataclass
class AsyncService:
    backend: Backend
    jobs: JobStore
    results: ResultStore
    limits: Limits
    uploads: UploadLimits
    retention_s: int
    lease_s: float = LEASE_S

    @classmethod
    def create(cls, backend: Backend, results_dir: Path, limits: Limits, uploads: UploadLimits,
               retention_s: int, lease_s: float = LEASE_S) -> AsyncService:
        return cls(backend, JobStore(backend), ResultStore(results_dir), limits, uploads, retention_s, lease_s)

    def destroy(self, job_id: str) -> bool:
        """Abort the job if it runs (its worker then cancels the query), forget it and its files."""
        self.jobs.abort(job_id)
        deleted = self.jobs.delete(job_id)
        if deleted:
            self.results.remove(job_id)
        return deleted

    def destroy_expired(self) -> int:
        expired = self.jobs.expired()
        for job_id in expired:
            self.destroy(job_id)
        return len(expired)

    def execution_limit_s(self, requested: int) -> float:
        """The statement timeout of a job: its executionDuration, at most the async limit (0 = the limit)."""
        if requested <= 0:
            return self.limits.timeout_s
        return min(float(requested), self.limits.timeout_s)
