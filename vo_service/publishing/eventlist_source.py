"""Reading the source event lists of `apo publish`: FITS, CSV, VOTable, any astropy ASCII format, JSON columns.

Each source file becomes a dict of numpy columns (masked where values are
missing) and its header keywords, for the mapping expressions. `${SHARED}`
in a path is the shared reference data: $APO_SHARED, else the first folder
named `shared` beside the descriptor or beside one of its parent folders (so
`resources/examples/*.yaml` of a checkout find `../shared` next to it); other
relative paths are relative to the descriptor.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from astropy.table import Table

SHARED_DIR_NAME = "shared"


@dataclass(frozen=True)
class SourceTable:
    path: Path
    columns: dict[str, np.ndarray]
    meta: dict[str, Any]


def shared_dir(descriptor_dir: Path) -> Path:
    """$APO_SHARED, else the nearest `shared/` beside the descriptor's folder or an ancestor of it."""
    if os.environ.get("APO_SHARED"):
        return Path(os.environ["APO_SHARED"])
    start = descriptor_dir.resolve()
    for folder in (start, *start.parents):
        candidate = folder / SHARED_DIR_NAME
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"no '{SHARED_DIR_NAME}' folder beside {start} or its parents: set APO_SHARED to the "
                            "folder that holds the reference data")


def resolve(path_text: str, descriptor_dir: Path) -> Path:
    text = str(path_text)
    if "${SHARED}" in text:
        text = text.replace("${SHARED}", str(shared_dir(descriptor_dir)))
    path = Path(text)
    return path if path.is_absolute() else descriptor_dir / path


def _astropy_table(path: Path, source: dict) -> Table:
    options = dict(source.get("read") or {})
    fmt = {"csv": "ascii.csv"}.get(source.get("format"), source.get("format"))
    replace = source.get("replace") or {}
    if replace:
        text = path.read_text(encoding="utf-8")
        for old, new in replace.items():
            text = text.replace(old, new)
        return Table.read(text, format=fmt, **options)
    return Table.read(path, format=fmt, **options)


def read_source(path: Path, source: dict) -> SourceTable:
    """One source file as columns and header keywords, with a clear error when it cannot be read."""
    if not path.is_file():
        raise FileNotFoundError(f"source file {path} does not exist")
    try:
        if source.get("format") == "json":
            data = json.loads(path.read_text(encoding="utf-8"))
            table = Table({name: np.asarray(values) for name, values in data.items()})
        else:
            table = _astropy_table(path, source)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ValueError(f"cannot read {path} as {source.get('format')!r}: {exc}") from None
    columns = {name: np.ma.asarray(table[name]) for name in table.colnames}
    return SourceTable(path, columns, dict(table.meta))
