"""`apo init-demo`: simulate every collection and publish it, with mm.events and TAP_SCHEMA.

The simulation is deterministic (seeded), so two machines that run the same
command serve the same events. Before anything is written the command says how
much disk the demo will take and refuses a scale that does not fit; derived
tables (classifications) of the collections it replaces are dropped with their
metadata, since they were computed from the events being replaced.
"""
from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from ml import eventsim
from resources import TableDescriptor, load_raw_directory, parse_descriptor
from vo_service.db.base import Backend, rows_from_columns
from vo_service.publishing.catalog import read_raw_descriptor
from vo_service.publishing.collection import MM_SCHEMA, register

DEFAULT_SEED = 20261125
#: database bytes per simulated event, indexes and its mm.events row included
#: (measured: 40.4 MB for the 100,000 events of --scale 0.1 on SQLite)
DISK_BYTES_PER_EVENT = 404
#: the write-ahead log holds a collection's load until it is checkpointed, so a load needs about twice its size
LOAD_HEADROOM = 2.0


@dataclass(frozen=True)
class DemoPlan:
    """How many events the demo will make, and the disk they need."""

    counts: dict[str, int]
    bytes_needed: int
    bytes_free: int | None

    @property
    def events(self) -> int:
        return sum(self.counts.values())

    def describe(self) -> str:
        free = "unknown free space" if self.bytes_free is None else f"{_size(self.bytes_free)} free"
        return (f"{self.events:,} events in {len(self.counts)} collections: about "
                f"{_size(self.bytes_needed)} of disk while loading ({free})")


def _size(n_bytes: int) -> str:
    return f"{n_bytes / 1e9:,.1f} GB" if n_bytes >= 1e9 else f"{n_bytes / 1e6:,.0f} MB"


def plan_demo(backend: Backend, scale: float) -> DemoPlan:
    """The demo's size at this scale; ValueError when it cannot fit on the database's disk."""
    counts = eventsim.default_counts(scale)
    needed = int(sum(counts.values()) * DISK_BYTES_PER_EVENT * LOAD_HEADROOM)
    folder = backend.storage_folder()
    free = None if folder is None else shutil.disk_usage(_existing(folder)).free
    plan = DemoPlan(counts, needed, free)
    if free is not None and needed > free:
        raise ValueError(f"--scale {scale:g} would make {plan.describe()}; choose a smaller scale or free space "
                         f"in {folder}")
    return plan


def _existing(folder: Path) -> Path:
    """The folder, or its nearest existing parent (SQLite creates the file's folder on the first write)."""
    return next(p for p in (folder, *folder.parents) if p.exists())


def drop_derived_tables(backend: Backend, raws: dict[str, dict]) -> list[str]:
    """Drop the tables a published collection has beyond its descriptor file (derived tables such as
    taiga_iact.classification): they were computed from the events the demo now replaces."""
    dropped = []
    for rid, raw in raws.items():
        stored = read_raw_descriptor(backend, rid)
        declared = {table["name"] for table in raw["tables"]}
        for table in (stored or {}).get("tables", []):
            if table["name"] not in declared:
                backend.drop_table(rid, table["name"])
                dropped.append(f"{rid}.{table['name']}")
    return dropped


def _interleaved(cid: str, n_events: int, seed: int, table: TableDescriptor, mm_table: TableDescriptor,
                 bar: tqdm) -> Iterator[tuple[TableDescriptor, Sequence[tuple]]]:
    for batch in eventsim.simulate(cid, n_events, seed=seed):
        yield table, rows_from_columns(table.columns, batch)
        yield mm_table, rows_from_columns(mm_table.columns, eventsim.mm_rows(cid, batch))
        bar.update(len(batch[table.columns[0].name]))


def init_demo(backend: Backend, *, scale: float = 1.0, seed: int | None = None,
              resource_dir: Path | None = None, show_progress: bool = True,
              say: Callable[[str], None] = print) -> dict[str, int]:
    """Create and fill the demo database; returns events per collection. `say` hears what is about to happen."""
    seed = DEFAULT_SEED if seed is None else seed
    raws = load_raw_directory(resource_dir)
    if MM_SCHEMA not in raws:
        raise ValueError("resources/ has no descriptor for mm.events (id 'mm')")
    plan = plan_demo(backend, scale)
    counts = plan.counts
    unknown = sorted(set(counts) - set(raws))
    if unknown:
        raise ValueError(f"no resource descriptor for simulated collection(s) {unknown}")
    say(f"simulating {plan.describe()}")
    for name in drop_derived_tables(backend, {rid: raws[rid] for rid in [MM_SCHEMA, *counts]}):
        say(f"dropped {name}: it was derived from the events now replaced (derive it again, e.g. apo ml classify)")
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
