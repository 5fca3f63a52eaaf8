"""`apo init-demo`: simulate every collection and publish it, with mm.events and TAP_SCHEMA.

The simulation is deterministic (seeded), so two machines that run the same
command serve the same events.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterator, Sequence

from tqdm import tqdm

from ml import eventsim
from vo_service.db.base import Backend, rows_from_columns
from resources import TableDescriptor, load_raw_directory, parse_descriptor
from vo_service.publishing.collection import MM_SCHEMA, register

DEFAULT_SEED = 20261125


def _interleaved(cid: str, n_events: int, seed: int, table: TableDescriptor, mm_table: TableDescriptor,
                 bar: tqdm) -> Iterator[tuple[TableDescriptor, Sequence[tuple]]]:
    for batch in eventsim.simulate(cid, n_events, seed=seed):
        yield table, rows_from_columns(table.columns, batch)
        yield mm_table, rows_from_columns(mm_table.columns, eventsim.mm_rows(cid, batch))
        bar.update(len(batch[table.columns[0].name]))


def init_demo(backend: Backend, *, scale: float = 1.0, seed: int | None = None,
              resource_dir: Path | None = None, show_progress: bool = True) -> dict[str, int]:
    """Create and fill the demo database; returns events per collection."""
    seed = DEFAULT_SEED if seed is None else seed
    raws = load_raw_directory(resource_dir)
    if MM_SCHEMA not in raws:
        raise ValueError("resources/ has no descriptor for mm.events (id 'mm')")
    counts = eventsim.default_counts(scale)
    unknown = sorted(set(counts) - set(raws))
    if unknown:
        raise ValueError(f"no resource descriptor for simulated collection(s) {unknown}")
    mm_table = parse_descriptor(raws[MM_SCHEMA]).table("events")
    backend.create_table(mm_table, replace=True)
    loaded = {}
    with tqdm(total=sum(counts.values()), unit=" events", desc="simulating and loading",
              disable=not show_progress, unit_scale=True) as bar:
        for cid, n_events in counts.items():
            table = parse_descriptor(raws[cid]).table("events")
            bar.set_postfix_str(cid)
            backend.create_table(table, replace=True)
            written = backend.load_stream(_interleaved(cid, n_events, seed, table, mm_table, bar))
            loaded[cid] = written.get(table.qualified_name, 0)
    with tqdm(total=len(counts) + 1, desc="indexing", disable=not show_progress) as bar:
        for cid in counts:
            backend.create_indexes(parse_descriptor(raws[cid]).table("events"))
            bar.update()
        backend.create_indexes(mm_table)
        bar.update()
    for rid in [MM_SCHEMA, *counts]:
        register(backend, raws[rid])
    return loaded
