"""Job files on disk: the result of each job and the tables uploaded with it.

One folder per job under the results directory, removed with the job. Workers on
other machines need the same directory (a shared file system).
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url

RESULT_NAME = "result"


def default_results_dir(db_url: str) -> Path:
    """`results/` beside an SQLite file, else `var/results/` under the working directory."""
    if db_url.split(":", 1)[0].split("+", 1)[0].lower() == "sqlite":
        database = make_url(db_url).database
        if database:
            return Path(database).resolve().parent / "results"
    return Path("var/results").resolve()


class ResultStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def job_dir(self, job_id: str) -> Path:
        if not job_id.isalnum():
            raise ValueError(f"not a job id: {job_id!r}")
        return self.root / job_id

    def result_path(self, job_id: str) -> Path:
        return self.job_dir(job_id) / RESULT_NAME

    def partial_path(self, job_id: str) -> Path:
        """Where a result is written before it is complete (then renamed into place)."""
        return self.job_dir(job_id) / f".{RESULT_NAME}.{os.getpid()}.part"

    def upload_path(self, job_id: str, table_name: str) -> Path:
        return self.job_dir(job_id) / "uploads" / f"{table_name.lower()}.vot"

    def save_upload(self, job_id: str, table_name: str, data: bytes) -> None:
        path = self.upload_path(job_id, table_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)

    def remove(self, job_id: str) -> None:
        shutil.rmtree(self.job_dir(job_id), ignore_errors=True)
