"""The seam between ingest and a database: what ingest needs, nothing more.

`formats` must not import `vo_service`, so ingest talks to a sink; the service
implements it over its Backend (`vo_service.publishing.ingest.BackendSink`), tests may
implement it over anything that keeps the same promises.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

import numpy as np


@dataclass(frozen=True)
class SourceFile:
    """A raw file about to be ingested, identified by its content."""

    path: str
    sha256: str
    size: int


class IngestSink(Protocol):
    """Where the rows of raw files go."""

    def ingested(self, sha256: str) -> bool:
        """Whether a file with this checksum was already ingested into this collection."""

    def write_file(self, source: SourceFile, batches: Iterable[Mapping[str, np.ndarray]]) -> int:
        """Write all rows of one file and its bookkeeping record in ONE transaction; return the row count.

        If iterating batches raises, nothing of the file may remain written.
        """
