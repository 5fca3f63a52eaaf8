"""Putting a collection on line: tables, rows, indexes, mm.events membership, TAP_SCHEMA.

Every way data enters the service (the demo, ingest of raw files, `apo publish`,
ML classifications) ends here, so TAP_SCHEMA and the registry never disagree
with what is in the database.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import numpy as np

from resources import ResourceDescriptor, TableDescriptor, parse_descriptor
from vo_service.db.base import Backend
from vo_service.publishing import tap_schema
from vo_service.publishing.catalog import read_descriptors, store_descriptor

ColumnBatches = Iterable[Mapping[str, np.ndarray]]
Progress = Callable[[int], None]

MM_SCHEMA = "mm"


def rebuild_tap_schema(backend: Backend) -> None:
    """Regenerate the TAP_SCHEMA tables from the stored public descriptors."""
    public = [d for d in read_descriptors(backend) if d.is_public]
    rows = tap_schema.rows(public)
    for table in tap_schema.TABLES:
        backend.create_table(table, replace=True)
        backend.load_rows(table, [rows[table.name]])


def _counted(batches: ColumnBatches, progress: Progress | None) -> ColumnBatches:
    for batch in batches:
        yield batch
        if progress is not None:
            progress(len(next(iter(batch.values()))))


def load_table(backend: Backend, table: TableDescriptor, batches: ColumnBatches,
               progress: Progress | None = None) -> int:
    """(Re)create one table from column batches and index it after the load (faster)."""
    backend.create_table(table, replace=True)
    count = backend.load_columns(table, _counted(batches, progress))
    backend.create_indexes(table)
    return count


def ensure_mm_table(backend: Backend, mm: ResourceDescriptor) -> TableDescriptor:
    table = mm.table("events")
    if not backend.table_exists(MM_SCHEMA, "events"):
        backend.create_table(table, replace=False)
        backend.create_indexes(table)
    return table


def replace_mm_rows(backend: Backend, mm_table: TableDescriptor, collection: str, batches: ColumnBatches) -> int:
    """A collection's rows in mm.events are replaced whole when it is republished."""
    backend.execute(
        f"DELETE FROM {backend.quoted_name(MM_SCHEMA, 'events')} WHERE collection = {backend.placeholder}",
        (collection,),
    )
    return backend.load_columns(mm_table, batches)


def register(backend: Backend, raw_descriptor: dict) -> ResourceDescriptor:
    """Store the descriptor and refresh TAP_SCHEMA: the collection is now published."""
    descriptor = parse_descriptor(raw_descriptor)
    store_descriptor(backend, raw_descriptor)
    rebuild_tap_schema(backend)
    return descriptor
