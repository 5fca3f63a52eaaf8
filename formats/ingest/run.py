"""Ingest raw files one by one: checksum, skip what is known, one transaction per file, quarantine the bad.

A file is taken whole or not at all: its rows stream into the sink inside one
transaction, and the first damaged record aborts it (the transaction rolls
back), after which every problem of the file is listed (file, byte offset,
reason), the file is moved to quarantine and ingest goes on with the next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

import formats.fast as fast
from formats.fast.errors import CorruptRecord, RawFormatError
from formats.ingest.dates import date_from_name, mjd_of_date
from formats.ingest.files import quarantine, sha256_of
from formats.ingest.raw_rows import FileContext, RawRows
from formats.ingest.sink import IngestSink, SourceFile
from celestial.sites import Site

Progress = Callable[[int], None]
MAX_LISTED_PROBLEMS = 100


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: ingested, skipped (already there) or rejected."""

    path: str
    status: str
    rows: int = 0
    problems: tuple[CorruptRecord, ...] = ()
    message: str = ""
    moved_to: str | None = None

    def line(self) -> str:
        if self.status == "ingested":
            return f"ingested {self.path}: {self.rows:,} rows"
        if self.status == "skipped":
            return f"skipped  {self.path}: {self.message}"
        where = f"; moved to {self.moved_to}" if self.moved_to else ""
        first = f": byte {self.problems[0].offset}: {self.problems[0].reason}" if self.problems else ""
        note = f"; {self.message}" if self.message else ""
        more = f" (+{len(self.problems) - 1} more problems)" if len(self.problems) > 1 else ""
        return f"REJECTED {self.path}{first}{more}{where}{note}"


@dataclass
class IngestSummary:
    """All outcomes of one ingest run."""

    outcomes: list[FileOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def rows(self) -> int:
        return sum(o.rows for o in self.outcomes)

    @property
    def rejected(self) -> bool:
        return self.count("rejected") > 0

    def lines(self) -> list[str]:
        return [*(o.line() for o in self.outcomes),
                f"{self.count('ingested')} file(s) ingested ({self.rows:,} rows), {self.count('skipped')} skipped "
                f"as already ingested, {self.count('rejected')} rejected"]


class _Meter:
    """Reports the bytes of a file as they are passed, and the rest of it when the file is done."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.done = 0

    def advance_to(self, offset: int) -> None:
        if self.progress is not None and offset > self.done:
            self.progress(offset - self.done)
            self.done = offset


def _batches(format_name: str, path: Path, context: FileContext, chunk_records: int,
             meter: _Meter) -> Iterator[dict[str, np.ndarray]]:
    rows = RawRows(format_name, context)
    for batch in fast.read_columns(format_name, path, chunk_records=chunk_records, errors="raise"):
        yield rows(batch)
        if len(batch):
            meter.advance_to(int(batch.offsets[-1]))


def _problems(format_name: str, path: Path, first: CorruptRecord) -> tuple[CorruptRecord, ...]:
    """Every problem of a rejected file (at most MAX_LISTED_PROBLEMS), the one that stopped ingest first."""
    found = fast.validate(format_name, path)[:MAX_LISTED_PROBLEMS]
    return tuple(found) if found else (first,)


def _reject(path: Path, problems: Sequence[CorruptRecord], quarantine_dir: Path | None) -> FileOutcome:
    moved = None
    message = ""
    if quarantine_dir is not None:
        try:
            moved = str(quarantine(path, quarantine_dir, problems))
        except OSError as exc:
            message = f"could not move it to quarantine: {exc}"
    return FileOutcome(str(path), "rejected", problems=tuple(problems), message=message, moved_to=moved)


def ingest_file(path: Path, *, format_name: str, sink: IngestSink, site: Site, day: date | None = None,
                quarantine_dir: Path | None = None, chunk_records: int = fast.engine.DEFAULT_CHUNK_RECORDS,
                progress: Progress | None = None) -> FileOutcome:
    """Ingest one raw file into the sink (see the module docstring)."""
    meter = _Meter(progress)
    size = path.stat().st_size if path.is_file() else 0
    try:
        return _ingest(path, format_name, sink, site, day, quarantine_dir, chunk_records, meter)
    finally:
        meter.advance_to(size)


def _ingest(path: Path, format_name: str, sink: IngestSink, site: Site, day: date | None,
            quarantine_dir: Path | None, chunk_records: int, meter: _Meter) -> FileOutcome:
    if not path.is_file():
        return FileOutcome(str(path), "rejected", message="no such file")
    try:
        size = path.stat().st_size
        sha256 = sha256_of(path)
    except OSError as exc:
        return FileOutcome(str(path), "rejected", message=f"cannot read it: {exc.strerror or exc}")
    if sink.ingested(sha256):
        return FileOutcome(str(path), "skipped", message=f"same content (sha256 {sha256[:16]}...) already ingested")
    if size == 0:
        return _reject(path, [CorruptRecord(str(path), 0, "empty file: no records")], quarantine_dir)
    day = day or date_from_name(path.name)
    context = FileContext(path.name, site, None if day is None else mjd_of_date(day))
    source = SourceFile(str(path.resolve()), sha256, size)
    try:
        rows = sink.write_file(source, _batches(format_name, path, context, chunk_records, meter))
    except RawFormatError as exc:
        return _reject(path, _problems(format_name, path, exc.problem), quarantine_dir)
    return FileOutcome(str(path), "ingested", rows=rows)


def ingest_files(paths: Sequence[Path], *, format_name: str, sink: IngestSink, site: Site, day: date | None = None,
                 quarantine_dir: Path | None = None, chunk_records: int = fast.engine.DEFAULT_CHUNK_RECORDS,
                 progress: Progress | None = None) -> IngestSummary:
    """Ingest files in the given order; a rejected file never stops the others."""
    summary = IngestSummary()
    for path in paths:
        outcome = ingest_file(Path(path), format_name=format_name, sink=sink, site=site, day=day,
                              quarantine_dir=quarantine_dir, chunk_records=chunk_records, progress=progress)
        summary.outcomes.append(outcome)
    return summary
