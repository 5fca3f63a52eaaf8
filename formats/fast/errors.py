"""Corruption reports: every problem names the file and the byte offset, so ingest can skip or quarantine."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CorruptRecord:
    """One damaged record or region of a raw file."""

    path: str
    offset: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: byte {self.offset}: {self.reason}"


class RawFormatError(ValueError):
    """A raw file cannot be read as the requested format; carries the first problem found."""

    def __init__(self, problem: CorruptRecord) -> None:
        super().__init__(str(problem))
        self.problem = problem


class BadRecord(Exception):
    """Raised by a format's layout scan when the bytes at an offset are not a valid record."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
