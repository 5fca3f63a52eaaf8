"""`apo ingest COLLECTION PATH...`: raw files into a raw collection's table, published through TAP.

The database-independent work (reading, deriving, checksums, quarantine) is
`formats.ingest`; this module gives it a sink over a Backend: the rows of a
file and its line in the private ingest log `apo.ingested_files` go in one
`load_stream` transaction, so a file is either fully in the table and the log,
or in neither (also after a crash or kill), and a logged checksum is never
ingested again.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path

import numpy as np
from tqdm import tqdm

from formats.ingest.run import IngestSummary, ingest_files
from formats.ingest.sink import SourceFile
from resources import TableDescriptor, load_raw_directory, parse_descriptor, system_resource
from vo_service.db.base import Backend, rows_from_columns
from vo_service.publishing.catalog import now_iso
from vo_service.publishing.collection import register

DEFAULT_QUARANTINE = Path("var/quarantine")
INGEST_LOG = system_resource("apo").table("ingested_files")


class BackendSink:
    """formats.ingest.sink.IngestSink over a Backend, for one raw collection's table."""

    def __init__(self, backend: Backend, collection: str, table: TableDescriptor) -> None:
        self.backend = backend
        self.collection = collection
        self.table = table
        if not backend.table_exists(INGEST_LOG.schema, INGEST_LOG.name):
            backend.create_table(INGEST_LOG, replace=False)
            backend.create_indexes(INGEST_LOG)
        if not backend.table_exists(table.schema, table.name):
            backend.create_table(table, replace=False)

    def ingested(self, sha256: str) -> bool:
        log = self.backend.quoted_name(INGEST_LOG.schema, INGEST_LOG.name)
        mark = self.backend.placeholder
        found = self.backend.fetch_all(f"SELECT 1 FROM {log} WHERE collection = {mark} AND sha256 = {mark}",
                                       (self.collection, sha256))
        return bool(found)

    def write_file(self, source: SourceFile, batches: Iterable[Mapping[str, np.ndarray]]) -> int:
        written = 0

        def items() -> Iterator[tuple[TableDescriptor, Sequence[tuple]]]:
            nonlocal written
            for batch in batches:
                rows = rows_from_columns(self.table.columns, batch)
                written += len(rows)
                yield self.table, rows
            yield INGEST_LOG, [(self.collection, source.sha256, source.path, source.size, written, now_iso())]

        self.backend.load_stream(items())
        return written


def format_takers(collection: str, resource_dir: Path | None = None) -> dict[str, str]:
    """The collection that takes each raw format (this one for its own), for refusing files of another format."""
    takers: dict[str, list[str]] = {}
    for rid, raw in sorted(load_raw_directory(resource_dir).items()):
        if raw.get("raw_format"):
            takers.setdefault(raw["raw_format"], []).append(rid)
    return {name: collection if collection in rids else " or ".join(rids) for name, rids in takers.items()}


def raw_collection(collection: str, resource_dir: Path | None = None) -> tuple[dict, str]:
    """The raw descriptor of a collection that takes raw files, and its raw format."""
    raws = load_raw_directory(resource_dir)
    takers = sorted(rid for rid, raw in raws.items() if raw.get("raw_format"))
    if collection not in raws or not raws[collection].get("raw_format"):
        raise ValueError(f"collection {collection!r} takes no raw files; those that do: {', '.join(takers)}")
    return raws[collection], raws[collection]["raw_format"]


def expand_paths(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a directory stands for the regular files directly in it, sorted by name."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def ingest_collection(backend: Backend, collection: str, paths: Sequence[Path], *,
                      quarantine_dir: Path | None = DEFAULT_QUARANTINE, day: date | None = None,
                      resource_dir: Path | None = None, show_progress: bool = True,
                      chunk_records: int = 200_000) -> IngestSummary:
    """Ingest raw files into a raw collection, index its table and (re)publish it."""
    raw, format_name = raw_collection(collection, resource_dir)
    descriptor = parse_descriptor(raw)
    table = descriptor.tables[0]
    site = descriptor.site
    if site is None:
        raise ValueError(f"the descriptor of {collection!r} has no site")
    files = expand_paths(paths)
    sink = BackendSink(backend, collection, table)
    total = sum(p.stat().st_size for p in files if p.is_file())
    with tqdm(total=total, unit="B", unit_scale=True, desc=f"ingesting into {collection}",
              disable=not show_progress) as bar:
        summary = ingest_files(files, format_name=format_name, sink=sink,
                               site=site, day=day,
                               quarantine_dir=quarantine_dir, chunk_records=chunk_records, progress=bar.update,
                               takers=format_takers(collection, resource_dir))
    backend.create_indexes(table)
    register(backend, raw)
    return summary
