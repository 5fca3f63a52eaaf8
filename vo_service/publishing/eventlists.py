"""`apo publish DESCRIPTOR.yaml`: an event list (FITS, CSV, VOTable, ASCII, JSON) becomes a published collection.

The descriptor is a normal resource descriptor with one table plus three
sections: `source` (files, format, astropy read options, text replacements),
`mapping` (every table column from a source column or an expression, see
vo_service.publishing.eventlist_expressions) and `mm` (how the collection's rows enter
mm.events: expressions over the published columns; by default the column of
the same name, NULL where there is none). One command creates the table,
its mm.events rows, the stored descriptor and TAP_SCHEMA entries.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from resources import DescriptorError, TableDescriptor, default_resource_dir, load_raw, parse_descriptor, read_yaml
from vo_service.db.base import Backend
from vo_service.publishing.catalog import read_descriptors
from vo_service.publishing.collection import MM_SCHEMA, ensure_mm_table, load_table, register, replace_mm_rows
from vo_service.publishing.eventlist_expressions import Evaluator, MappingError
from vo_service.publishing.eventlist_source import SourceTable, read_source, resolve
from votable.datatypes import numpy_dtype

PUBLISH_SECTIONS = ("source", "mapping", "mm")
MM_VALUES = ("event_id", "obs_mjd", "ra", "dec", "pos_err", "energy")


@dataclass(frozen=True)
class Published:
    collection: str
    rows: int
    mm_rows: int


def _cast(values: object, datatype: str, n: int, target: str) -> np.ndarray:
    """values (column, scalar or None) as an n-row column of the descriptor's datatype; masked = NULL."""
    if values is None:
        return np.ma.masked_all(n, dtype=float if datatype not in ("char", "unicodeChar") else object)
    array = np.ma.asarray(values)
    if array.ndim == 0:
        array = np.ma.asarray(np.full(n, array.item()))
    if array.shape != (n,):
        raise MappingError(f"mapping of {target!r} gives shape {array.shape}, expected ({n},)")
    if datatype in ("char", "unicodeChar"):
        text = np.array([str(v).strip() for v in array.filled("").tolist()], dtype=object)
        return np.ma.array(text, mask=np.ma.getmaskarray(array))
    try:
        cast = array.astype(numpy_dtype(datatype))
    except (TypeError, ValueError) as exc:
        raise MappingError(f"mapping of {target!r} does not give {datatype} values ({exc})") from None
    if cast.dtype.kind == "f":
        cast = np.ma.masked_invalid(cast)
    return cast


def _mapped(table: TableDescriptor, mapping: dict, source: SourceTable, first_row: int) -> dict[str, np.ndarray]:
    missing = [c.name for c in table.columns if c.name not in mapping]
    unknown = sorted(set(mapping) - {c.name for c in table.columns})
    if missing or unknown:
        raise DescriptorError(f"mapping must give every column of {table.qualified_name}: "
                              f"missing {missing}, not in the table {unknown}")
    evaluate = Evaluator(source.columns, source.meta, first_row)
    n = evaluate.n_rows
    return {c.name: _cast(evaluate(mapping[c.name], c.name), c.datatype, n, c.name) for c in table.columns}


def _mm_columns(raw: dict, mm_table: TableDescriptor, rows: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    spec = raw.get("mm") or {}
    unknown = sorted(set(spec) - {"messenger", "facility", *MM_VALUES})
    if unknown:
        raise DescriptorError(f"mm: unknown key(s) {unknown}; use messenger, facility, {', '.join(MM_VALUES)}")
    n = len(next(iter(rows.values())))
    evaluate = Evaluator(rows, {})
    values = {
        "messenger": spec.get("messenger") or raw.get("messenger"),
        "facility": spec.get("facility") or raw.get("facility"),
        "collection": raw["id"],
        **{name: spec.get(name, name if name in rows else None) for name in MM_VALUES},
    }
    if not values["messenger"] or not values["facility"]:
        raise DescriptorError("mm.events needs a messenger and a facility (in the descriptor or its mm section)")
    return {c.name: _cast(values[c.name] if c.name in ("messenger", "facility", "collection")
                          else evaluate(values[c.name], f"mm.{c.name}"), c.datatype, n, f"mm.{c.name}")
            for c in mm_table.columns}


def load_publish_descriptor(path: Path) -> tuple[dict, list[Path]]:
    """The descriptor as a mapping and its source files, checked before anything is written."""
    raw = read_yaml(path)
    if not isinstance(raw, dict) or not isinstance(raw.get("source"), dict) or not isinstance(raw.get("mapping"),
                                                                                               dict):
        raise DescriptorError(f"{path}: needs a 'source' section and a 'mapping' section")
    try:
        descriptor = parse_descriptor({k: v for k, v in raw.items() if k not in PUBLISH_SECTIONS}, source=path)
    except (TypeError, AttributeError) as exc:
        raise DescriptorError(f"{path}: malformed descriptor ({exc})") from None
    if len(descriptor.tables) != 1:
        raise DescriptorError(f"{path}: an event list fills exactly one table, not {len(descriptor.tables)}")
    files = raw["source"].get("files") or []
    if not files:
        raise DescriptorError(f"{path}: source.files lists no file")
    return raw, [resolve(f, path.parent) for f in files]


def publish(backend: Backend, path: Path, resource_dir: Path | None = None) -> Published:
    """Import the event list of a publish descriptor into a new (or replaced) collection."""
    raw, files = load_publish_descriptor(path)
    resource = {k: v for k, v in raw.items() if k not in PUBLISH_SECTIONS}
    table = parse_descriptor(resource).tables[0]
    mm_raw = load_raw((resource_dir or default_resource_dir()) / f"{MM_SCHEMA}.yaml")
    mm_table = parse_descriptor(mm_raw).table("events")
    batches, first_row = [], 1
    for file in files:
        rows = _mapped(table, raw["mapping"], read_source(file, raw["source"]), first_row)
        batches.append((rows, _mm_columns(raw, mm_table, rows)))
        first_row += len(next(iter(rows.values())))
    rows_written = load_table(backend, table, (rows for rows, _ in batches))
    ensure_mm_table(backend, parse_descriptor(mm_raw))
    mm_written = replace_mm_rows(backend, mm_table, raw["id"], (mm for _, mm in batches))
    if MM_SCHEMA not in {d.id for d in read_descriptors(backend)}:
        register(backend, mm_raw)
    register(backend, resource)
    return Published(raw["id"], rows_written, mm_written)
