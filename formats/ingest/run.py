"""Ingest raw files one by one: checksum, skip what is known, one transaction per file, quarantine the bad.

A file is taken whole or not at all: its rows stream into the sink inside one
transaction, and the first damaged record aborts it (the transaction rolls
back), after which every problem of the file is listed (file, byte offset,
reason), the file is moved to quarantine and ingest goes on with the next.
A file of another raw format (`formats.ingest.detect`) is refused and left
where it is: it is not damaged, it was given to the wrong collection.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

import formats.fast as fast
from celestial.sites import Site
from formats.fast.errors import CorruptRecord, RawFormatError
from formats.ingest.dates import date_from_name, mjd_of_date
from formats.ingest.detect import FORMAT_TITLES, other_format
from formats.ingest.files import quarantine, sha256_of
from formats.ingest.raw_rows import FileContext, RawRows
from formats.ingest.sink import IngestSink, SourceFile

Progress = Callable[[int], None]
MAX_LISTED_PROBLEMS = 100


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file: ingested, skipped (already there), rejected (damaged) or refused (another format)."""

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
        if self.status == "refused":
            return f"REFUSED  {self.path}: {self.message}; the file was left where it is"
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
        """Whether any file was not taken: rejected as damaged or refused as another format."""
        return self.count("rejected") + self.count("refused") > 0

    def lines(self) -> list[str]:
        return [*(o.line() for o in self.outcomes),
                f"{self.count('ingested')} file(s) ingested ({self.rows:,} rows), {self.count('skipped')} skipped "
                f"as already ingested, {self.count('rejected')} rejected, {self.count('refused')} refused "
                f"as another format"]


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


def _refusal(path: Path, format_name: str, found: str, told_by: str, takers: Mapping[str, str]) -> str:
    """Why a file of another format is refused, and which collection takes it."""
    looks = f"{path.name} looks like a {FORMAT_TITLES[found]} file"
    if told_by == "name":
        looks += " by its name (its content reads as no known format)"
    own = f"collection {takers[format_name]}" if format_name in takers else "this collection"
    title = FORMAT_TITLES[found]
    target = f"ingest it into {takers[found]}" if found in takers else f"no collection takes {title} files"
    return f"{looks}; {own} takes {FORMAT_TITLES[format_name]} files; {target}"


def ingest_file(path: Path, *, format_name: str, sink: IngestSink, site: Site, day: date | None = None,
                quarantine_dir: Path | None = None, chunk_records: int = fast.engine.DEFAULT_CHUNK_RECORDS,
                progress: Progress | None = None, takers: Mapping[str, str] | None = None) -> FileOutcome:
    """Ingest one raw file into the sink (see the module docstring).

    takers: the collection that takes each raw format, named when a file of another format is refused.
    """
    meter = _Meter(progress)
    size = path.stat().st_size if path.is_file() else 0
    try:
        return _ingest(path, format_name, sink, site, day, quarantine_dir, chunk_records, meter, takers or {})
    finally:
        meter.advance_to(size)


def _ingest(path: Path, format_name: str, sink: IngestSink, site: Site, day: date | None,
            quarantine_dir: Path | None, chunk_records: int, meter: _Meter, takers: Mapping[str, str]) -> FileOutcome:
    if not path.is_file():
        return FileOutcome(str(path), "rejected", message="no such file")
    try:
        other = other_format(path, format_name)
        if other is not None:
            return FileOutcome(str(path), "refused", message=_refusal(path, format_name, *other, takers))
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
                 progress: Progress | None = None, takers: Mapping[str, str] | None = None) -> IngestSummary:
    """Ingest files in the given order; a rejected or refused file never stops the others."""
    summary = IngestSummary()
    for path in paths:
        outcome = ingest_file(Path(path), format_name=format_name, sink=sink, site=site, day=day,
                              quarantine_dir=quarantine_dir, chunk_records=chunk_records, progress=progress,
                              takers=takers)
        summary.outcomes.append(outcome)
    return summary
